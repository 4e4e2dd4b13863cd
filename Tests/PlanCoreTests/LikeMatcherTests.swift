import PlanCore
import Testing

/// LIKE as PostgreSQL matches it: an escape character, and a pattern ending with it.
@Suite struct LikeMatcherTests {
    static func like(_ text: String, _ pattern: String, escape: Character? = "\\") throws -> Bool {
        try LikeMatcher(pattern: pattern, escape: escape).evaluate(text)
    }

    @Test func theEscapeMakesTheNextCharacterLiteral() throws {
        #expect(try Self.like("a_c", "a\\_c"))
        #expect(try !Self.like("abc", "a\\_c"))
        #expect(try Self.like("50%", "50\\%") && !Self.like("500", "50\\%"))
        #expect(try Self.like("a\\b", "a\\\\b"))
        // Without an escape character a backslash is an ordinary one.
        #expect(try !Self.like("a_c", "a\\_c", escape: nil))
        #expect(try Self.like("a\\_c", "a\\_c", escape: nil))
        #expect(try Self.like("a%", "a#%", escape: "#"))
    }

    @Test func aPatternEndingWithItsEscapeFailsOnlyWhenMatchingReachesIt() throws {
        // No text left when the escape is reached: no match, no error (PostgreSQL).
        #expect(try !Self.like("a", "a\\"))
        #expect(try !Self.like("b", "a\\"))
        #expect(try !Self.like("", "%\\"))
        #expect(throws: PlanError.self) { try Self.like("ab", "a\\") }
        #expect(throws: PlanError.self) { try Self.like("a", "%\\") }
        // The non-throwing form never matches such a pattern.
        #expect(!(try LikeMatcher(pattern: "a\\", escape: "\\")).matches("ab"))
    }
}
