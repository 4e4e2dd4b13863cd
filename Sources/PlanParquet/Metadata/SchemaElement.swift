/// One node of a Parquet file's schema (a flattened depth-first tree: groups give their
/// number of children). Logical types are kept as the file gives them; ``ParquetColumn``
/// decides what planscope reads them as.
public struct SchemaElement: Sendable, Equatable {
    public var name = ""
    public var type: PhysicalType?
    public var typeLength: Int32?
    public var repetition: Repetition?
    public var numChildren: Int32?
    /// The legacy `ConvertedType` (UTF8 = 0, DECIMAL = 5, DATE = 6, …).
    public var convertedType: Int32?
    public var scale: Int32?
    public var precision: Int32?
    public var logicalType: LogicalType?

    public init() {}

    /// The `LogicalType` union: which member is set, with the members planscope reads.
    public enum LogicalType: Sendable, Equatable {
        case string, map, list, enumeration, decimal(scale: Int32, precision: Int32), date
        case time, timestamp(adjustedToUTC: Bool, unit: TimeUnit), integer(bitWidth: Int8, signed: Bool)
        case unknown, json, bson, uuid, float16, other(Int16)
    }

    public enum TimeUnit: Sendable, Equatable { case millis, micros, nanos }

    static func read(_ r: inout CompactReader, _ type: CompactReader.WireType) throws(DecodeError) -> SchemaElement {
        var e = SchemaElement()
        var sawName = false
        try r.readStruct(type) { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
            switch id {
            case 1: e.type = PhysicalType(rawValue: try r.readI32(t))
            case 2: e.typeLength = try r.readI32(t)
            case 3:
                let raw = try r.readI32(t)
                guard let rep = Repetition(rawValue: raw) else { throw r.fail("unknown repetition type \(raw)") }
                e.repetition = rep
            case 4: e.name = try r.readString(t); sawName = true
            case 5: e.numChildren = try r.readI32(t)
            case 6: e.convertedType = try r.readI32(t)
            case 7: e.scale = try r.readI32(t)
            case 8: e.precision = try r.readI32(t)
            case 10: e.logicalType = try readLogicalType(&r, t)
            default: try r.skip(t)
            }
        }
        guard sawName else { throw r.fail("a schema element has no name") }
        return e
    }

    static func readLogicalType(_ r: inout CompactReader, _ type: CompactReader.WireType) throws(DecodeError) -> LogicalType? {
        var result: LogicalType?
        try r.readStruct(type) { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
            switch id {
            case 1: try r.skip(t); result = .string
            case 2: try r.skip(t); result = .map
            case 3: try r.skip(t); result = .list
            case 4: try r.skip(t); result = .enumeration
            case 5:
                var scale: Int32 = 0, precision: Int32 = 0
                try r.readStruct(t) { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
                    switch id {
                    case 1: scale = try r.readI32(t)
                    case 2: precision = try r.readI32(t)
                    default: try r.skip(t)
                    }
                }
                result = .decimal(scale: scale, precision: precision)
            case 6: try r.skip(t); result = .date
            case 7: try r.skip(t); result = .time
            case 8:
                var utc = false
                var unit = TimeUnit.micros
                try r.readStruct(t) { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
                    switch id {
                    case 1: utc = try r.readBool(t)
                    case 2: unit = try readTimeUnit(&r, t)
                    default: try r.skip(t)
                    }
                }
                result = .timestamp(adjustedToUTC: utc, unit: unit)
            case 10:
                var width: Int8 = 0
                var signed = true
                try r.readStruct(t) { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
                    switch id {
                    case 1:
                        let w = try r.readI32(t)
                        guard let x = Int8(exactly: w) else { throw r.fail("an integer bit width \(w)") }
                        width = x
                    case 2: signed = try r.readBool(t)
                    default: try r.skip(t)
                    }
                }
                result = .integer(bitWidth: width, signed: signed)
            case 11: try r.skip(t); result = .unknown
            case 12: try r.skip(t); result = .json
            case 13: try r.skip(t); result = .bson
            case 14: try r.skip(t); result = .uuid
            case 15: try r.skip(t); result = .float16
            default: try r.skip(t); result = .other(id)
            }
        }
        return result
    }

    static func readTimeUnit(_ r: inout CompactReader, _ type: CompactReader.WireType) throws(DecodeError) -> TimeUnit {
        var unit = TimeUnit.micros
        try r.readStruct(type) { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
            switch id {
            case 1: unit = .millis
            case 2: unit = .micros
            case 3: unit = .nanos
            default: break
            }
            try r.skip(t)
        }
        return unit
    }
}
