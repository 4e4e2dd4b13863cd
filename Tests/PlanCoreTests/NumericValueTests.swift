import PlanCore
import Testing

/// The unconstrained NUMERIC's values: text in and out, PostgreSQL's result scales,
/// equality by value, NaN, and the documented limit.
@Suite struct NumericValueTests {
    func n(_ text: String) throws -> NumericValue {
        guard let v = try NumericValue.parse(text) else { throw PlanError(.execution, "not a number: \(text)") }
        return v
    }

    @Test func textKeepsTheScaleAsWritten() throws {
        #expect(try n("1.50").text == "1.50")
        #expect(try n("1e-20").text == "0.00000000000000000001")
        #expect(try n("1.5e3").text == "1500")
        #expect(try n(" -0.00 ").text == "0.00")
        #expect(try n("nan").isNaN)
        #expect(try NumericValue.parse("1.2.3") == nil)
        #expect(try NumericValue.parse("abc") == nil)
        #expect(throws: PlanError.self) { try NumericValue.parse(String(repeating: "9", count: 37)) }
    }

    @Test func resultScalesArePostgreSQLs() throws {
        func op(_ o: BinaryOperator, _ a: String, _ b: String) throws -> String {
            try NumericValue.arithmetic(o, n(a), n(b)).text
        }
        #expect(try op(.plus, "1.5", "1") == "2.5")
        #expect(try op(.multiply, "2.5", "1.25") == "3.125")
        #expect(try op(.divide, "1", "3") == "0.33333333333333333333")
        #expect(try op(.divide, "10", "4") == "2.5000000000000000")
        #expect(try op(.divide, "1e-20", "3") == "0.0000000000000000000033333333333333333333")
        #expect(try op(.modulo, "7.5", "2") == "1.5")
        #expect(try op(.divide, "NaN", "0") == "NaN")
        #expect(throws: PlanError.self) { try op(.divide, "1", "0") }
        #expect(throws: PlanError.self) { try op(.multiply, "1e30", "1e30") }
    }

    @Test func equalByValueWithNaNAboveEveryNumber() throws {
        #expect(try n("1.5") == n("1.50"))
        #expect(try Set([n("1.5"), n("1.50"), n("NaN"), n("nan")]).count == 2)
        #expect(try NumericValue.compare(n("NaN"), n("1e30")) == 1)
        #expect(try NumericValue.compare(n("-0.001"), n("0")) == -1)
        #expect(try NumericValue.compare(n("1e-100"), n("2")) == -1)
        #expect(try NumericValue(packed: n("-1.25").packed).text == "-1.25")
    }

    @Test func roundingKeepsTheAskedScale() throws {
        #expect(try n("1.5").rounded(to: 4).text == "1.5000")
        #expect(try n("1234.5").rounded(to: -2).text == "1200")
        #expect(try n("2.5").rounded(to: 0).text == "3")
        #expect(try n("1.99").rounded(to: 1, truncate: true).text == "1.9")
        #expect(try n("-1.5").integral(up: false).text == "-2")
    }
}
