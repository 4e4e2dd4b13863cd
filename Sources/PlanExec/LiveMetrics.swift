import PlanCore

/// A physical plan's counters read while it runs: the plan as planned (names, details,
/// estimates) and each operator's ``OperatorMetrics``, in the same pre-order. A thread that
/// does not run the plan (a progress timer) takes ``snapshot()`` without touching the
/// operators themselves: it only reads their counters, each under its own lock, as the
/// workers add to them once per batch.
public struct LiveMetrics: Sendable {
    /// The plan as planned (no metrics).
    public let plan: PhysicalPlanSnapshot
    /// Every operator's counters, in the pre-order of ``plan``.
    private let counters: [OperatorMetrics]

    /// Collects `root`'s counters; call it on the thread that planned it, before the run.
    public init(_ root: any PhysicalOperator) {
        plan = PhysicalPlanSnapshot(root, executed: false)
        var counters: [OperatorMetrics] = []
        var stack: [any PhysicalOperator] = [root]
        while let op = stack.popLast() {
            counters.append(op.metrics)
            stack += op.children.reversed()
        }
        self.counters = counters
    }

    /// The plan with every operator's figures so far: rows, batches, time and memory
    /// reached at this instant (the whole run's, once it ended).
    public func snapshot() -> PhysicalPlanSnapshot {
        var next = 0
        func fill(_ node: PhysicalPlanSnapshot) -> PhysicalPlanSnapshot {
            var copy = node
            copy.metrics = next < counters.count ? counters[next].snapshot : nil
            next += 1
            copy.children = node.children.map(fill)
            return copy
        }
        return fill(plan)
    }
}
