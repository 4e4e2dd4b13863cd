import PlanCore
import PlanEngine
import PlanExec
import Testing

/// WITH RECURSIVE and grouping sets through the session: every plan format shows their
/// nodes, they travel through Substrait, execution.max_recursion stops a
/// recursion that does not end, and grouping sets on several workers give the rows one
/// worker gives.
@Suite struct RecursiveAndGroupingSetsTests {
    static let counting = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 100) SELECT n FROM r WHERE n > 90"
    static let rollup = "SELECT shop, item, sum(amount), GROUPING(shop, item) FROM sales GROUP BY ROLLUP (shop, item)"

    static func session() throws -> Session {
        let s = Session()
        _ = try s.execute("""
            CREATE TABLE sales AS SELECT x AS id, x % 50 AS shop, x % 7 AS item, (x * 7919) % 1000 AS amount
              FROM generate_series(1, 20000) AS t(x);
            """)
        return s
    }

    @Test func everyPlanFormatShowsTheRecursiveQuery() throws {
        let s = Session()
        let plan = try s.logicalPlan(Self.counting)
        let indent = IndentRenderer.render(plan)
        #expect(indent.contains("RecursiveQuery: name=r, is_distinct=false"), "\(indent)")
        #expect(indent.contains("WorkTableScan: r"), "\(indent)")
        #expect(TreeRenderer.render(plan).contains("RecursiveQuery"))
        #expect(TreeRenderer.render(plan).contains("WorkTableScan"))
        let json = PlanJSON.document(plan).compact
        #expect(json.contains("\"node\":\"RecursiveQuery\""), "\(json)")
        #expect(json.contains("\"node\":\"WorkTableScan\""), "\(json)")
        let kinds = plan.planTree.flattened().map(\.node.kind)
        #expect(kinds.contains("RecursiveQuery") && kinds.contains("WorkTableScan"))

        let explained = try s.explain(Self.counting, analyze: true)
        let physical = try #require(explained.physical)
        let text = PhysicalPlanRenderer.render(physical)
        #expect(text.contains("RecursiveQueryExec: name=r, is_distinct=false"), "\(text)")
        #expect(text.contains("WorkTableExec: name=r"), "\(text)")
        #expect(try s.query(Self.counting).rows.count == 10)
    }

    /// The filter over the recursion's output stays above it: pushed into the seed it would
    /// remove the rows later iterations grow from.
    @Test func filtersStayAboveTheRecursion() throws {
        let s = Session()
        let optimized = try #require(try s.explain(Self.counting, analyze: false).trace?.final)
        let lines = IndentRenderer.render(optimized).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let filter = try #require(lines.firstIndex { $0.hasPrefix("Filter:") && $0.contains("> Int64(90)") })
        let recursion = try #require(lines.firstIndex { $0.hasPrefix("RecursiveQuery:") })
        #expect(filter < recursion)
        #expect(try s.query(Self.counting).rows.map { $0.map(\.sqlText) } == (91...100).map { ["\($0)"] })
    }

    /// A join in the recursive term whose build side reads no work table hashes it once:
    /// the edges are scanned once for 500 iterations, not once per iteration.
    @Test func theRecursiveTermHashesItsStaticBuildSideOnce() throws {
        let s = Session()
        _ = try s.execute("CREATE TABLE e AS SELECT (x * 7919) % 2000 AS src, (x * 104729 + 13) % 2000 AS dst FROM generate_series(1, 10000) AS t(x)")
        let sql = "WITH RECURSIVE reach(n) AS (SELECT 1 UNION SELECT e.dst FROM reach r JOIN e ON e.src = r.n) SELECT count(*) FROM reach"
        let physical = try #require(try s.explain(sql, analyze: true).physical)
        let join = try #require(WindowTests.node("HashJoinExec", in: physical))
        #expect(join.detail.contains("build=reused"))
        #expect(join.children.last?.metrics?.outputRows == 10_000)
        #expect(Self.node("RecursiveQueryExec", in: physical)?.metrics?.outputRows == 500)
        // The same rows as a join that hashes the work table each iteration.
        let flipped = "WITH RECURSIVE reach(n) AS (SELECT 1 UNION SELECT e.dst FROM e JOIN reach r ON e.src = r.n) SELECT count(*) FROM reach"
        let other = try #require(try s.explain(flipped, analyze: true).physical)
        #expect(!(WindowTests.node("HashJoinExec", in: other)?.detail.contains("build=reused") ?? true))
        #expect(try s.query(sql).rows == s.query(flipped).rows)
    }

    static func node(_ name: String, in plan: PhysicalPlanSnapshot) -> PhysicalPlanSnapshot? { WindowTests.node(name, in: plan) }

    @Test func maxRecursionStopsARecursionThatDoesNotEnd() throws {
        let s = Session()
        try s.set("execution.max_recursion", "50")
        let sql = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"
        #expect {
            _ = try s.query(sql)
        } throws: { error in
            "\(error)".contains("recursive query 'r' still produced rows after 50 iterations (execution.max_recursion)")
        }
        // Within the bound: 50 iterations, the last yielding nothing.
        #expect(try s.query("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 50) SELECT count(*) FROM r")
            .rows.first?.first?.sqlText == "50")
    }

    /// Substrait has no recursion: the query travels as planscope's extension relations
    /// (SubstraitWindowTests has the details), and back gives the same rows.
    @Test func recursiveQueriesRoundTripThroughSubstrait() throws {
        let s = try Self.session()
        #expect(try s.substraitJSON(of: Self.counting).contains("RecursiveQuery\\n"))
        #expect(try s.queryThroughSubstrait(Self.counting).rows == s.query(Self.counting).rows)
    }

    /// Grouping sets travel as one aggregate relation with a grouping per set; Substrait's
    /// set index comes back as the same GROUPING() values. Repeated sets have no index
    /// that tells them apart: the import fails closed.
    @Test func groupingSetsRoundTripThroughSubstrait() throws {
        let s = try Self.session()
        let sql = Self.rollup + " ORDER BY 4, 1, 2"
        let json = try s.substraitJSON(of: sql)
        #expect(json.contains("expressionReferences"))
        #expect(try s.queryThroughSubstrait(sql).rows == s.query(sql).rows)
        let cube = "SELECT item, count(*), GROUPING(item) FROM sales GROUP BY CUBE (item) ORDER BY 3, 1"
        #expect(try s.queryThroughSubstrait(cube).rows == s.query(cube).rows)
        #expect {
            _ = try s.queryThroughSubstrait("SELECT shop, count(*) FROM sales GROUP BY GROUPING SETS ((shop), (shop))")
        } throws: { error in
            "\(error)".contains("grouping sets that repeat a set")
        }
    }

    @Test func everyPlanFormatShowsTheGroupingSets() throws {
        let s = try Self.session()
        let plan = try s.logicalPlan(Self.rollup)
        let line = "Aggregate: groupBy=[[ROLLUP (sales.shop, sales.item)]], aggr=[[sum(sales.amount)]]"
        #expect(IndentRenderer.render(plan).contains(line), "\(IndentRenderer.render(plan))")
        #expect(TreeRenderer.render(plan).contains("ROLLUP (sales.shop, sales.item)"))
        let json = PlanJSON.document(plan).compact
        #expect(json.contains("ROLLUP (sales.shop, sales.item)"), "\(json)")
        #expect(plan.planTree.flattened().contains { $0.node.kind == "Aggregate" && $0.node.line == line })
        let cube = try s.logicalPlan("SELECT shop, item, count(*) FROM sales GROUP BY shop, CUBE (item)")
        #expect(IndentRenderer.render(cube).contains("groupBy=[[GROUPING SETS ((sales.shop, sales.item), (sales.shop))]]"))
    }

    @Test func groupingSetsOnSeveralWorkersGiveTheRowsOneWorkerGives() throws {
        let s = try Self.session()
        let sql = "SELECT shop, item, sum(amount), count(DISTINCT amount), max(amount) FILTER (WHERE id % 2 = 0), GROUPING(shop, item) "
            + "FROM sales GROUP BY CUBE (shop, item) ORDER BY 6, 1, 2"
        try s.set("execution.workers", "1")
        let one = try s.query(sql).rows
        try s.set("execution.workers", "4")
        let four = try s.query(sql).rows
        // 50 × 7 + 50 + 7 + 1 groups.
        #expect(one.count == 408 && four == one)
    }
}
