import PlanCore
import PlanEngine
import PlanOptimizer
import Testing

/// Long OR chains of equalities on one column become an IN list (and AND chains of `<>`
/// a NOT IN list) in `simplify_expressions`; short ones keep their shape; the rows are
/// the same, NULLs included.
@Suite struct EqualityChainTests {
    static func chain(_ column: String, _ op: String, _ join: String, _ n: Int) -> String {
        (1...n).map { "\(column) \(op) \($0)" }.joined(separator: " \(join) ")
    }

    @Test func sixteenEqualitiesOnOneColumnBecomeAnInListInTheFirstOnesPlace() throws {
        let plan = try bound("SELECT a FROM t WHERE b = 0 OR " + Self.chain("a", "=", "OR", 16))
        let items = (1...16).map { "Int32(\($0))" }.joined(separator: ", ")
        expectPlan(try optimized(plan, by: [SimplifyExpressions()]), """
            Projection: t.a
              Filter: t.b = Int32(0) OR t.a IN ([\(items)])
                TableScan: t
            """)
        let and = try bound("SELECT a FROM t WHERE " + Self.chain("a", "<>", "AND", 16) + " AND b > 1")
        expectPlan(try optimized(and, by: [SimplifyExpressions()]), """
            Projection: t.a
              Filter: t.a NOT IN ([\(items)]) AND t.b > Int32(1)
                TableScan: t
            """)
    }

    @Test func shortChainsAndMixedColumnsKeepTheirShape() throws {
        let plan = try bound("SELECT a FROM t WHERE " + Self.chain("a", "=", "OR", 15))
        let text = IndentRenderer.render(try optimized(plan, by: [SimplifyExpressions()]))
        #expect(!text.contains(" IN "))
        #expect(text.contains("t.a = Int32(15)"))
    }

    @Test func theListGivesTheRowsTheChainGives() throws {
        let session = try testSession()
        _ = try session.execute("CREATE TABLE n (x INT); INSERT INTO n VALUES (1), (5), (17), (NULL), (40)")
        for (where_, rows) in [(Self.chain("x", "=", "OR", 20), 3), (Self.chain("x", "<>", "AND", 20), 1),
                               ("x IS NULL OR " + Self.chain("x", "=", "OR", 20), 4)] {
            let listed = try session.query("SELECT x FROM n WHERE \(where_) ORDER BY x").rows
            _ = try session.execute("SET optimizer.rule.simplify_expressions = off")
            let chained = try session.query("SELECT x FROM n WHERE \(where_) ORDER BY x").rows
            _ = try session.execute("SET optimizer.rule.simplify_expressions = on")
            #expect(listed == chained)
            #expect(listed.count == rows, "\(where_)")
        }
    }
}
