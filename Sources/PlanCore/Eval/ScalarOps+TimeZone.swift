/// `TIMESTAMPTZ` semantics in a time zone: `AT TIME ZONE`, the casts to and from text,
/// interval arithmetic on the zone's wall clock, and `date_part`/`date_trunc` of an
/// instant as the zone sees it (PostgreSQL's `timestamptz_*` functions).
extension ScalarOps {
    /// The zone argument at `index`, UTC when the call has none.
    static func zoneArgument(_ args: [ScalarValue], _ index: Int) throws(PlanError) -> SQLTimeZone {
        index < args.count ? try SQLTimeZone.named(args[index].sqlText) : .utc
    }

    /// `timezone(zone, x)`: an instant as the zone's wall clock, or a wall clock read in
    /// the zone as an instant.
    static func timezone(_ zone: SQLTimeZone, _ v: ScalarValue) throws(PlanError) -> ScalarValue {
        switch v {
        case .timestampTZ(let t): return .timestamp(try zone.local(fromUTC: t))
        case .timestamp(let t): return .timestampTZ(try zone.utc(fromLocal: t))
        case .date(let d): return .timestamp(try zone.local(fromUTC: try dateMicros(d)))
        default: throw PlanError(.execution, "timezone needs a timestamp")
        }
    }

    /// `t + i` on `zone`'s wall clock: months and days move the local date (the offset
    /// found again afterwards, so a day across a daylight-saving change is 23 or 25
    /// hours), the time part moves the instant, as PostgreSQL's `timestamptz_pl_interval`.
    static func addInterval(_ t: Int64, _ i: Interval, in zone: SQLTimeZone) throws(PlanError) -> Int64 {
        var instant = t
        if i.months != 0 || i.days != 0 {
            let local = try addInterval(try zone.local(fromUTC: t), Interval(months: i.months, days: i.days, micros: 0))
            instant = try zone.utc(fromLocal: local)
        }
        let (r, o) = instant.addingReportingOverflow(i.micros)
        guard !o else { throw timestampOutOfRange }
        return try timestampMicros(r)
    }

    /// `date_add`/`date_subtract(t, interval[, zone])`.
    static func zonedArithmetic(_ f: ScalarFunction, _ args: [ScalarValue]) throws(PlanError) -> ScalarValue {
        guard case .timestampTZ(let t) = args[0], case .interval(let i) = args[1] else {
            throw PlanError(.execution, "\(f.rawValue) needs a timestamptz and an interval")
        }
        let zone = try zoneArgument(args, 2)
        return .timestampTZ(try addInterval(t, f == .dateSubtract ? try i.negated() : i, in: zone))
    }

    /// `date_part(field, t, zone)` of an instant: the fields of its wall clock in `zone`;
    /// `epoch` the instant's, `timezone`/`timezone_hour`/`timezone_minute` the offset.
    static func zonedDatePart(_ field: String, _ t: Int64, _ zone: SQLTimeZone) throws(PlanError) -> ScalarValue {
        let offset = zone.offset(atUTC: t)
        switch field {
        case "epoch": return .float64(Double(t) / 1e6)
        case "timezone": return .float64(Double(offset))
        case "timezone_hour": return .float64(Double(offset / 3600))
        case "timezone_minute": return .float64(Double(offset / 60 % 60))
        default: return try datePart(field, .timestamp(try zone.local(fromUTC: t)))
        }
    }

    /// `date_trunc(field, t, zone)` of an instant: its wall clock in `zone` truncated;
    /// from `day` up read back in the zone (the offset of the day's start), below a day
    /// with the instant's own offset, as PostgreSQL.
    static func zonedDateTrunc(_ field: String, _ t: Int64, _ zone: SQLTimeZone) throws(PlanError) -> ScalarValue {
        let offset = zone.offset(atUTC: t)
        guard case .timestamp(let truncated) = try dateTrunc(field, .timestamp(try SQLTimeZone.shift(t, by: offset))) else {
            throw PlanError(.execution, "date_trunc needs a timestamp")
        }
        switch field {
        case "hour", "minute", "second", "milliseconds", "microseconds":
            return .timestampTZ(try SQLTimeZone.shift(truncated, by: -offset))  // safe: |offset| < 57,600
        default:
            return .timestampTZ(try zone.utc(fromLocal: truncated))
        }
    }

    /// The zone-aware functions' values (their arguments are not NULL).
    static func zoned(_ f: ScalarFunction, _ args: [ScalarValue]) throws(PlanError) -> ScalarValue? {
        switch f {
        case .timezone: return try timezone(try SQLTimeZone.named(args[0].sqlText), args[1])
        case .dateAdd, .dateSubtract: return try zonedArithmetic(f, args)
        case .timestamptzIn: return .timestampTZ(try DateTimeText.timestampTZ(args[0].sqlText, zone: try zoneArgument(args, 1)))
        case .timestamptzOut:
            guard case .timestampTZ(let t) = args[0] else { return .string(args[0].sqlText) }
            return .string(DateTimeText.format(utcMicros: t, zone: try zoneArgument(args, 1)))
        case .datePart:
            guard case .timestampTZ(let t) = args[1] else { return nil }
            return try zonedDatePart(args[0].sqlText.lowercased(), t, try zoneArgument(args, 2))
        case .dateTrunc:
            guard case .timestampTZ(let t) = args[1] else { return nil }
            return try zonedDateTrunc(args[0].sqlText.lowercased(), t, try zoneArgument(args, 2))
        default: return nil
        }
    }
}
