import PlanCore

/// A column as a table keeps it between queries, in less memory than the form operators
/// work on: decimals whose values all fit in 64 bits as `Int64` (half the bytes of
/// `Int128`), strings that repeat as one-byte codes into a dictionary of at most 256
/// entries; anything else as it is. ``vector(_:)`` gives the working form back, for the
/// whole column or a slice of it, each time a scan reads it, so the decoded copy lives
/// only as long as the batch flowing through the plan.
public enum CompactColumn: Sendable {
    case plain(ColumnVector)
    case decimal64(DataType, [Int64], validity: Bitmap?)
    case dictionary(DataType, codes: [UInt8], entries: StringArray, validity: Bitmap?)

    /// The column stored in the smallest of these forms that holds it exactly.
    public init(_ column: ColumnVector) {
        switch column.values {
        case .decimal(let a):
            if let narrow = Self.narrowed(a) { self = .decimal64(column.dataType, narrow, validity: column.validity); return }
        case .string(let s):
            if let (codes, entries) = Self.dictionaryEncoded(s) {
                self = .dictionary(column.dataType, codes: codes, entries: entries, validity: column.validity)
                return
            }
        default: break
        }
        self = .plain(column)
    }

    public var count: Int {
        switch self {
        case .plain(let c): c.count
        case .decimal64(_, let a, _): a.count
        case .dictionary(_, let codes, _, _): codes.count
        }
    }

    public var nullCount: Int {
        switch self {
        case .plain(let c): c.nullCount
        case .decimal64(_, _, let v), .dictionary(_, _, _, let v): v.map { $0.count - $0.setCount } ?? 0
        }
    }

    /// Bytes the stored form holds (buffers only).
    public var storedBytes: Int {
        switch self {
        case .plain(let c): c.byteSize
        case .decimal64(_, let a, let v): a.count * 8 + (v?.words.count ?? 0) * 8
        case .dictionary(_, let codes, let entries, let v):
            codes.count + entries.bytes.count + entries.offsets.count * 4 + (v?.words.count ?? 0) * 8
        }
    }

    /// The column as operators read it (rows `range`, all when nil).
    public func vector(_ range: Range<Int>? = nil) -> ColumnVector {
        let whole = 0..<count
        let r = range ?? whole
        switch self {
        case .plain(let c): return r == whole ? c : c.slice(r)
        case .decimal64(let type, let a, let validity):
            return ColumnVector(type, .decimal(Self.widened(a, r)), validity: r == whole ? validity : validity?.gathered(r, count: r.count))
        case .dictionary(let type, let codes, let entries, let validity):
            return ColumnVector(type, .string(Self.decoded(codes, r, entries)), validity: r == whole ? validity : validity?.gathered(r, count: r.count))
        }
    }

    /// The rows at `indices` (each in range), in that order, as operators read them.
    public func vector(at indices: [Int]) -> ColumnVector {
        switch self {
        case .plain(let c): return c.gather(indices)
        case .decimal64(let type, let a, let validity):
            return ColumnVector(type, .decimal(Self.widened(a, indices)), validity: validity?.gathered(indices, count: indices.count))
        case .dictionary(let type, let codes, let entries, let validity):
            return ColumnVector(type, .string(Self.decoded(codes, indices, entries)), validity: validity?.gathered(indices, count: indices.count))
        }
    }

    private static func widened<Rows: RandomAccessCollection>(_ a: [Int64], _ rows: Rows) -> [Int128] where Rows.Element == Int {
        a.withUnsafeBufferPointer { src in
            [Int128].uninitialized(capacity: rows.count) { out, n in
                var k = 0
                for i in rows { out[k] = Int128(src[i]); k += 1 }
                n = k
            }
        }
    }

    /// The values as `Int64`, or nil when one does not fit.
    private static func narrowed(_ a: [Int128]) -> [Int64]? {
        guard !a.isEmpty else { return nil }
        let lo = Int128(Int64.min), hi = Int128(Int64.max)
        return a.withUnsafeBufferPointer { src -> [Int64]? in
            for v in src where v < lo || v > hi { return nil }
            return [Int64].uninitialized(capacity: src.count) { out, n in
                for k in 0..<src.count { out[k] = Int64(truncatingIfNeeded: src[k]) }
                n = src.count
            }
        }
    }

    /// One code per string and the distinct strings in order of first appearance, when
    /// there are at most 256 of them and the codes and dictionary take under three
    /// quarters of the plain form's bytes.
    static func dictionaryEncoded(_ s: StringArray) -> (codes: [UInt8], entries: StringArray)? {
        let n = s.count
        guard n >= 16 else { return nil }
        var table = StringInterner()
        var codes = [UInt8](repeating: 0, count: n)
        let fits: Bool = s.withUnsafeLayout { layout in
            codes.withUnsafeMutableBufferPointer { out in
                guard let base = layout.bytes.baseAddress ?? UnsafePointer(bitPattern: 1) else { return false }
                for i in 0..<n {
                    let range = layout.range(i)
                    let code = table.code(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
                    guard code < 256 else { return false }
                    out[i] = UInt8(code)
                }
                return true
            }
        }
        guard fits else { return nil }
        let plain = s.bytes.count + s.offsets.count * 4
        let compact = n + table.strings.bytes.count + table.strings.offsets.count * 4
        return compact * 4 < plain * 3 ? (codes, table.strings) : nil
    }

    /// The strings of `codes` at `rows`: offsets from the entries' lengths, then each
    /// entry's bytes copied in.
    private static func decoded<Rows: RandomAccessCollection>(_ codes: [UInt8], _ rows: Rows, _ entries: StringArray) -> StringArray
    where Rows.Element == Int {
        let lengths = (0..<entries.count).map { Int32(entries.range($0).count) }
        let offsets = codes.withUnsafeBufferPointer { c in
            lengths.withUnsafeBufferPointer { len in
                [Int32].uninitialized(capacity: rows.count + 1) { out, n in
                    var total: Int32 = 0
                    var k = 1
                    out[0] = 0
                    for i in rows {
                        total += len[Int(c[i])]
                        out[k] = total
                        k += 1
                    }
                    n = k
                }
            }
        }
        let total = Int(offsets[rows.count])
        guard total > 0 else { return StringArray(offsets: offsets, bytes: []) }
        let bytes = codes.withUnsafeBufferPointer { c in
            entries.withUnsafeLayout { layout in
                [UInt8].uninitialized(capacity: total) { out, n in
                    guard let dst = out.baseAddress, let base = layout.bytes.baseAddress else { n = 0; return }
                    let starts = layout.offsets
                    var at = 0
                    for i in rows {
                        let e = Int(c[i])
                        let start = Int(starts[e]), length = Int(starts[e + 1]) - start
                        if length == 1 { dst[at] = base[start] } else if length > 0 { (dst + at).update(from: base + start, count: length) }
                        at += length
                    }
                    n = total
                }
            }
        }
        return StringArray(offsets: offsets, bytes: bytes)
    }
}

/// A batch as a table keeps it: each column in its ``CompactColumn`` form.
public struct CompactBatch: Sendable {
    public let schema: Schema
    public let columns: [CompactColumn]
    public let rowCount: Int
    /// Bytes of the batch once decoded (what a scan of all of it produces).
    public let byteSize: Int

    public init(_ batch: RecordBatch) {
        schema = batch.schema
        columns = batch.columns.map(CompactColumn.init)
        rowCount = batch.rowCount
        byteSize = batch.byteSize
    }

    private init(schema: Schema, columns: [CompactColumn], rowCount: Int, byteSize: Int) {
        self.schema = schema
        self.columns = columns
        self.rowCount = rowCount
        self.byteSize = byteSize
    }

    /// The same columns under another schema (names/qualifiers change, types do not).
    public func withSchema(_ schema: Schema) -> CompactBatch {
        CompactBatch(schema: schema, columns: columns, rowCount: rowCount, byteSize: byteSize)
    }

    /// Bytes held as stored.
    public var storedBytes: Int { columns.reduce(0) { $0 + $1.storedBytes } }

    /// What a scan with pushed filters returns from this batch: rows `range` that every
    /// filter keeps, columns `projection` (all when nil). Only the filters' columns are
    /// decoded for every row; the others only at the rows kept.
    public func scanned(projection: [Int]?, schema outSchema: Schema, range: Range<Int>,
                        filter: PushedFilterEvaluator) throws -> RecordBatch {
        if filter.isEmpty { return batch(projection: projection, schema: outSchema, range: range) }
        // Filters of one dictionary-coded column run on its entries; the other filters'
        // columns are decoded for every row.
        var coded: [Int: PushedFilterEvaluator.CodedColumn] = [:]
        for i in filter.codable {
            if case .dictionary(let type, let codes, let entries, nil) = columns[i] {
                coded[i] = .init(codes: codes, offset: range.lowerBound, entries: ColumnVector(type, .string(entries)))
            }
        }
        let decoded = filter.columns.subtracting(coded.keys)
        let inputs = columns.indices.map { i in
            decoded.contains(i) ? columns[i].vector(range) : ColumnVector(schema.fields[i].dataType, .null(count: range.count))
        }
        let probe = RecordBatch(schema: schema, columns: inputs, rowCount: range.count)
        let picked = projection ?? Array(columns.indices)
        guard let rows = try filter.selection(probe, coded: coded) else {
            return RecordBatch(schema: outSchema, columns: picked.map { decoded.contains($0) ? inputs[$0] : columns[$0].vector(range) },
                               rowCount: range.count)
        }
        let absolute = range.lowerBound == 0 ? rows : rows.map { $0 + range.lowerBound }
        return RecordBatch(schema: outSchema, columns: picked.map { i in
            decoded.contains(i) ? inputs[i].gather(rows) : columns[i].vector(at: absolute)
        }, rowCount: rows.count)
    }

    /// The columns at `projection` (all when nil), rows `range` (all when nil), decoded.
    public func batch(projection: [Int]? = nil, schema: Schema? = nil, range: Range<Int>? = nil) -> RecordBatch {
        let picked = projection.map { p in p.map { columns[$0] } } ?? columns
        let rows = range ?? 0..<rowCount
        return RecordBatch(schema: schema ?? self.schema.projected(projection), columns: picked.map { $0.vector(rows) },
                           rowCount: rows.count)
    }
}
