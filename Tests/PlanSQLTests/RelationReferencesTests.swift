import PlanCore
import PlanSQL
import Testing

/// The relations a query names, read from its syntax, include those named only inside a
/// window: its PARTITION BY and ORDER BY, a frame offset, a named window, QUALIFY.
@Suite struct RelationReferencesTests {
    static func reads(_ sql: String) throws -> [String] {
        guard case .query(let q) = try Parser.parseOne(sql) else { return [] }
        return RelationReferences.of(q).map(\.normalized)
    }

    @Test func relationsNamedInsideWindowsAreRead() throws {
        #expect(try Self.reads("SELECT rank() OVER (PARTITION BY (SELECT max(a) FROM p) ORDER BY (SELECT min(b) FROM o)) FROM t") == ["t", "p", "o"])
        #expect(try Self.reads("SELECT sum(x) OVER w FROM t WINDOW w AS (ORDER BY (SELECT 1 FROM n))") == ["t", "n"])
        #expect(try Self.reads("SELECT x FROM t QUALIFY row_number() OVER (ORDER BY x) <= (SELECT k FROM limits)") == ["t", "limits"])
    }
}
