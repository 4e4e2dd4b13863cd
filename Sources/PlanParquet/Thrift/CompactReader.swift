/// Reads the Thrift compact protocol (the encoding of Parquet's footer and page headers)
/// from a byte buffer, every read bounds-checked: a truncated or corrupt buffer is a
/// ``DecodeError`` with the position where it went wrong, never a trap.
///
/// Structs are read field by field: ``readStruct(_:)`` hands each field's id and wire type
/// to the caller, which reads the fields it knows with the typed reads (each checks the wire
/// type) and ``skip(_:)``s the rest, so fields added to the format later are passed over.
public struct CompactReader {
    /// Wire types of the compact protocol.
    public enum WireType: UInt8, Sendable {
        case stop = 0, boolTrue = 1, boolFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6, double = 7
        case binary = 8, list = 9, set = 10, map = 11, structure = 12
    }

    let bytes: [UInt8]
    /// The next byte to read.
    public private(set) var position: Int
    let end: Int
    /// Structs and lists entered (a corrupt buffer cannot nest them without limit).
    private var depth = 0
    static let maxDepth = 64

    public init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.position = max(0, min(start, bytes.count))
        self.end = max(self.position, min(end ?? bytes.count, bytes.count))
    }

    func fail(_ message: String) -> DecodeError { DecodeError(message, at: position) }

    // MARK: - Scalars

    public mutating func readByte() throws(DecodeError) -> UInt8 {
        guard position < end else { throw fail("the metadata ends early") }
        defer { position += 1 }  // safe: position < end ≤ bytes.count
        return bytes[position]
    }

    /// An unsigned LEB128 varint of at most 10 bytes.
    public mutating func readVarint() throws(DecodeError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            guard shift < 64 else { throw fail("a varint is longer than 10 bytes") }
            result |= UInt64(b & 0x7f) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
    }

    public mutating func readZigZag() throws(DecodeError) -> Int64 {
        let v = try readVarint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    mutating func expect(_ type: WireType, _ wanted: WireType...) throws(DecodeError) {
        guard wanted.contains(type) else { throw fail("a field has wire type \(type.rawValue), expected \(wanted.map(\.rawValue))") }
    }

    public mutating func readI32(_ type: WireType) throws(DecodeError) -> Int32 {
        try expect(type, .i32, .i16, .byte)
        if type == .byte { return Int32(Int8(bitPattern: try readByte())) }
        let v = try readZigZag()
        guard let x = Int32(exactly: v) else { throw fail("an i32 field holds \(v)") }
        return x
    }

    public mutating func readI64(_ type: WireType) throws(DecodeError) -> Int64 {
        try expect(type, .i64, .i32, .i16, .byte)
        if type == .byte { return Int64(Int8(bitPattern: try readByte())) }
        return try readZigZag()
    }

    /// A struct field's boolean: the value is in its wire type.
    public mutating func readBool(_ type: WireType) throws(DecodeError) -> Bool {
        try expect(type, .boolTrue, .boolFalse)
        return type == .boolTrue
    }

    public mutating func readDouble(_ type: WireType) throws(DecodeError) -> Double {
        try expect(type, .double)
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(try readByte()) << UInt64(8 * i) }
        return Double(bitPattern: bits)
    }

    public mutating func readBinary(_ type: WireType) throws(DecodeError) -> [UInt8] {
        try expect(type, .binary)
        let length = try readVarint()
        guard length <= UInt64(end - position) else { throw fail("a string of \(length) bytes runs past the end of the metadata") }
        let n = Int(length)  // safe: at most end - position
        defer { position += n }
        return Array(bytes[position..<(position + n)])
    }

    public mutating func readString(_ type: WireType) throws(DecodeError) -> String {
        String(decoding: try readBinary(type), as: UTF8.self)
    }

    // MARK: - Containers

    /// Reads a struct's fields, calling `field` with each one's id and wire type; the
    /// callback must read or skip the value.
    public mutating func readStruct(_ field: (inout CompactReader, Int16, WireType) throws(DecodeError) -> Void) throws(DecodeError) {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw fail("the metadata nests deeper than \(Self.maxDepth) levels") }
        var lastId: Int16 = 0
        while true {
            let header = try readByte()
            guard let type = WireType(rawValue: header & 0x0f) else { throw fail("unknown wire type \(header & 0x0f)") }
            if type == .stop { return }
            let delta = header >> 4
            let id: Int16
            if delta == 0 {
                let raw = try readZigZag()
                guard let x = Int16(exactly: raw) else { throw fail("a field id \(raw) is out of range") }
                id = x
            } else {
                let (x, overflow) = lastId.addingReportingOverflow(Int16(delta))
                guard !overflow else { throw fail("a field id is out of range") }
                id = x
            }
            lastId = id
            try field(&self, id, type)
        }
    }

    /// A struct field holding a struct.
    public mutating func readStruct(_ type: WireType, _ field: (inout CompactReader, Int16, WireType) throws(DecodeError) -> Void) throws(DecodeError) {
        try expect(type, .structure)
        try readStruct(field)
    }

    /// A list (or set): its header, then `element` once per element with the element type.
    public mutating func readList<T>(_ type: WireType, _ element: (inout CompactReader, WireType) throws(DecodeError) -> T) throws(DecodeError) -> [T] {
        try expect(type, .list, .set)
        let header = try readByte()
        var count = UInt64(header >> 4)
        if count == 15 { count = try readVarint() }
        guard let elementType = WireType(rawValue: header & 0x0f) else { throw fail("unknown list element type \(header & 0x0f)") }
        // Every element takes at least one byte (booleans too), except empty structs' stop.
        guard count <= UInt64(end - position) + 1 else { throw fail("a list of \(count) elements runs past the end of the metadata") }
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw fail("the metadata nests deeper than \(Self.maxDepth) levels") }
        var out: [T] = []
        out.reserveCapacity(Int(count))  // safe: bounded by the buffer's size above
        for _ in 0..<count { out.append(try element(&self, elementType)) }
        return out
    }

    /// A boolean inside a list: one byte (1 true; 0 or 2 false).
    public mutating func readListBool() throws(DecodeError) -> Bool { try readByte() == 1 }

    /// Passes over a value of `type` (any nesting, up to the depth limit).
    public mutating func skip(_ type: WireType) throws(DecodeError) {
        switch type {
        case .stop: throw fail("a field of type stop")
        case .boolTrue, .boolFalse: return
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double: for _ in 0..<8 { _ = try readByte() }
        case .binary: _ = try readBinary(.binary)
        case .list, .set:
            let _: [Void] = try readList(type) { (r: inout CompactReader, t: WireType) throws(DecodeError) in
                if t == .boolTrue || t == .boolFalse { _ = try r.readByte() } else { try r.skip(t) }
            }
        case .map:
            let count = try readVarint()
            guard count > 0 else { return }
            guard count <= UInt64(end - position) else { throw fail("a map of \(count) entries runs past the end of the metadata") }
            let kinds = try readByte()
            guard let k = WireType(rawValue: kinds >> 4), let v = WireType(rawValue: kinds & 0x0f) else { throw fail("unknown map types") }
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maxDepth else { throw fail("the metadata nests deeper than \(Self.maxDepth) levels") }
            for _ in 0..<count {
                if k == .boolTrue || k == .boolFalse { _ = try readByte() } else { try skip(k) }
                if v == .boolTrue || v == .boolFalse { _ = try readByte() } else { try skip(v) }
            }
        case .structure:
            try readStruct { (r: inout CompactReader, _: Int16, t: WireType) throws(DecodeError) in try r.skip(t) }
        }
    }
}
