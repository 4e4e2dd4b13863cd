import PlanCore
import PlanEngine
import PlanExec
import Testing

/// Expressions that hold a subquery run on every worker: a compiled expression is shared
/// and immutable, each worker keeps the subqueries' results in a cache of its own. The
/// same rows, in the same order, at every `execution.workers`.
@Suite(.serialized) struct SubqueryParallelTests {
    /// Subqueries in filters, projections, aggregates and join filters; correlated (on
    /// `g`: 37 values, `m`: 5 and NULL) and not. Run with the rulepack `none`, they stay
    /// in the expressions (no decorrelation), so each is evaluated per batch.
    static let queries = [
        // Filters.
        "SELECT k, d FROM f WHERE d > (SELECT avg(d) FROM f) AND k % 7 = 0",
        "SELECT k, g FROM f WHERE m = (SELECT max(dim.g) % 5 FROM dim WHERE dim.g = f.g)",
        "SELECT k FROM f WHERE EXISTS (SELECT 1 FROM dim WHERE dim.g = f.g) AND k % 5 = 0",
        "SELECT k FROM f WHERE g NOT IN (SELECT dim.g FROM dim WHERE dim.g > f.m) AND k % 3 = 0",
        // Projections.
        "SELECT k, (SELECT name FROM dim WHERE dim.g = f.g) FROM f WHERE k % 3 = 0",
        "SELECT k, (SELECT count(*) FROM dim) + k, EXISTS (SELECT 1 FROM dim WHERE dim.g = f.m) FROM f",
        // Aggregates: arguments, FILTER and HAVING.
        "SELECT g, sum((SELECT dim.g FROM dim WHERE dim.g = f.g)), count(*) FROM f GROUP BY g",
        "SELECT m, count(*) FILTER (WHERE g IN (SELECT dim.g FROM dim WHERE dim.g < 10)), sum(k) FROM f GROUP BY m",
        "SELECT g, max(k) FROM f GROUP BY g HAVING max(k) > (SELECT avg(k) FROM f)",
        // A join's residual filter (probe side and left-built semi join).
        "SELECT f.k, dim.name FROM f JOIN dim ON f.g = dim.g AND f.m < (SELECT count(*) FROM dim d2 WHERE d2.g < dim.g) WHERE f.k < 5000",
    ]

    @Test(arguments: ["none", "default"])
    func everyWorkerCountGivesTheSameRows(rulepack: String) throws {
        let s = try ParallelExecutionTests.session()
        try s.set("optimizer.rulepack", rulepack)
        try s.set("execution.workers", "1")
        let expected = try Self.queries.map { try s.query($0).rows }
        for (q, rows) in zip(Self.queries, expected) { #expect(!rows.isEmpty, "\(q)") }
        for workers in [2, 3, 4, 8] {
            try s.set("execution.workers", String(workers))
            for (i, q) in Self.queries.enumerated() {
                #expect(try s.query(q).rows == expected[i], "workers=\(workers), rulepack=\(rulepack): \(q)")
            }
        }
    }

    /// An operator that holds a subquery takes morsels whenever its (probe) input gives
    /// them: a subquery is no reason to run on the calling thread only, as it once was.
    @Test func operatorsHoldingASubqueryRunAsMorsels() throws {
        let s = try ParallelExecutionTests.session()
        try s.set("optimizer.rulepack", "none")
        let context = PhysicalPlanner.makeContext(ExecutionOptions(batchSize: 500, workers: 4))
        var checked = 0
        for q in Self.queries {
            let plan = try PhysicalPlanner().plan(try s.explain(q).optimized)
            let holders = Self.operators(plan).filter { ["FilterExec", "ProjectionExec", "HashJoinExec"].contains($0.name) && $0.detail.contains("(<subquery>") }
            for op in holders where try op.children[0].morsels(context) != nil {
                #expect(try op.morsels(context) != nil, "\(op.name) in \(q)")
                checked += 1
            }
        }
        #expect(checked >= 7)
    }

    static func operators(_ op: any PhysicalOperator) -> [any PhysicalOperator] {
        [op] + op.children.flatMap(operators)
    }
}
