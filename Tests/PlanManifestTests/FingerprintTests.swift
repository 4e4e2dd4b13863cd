import PlanCore
import PlanManifest
import Testing

@Suite struct FingerprintTests {
    static let document = JSONValue.object([("b", .array([.bool(true), .null, .string("x\"y")])), ("a", .int(1))])

    @Test func hashesTheCanonicalForm() {
        // Keys sorted, no whitespace; the digest was computed independently (Python's
        // hashlib over the same bytes), so a change of canonical form shows here.
        #expect(Self.document.canonical == #"{"a":1,"b":[true,null,"x\"y"]}"#)
        #expect(Fingerprint(of: Self.document).hex == "dd0abe9107fede51c2c13bebf0cf873bf81b520fd39e4e025c00269d47297996")
        #expect(Fingerprint(of: Self.document).short == "sha256:dd0abe9107fede51")
    }

    @Test func keyOrderDoesNotMatterButValuesDo() {
        let reordered = JSONValue.object([("a", .int(1)), ("b", .array([.bool(true), .null, .string("x\"y")]))])
        #expect(Fingerprint(of: reordered) == Fingerprint(of: Self.document))
        let changed = JSONValue.object([("a", .int(2)), ("b", .array([.bool(true), .null, .string("x\"y")]))])
        #expect(Fingerprint(of: changed) != Fingerprint(of: Self.document))
        // Array order is meaningful.
        let swapped = JSONValue.object([("a", .int(1)), ("b", .array([.null, .bool(true), .string("x\"y")]))])
        #expect(Fingerprint(of: swapped) != Fingerprint(of: Self.document))
        // Nested objects are sorted too.
        let nested1 = JSONValue.object([("o", .object([("y", .int(1)), ("x", .int(2))]))])
        let nested2 = JSONValue.object([("o", .object([("x", .int(2)), ("y", .int(1))]))])
        #expect(nested1.canonical == #"{"o":{"x":2,"y":1}}"#)
        #expect(Fingerprint(of: nested1) == Fingerprint(of: nested2))
    }
}

@Suite struct LineDiffTests {
    @Test func keepsCommonLinesAndMarksTheRest() {
        let d = LineDiff(from: "A\n  B\n  C", to: "A\n  C\n  D")
        #expect(d.lines == [.same("A"), .removed("  B"), .same("  C"), .added("  D")])
        #expect(d.hasChanges)
    }

    @Test func identicalTextsHaveNoChanges() {
        let d = LineDiff(from: "Projection: t.a\n  TableScan: t", to: "Projection: t.a\n  TableScan: t")
        #expect(!d.hasChanges)
        #expect(d.text == "  Projection: t.a\n    TableScan: t")
    }

    @Test func everythingReplaced() {
        let d = LineDiff(from: "a\nb", to: "c")
        #expect(d.lines.filter { if case .removed = $0 { true } else { false } }.count == 2)
        #expect(d.lines.filter { if case .added = $0 { true } else { false } }.count == 1)
    }

    /// Lines are equal by their bytes: é written as one code point and as e + U+0301 differ.
    @Test func canonicallyEquivalentLinesDiffer() {
        let d = LineDiff(lines: ["caf\u{E9}"], ["cafe\u{301}"])
        #expect(d.hasChanges)
    }

    /// Past the table limit (3,000 × 3,000 lines) the common first and last lines still match,
    /// so one changed line in the middle is one removal and one addition.
    @Test func largeInputsKeepTheirCommonEnds() {
        let a = (0..<3000).map { "row \($0)" }
        var b = a
        b[1500] = "changed"
        let d = LineDiff(lines: a, b)
        #expect(d.lines.filter { if case .same = $0 { false } else { true } } == [.added("changed"), .removed("row 1500")])
        let other = LineDiff(lines: a, a.map { $0 + "!" })
        #expect(other.lines.count == 6000 && other.lines.first == .removed("row 0") && other.lines.last == .added("row 2999!"))
    }

    @Test func aMovedLineIsOneRemovalAndOneAddition() {
        let d = LineDiff(from: "x\ny\nz", to: "y\nz\nx")
        #expect(d.lines.filter { if case .same = $0 { true } else { false } }.count == 2)
        #expect(d.text.split(separator: "\n").count == 4)
    }
}
