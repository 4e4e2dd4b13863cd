/// `age(t1, t2)`: PostgreSQL's symbolic difference of two timestamps (`timestamp_age`):
/// years, months and days by the calendar fields, then the time of day, each negative
/// field borrowed from the next larger one (a month borrows the length of the earlier
/// timestamp's month), so `age('2024-03-31', '2024-02-29')` is `1 mon 2 days`.
/// `age(t)` is bound as `age(CAST(current_date AS TIMESTAMP), t)`.
extension ScalarOps {
    static func age(_ a: ScalarValue, _ b: ScalarValue) throws(PlanError) -> ScalarValue {
        guard let x = try checkedTemporalMicros(a), let y = try checkedTemporalMicros(b) else {
            throw PlanError(.execution, "age needs two timestamps or dates")
        }
        let earlier = x < y
        let f1 = fields(x), f2 = fields(y)
        // The fields' differences, as t1 - t2, made non-negative when t1 < t2 (negated back at the end).
        var d = zip(f1, f2).map { earlier ? $1 - $0 : $0 - $1 }  // safe: fields are small
        // d: [year, month, day, micros of the day]
        if d[3] < 0 { d[3] += microsPerDay; d[2] -= 1 }  // safe: |d[3]| < one day
        let borrowFrom = earlier ? f1 : f2
        while d[2] < 0 {
            d[2] += Int64(CivilDate.daysInMonth(year: Int(borrowFrom[0]), month: Int(borrowFrom[1])))  // safe: ≤ 31
            d[1] -= 1  // safe: small
        }
        while d[1] < 0 { d[1] += 12; d[0] -= 1 }  // safe: small
        if earlier { d = d.map { -$0 } }  // safe: small
        let months = d[0] * 12 + d[1]  // safe: |years| < 300,000
        guard let m = Int32(exactly: months), let days = Int32(exactly: d[2]) else { throw Interval.outOfRange }
        return .interval(Interval(months: m, days: days, micros: d[3]))
    }

    /// A timestamp's calendar fields: year, month, day, and microseconds into the day.
    private static func fields(_ micros: Int64) -> [Int64] {
        let days = floorDiv(micros, microsPerDay)
        let (y, m, dd) = CivilDate.civil(days: Int(days))  // safe: Int is Int64
        return [Int64(y), Int64(m), Int64(dd), micros - days * microsPerDay]  // safe: within one day
    }
}
