import Foundation
import PlanCore
@testable import PlanEngine
import PlanExec
import Testing

/// A hash join's build keys filter the probe side's scan while the query runs: fewer rows
/// leave the scan, never other answers. Placed only where the join drops probe rows
/// without a match (inner, right, semi), and switched by `pushdown.runtime_filters`.
@Suite struct RuntimeFilterTests {
    /// Two tables: `big` (k from 0 to 2,999, every third NULL-free; v) and `small` (a few
    /// keys, one NULL, one outside big's keys).
    static func session() throws -> Session {
        let s = Session()
        _ = try s.execute("""
            CREATE TABLE big AS SELECT x AS k, x % 7 AS v FROM generate_series(0, 2999) g(x);
            INSERT INTO big VALUES (NULL, 1), (NULL, 2);
            CREATE TABLE small (k BIGINT, tag TEXT);
            INSERT INTO small VALUES (5, 'a'), (5, 'b'), (17, 'c'), (2500, 'd'), (NULL, 'n'), (99999, 'none');
            CREATE TABLE empty (k BIGINT);
            """)
        return s
    }

    static func rendered(_ s: Session, _ sql: String) throws -> String {
        let physical = try #require(try s.explain(sql, analyze: true).physical)
        return PhysicalPlanRenderer.render(physical)
    }

    @Test func aSelectiveBuildPrunesTheProbeScanAndTheAnswerStays() throws {
        let s = try Self.session()
        let sql = "SELECT count(*), sum(v) FROM big JOIN small ON big.k = small.k"
        let on = try s.query(sql).rows
        let text = try Self.rendered(s, sql)
        #expect(text.contains("runtime_filter=big.k"), "\(text)")
        #expect(text.contains("runtime_filters=[big.k IN build(small.k)]"), "\(text)")
        // 3,002 rows offered; the range 5…99999 and the bloom filter keep about 3 of them.
        #expect(text.contains(" of 3002 kept (") && text.contains("runtime filter)"), "\(text)")
        // The pushdown report names the filter on the scan and counts what it pruned.
        let report = try #require(try s.query(sql).pushdown)
        let big = try #require(report.scans.first { $0.table == "big" })
        #expect(big.runtimeFilters == ["big.k IN build(small.k)"])
        let rows = try #require(big.units.first { $0.kind == "rows" })
        #expect(rows.total == 3002 && rows.prunedBy["runtime filter"] == rows.pruned && rows.pruned > 2900, "\(rows)")
        #expect(report.json.compact.contains("\"runtime_filters\":[\"big.k IN build(small.k)\"]"))
        try s.set("pushdown.runtime_filters", "off")
        #expect(try s.query(sql).rows == on)
        #expect(try s.query(sql).pushdown?.scans.allSatisfy { $0.runtimeFilters.isEmpty } == true)
        let off = try Self.rendered(s, sql)
        #expect(!off.contains("runtime_filter"), "\(off)")
        let expectedSum: Int64 = 5 + 5 + 3 + 1  // v = k % 7 for k = 5, 5, 17, 2500
        #expect(on == [[.int64(4), .int64(expectedSum)]])
    }

    @Test func joinsThatKeepUnmatchedProbeRowsGetNoFilter() throws {
        let s = try Self.session()
        for sql in ["SELECT count(*) FROM big LEFT JOIN small ON big.k = small.k",
                    "SELECT count(*) FROM big WHERE k NOT IN (SELECT k FROM small WHERE k IS NOT NULL)",
                    "SELECT count(*) FROM big WHERE NOT EXISTS (SELECT 1 FROM small WHERE small.k = big.k)",
                    "SELECT count(*) FROM big FULL JOIN small ON big.k = small.k"] {
            let text = try Self.rendered(s, sql)
            #expect(!text.contains("runtime filter)"), "\(sql)\n\(text)")
        }
        #expect(try s.query("SELECT count(*) FROM big LEFT JOIN small ON big.k = small.k").rows == [[.int64(3003)]])
    }

    @Test func anEmptyBuildPrunesEveryProbeRow() throws {
        let s = try Self.session()
        let sql = "SELECT count(*) FROM big JOIN empty ON big.k = empty.k"
        #expect(try s.query(sql).rows == [[.int64(0)]])
        let text = try Self.rendered(s, sql)
        #expect(text.contains("3002 pruned: 3002 runtime filter") || !text.contains("runtime_filter=big.k"), "\(text)")
    }

    /// Random tables and every join kind: the same rows with the filters on and off.
    @Test func everyJoinKindAnswersTheSameWithAndWithoutFilters() throws {
        var rng = SplitMix(seed: 42)
        for round in 0..<12 {
            let s = Session()
            func values(_ n: Int, range: Int) -> String {
                (0..<n).map { _ in rng.int(0..<9) == 0 ? "(NULL, \(rng.int(0..<5)))" : "(\(rng.int(0..<range)), \(rng.int(0..<5)))" }
                    .joined(separator: ", ")
            }
            _ = try s.execute("""
                CREATE TABLE a (k INTEGER, x INTEGER); INSERT INTO a VALUES \(values(400, range: 60 + round * 10));
                CREATE TABLE b (k INTEGER, y INTEGER); INSERT INTO b VALUES \(values(1 + round * 3, range: 80));
                CREATE TABLE c (k INTEGER, z INTEGER); INSERT INTO c VALUES \(values(30, range: 40));
                """)
            let queries = [
                "SELECT a.k, a.x, b.y FROM a JOIN b ON a.k = b.k ORDER BY 1, 2, 3",
                "SELECT a.k, a.x, b.y FROM a LEFT JOIN b ON a.k = b.k ORDER BY 1, 2, 3",
                "SELECT a.k, a.x, b.y FROM a RIGHT JOIN b ON a.k = b.k ORDER BY 1, 2, 3",
                "SELECT a.k, a.x FROM a WHERE a.k IN (SELECT k FROM b) ORDER BY 1, 2",
                "SELECT a.k, a.x FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.k = a.k AND b.y > 10) ORDER BY 1, 2",
                "SELECT a.k, a.x FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.k = a.k) ORDER BY 1, 2",
                "SELECT a.k, c.z, b.y FROM a JOIN c ON a.k = c.k JOIN b ON c.k = b.k ORDER BY 1, 2, 3",
                "SELECT a.k, c.z, b.y FROM a LEFT JOIN c ON a.k = c.k JOIN b ON c.k = b.k ORDER BY 1, 2, 3",
                "SELECT count(*), sum(x) FROM a, b WHERE a.k = b.k AND a.x < b.y",
            ]
            for sql in queries {
                try s.set("pushdown.runtime_filters", "on")
                let on = try s.query(sql).rows
                try s.set("pushdown.runtime_filters", "off")
                let off = try s.query(sql).rows
                #expect(on == off, "round \(round): \(sql)")
            }
        }
    }
}
