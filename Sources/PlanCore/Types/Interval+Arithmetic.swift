/// Checked interval arithmetic: each field (months, days, microseconds) is added,
/// negated or scaled with overflow checks, and a result that does not fit is
/// PostgreSQL's `interval out of range`, never a trap or a wrapped value.
extension Interval {
    /// PostgreSQL's error for an interval result that does not fit its fields.
    public static let outOfRange = PlanError(.execution, "interval out of range")

    /// `self + other`, field by field.
    public func adding(_ other: Interval) throws(PlanError) -> Interval {
        let (m, o1) = months.addingReportingOverflow(other.months)
        let (d, o2) = days.addingReportingOverflow(other.days)
        let (u, o3) = micros.addingReportingOverflow(other.micros)
        if o1 || o2 || o3 { throw Interval.outOfRange }
        return Interval(months: m, days: d, micros: u)
    }

    /// `self - other`, field by field.
    public func subtracting(_ other: Interval) throws(PlanError) -> Interval {
        let (m, o1) = months.subtractingReportingOverflow(other.months)
        let (d, o2) = days.subtractingReportingOverflow(other.days)
        let (u, o3) = micros.subtractingReportingOverflow(other.micros)
        if o1 || o2 || o3 { throw Interval.outOfRange }
        return Interval(months: m, days: d, micros: u)
    }

    /// `-self`; the most negative value of a field has no negation.
    public func negated() throws(PlanError) -> Interval {
        try Interval().subtracting(self)
    }

    /// `self * factor` (and `self / f` as `self * (1 / f)`): PostgreSQL's interval_mul.
    /// Months and days are multiplied on their own and keep their whole parts; the
    /// fraction of a month spills into days (30 to a month), and the fractions of the day
    /// products into microseconds (never up: `(1 mon -6 days -2 hours) * 0.7` is `17 days
    /// -06:12:00`). Results are rounded to microseconds where PostgreSQL rounds.
    public func scaled(by factor: Double) throws(PlanError) -> Interval {
        func tsRound(_ x: Double) -> Double { (x * 1_000_000).rounded() / 1_000_000 }  // safe: Double
        let monthsExact = Double(months) * factor
        let daysExact = Double(days) * factor  // safe: Double
        guard let m = Int32(checking: monthsExact), var d = Int32(checking: daysExact) else { throw Interval.outOfRange }
        let monthRemainderDays = tsRound((monthsExact - Double(m)) * 30)  // safe: Double
        var secRemainder = tsRound((daysExact - Double(d) + monthRemainderDays - monthRemainderDays.rounded(.towardZero)) * 86_400)  // safe: Double
        if abs(secRemainder) >= 86_400 {  // safe: abs of a Double
            let wholeDays = (secRemainder / 86_400).rounded(.towardZero)
            guard let extra = Int32(checking: wholeDays) else { throw Interval.outOfRange }
            let (sum, o) = d.addingReportingOverflow(extra)
            if o { throw Interval.outOfRange }
            d = sum
            secRemainder -= wholeDays * 86_400  // safe: Double
        }
        guard let spilled = Int32(checking: monthRemainderDays) else { throw Interval.outOfRange }
        let (days, o) = d.addingReportingOverflow(spilled)
        if o { throw Interval.outOfRange }
        guard let u = Int64(checking: (Double(micros) * factor + secRemainder * 1_000_000).rounded()) else { throw Interval.outOfRange }  // safe: Double
        return Interval(months: m, days: days, micros: u)
    }
}

extension Int32 {
    /// The integer part of `value` when it is finite and fits; nil otherwise (a plain
    /// `Int32(value)` traps).
    public init?(checking value: Double) {
        guard value.isFinite, value > -2_147_483_649, value < 2_147_483_648 else { return nil }
        self.init(value.rounded(.towardZero))  // safe: finite and within range
    }
}

extension Int64 {
    /// The integer part of `value` when it is finite and fits; nil otherwise (a plain
    /// `Int64(value)` traps). 2^63 is exactly representable; every double below it fits.
    public init?(checking value: Double) {
        guard value.isFinite, value >= -9.223372036854775808e18, value < 9.223372036854775808e18 else { return nil }
        self.init(value)  // safe: finite and within range
    }
}
