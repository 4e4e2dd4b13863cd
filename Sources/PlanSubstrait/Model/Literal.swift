/// A Substrait literal (`Expression.Literal`): one value kind set, plus `nullable`.
public struct Literal: Codable, Hashable, Sendable {
    public struct Decimal: Codable, Hashable, Sendable {
        /// 16 bytes, little-endian two's complement, base64 in JSON.
        public var value: String?
        public var precision: Int?
        public var scale: Int?
    }
    public struct PrecisionTimestamp: Codable, Hashable, Sendable {
        public var precision: Int?
        public var value: ProtoInt64?
    }
    public struct YearToMonth: Codable, Hashable, Sendable {
        public var years: Int?
        public var months: Int?
    }
    public struct DayToSecond: Codable, Hashable, Sendable {
        public var days: Int?
        public var seconds: Int?
        public var microseconds: Int?
        public var precision: Int?
        public var subseconds: ProtoInt64?
    }
    public struct Compound: Codable, Hashable, Sendable {
        public var intervalYearToMonth: YearToMonth?
        public var intervalDayToSecond: DayToSecond?
    }
    public struct VarChar: Codable, Hashable, Sendable {
        public var value: String?
        public var length: Int?
    }
    public struct UserDefined: Codable, Hashable, Sendable {
        public var typeReference: Int?
        public var value: ProtoAnyString?
    }

    public var boolean: Bool?
    public var i8: Int?
    public var i16: Int?
    public var i32: Int?
    public var i64: ProtoInt64?
    public var fp32: ProtoDouble?
    public var fp64: ProtoDouble?
    public var string: String?
    public var binary: String?
    public var timestamp: ProtoInt64?
    /// The deprecated `timestamp_tz` (microseconds since the epoch, UTC).
    public var timestampTz: ProtoInt64?
    public var date: Int?
    public var intervalYearToMonth: YearToMonth?
    public var intervalDayToSecond: DayToSecond?
    public var intervalCompound: Compound?
    public var fixedChar: String?
    public var varChar: VarChar?
    public var decimal: Decimal?
    public var precisionTimestamp: PrecisionTimestamp?
    /// `precision_timestamp_tz`: an instant (UTC), as DataFusion writes a timestamp with a zone.
    public var precisionTimestampTz: PrecisionTimestamp?
    public var null: SubstraitType?
    public var userDefined: UserDefined?
    public var nullable: Bool?
    public var typeVariationReference: Int?

    public init() {}
}
