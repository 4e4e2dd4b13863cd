import PlanCore
import Testing

@Suite struct TypeTests {
    @Test func decimalsParseRoundAndPrint() {
        #expect(DecimalMath.parse("12.345", precision: 10, scale: 2) == 1235)
        #expect(DecimalMath.parse("-12.344", precision: 10, scale: 2) == -1234)
        #expect(DecimalMath.parse("1000", precision: 3, scale: 0) == nil)
        #expect(DecimalMath.parse("1.2.3", precision: 10, scale: 2) == nil)
        #expect(DecimalMath.format(-5, scale: 2) == "-0.05")
        #expect(DecimalMath.format(12345, scale: 0) == "12345")
    }

    @Test func datesRoundTrip() {
        #expect(CivilDate.parse("1970-01-01") == 0)
        #expect(CivilDate.parse("2000-02-29") == 11_016)
        #expect(CivilDate.parse("1999-02-29") == nil)
        #expect(CivilDate.format(days: -1) == "1969-12-31")
        #expect(CivilDate.parseTimestamp("2024-01-02 03:04:05.5").map { CivilDate.format(micros: $0) } == "2024-01-02 03:04:05.500000")
    }

    @Test func intervalsParse() {
        #expect(Interval.parse("3 months 2 days", unit: nil) == Interval(months: 3, days: 2))
        #expect(Interval.parse("90", unit: .day) == Interval(days: 90))
        #expect(Interval.parse("1 year", unit: nil)?.description == "1 year")
        #expect(Interval.parse("soon", unit: nil) == nil)
    }

    @Test func coercionFollowsPostgres() {
        #expect(DataType.commonType(.int32, .int64) == .int64)
        #expect(DataType.commonType(.int64, .decimal(precision: 15, scale: 2)) == .decimal(precision: 21, scale: 2))
        #expect(DataType.commonType(.float64, .decimal(precision: 15, scale: 2)) == .float64)
        #expect(DataType.commonType(.text, .date) == .date)
        #expect(DataType.commonType(.boolean, .int32) == nil)
    }

    @Test func arithmeticTypesAndSemantics() throws {
        let d152 = DataType.decimal(precision: 15, scale: 2)
        #expect(try Expr.binaryType(d152, .multiply, d152) == .decimal(precision: 31, scale: 4))
        #expect(try Expr.binaryType(d152, .plus, d152) == .decimal(precision: 16, scale: 2))
        #expect(try Expr.binaryType(.date, .minus, .interval) == .timestamp)
        #expect(try ScalarOps.binary(.divide, .int64(7), .int64(-2), resultType: .int64) == .int64(-3))
        #expect(throws: PlanError.self) { try ScalarOps.binary(.divide, .int64(1), .int64(0), resultType: .int64) }
        #expect(throws: PlanError.self) { try ScalarOps.binary(.plus, .int64(.max), .int64(1), resultType: .int64) }
        #expect(try ScalarOps.binary(.and, .null, .boolean(false), resultType: .boolean) == .boolean(false))
        #expect(try ScalarOps.binary(.or, .null, .boolean(false), resultType: .boolean) == .null)
        let q = try ScalarOps.binary(.divide, .decimal(100, precision: 3, scale: 2), .decimal(300, precision: 3, scale: 2),
                                     resultType: .decimal(precision: 38, scale: 16))
        #expect(q.sqlText == "0.3333333333333333")
        #expect(try ScalarOps.cast(.string("12.345"), to: d152) == .decimal(1235, precision: 15, scale: 2))
        #expect(try ScalarOps.binary(.plus, .date(0), .interval(Interval(months: 1)), resultType: .timestamp).sqlText == "1970-02-01 00:00:00")
        #expect(try ScalarOps.binary(.plus, .date(30), .interval(Interval(months: 1)), resultType: .timestamp).sqlText == "1970-02-28 00:00:00")
    }

    @Test func likeMatcher() throws {
        #expect(try LikeMatcher(pattern: "%BRASS").matches("LARGE BRUSHED BRASS"))
        #expect(try !LikeMatcher(pattern: "%BRASS").matches("BRASS PLATED"))
        #expect(try LikeMatcher(pattern: "%Customer%Complaints%").matches("x Customer y Complaints z"))
        #expect(try LikeMatcher(pattern: "a_c").matches("aéc"))
        #expect(try LikeMatcher(pattern: "100!%", escape: "!").matches("100%"))
        #expect(try LikeMatcher(pattern: "ABC%", caseInsensitive: true).matches("abcdef"))
    }

    @Test func rewriteHelpersReportChange() throws {
        let e = col("a") + lit(1)
        let same = try e.transformUp { (x: Expr) throws(PlanError) -> Transformed<Expr> in .no(x) }
        #expect(!same.changed)
        let changed = try e.transformDown { (x: Expr) throws(PlanError) -> Transformed<Expr> in
            if case .literal = x { return .yes(lit(2)) }
            return .no(x)
        }
        #expect(changed.changed && changed.value == col("a") + lit(2))
    }
}
