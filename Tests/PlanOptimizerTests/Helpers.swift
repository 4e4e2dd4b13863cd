import PlanCore
import PlanEngine
import PlanOptimizer
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
    let actual = IndentRenderer.render(plan)
    #expect(actual == expected, "\n\(LineDiffText.diff(expected, actual))", sourceLocation: sourceLocation)
}

enum LineDiffText {
    static func diff(_ a: String, _ b: String) -> String {
        let e = a.split(separator: "\n").map(String.init), x = b.split(separator: "\n").map(String.init)
        var out: [String] = []
        for i in 0..<max(e.count, x.count) {
            let l = i < e.count ? e[i] : "", r = i < x.count ? x[i] : ""
            out.append(l == r ? "  \(l)" : "- \(l)\n+ \(r)")
        }
        return out.joined(separator: "\n")
    }
}
