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

    /// Under WITH RECURSIVE a WITH query reads itself and the ones after it, none of them a
    /// relation of the catalog; without RECURSIVE its own name is one.
    @Test func recursiveWithNamesAreNotRelations() throws {
        #expect(try Self.reads("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT e.dst FROM r JOIN edges e ON e.src = r.n) SELECT n FROM r") == ["edges"])
        #expect(try Self.reads("WITH RECURSIVE a AS (SELECT * FROM b), b AS (SELECT * FROM t) SELECT * FROM a") == ["t"])
        #expect(try Self.reads("WITH a AS (SELECT * FROM b), b AS (SELECT * FROM t) SELECT * FROM a") == ["b", "t"])
    }

    /// Keys inside ROLLUP, CUBE and GROUPING SETS are read too.
    @Test func relationsInsideGroupingSetsAreRead() throws {
        #expect(try Self.reads("SELECT count(*) FROM t GROUP BY ROLLUP (a, (SELECT max(b) FROM m)), GROUPING SETS ((c), ())") == ["t", "m"])
    }
}
