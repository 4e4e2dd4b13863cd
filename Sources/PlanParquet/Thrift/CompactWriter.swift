/// Writes the Thrift compact protocol (Parquet's footer, page headers and page indexes) into
/// a byte buffer: the inverse of ``CompactReader``, which reads back everything it writes.
///
/// Structs are written field by field in increasing id order: ``field(_:_:)`` writes a
/// field's header (the id as a delta from the previous one when it fits four bits), the
/// typed writes its value, and ``structure(_:)`` brackets a nested struct, saving and
/// restoring the previous field id as the protocol requires.
public struct CompactWriter {
    public typealias WireType = CompactReader.WireType

    public private(set) var bytes: [UInt8] = []
    /// The last field id written in the struct being written.
    private var lastId: Int16 = 0

    public init() {}

    // MARK: - Scalars

    public mutating func byte(_ b: UInt8) { bytes.append(b) }

    /// An unsigned LEB128 varint.
    public mutating func varint(_ value: UInt64) { Self.appendVarint(value, to: &bytes) }

    /// An unsigned LEB128 varint appended to `out` (also the RLE hybrid's run headers).
    static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    public mutating func zigZag(_ value: Int64) {
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    // MARK: - Fields

    /// A field's header: its wire type and id (a delta of 1…15 from the last id in one byte).
    public mutating func field(_ id: Int16, _ type: WireType) {
        let delta = Int(id) - Int(lastId)  // safe: both Int16
        if delta > 0, delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            zigZag(Int64(id))
        }
        lastId = id
    }

    public mutating func i32(_ id: Int16, _ value: Int32) {
        field(id, .i32)
        zigZag(Int64(value))
    }

    public mutating func i64(_ id: Int16, _ value: Int64) {
        field(id, .i64)
        zigZag(value)
    }

    /// A boolean field: the value is its wire type.
    public mutating func bool(_ id: Int16, _ value: Bool) {
        field(id, value ? .boolTrue : .boolFalse)
    }

    public mutating func binary(_ id: Int16, _ value: [UInt8]) {
        field(id, .binary)
        binaryValue(value)
    }

    public mutating func string(_ id: Int16, _ value: String) { binary(id, Array(value.utf8)) }

    /// A binary value without a field header (a list element).
    public mutating func binaryValue(_ value: [UInt8]) {
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    // MARK: - Containers

    /// A struct value: `body` writes its fields; the stop byte follows.
    public mutating func structure(_ body: (inout CompactWriter) -> Void) {
        let saved = lastId
        lastId = 0
        body(&self)
        bytes.append(WireType.stop.rawValue)
        lastId = saved
    }

    /// A field holding a struct.
    public mutating func structure(_ id: Int16, _ body: (inout CompactWriter) -> Void) {
        field(id, .structure)
        structure(body)
    }

    /// A list header: its size and element type.
    public mutating func listHeader(_ count: Int, _ element: WireType) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | element.rawValue)
        } else {
            bytes.append(0xf0 | element.rawValue)
            varint(UInt64(count))
        }
    }

    /// A list field of `elements`, each written by `element` (no field headers inside).
    public mutating func list<T>(_ id: Int16, _ type: WireType, _ elements: [T], _ element: (inout CompactWriter, T) -> Void) {
        field(id, .list)
        listHeader(elements.count, type)
        for e in elements { element(&self, e) }
    }

    /// A list of i32 or i64 values (zigzag varints).
    public mutating func integers<T: SignedInteger & FixedWidthInteger>(_ id: Int16, _ type: WireType, _ values: [T]) {
        list(id, type, values) { w, v in w.zigZag(Int64(truncatingIfNeeded: v)) }
    }

    /// A list of booleans: one byte each, Thrift's own 1 for true and 2 for false.
    public mutating func booleans(_ id: Int16, _ values: [Bool]) {
        list(id, .boolTrue, values) { w, v in w.byte(v ? 1 : 2) }
    }

    /// The end of the outermost struct (a message written without ``structure(_:)``).
    public mutating func stop() { bytes.append(WireType.stop.rawValue) }
}
