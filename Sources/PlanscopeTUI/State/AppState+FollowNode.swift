import PlanOptimizer

/// The plan's cursor across steps: when the trace's selection moves (`[`/`]`, `{`/`}`, the
/// step list's keys and clicks, `c`), the cursor goes to the same node in the plan of the
/// step now selected — followed through each changed step's tree diff
/// (``OptimizerTrace/follow(nodeAt:from:to:budget:)``, PlanDiff's path matching), or to its
/// nearest surviving ancestor when the node is not there — on the same screen row where it can.
extension AppState {
    /// Runs `body`, which may select another step; if the plan's cursor was on the step
    /// selected before, it then follows its node to the step selected after.
    mutating func keepingPlanNode(_ body: (inout AppState) -> [Effect]) -> [Effect] {
        let step = selectedStep
        let before = planScroll.step == step ? TracePane.planLayout(self) : nil
        let effects = body(&self)
        if let before { followNode(from: step, before) }
        return effects
    }

    /// Puts the cursor on the node it was on in `step`'s plan (laid out as `before`).
    private mutating func followNode(from step: Int, _ before: TracePane.PlanLayout) {
        let target = selectedStep
        let old = planScroll
        guard target != step, let trace = inspection?.trace, before.text.lines.indices.contains(old.cursor) else { return }
        let line = before.text.lines[old.cursor]
        // A node the step removed is found in the plan before the step.
        let source: (path: String, step: Int)
        if let path = line.path {
            source = (path, step)
        } else if let path = line.oldPath, step > 0 {
            source = (path, step - 1)
        } else {
            return
        }
        let (path, exact) = trace.follow(nodeAt: source.path, from: source.step, to: target)
        planScroll = scroll(for: target)
        guard let layout = TracePane.planLayout(self),
              let cursor = layout.text.lines.firstIndex(where: { $0.node && $0.path == path }) else { return }
        // The same screen row as before, where the plan allows.
        let offset = max(0, (before.rows.firstIndex { $0.line == old.cursor } ?? 0) - old.top)
        planScroll.cursor = cursor
        planScroll.top = max(0, (layout.rows.firstIndex { $0.line == cursor } ?? 0) - offset)
        followPlanCursor()
        if !exact && planFocused {
            notice = Message("the node is not in step \(target)'s plan: the cursor is on the nearest node that holds it", role: .dim)
        }
    }
}
