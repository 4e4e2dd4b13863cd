/// Date, timestamp and interval arithmetic, checked: a result outside PostgreSQL's
/// ranges is its error (`date out of range`, `timestamp out of range`, `interval out of
/// range`, `date out of range for timestamp`), never a trap.
///
/// Ranges (PostgreSQL's, in planscope's units): a date is a day number since 1970-01-01
/// from 4714-11-24 BC (`minDay`) to 5874897-12-31 (`maxDay`); a timestamp is
/// microseconds since the epoch from 4714-11-24 BC to the largest `Int64`
/// (294247-01-10; PostgreSQL goes on to 294276, which planscope cannot hold).
extension ScalarOps {
    /// The first day PostgreSQL accepts (4714-11-24 BC, Julian day 0).
    public static let minDay: Int64 = -2_440_588
    /// The last day PostgreSQL accepts (5874897-12-31).
    public static let maxDay: Int64 = 2_145_042_905
    /// The first microsecond PostgreSQL accepts (4714-11-24 BC 00:00:00).
    public static let minTimestamp: Int64 = -210_866_803_200_000_000
    static let microsPerDay: Int64 = 86_400_000_000

    static let dateOutOfRange = PlanError(.execution, "date out of range")
    static let timestampOutOfRange = PlanError(.execution, "timestamp out of range")

    /// `days` as a DATE, or `date out of range`.
    static func dateValue(_ days: Int64) throws(PlanError) -> ScalarValue {
        guard days >= minDay, days <= maxDay, let d = Int32(exactly: days) else { throw dateOutOfRange }
        return .date(d)
    }

    /// `micros` as a TIMESTAMP, or `timestamp out of range`.
    static func timestampMicros(_ micros: Int64) throws(PlanError) -> Int64 {
        guard micros >= minTimestamp else { throw timestampOutOfRange }
        return micros
    }

    /// A date as the timestamp of its midnight, or PostgreSQL's
    /// `date out of range for timestamp` (a date past 294247).
    static func dateMicros(_ days: Int32) throws(PlanError) -> Int64 {
        let (m, o) = Int64(days).multipliedReportingOverflow(by: microsPerDay)
        guard !o, m >= minTimestamp else { throw PlanError(.execution, "date out of range for timestamp") }
        return m
    }

    /// A date or timestamp as microseconds since the epoch (checked), nil for other values.
    static func checkedTemporalMicros(_ v: ScalarValue) throws(PlanError) -> Int64? {
        switch v {
        case .date(let d): try dateMicros(d)
        case .timestamp(let t), .timestampTZ(let t): t
        default: nil
        }
    }

    /// `a op b` when one side is a date, timestamp or interval; nil when neither is.
    static func temporalArithmetic(_ op: BinaryOperator, _ a: ScalarValue, _ b: ScalarValue) throws(PlanError) -> ScalarValue? {
        switch (a, op, b) {
        case (.date(let d), .plus, _) where b.int64Value != nil:
            return try dateValue(try addDays(d, b.int64Value ?? 0))
        case (_, .plus, .date(let d)) where a.int64Value != nil:
            return try dateValue(try addDays(d, a.int64Value ?? 0))
        case (.date(let d), .minus, _) where b.int64Value != nil:
            let n = b.int64Value ?? 0
            guard n != .min else { throw dateOutOfRange }
            return try dateValue(try addDays(d, -n))  // safe: n ≠ Int64.min
        case (.date(let x), .minus, .date(let y)):
            // safe: both Int32 widened to Int64 cannot overflow; the result is range-checked
            return try integer(Int64(x) - Int64(y), as: .int32)
        // A TIMESTAMPTZ without a session zone counts on UTC's clock (the binder writes a
        // session's arithmetic as date_add/date_subtract in its zone).
        case (.timestampTZ(let t), .plus, .interval(let i)), (.interval(let i), .plus, .timestampTZ(let t)):
            return .timestampTZ(try addInterval(t, i))
        case (.timestampTZ(let t), .minus, .interval(let i)):
            return .timestampTZ(try addInterval(t, try i.negated()))
        case (.timestampTZ(let x), .minus, .timestampTZ(let y)):
            return try timestampDifference(x, y)
        case (.date, .plus, .interval(let i)), (.timestamp, .plus, .interval(let i)):
            return .timestamp(try addInterval(try checkedTemporalMicros(a) ?? 0, i))
        case (.interval(let i), .plus, .date), (.interval(let i), .plus, .timestamp):
            return .timestamp(try addInterval(try checkedTemporalMicros(b) ?? 0, i))
        case (.date, .minus, .interval(let i)), (.timestamp, .minus, .interval(let i)):
            return .timestamp(try addInterval(try checkedTemporalMicros(a) ?? 0, try i.negated()))
        case (.timestamp, .minus, _), (.date, .minus, .timestamp):
            guard let x = try checkedTemporalMicros(a), let y = try checkedTemporalMicros(b) else { return nil }
            return try timestampDifference(x, y)
        case (.interval(let x), .plus, .interval(let y)):
            return .interval(try x.adding(y))
        case (.interval(let x), .minus, .interval(let y)):
            return .interval(try x.subtracting(y))
        case (.interval(let x), .multiply, _), (_, .multiply, .interval(let x)):
            let f = (a.dataType == .interval ? b : a).doubleValue ?? 1
            return .interval(try x.scaled(by: f))
        case (.interval(let x), .divide, _):
            guard let f = b.doubleValue, f != 0 else { throw divisionByZero }
            return .interval(try x.scaled(by: 1 / f))  // safe: Double
        default:
            return nil
        }
    }

    /// `x - y` of two timestamps: whole days and the rest (PostgreSQL's `timestamp_mi`).
    static func timestampDifference(_ x: Int64, _ y: Int64) throws(PlanError) -> ScalarValue {
        let (diff, o) = x.subtractingReportingOverflow(y)
        if o { throw Interval.outOfRange }
        // |diff / microsPerDay| < 1.1·10^8 fits Int32.
        return .interval(Interval(days: Int32(truncatingIfNeeded: diff / microsPerDay), micros: diff % microsPerDay))  // safe: see above
    }

    /// `day + n` days, checked in 64 bits (the range check is ``dateValue(_:)``'s).
    static func addDays(_ day: Int32, _ n: Int64) throws(PlanError) -> Int64 {
        let (r, o) = Int64(day).addingReportingOverflow(n)
        if o { throw dateOutOfRange }
        return r
    }

    /// Adds an interval to a timestamp (months first, clamping the day, then days, then
    /// time, as PostgreSQL); `timestamp out of range` past either end.
    public static func addInterval(_ micros: Int64, _ i: Interval) throws(PlanError) -> Int64 {
        // Day numbers and years stay far inside Int: |days| < 1.1·10^8 for any Int64
        // timestamp, |months| < 2^31, so every step of the calendar below is safe.
        var days = micros / microsPerDay  // safe: divisor is a positive constant
        var rest = micros % microsPerDay  // safe: divisor is a positive constant
        if rest < 0 { rest += microsPerDay; days -= 1 }  // safe: -microsPerDay < rest < 0, |days| < 1.1·10^8
        if i.months != 0 {
            let (y, m, d) = CivilDate.civil(days: Int(days))  // safe: Int64 is Int
            let total = y * 12 + (m - 1) + Int(i.months)  // safe: |y| < 3·10^5, |months| < 2^31
            let ny = total >= 0 ? total / 12 : (total - 11) / 12  // safe: see above
            let nm = total - ny * 12 + 1  // safe: see above
            let nd = min(d, CivilDate.daysInMonth(year: ny, month: nm))
            days = Int64(CivilDate.days(year: ny, month: nm, day: nd))  // safe: Int is Int64
        }
        days += Int64(i.days)  // safe: |days| < 2·10^8 + 2^31
        let (dayMicros, o1) = days.multipliedReportingOverflow(by: microsPerDay)
        let (withRest, o2) = dayMicros.addingReportingOverflow(rest)
        let (r, o3) = withRest.addingReportingOverflow(i.micros)
        if o1 || o2 || o3 { throw timestampOutOfRange }
        return try timestampMicros(r)
    }
}
