import PlanOptimizer

/// The plan's cursor across steps: when the trace's selection moves (`[`/`]`, `{`/`}`, the
/// step list's keys and clicks, `c`), the cursor goes to the same node in the plan of the
/// step now selected — followed through each changed step's tree diff
/// (``OptimizerTrace/follow(nodeAt:from:to:budget:)``, PlanDiff's path matching), or to its
/// nearest surviving ancestor when the node is not there — on the same screen row where it can.
extension AppState {
    /// Changed steps a jump follows the node through (a longer jump, `G` in a long trace,
    /// keeps the path reached there).
    static let followBudget = 32

    /// Runs `body`, which may select another step; if the plan's cursor was on the step
    /// selected before, it then follows its node to the step selected after.
    mutating func keepingPlanNode(_ body: (inout AppState) -> [Effect]) -> [Effect] {
        let step = selectedStep
        // A cursor never moved (on the root, the plan not focused) has nothing to follow:
        // another step starts on its root anyway.
        let moved = planFocused || planScroll.cursor != 0 || planScroll.top != 0
        let before = planScroll.step == step && moved ? TracePane.planLayout(self) : nil
        let effects = body(&self)
        if let before { followNode(from: step, before) }
        return effects
    }

    /// Puts the cursor on the node it was on in `step`'s plan (laid out as `before`).
    private mutating func followNode(from step: Int, _ before: TracePane.PlanLayout) {
        let target = selectedStep
        let old = planScroll
        guard target != step, let trace, before.text.lines.indices.contains(old.cursor) else { return }
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
        let (path, exact) = trace.follow(nodeAt: source.path, from: source.step, to: target, budget: Self.followBudget)
        planScroll = scroll(for: target)
        guard let layout = TracePane.planLayout(self),
              let cursor = layout.text.lines.firstIndex(where: { $0.node && $0.path == path }) else { return }
        // The same screen row as before, where the plan allows, and all of the node's rows
        // on screen (as ``followPlanCursor()`` keeps them).
        let offset = max(0, (before.rows.firstIndex { $0.line == old.cursor } ?? 0) - old.top)
        let first = layout.rows.firstIndex { $0.line == cursor } ?? 0
        let last = layout.rows.lastIndex { $0.line == cursor } ?? first
        var top = max(0, first - offset)
        if last >= top + layout.height { top = max(first, last - layout.height + 1) }
        planScroll.cursor = cursor
        planScroll.top = max(0, min(top, layout.rows.count - layout.height))
        if !exact && planFocused {
            notice = Message("the node is not in step \(target)'s plan: the cursor is on the nearest node that holds it", role: .dim)
        }
    }
}
