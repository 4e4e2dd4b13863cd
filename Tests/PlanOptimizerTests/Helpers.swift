import PlanCore
import PlanEngine
import PlanOptimizer
import PlanTesting
import Testing

/// A session with small tables t(a, b, c), u(a, d), v(e) to plan against.
func testSession() throws -> Session {
    let s = Session()
    _ = try s.execute("""
        CREATE TABLE t (a INTEGER, b INTEGER, c VARCHAR);
        CREATE TABLE u (a INTEGER, d INTEGER);
        CREATE TABLE v (e INTEGER);
        """)
    return s
}

func bound(_ sql: String) throws -> LogicalPlan { try testSession().logicalPlan(sql) }

/// The plan after running exactly `rules` (one pass each, to a fixpoint).
func optimized(_ plan: LogicalPlan, by rules: [any OptimizerRule]) throws -> LogicalPlan {
    try Optimizer(rules: rules).optimize(plan, context: OptimizerContext(maxPasses: 5, skipFailingRules: false)).final
}

func expectPlan(_ plan: LogicalPlan, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    expectText(IndentRenderer.render(plan), expected, "plan", sourceLocation: sourceLocation)
}
