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

    /// `self * factor` (and `self / f` as `self * (1 / f)`): fractions of a month spill
    /// into days (30 to a month) and fractions of a day into microseconds, as PostgreSQL.
    public func scaled(by factor: Double) throws(PlanError) -> Interval {
        let monthsExact = Double(months) * factor
        let wholeMonths = monthsExact.rounded(.towardZero)
        let daysExact = Double(days) * factor + (monthsExact - wholeMonths) * 30  // safe: Double
        let wholeDays = daysExact.rounded(.towardZero)
        let microsExact = (Double(micros) * factor + (daysExact - wholeDays) * 86_400_000_000).rounded()  // safe: Double
        guard let m = Int32(checking: wholeMonths), let d = Int32(checking: wholeDays),
              let u = Int64(checking: microsExact) else { throw Interval.outOfRange }
        return Interval(months: m, days: d, micros: u)
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
