import PlanCore
import PlanEngine
import PlanExec
import Testing

/// A CTE used twice is computed once: one use runs its input, the other replays its rows
/// (`share_repeated_subplans`, `SharedSubplanExec`), unless the memory limit refuses them.
@Suite struct SharedSubplanTests {
    static let selfJoin = """
        WITH totals AS (SELECT shop, sum(amount) AS total FROM sales GROUP BY shop)
        SELECT a.shop, a.total, b.total FROM totals AS a JOIN totals AS b ON a.shop + 1 = b.shop ORDER BY a.shop
        """

    static func session() throws -> Session {
        let s = Session()
        _ = try s.execute("""
            CREATE TABLE sales AS SELECT x % 50 AS shop, (x * 37) % 101 AS amount FROM generate_series(1, 20000) AS t(x);
            """)
        return s
    }

    /// The SharedSubplanExec operators of an analyzed plan, with the rows their input produced.
    static func uses(_ plan: PhysicalPlanSnapshot) -> [(detail: String, inputRows: Int)] {
        let own = plan.name == "SharedSubplanExec" ? [(plan.detail, plan.children.first?.metrics?.outputRows ?? 0)] : []
        return own + plan.children.flatMap(uses)
    }

    @Test func oneUseComputesAndTheOtherReplays() throws {
        let s = try Self.session()
        for workers in ["1", "2", "4"] {
            try s.set("execution.workers", workers)
            let plan = try #require(try s.explain(Self.selfJoin, analyze: true).physical)
            let found = Self.uses(plan).sorted { $0.detail < $1.detail }
            #expect(found.map(\.detail) == ["id=1, computed here", "id=1, rows reused"], "\(PhysicalPlanRenderer.render(plan))")
            #expect(found.map(\.inputRows) == [50, 0], "\(PhysicalPlanRenderer.render(plan))")
            let rows = try s.query(Self.selfJoin).rows
            #expect(rows.count == 49)
        }
    }

    /// 40,000 groups (about 640 KB of shared rows) under a 512 KiB limit: the aggregation
    /// spills, and the shared rows are refused, so each use computes its own.
    @Test func overTheMemoryLimitEachUseComputesItsOwn() throws {
        let s = try Self.session()
        let sql = """
            WITH keys AS (SELECT x % 40000 AS k, count(*) AS n FROM generate_series(1, 80000) AS t(x) GROUP BY 1)
            SELECT count(*), sum(n), max(k) FROM keys WHERE n = (SELECT max(n) FROM keys)
            """
        let shared = try s.query(sql).rows
        let unlimited = try #require(try s.explain(sql, analyze: true).physical)
        #expect(Self.uses(unlimited).map(\.detail) == ["id=1, computed here"], "\(PhysicalPlanRenderer.render(unlimited))")
        try s.set("execution.memory_limit", "512KiB")
        let plan = try #require(try s.explain(sql, analyze: true).physical)
        #expect(Self.uses(plan).map(\.detail) == ["id=1, computed by each use (memory limit)"], "\(PhysicalPlanRenderer.render(plan))")
        #expect(try s.query(sql).rows == shared)
    }

    @Test func theRuleCanBeSwitchedOff() throws {
        let s = try Self.session()
        try s.set("optimizer.rule.share_repeated_subplans", "off")
        let plan = try #require(try s.explain(Self.selfJoin, analyze: true).physical)
        #expect(Self.uses(plan).isEmpty)
    }
}
