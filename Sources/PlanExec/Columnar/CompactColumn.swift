import PlanCore

/// A column as a table keeps it between queries, in less memory than the form operators
/// work on: integers, dates, timestamps and decimals in the fewest bytes that hold all
/// their values (``PackedIntegers``: an order key in 4 bytes instead of 8, a date in 2
/// instead of 4, a discount in 1 instead of a decimal's 16), strings that repeat as
/// one-byte codes into a dictionary of at most 256 entries; anything else as it is.
/// ``vector(_:)`` gives the working form back, for the whole column or a slice of it,
/// each time a scan reads it, so the decoded copy lives only as long as the batch
/// flowing through the plan.
public enum CompactColumn: Sendable {
    case plain(ColumnVector)
    case packed(DataType, Wide, PackedIntegers, validity: Bitmap?)
    case dictionary(DataType, codes: [UInt8], entries: StringArray, validity: Bitmap?)

    /// The buffer a packed column widens back to.
    public enum Wide: Sendable {
        case int16, int32, int64, date, timestamp, decimal
    }

    /// The column stored in the smallest of these forms that holds it exactly.
    public init(_ column: ColumnVector) {
        if let (wide, packed) = Self.packing(column.values) {
            self = .packed(column.dataType, wide, packed, validity: column.validity)
            return
        }
        if case .string(let s) = column.values, let (codes, entries) = Self.dictionaryEncoded(s) {
            self = .dictionary(column.dataType, codes: codes, entries: entries, validity: column.validity)
            return
        }
        self = .plain(column)
    }

    private static func packing(_ values: ColumnValues) -> (Wide, PackedIntegers)? {
        switch values {
        case .int16(let a): PackedIntegers.packing(a).map { (.int16, $0) }
        case .int32(let a): PackedIntegers.packing(a).map { (.int32, $0) }
        case .int64(let a): PackedIntegers.packing(a).map { (.int64, $0) }
        case .date(let a): PackedIntegers.packing(a).map { (.date, $0) }
        case .timestamp(let a): PackedIntegers.packing(a).map { (.timestamp, $0) }
        case .decimal(let a): PackedIntegers.packing(a).map { (.decimal, $0) }
        default: nil
        }
    }

    public var count: Int {
        switch self {
        case .plain(let c): c.count
        case .packed(_, _, let a, _): a.count
        case .dictionary(_, let codes, _, _): codes.count
        }
    }

    public var nullCount: Int {
        switch self {
        case .plain(let c): c.nullCount
        case .packed(_, _, _, let v), .dictionary(_, _, _, let v): v.map { $0.count - $0.setCount } ?? 0
        }
    }

    /// Bytes the stored form holds (buffers only).
    public var storedBytes: Int {
        switch self {
        case .plain(let c): c.byteSize
        case .packed(_, _, let a, let v): a.byteSize + (v?.words.count ?? 0) * 8
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
        case .packed(let type, let wide, let a, let validity):
            return ColumnVector(type, Self.widened(a, wide, r), validity: r == whole ? validity : validity?.gathered(r, count: r.count))
        case .dictionary(let type, let codes, let entries, let validity):
            return ColumnVector(type, .string(Self.decoded(codes, r, entries)), validity: r == whole ? validity : validity?.gathered(r, count: r.count))
        }
    }

    /// The rows at `indices` (each in range), in that order, as operators read them.
    public func vector(at indices: [Int]) -> ColumnVector {
        switch self {
        case .plain(let c): return c.gather(indices)
        case .packed(let type, let wide, let a, let validity):
            return ColumnVector(type, Self.widened(a, wide, at: indices), validity: validity?.gathered(indices, count: indices.count))
        case .dictionary(let type, let codes, let entries, let validity):
            return ColumnVector(type, .string(Self.decoded(codes, indices, entries)), validity: validity?.gathered(indices, count: indices.count))
        }
    }

    private static func widened(_ a: PackedIntegers, _ wide: Wide, _ r: Range<Int>) -> ColumnValues {
        switch wide {
        case .int16: .int16(a.widened(r))
        case .int32: .int32(a.widened(r))
        case .int64: .int64(a.widened(r))
        case .date: .date(a.widened(r))
        case .timestamp: .timestamp(a.widened(r))
        case .decimal: .decimal(a.widened(r))
        }
    }

    private static func widened(_ a: PackedIntegers, _ wide: Wide, at indices: [Int]) -> ColumnValues {
        switch wide {
        case .int16: .int16(a.widened(at: indices))
        case .int32: .int32(a.widened(at: indices))
        case .int64: .int64(a.widened(at: indices))
        case .date: .date(a.widened(at: indices))
        case .timestamp: .timestamp(a.widened(at: indices))
        case .decimal: .decimal(a.widened(at: indices))
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
