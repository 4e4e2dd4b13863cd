/// The fields `EXTRACT(field FROM x)` takes, and which of them each type has (PostgreSQL
/// 15's `timestamp_part`, `date_part` of a date, `interval_part`): a date has no time of
/// day, an interval no weekday or week.
public enum ExtractField {
    /// Every field planscope knows (the binder refuses others as unknown).
    public static let all: Set<String> = timestampTZ

    /// Fields of a `TIMESTAMPTZ`: a timestamp's and its offset's.
    static let timestampTZ: Set<String> = timestamp.union(["timezone", "timezone_hour", "timezone_minute"])

    /// Fields of a `TIMESTAMP`.
    static let timestamp: Set<String> = date.union(timeOfDay)

    /// Fields of a `DATE`.
    static let date: Set<String> = [
        "year", "quarter", "month", "week", "day", "dow", "isodow", "doy", "epoch", "decade", "century", "millennium",
    ]

    /// Fields of an `INTERVAL`.
    static let interval: Set<String> = timeOfDay.union([
        "year", "quarter", "month", "day", "epoch", "decade", "century", "millennium",
    ])

    static let timeOfDay: Set<String> = [
        "hour", "minute", "second", "millisecond", "milliseconds", "microsecond", "microseconds",
    ]

    /// Why `field` cannot be extracted from a value of `type` (PostgreSQL's message:
    /// `unit "hour" not supported for type date`), or nil when it can (or the type is
    /// not a date, timestamp or interval, which the function's signature reports).
    public static func problem(_ field: String, for type: DataType) -> String? {
        let fields: Set<String>
        switch type {
        case .date: fields = date
        case .timestamp: fields = timestamp
        case .timestampTZ: fields = timestampTZ
        case .interval: fields = interval
        default: return nil
        }
        return fields.contains(field) ? nil : "unit \"\(field)\" not supported for type \(type.postgresName)"
    }
}
