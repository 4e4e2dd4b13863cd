import PlanCore
import PlanEngine
import PlanExec
import Testing

/// Window functions through the session: every plan format shows the Window node, the
/// per-partition top-k sorts fewer rows (EXPLAIN ANALYZE) and is named in the trace, and
/// partitions computed on several workers give the rows one worker gives.
@Suite struct WindowTests {
    static func session() throws -> Session {
        let s = Session()
        _ = try s.execute("""
            CREATE TABLE sales AS SELECT x AS id, x % 50 AS shop, (x * 7919) % 1000 AS amount
              FROM generate_series(1, 20000) AS t(x);
            """)
        return s
    }

    static let topN = "SELECT shop, id FROM (SELECT shop, id, row_number() OVER (PARTITION BY shop ORDER BY amount DESC, id) AS rn FROM sales) s WHERE rn <= 3"

    /// The operator named `name` in a physical plan.
    static func node(_ name: String, in plan: PhysicalPlanSnapshot) -> PhysicalPlanSnapshot? {
        if plan.name == name { return plan }
        for c in plan.children { if let n = node(name, in: c) { return n } }
        return nil
    }

    @Test func everyPlanFormatShowsTheWindow() throws {
        let s = try Self.session()
        let plan = try s.logicalPlan("SELECT id, sum(amount) OVER (PARTITION BY shop ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS s FROM sales")
        let call = "sum(sales.amount) OVER (PARTITION BY sales.shop ORDER BY sales.id ASC NULLS LAST ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)"
        #expect(IndentRenderer.render(plan).contains("  Window: windowExpr=[[\(call)]]"))
        #expect(TreeRenderer.render(plan).contains("Window"))
        #expect(TreeRenderer.render(plan).contains("ROWS BETWEEN 2 PRECEDING"))
        let json = PlanJSON.document(plan).compact
        #expect(json.contains("\"node\":\"Window\""), "\(json)")
        #expect(json.contains("\"window_exprs\":[\"\(call)\"]"), "\(json)")
        let tree = plan.planTree.flattened().map(\.node)
        #expect(tree.contains { $0.kind == "Window" && $0.line.contains(call) })
    }

    @Test func topNPerGroupSortsFewerRowsWithTheRuleAndTheTraceNamesIt() throws {
        let s = try Self.session()
        let explained = try s.explain(Self.topN, analyze: true)
        let trace = try #require(explained.trace)
        #expect(trace.steps.contains { $0.rule == "window_topk_per_partition" && $0.changed })
        let physical = try #require(explained.physical)
        let window = try #require(Self.node("WindowExec", in: physical))
        // 50 shops × 3 rows reach the window's sort, not 20,000.
        #expect(window.children.first?.name == "PartitionTopKExec")
        #expect(window.children.first?.metrics?.outputRows == 150)

        try s.set("optimizer.rule.window_topk_per_partition", "false")
        let without = try s.explain(Self.topN, analyze: true)
        let withoutPhysical = try #require(without.physical)
        let plain = try #require(Self.node("WindowExec", in: withoutPhysical))
        #expect(plain.children.first?.metrics?.outputRows == 20_000)
        #expect(!(without.trace?.steps.contains { $0.rule == "window_topk_per_partition" && $0.changed } ?? true))

        // The same rows either way.
        let off = try s.query(Self.topN + " ORDER BY shop, id").rows
        try s.set("optimizer.rule.window_topk_per_partition", "true")
        let on = try s.query(Self.topN + " ORDER BY shop, id").rows
        #expect(on.count == 150 && on == off)
    }

    @Test func partitionsOnSeveralWorkersGiveTheRowsOneWorkerGives() throws {
        let s = try Self.session()
        let sql = """
            SELECT id, row_number() OVER (PARTITION BY shop ORDER BY amount, id), rank() OVER (PARTITION BY shop ORDER BY amount),
                   sum(amount) OVER (PARTITION BY shop ORDER BY id ROWS BETWEEN 5 PRECEDING AND 5 FOLLOWING),
                   max(amount) OVER (PARTITION BY shop ORDER BY id ROWS BETWEEN 3 PRECEDING AND CURRENT ROW),
                   avg(amount) OVER (PARTITION BY shop ORDER BY amount RANGE BETWEEN 10 PRECEDING AND 10 FOLLOWING)
            FROM sales ORDER BY id
            """
        try s.set("execution.workers", "1")
        let one = try s.query(sql).rows
        try s.set("execution.workers", "4")
        let before = ExecutionRuntime.shared.tasksStarted
        let four = try s.query(sql).rows
        #expect(ExecutionRuntime.shared.tasksStarted - before >= 3)
        #expect(one.count == 20_000 && four == one)
    }

    /// The typed kernels (running count and sum, row_number, rank, dense_rank) give what the
    /// general evaluators give: a FILTER that keeps every row sends the same call there.
    @Test func typedKernelsAgreeWithTheGeneralEvaluators() throws {
        let s = Session()
        _ = try s.execute("""
            CREATE TABLE r AS SELECT x, x % 97 AS g, CASE WHEN x % 7 = 0 THEN NULL ELSE (x * 7919) % 1000 - 500 END AS v,
                CASE WHEN x % 5 = 0 THEN NULL ELSE CAST((x * 31) % 1000 AS DECIMAL(9, 2)) / 8 END AS d, x % 13 AS o
              FROM generate_series(1, 30000) AS t(x);
            """)
        for window in ["PARTITION BY g ORDER BY o", "PARTITION BY g ORDER BY o ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW",
                       "ORDER BY o DESC, x", "PARTITION BY g"] {
            let fast = try s.query("SELECT x, sum(v) OVER (\(window)), sum(d) OVER (\(window)), count(v) OVER (\(window)), count(*) OVER (\(window)) FROM r ORDER BY x").rows
            let general = try s.query("SELECT x, sum(v) FILTER (WHERE true) OVER (\(window)), sum(d) FILTER (WHERE true) OVER (\(window)), count(v) FILTER (WHERE true) OVER (\(window)), count(*) FILTER (WHERE true) OVER (\(window)) FROM r ORDER BY x").rows
            #expect(fast.count == 30_000 && fast == general, "\(window)")
        }
        // row_number is the ROWS running count; rank the RANGE running count less the peers after the row, plus one.
        let ranks = try s.query("""
            SELECT count(*) FROM (SELECT row_number() OVER w AS rn, count(*) FILTER (WHERE true) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS c,
                rank() OVER w AS rk, count(*) FILTER (WHERE true) OVER (w RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1 AS rk2,
                dense_rank() OVER w AS dr, count(DISTINCT o) OVER (w RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS dr2
              FROM r WINDOW w AS (PARTITION BY g ORDER BY o)) q WHERE rn <> c OR rk <> rk2 OR dr <> dr2
            """).rows
        #expect(ranks == [[.int64(0)]])
    }

    @Test func theWindowStopsAtTheMemoryLimitAndGivesThePoolBack() throws {
        let s = Session()
        _ = try s.execute("SET execution.memory_limit = '1MiB'")
        #expect {
            _ = try s.query("SELECT x, row_number() OVER (ORDER BY x DESC) FROM generate_series(1, 200000) t(x)")
        } throws: { error in
            "\(error)".contains("memory limit 1 MiB exceeded in Window")
        }
        #expect(s.memory.reserved == 0)
        #expect(try s.query("SELECT max(r) FROM (SELECT row_number() OVER (ORDER BY x) AS r FROM generate_series(1, 1000) t(x)) q").rows == [[.int64(1000)]])
    }
}
