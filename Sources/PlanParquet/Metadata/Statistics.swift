/// A column chunk's (or page's) statistics as the footer stores them: min and max as the
/// physical type's PLAIN bytes (``ParquetColumn/statisticsValue(_:)`` reads them as
/// values), null and distinct counts.
public struct ColumnStatistics: Sendable, Equatable {
    /// `min_value`/`max_value` (sort order of the logical type); else the deprecated
    /// `min`/`max` (signed byte order), kept apart since only some types may use them.
    public var minValue: [UInt8]?
    public var maxValue: [UInt8]?
    public var legacyMin: [UInt8]?
    public var legacyMax: [UInt8]?
    public var nullCount: Int64?
    public var distinctCount: Int64?

    public init() {}

    static func read(_ r: inout CompactReader, _ type: CompactReader.WireType) throws(DecodeError) -> ColumnStatistics {
        var s = ColumnStatistics()
        try r.readStruct(type) { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
            switch id {
            case 1: s.legacyMax = try r.readBinary(t)
            case 2: s.legacyMin = try r.readBinary(t)
            case 3: s.nullCount = try r.readI64(t)
            case 4: s.distinctCount = try r.readI64(t)
            case 5: s.maxValue = try r.readBinary(t)
            case 6: s.minValue = try r.readBinary(t)
            default: try r.skip(t)
            }
        }
        return s
    }
}
