import PlanCore
import PlanOptimizer
import Testing

/// A node followed through a trace by its index paths (PlanDiff's matching), both ways;
/// where it is gone, its nearest surviving ancestor.
@Suite struct LineageTests {
    /// `SELECT a FROM t WHERE b > 1` under push_down_filter alone: the filter goes into the
    /// scan (memory tables take it Exact), so the Filter node is removed.
    static func trace() throws -> OptimizerTrace {
        try Optimizer(rules: [PushDownFilter()]).optimize(try bound("SELECT a FROM t WHERE b > 1"), context: OptimizerContext(maxPasses: 1))
    }

    @Test func aNodeIsFollowedByItsPathEitherWay() throws {
        let trace = try Self.trace()
        #expect(trace.steps.count == 1 && trace.steps[0].changed)
        #expect(IndentRenderer.render(trace.initial).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces).prefix(9) }
                    == ["Projectio", "Filter: t", "TableScan"])
        // The scan: 0/0/0 before, 0/0 after, and back.
        #expect(trace.follow(nodeAt: "0/0/0", from: 0, to: 1) == ("0/0", true))
        #expect(trace.follow(nodeAt: "0/0", from: 1, to: 0) == ("0/0/0", true))
        // The removed filter: its parent, the projection, stands in.
        #expect(trace.follow(nodeAt: "0/0", from: 0, to: 1) == ("0", false))
        // Nothing to follow within one step.
        #expect(trace.follow(nodeAt: "0/0/0", from: 0, to: 0) == ("0/0/0", true))
    }
}
