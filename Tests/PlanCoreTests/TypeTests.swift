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
        #expect(DateTimeText.format(days: -1) == "1969-12-31")
        #expect(CivilDate.parseTimestamp("2024-01-02 03:04:05.5").map { DateTimeText.format(micros: $0) } == "2024-01-02 03:04:05.5")
    }

    @Test func intervalsParse() throws {
        #expect(try Interval.parse("3 months 2 days", unit: nil) == Interval(months: 3, days: 2))
        #expect(try Interval.parse("90", unit: .day) == Interval(days: 90))
        #expect(try Interval.parse("1 year", unit: nil)?.description == "1 year")
        #expect(try Interval.parse("soon", unit: nil) == nil)
    }

    @Test func intervalsOutOfRangeAreAnErrorNotAWrap() throws {
        #expect(try Interval.parse("178956970 years", unit: nil) == Interval(months: 2_147_483_640))
        #expect(throws: PlanError.self) { try Interval.parse("178956971 years", unit: nil) }
        #expect(throws: PlanError.self) { try Interval.parse("2147483647 days 1 day", unit: nil) }
        #expect(throws: PlanError.self) { try Interval(days: .max).adding(Interval(days: 1)) }
        #expect(throws: PlanError.self) { try Interval(months: .min).negated() }
        #expect(throws: PlanError.self) { try Interval(months: 1).scaled(by: 3e9) }
        #expect(try Interval(months: 1).scaled(by: 2_147_483_647) == Interval(months: .max))
        #expect(Interval(micros: .min).description == "-2562047788:00:54.775808")
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
        #expect(ScalarOps.logical(.and, [.null, .boolean(false)]) == .boolean(false))
        #expect(ScalarOps.logical(.or, [.null, .boolean(false)]) == .null)
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

    /// Every pattern of up to 4 of `a b % _` against every string of up to 5 of `a b`,
    /// compared with the textbook recursive definition of LIKE.
    @Test func likeMatcherAgreesWithTheDefinitionOnEverySmallCase() throws {
        func all(_ alphabet: [Character], upTo n: Int) -> [String] {
            var out = [""], level = [""]
            for _ in 0..<n {
                level = level.flatMap { s in alphabet.map { s + String($0) } }
                out += level
            }
            return out
        }
        func reference(_ p: Substring, _ s: Substring) -> Bool {
            guard let c = p.first else { return s.isEmpty }
            switch c {
            case "%": return reference(p.dropFirst(), s) || (!s.isEmpty && reference(p, s.dropFirst()))
            case "_": return !s.isEmpty && reference(p.dropFirst(), s.dropFirst())
            default: return s.first == c && reference(p.dropFirst(), s.dropFirst())
            }
        }
        let strings = all(["a", "b"], upTo: 5)
        for pattern in all(["a", "b", "%", "_"], upTo: 4) {
            let matcher = try LikeMatcher(pattern: pattern)
            for s in strings where matcher.matches(s) != reference(Substring(pattern), Substring(s)) {
                Issue.record("'\(s)' LIKE '\(pattern)'")
            }
        }
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

/// The byte-level decimal parser (CSV loads) against the character-level one it replaced,
/// on edge cases and on random text with NULL-like and malformed inputs.
@Suite struct DecimalParserTests {
    /// The previous parser, kept here as the oracle.
    static func reference(_ text: String, precision: Int, scale: Int) -> Int128? {
        var s = Substring(text.trimmingSpaces())
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        let pieces = s.split(separator: ".", omittingEmptySubsequences: false)
        guard !s.isEmpty, pieces.count <= 2 else { return nil }
        let whole = pieces[0], frac = pieces.count == 2 ? pieces[1] : ""
        guard !(whole.isEmpty && frac.isEmpty), whole.allSatisfy({ $0.isASCII && $0.isNumber }), frac.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var value: Int128 = 0
        for d in whole {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int128(d.wholeNumberValue ?? 0))
            if o1 || o2 { return nil }
            value = a
        }
        let fracDigits = Array(frac)
        for i in 0..<scale {
            let digit = i < fracDigits.count ? (fracDigits[i].wholeNumberValue ?? 0) : 0
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int128(digit))
            if o1 || o2 { return nil }
            value = a
        }
        if fracDigits.count > scale, let next = fracDigits[scale].wholeNumberValue, next >= 5 { value += 1 }
        guard value <= DecimalMath.maxUnscaled(precision: precision) else { return nil }
        return negative ? -value : value
    }

    @Test func edgeCases() {
        let cases = ["", " ", "-", "+", ".", "-.", "1.", ".5", "-.5", " 12.345 ", "\t7\t", "1.2.3", "+-1", "1e3", "00012.50",
                     "99.995", "999.995", "-0", "12a", "1 2", "123456789012345678901234567890123456789"]
        for text in cases {
            for (p, s) in [(5, 2), (38, 0), (10, 3), (3, 0)] {
                #expect(DecimalMath.parse(text, precision: p, scale: s) == Self.reference(text, precision: p, scale: s), "\(text) (\(p),\(s))")
            }
        }
    }

    @Test func aWindowsLineEndIsTrimmedToo() {
        // The old parser saw "\r\n" as one character that is not a space and refused it.
        #expect(DecimalMath.parse("\t7\r\n", precision: 5, scale: 2) == 700)
    }

    @Test func randomText() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789.-+ 9")
        for _ in 0..<20_000 {
            let text = String((0..<Int.random(in: 0...14, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "0" })
            let p = Int.random(in: 1...38, using: &rng), s = Int.random(in: 0...min(p, 8), using: &rng)
            #expect(DecimalMath.parse(text, precision: p, scale: s) == Self.reference(text, precision: p, scale: s), "\(text) (\(p),\(s))")
        }
    }
}
