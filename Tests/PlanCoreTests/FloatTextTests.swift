import PlanCore
import Testing

/// Doubles and reals as PostgreSQL writes them (`float8out`, `float4out`).
@Suite struct FloatTextTests {
    @Test func doublesInPostgreSQLsShortestFormat() {
        let cases: [(Double, String)] = [
            (-0.0, "-0"), (0, "0"), (1e15, "1e+15"), (1e14, "100000000000000"), (0.00001, "1e-05"), (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"), (1.5, "1.5"), (123456789012345.6, "123456789012345.6"), (1.7976931348623157e308, "1.7976931348623157e+308"),
            (.leastNonzeroMagnitude, "5e-324"), (-2.5e20, "-2.5e+20"), (.infinity, "Infinity"), (-.infinity, "-Infinity"), (.nan, "NaN"), (100, "100"),
        ]
        for (d, text) in cases { #expect(ScalarValue.float64(d).sqlText == text, "\(d)") }
    }

    @Test func realsSwitchToExponentsAtAMillion() {
        #expect(ScalarValue.float32(1e6).sqlText == "1e+06")
        #expect(ScalarValue.float32(123456).sqlText == "123456")
        #expect(ScalarValue.float32(0.1).sqlText == "0.1")
    }

    @Test func concatWritesBooleansAsTheirOutputFunction() throws {
        #expect(ScalarValue.boolean(true).outputText == "t")
        #expect(ScalarValue.boolean(true).sqlText == "true")
        #expect(try ScalarOps.function(.concat, [.boolean(true), .boolean(false)], resultType: .text) == .string("tf"))
    }
}
