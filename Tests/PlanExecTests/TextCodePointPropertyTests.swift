import PlanCore
import PlanEngine
@testable import PlanExec
import PropertyBased
import Testing

/// Text is a sequence of code points (``Text``): compared, hashed, grouped, joined and
/// counted by code point, never by Swift's canonical equivalence or grapheme clusters.
/// Random strings are drawn from code points chosen so that Swift's `String` would
/// disagree: a decomposed and a precomposed é, CR and LF, an emoji with a skin-tone
/// modifier and a zero-width joiner, ß, İ, and code points on both sides of U+FFFF.
@Suite struct TextCodePointPropertyTests {
    static let alphabet: [Unicode.Scalar] = [
        "a", "e", "\u{301}", "\u{E9}", "\r", "\n", "Z", "\u{DF}", "\u{130}",
        "\u{1F44D}", "\u{1F3FD}", "\u{200D}", "\u{FFFF}", "\u{10000}", "\u{7F}", "\u{80}",
    ]
    static let text = Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...6)
        .map { picks in Text.string(picks.map { alphabet[$0] }) }

    /// Code-point order: the scalars' values compared lexicographically.
    static func codePointOrder(_ a: String, _ b: String) -> Int {
        let x = a.unicodeScalars.map(\.value), y = b.unicodeScalars.map(\.value)
        if x == y { return 0 }
        return x.lexicographicallyPrecedes(y) ? -1 : 1
    }

    @Test func comparisonIsCodePointOrder() async {
        await propertyCheck(count: 400, input: Self.text, Self.text) { a, b in
            let want = Self.codePointOrder(a, b)
            #expect(ScalarOps.compare(.string(a), .string(b)) == want, "\(a.debugDescription) vs \(b.debugDescription)")
            #expect(Text.compare(a, b) == want)
            #expect((ScalarValue.string(a) == .string(b)) == (want == 0), "\(a.debugDescription) = \(b.debugDescription)")
            if want == 0 { #expect(ScalarValue.string(a).hashValue == ScalarValue.string(b).hashValue) }
            // The kernels' byte comparison of a column against a constant agrees.
            let column = StringArray([a])
            let lt = Kernels.compare(.lt, column, bytes: Array(b.utf8))[0]
            #expect(lt == (want < 0))
        }
    }

    /// GROUP BY (interned bytes), DISTINCT and UNION (hashed values), a hash join and
    /// ORDER BY all see the same distinct texts: as many as distinct code-point sequences.
    @Test func groupingHashingJoiningAndSortingAgree() async throws {
        await propertyCheck(count: 25, input: Self.text.array(of: 1...24)) { texts in
            let s = Session()
            _ = try s.execute("CREATE TABLE t (s TEXT)")
            _ = try s.execute("INSERT INTO t VALUES " + texts.map { "('\($0)')" }.joined(separator: ", "))
            let distinct = Set(texts.map { $0.unicodeScalars.map(\.value) })
            func count(_ sql: String) throws -> Int64? { try s.query(sql).rows.first?.first?.int64Value }
            #expect(try count("SELECT count(*) FROM (SELECT s FROM t GROUP BY s) g") == Int64(distinct.count))
            #expect(try count("SELECT count(*) FROM (SELECT DISTINCT s FROM t) g") == Int64(distinct.count))
            #expect(try count("SELECT count(*) FROM (SELECT s FROM t UNION SELECT s FROM t) g") == Int64(distinct.count))
            #expect(try count("SELECT count(DISTINCT s) FROM t") == Int64(distinct.count))
            let pairs = texts.reduce(into: [[UInt32]: Int64]()) { $0[$1.unicodeScalars.map(\.value), default: 0] += 1 }
                .values.reduce(0) { $0 + $1 * $1 }
            #expect(try count("SELECT count(*) FROM t a JOIN t b ON a.s = b.s") == pairs)
            let sorted = try s.query("SELECT s FROM t ORDER BY s").rows.compactMap { row -> String? in
                if case .string(let v) = row[0] { return v } else { return nil }
            }
            let want = texts.sorted { Self.codePointOrder($0, $1) < 0 }
            #expect(sorted.map { $0.unicodeScalars.map(\.value) } == want.map { $0.unicodeScalars.map(\.value) })
        }
    }

    @Test func functionsCountCodePoints() throws {
        let decomposed = "e\u{301}"
        func call(_ f: ScalarFunction, _ args: [ScalarValue], _ type: DataType = .text) throws -> ScalarValue {
            try ScalarOps.function(f, args, resultType: type)
        }
        #expect(try call(.length, [.string(decomposed)], .int32) == .int32(2))
        #expect(try call(.length, [.string("a\r\nb")], .int32) == .int32(4))
        #expect(try call(.length, [.string("\u{1F469}\u{1F3FD}\u{200D}\u{1F4BB}")], .int32) == .int32(4))
        #expect(try call(.octetLength, [.string(decomposed)], .int32) == .int32(3))
        #expect(try call(.reverse, [.string("a\r\n")]) == .string("\n\ra"))
        #expect(try call(.substr, [.string(decomposed), .int64(2)]) == .string("\u{301}"))
        #expect(try call(.left, [.string("\r\nx"), .int64(1)]) == .string("\r"))
        #expect(try call(.strpos, [.string("\u{E9}e\u{301}"), .string("\u{301}")], .int32) == .int32(3))
        #expect(try call(.strpos, [.string("e\u{301}"), .string("\u{E9}")], .int32) == .int32(0))
        #expect(try call(.replace, [.string("e\u{301}\u{E9}"), .string("\u{E9}"), .string("x")]) == .string("e\u{301}x"))
        #expect(try call(.startsWith, [.string("e\u{301}"), .string("e")], .boolean) == .boolean(true))
        #expect(try call(.trim, [.string("\u{301}e\u{301}"), .string("\u{301}")]) == .string("e"))
        #expect(try call(.lpad, [.string(decomposed), .int64(3), .string("*")]) == .string("*e\u{301}"))
        #expect(try ScalarOps.cast(.string("e\u{301}x"), to: .varchar(length: 1)) == .string("e"))
        #expect(try call(.upper, [.string("\u{DF}\u{FB01}")]) == .string("\u{DF}\u{FB01}"))
        #expect(try call(.lower, [.string("\u{130}")]) == .string("i"))
        #expect(try call(.upper, [.string("\u{1F80}\u{1FB3}")]) == .string("\u{1F88}\u{1FBC}"))
        #expect(try call(.initcap, [.string("e\u{301}te \u{1C6}a")]) == .string("E\u{301}Te \u{1C4}a"))
        #expect(try LikeMatcher(pattern: "_").matches(decomposed) == false)
        #expect(try LikeMatcher(pattern: "__").matches(decomposed))
        #expect(try LikeMatcher(pattern: "_\u{301}").matches(decomposed))
        #expect(try LikeMatcher(pattern: "\u{130}", caseInsensitive: true).matches("i"))
        #expect(try LikeMatcher(pattern: "_", caseInsensitive: true).matches("\u{130}"))
    }
}
