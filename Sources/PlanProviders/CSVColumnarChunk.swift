#if canImport(Glibc)
import Glibc
#endif
import PlanCore
import PlanExec

/// The fast path for one chunk of a CSV file: a first pass finds every field's bounds
/// (the next delimiter, newline or quote found eight bytes at a time), then each projected
/// column is parsed on its own into a buffer of exactly the rows found (no builder, no
/// per-field enum or array bookkeeping).
///
/// It takes only chunks it can read exactly as ``CSVReader`` would: quoted fields without
/// `""` escapes and not empty, no `null` option, every record of the table's width, every
/// field in the fast shape of its column's type (``TextInput``'s fast forms, which read
/// a field as `CAST` does). Anything else returns nil and the caller parses the chunk
/// with the reader, which reads every field through ``TextInput`` and words any error.
struct CSVColumnarChunk {
    /// Each field's first byte and the byte after it (offsets into the chunk's bytes),
    /// `width` fields per record.
    private var bounds: [Int32] = []
    let width: Int

    /// Offset after the last record taken, and the newlines consumed (blank lines and
    /// newlines inside quotes too).
    private(set) var end = 0
    private(set) var lines = 0
    private(set) var rows = 0

    /// Splits the records of `bytes` that start before `limit`; `atEndOfFile` when
    /// `bytes` runs to the end of the file (a last record may lack its newline).
    init?(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int, atEndOfFile: Bool, width: Int, delimiter: UInt8) {
        self.width = width
        let n = bytes.count
        guard let base = bytes.baseAddress, width > 0, n < Int(Int32.max) else { return nil }
        let quote = UInt8(ascii: "\"")
        bounds.reserveCapacity(limit / 3 + 64)
        var rowStart = 0, fieldStart = 0, fields = 0, rows = 0, lines = 0
        /// Where the current field's closing quote is (-1: not quoted).
        var closingQuote = -1

        let splat = { (c: UInt8) -> UInt64 in UInt64(c) &* 0x0101_0101_0101_0101 }
        let delimiters = splat(delimiter), newlines = splat(10), quotes = splat(quote)
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        /// The first delimiter, newline or quote at or after `from`. In each word a byte is
        /// zero in `x`, `y` or `z` exactly where it matched (an exact zero-byte test).
        func nextHit(_ from: Int) -> Int? {
            var i = from
            while i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let x = word ^ delimiters, y = word ^ newlines, z = word ^ quotes
                let zeros = ~(((x & low7) &+ low7) | x | low7) | ~(((y & low7) &+ low7) | y | low7)
                    | ~(((z & low7) &+ low7) | z | low7)
                if zeros != 0 { return i + zeros.trailingZeroBitCount >> 3 }
                i += 8
            }
            while i < n {
                let c = base[i]
                if c == delimiter || c == 10 || c == quote { return i }
                i += 1
            }
            return nil
        }
        /// Ends the current field at `p` (a delimiter, a newline, or the end of the bytes):
        /// false when the record is not exactly `width` fields or the field is one this
        /// path leaves to the reader.
        func fieldEnd(_ p: Int, newline: Bool) -> Bool {
            var s = fieldStart, e = p
            if closingQuote >= 0 {
                s += 1
                e = closingQuote
                if e == s { return false }  // "" is an empty string, not NULL: the reader's.
            } else if newline, e > s, base[e - 1] == 13 {
                e -= 1
            }
            if newline, fields == 0, closingQuote < 0, e == rowStart {
                // A blank line: skipped, as the reader does.
                rowStart = p + 1
                fieldStart = p + 1
                return true
            }
            fields += 1
            if fields > width || (newline && fields != width) { return false }
            bounds.append(Int32(s))
            bounds.append(Int32(e))
            closingQuote = -1
            fieldStart = p + 1
            if newline {
                rows += 1
                fields = 0
                rowStart = p + 1
            }
            return true
        }
        var i = 0
        while rowStart < limit {
            guard let p = nextHit(i) else {
                // The bytes ran out inside a record: only a last record without its newline
                // is taken here (without a trailing CR, which the reader would keep).
                guard atEndOfFile, rowStart < n, closingQuote >= 0 || base[n - 1] != 13 else {
                    if rowStart < min(n, limit) { return nil }
                    break
                }
                lines += 1
                guard fieldEnd(n, newline: true) else { return nil }
                rowStart = n
                break
            }
            let c = base[p]
            if c == quote {
                // Only at a field's start, closed before the bytes end, not doubled, and
                // followed by a delimiter or line end.
                guard p == fieldStart, closingQuote < 0, p + 1 < n,
                      let found = memchr(base + p + 1, Int32(quote), n - p - 1) else { return nil }
                let q = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                if q + 1 < n {
                    let next = base[q + 1]
                    guard next == delimiter || next == 10 || (next == 13 && q + 2 < n && base[q + 2] == 10) else { return nil }
                } else if !atEndOfFile {
                    return nil
                }
                for k in (p + 1)..<q where base[k] == 10 { lines += 1 }
                closingQuote = q
                i = q + 1
                continue
            }
            if c == 10 { lines += 1 }
            guard fieldEnd(p, newline: c == 10) else { return nil }
            i = p + 1
        }
        end = rowStart
        self.lines = lines
        self.rows = rows
    }

    /// Field `column` of record `row`.
    @inline(__always)
    private func field(_ row: Int, _ column: Int, _ base: UnsafePointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let k = 2 * (row * width + column)
        let s = Int(bounds[k])
        return UnsafeBufferPointer(start: base + s, count: Int(bounds[k + 1]) - s)
    }

    /// The projected columns as a batch; nil when a field does not parse as its type.
    func batch(_ bytes: UnsafeBufferPointer<UInt8>, appender: CSVRecordAppender) -> RecordBatch? {
        guard let base = bytes.baseAddress else { return nil }
        var columns: [ColumnVector] = []
        columns.reserveCapacity(appender.projection.count)
        for (out, col) in appender.projection.enumerated() {
            guard let c = column(col, type: appender.types[out], base) else { return nil }
            columns.append(c)
        }
        return RecordBatch(schema: appender.schema, columns: columns, rowCount: rows)
    }

    private func column(_ col: Int, type: DataType, _ base: UnsafePointer<UInt8>) -> ColumnVector? {
        var nulls: [Int] = []
        /// Each row's value from `parse` (an empty field is NULL, stored as `zero`).
        func typed<T>(_ zero: T, _ parse: (UnsafeBufferPointer<UInt8>) -> T?) -> [T]? {
            var ok = true
            let values = [T].uninitialized(capacity: rows) { out, initialized in
                for r in 0..<rows {
                    let f = field(r, col, base)
                    if f.isEmpty {
                        nulls.append(r)
                        out[r] = zero
                    } else if let v = parse(f) {
                        out[r] = v
                    } else {
                        ok = false
                        initialized = r
                        return
                    }
                }
                initialized = rows
            }
            return ok ? values : nil
        }
        let values: ColumnValues
        switch type {
        case .int64:
            guard let a = typed(Int64(0), TextInput.int64) else { return nil }
            values = .int64(a)
        case .int32:
            guard let a = typed(Int32(0), { TextInput.int64($0).flatMap { Int32(exactly: $0) } }) else { return nil }
            values = .int32(a)
        case .date:
            guard let a = typed(Int32(0), TextInput.date) else { return nil }
            values = .date(a)
        case .decimal(let p, let s):
            guard let a = typed(Int128(0), { DecimalMath.parse(bytes: $0, precision: p, scale: s) }) else { return nil }
            values = .decimal(a)
        case .varchar, .char:
            values = .string(strings(col, base, nulls: &nulls))
        default:
            var builder = ColumnBuilder(type, capacity: rows)
            for r in 0..<rows {
                let f = field(r, col, base)
                if f.isEmpty { builder.appendNull(); continue }
                guard let v = try? TextInput.parse(bytes: f, as: type) else { return nil }
                _ = builder.append(v)
            }
            return builder.finish()
        }
        guard !nulls.isEmpty else { return ColumnVector(type, values) }
        var validity = Bitmap(count: rows, value: true)
        for r in nulls { validity.set(r, false) }
        return ColumnVector(type, values, validity: validity)
    }

    /// A string column: offsets from the fields' lengths, then the bytes copied in once.
    private func strings(_ col: Int, _ base: UnsafePointer<UInt8>, nulls: inout [Int]) -> StringArray {
        var total = 0
        let offsets = [Int32].uninitialized(capacity: rows + 1) { out, initialized in
            out[0] = 0
            for r in 0..<rows {
                let f = field(r, col, base)
                if f.isEmpty { nulls.append(r) }
                total += f.count
                out[r + 1] = Int32(truncatingIfNeeded: total)
            }
            initialized = rows + 1
        }
        guard total > 0 else { return StringArray(offsets: offsets, bytes: []) }
        let bytes = [UInt8].uninitialized(capacity: total) { out, initialized in
            guard let dst = out.baseAddress else { initialized = 0; return }
            var at = 0
            for r in 0..<rows {
                let f = field(r, col, base)
                if let src = f.baseAddress, !f.isEmpty { (dst + at).update(from: src, count: f.count) }
                at += f.count
            }
            initialized = at
        }
        return StringArray(offsets: offsets, bytes: bytes)
    }
}
