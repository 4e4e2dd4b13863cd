import PlanCore
import PlanEngine
import PlanOptimizer
import PlanTesting
import Testing

/// The rules that involve windows, each as before → after plans.
@Suite struct WindowRuleTests {
    @Test func collapseWindowSharesOneSortForCallsOfOnePartitionAndOrder() throws {
        let plan = try bound("SELECT a, row_number() OVER (PARTITION BY c ORDER BY a) AS rn, sum(b) OVER (PARTITION BY c ORDER BY a) AS s, rank() OVER (ORDER BY b) AS r FROM t")
        expectPlan(plan, """
            Projection: t.a, row_number() OVER (PARTITION BY t.c ORDER BY t.a ASC NULLS LAST) AS rn, sum(t.b) OVER (PARTITION BY t.c ORDER BY t.a ASC NULLS LAST) AS s, rank() OVER (ORDER BY t.b ASC NULLS LAST) AS r
              Window: windowExpr=[[rank() OVER (ORDER BY t.b ASC NULLS LAST)]]
                Window: windowExpr=[[sum(t.b) OVER (PARTITION BY t.c ORDER BY t.a ASC NULLS LAST)]]
                  Window: windowExpr=[[row_number() OVER (PARTITION BY t.c ORDER BY t.a ASC NULLS LAST)]]
                    TableScan: t
            """)
        expectPlan(try optimized(plan, by: [CollapseWindow()]), """
            Projection: t.a, row_number() OVER (PARTITION BY t.c ORDER BY t.a ASC NULLS LAST) AS rn, sum(t.b) OVER (PARTITION BY t.c ORDER BY t.a ASC NULLS LAST) AS s, rank() OVER (ORDER BY t.b ASC NULLS LAST) AS r
              Window: windowExpr=[[rank() OVER (ORDER BY t.b ASC NULLS LAST)]]
                Window: windowExpr=[[row_number() OVER (PARTITION BY t.c ORDER BY t.a ASC NULLS LAST), sum(t.b) OVER (PARTITION BY t.c ORDER BY t.a ASC NULLS LAST)]]
                  TableScan: t
            """)
    }

    @Test func topKPerPartitionUnderARowNumberFilter() throws {
        let plan = try bound("SELECT * FROM (SELECT c, a, row_number() OVER (PARTITION BY c ORDER BY a DESC) AS rn FROM t) s WHERE rn <= 2")
        expectPlan(try optimized(plan, by: [PushDownFilter(), WindowTopKPerPartition()]), """
            Projection: s.c, s.a, s.rn
              SubqueryAlias: s
                Projection: t.c, t.a, row_number() OVER (PARTITION BY t.c ORDER BY t.a DESC NULLS FIRST) AS rn
                  Filter: row_number() OVER (PARTITION BY t.c ORDER BY t.a DESC NULLS FIRST) <= Int64(2)
                    Window: windowExpr=[[row_number() OVER (PARTITION BY t.c ORDER BY t.a DESC NULLS FIRST)]], partition_limit=2
                      TableScan: t
            """)
        // A lead() would see the rows after the first k: no limit then.
        let lead = try bound("SELECT c, row_number() OVER (PARTITION BY c ORDER BY a) AS rn, lead(a) OVER (PARTITION BY c ORDER BY a) FROM t QUALIFY rn = 1")
        let collapsed = try optimized(lead, by: [CollapseWindow()])
        #expect(try optimized(collapsed, by: [WindowTopKPerPartition()]) == collapsed)
    }

    @Test func pushDownFilterBelowAWindowOnlyOnPartitionKeys() throws {
        let plan = try bound("SELECT * FROM (SELECT c, a, count(*) OVER (PARTITION BY c) AS n FROM t) s WHERE c = 'x' AND a > 1 AND n > 1")
        expectPlan(try optimized(plan, by: [PushDownFilter()]), """
            Projection: s.c, s.a, s.n
              SubqueryAlias: s
                Projection: t.c, t.a, count(*) OVER (PARTITION BY t.c) AS n
                  Filter: t.a > CAST(Int64(1) AS Int32) AND count(*) OVER (PARTITION BY t.c) > Int64(1)
                    Window: windowExpr=[[count(*) OVER (PARTITION BY t.c)]]
                      TableScan: t full_filters=[t.c = Utf8("x")]
            """)
    }

    @Test func optimizeProjectionsDropsWindowCallsNobodyReads() throws {
        let plan = try bound("SELECT a FROM (SELECT a, b, row_number() OVER (ORDER BY a) AS rn, sum(b) OVER (PARTITION BY c) AS s FROM t) q")
        expectPlan(try optimized(plan, by: [OptimizeProjections()]), """
            Projection: q.a
              SubqueryAlias: q
                TableScan: t projection=[a]
            """)
    }
}
