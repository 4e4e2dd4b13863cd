extension AppState {
    /// `b`: to the step that last changed the node under the plan's cursor (the initial
    /// plan when none did), the cursor on the same node there.
    mutating func jumpToLastChange() {
        guard let trace, let layout = TracePane.planLayout(self) else { return }
        let step = selectedStep
        let cursor = scroll(for: step).cursor
        guard layout.text.lines.indices.contains(cursor) else { return }
        guard let path = layout.text.lines[cursor].path else {
            notice = Message("this node was removed by this step", role: .dim)
            return
        }
        let (change, found) = trace.lastChange(ofNodeAt: path, step: step)
        let target: Int
        switch change {
        case .step(let k): target = k
        case .initial, .notWithin: target = 0
        }
        guard target != step else {
            notice = Message("this step changed the node", role: .dim)
            return
        }
        // Changed-only hides unchanged steps, never the one that changed the node.
        var l = list(.trace)
        l.selected = traceSteps.firstIndex(of: target) ?? 0
        lists[.trace] = l
        clampLists()
        var p = scroll(for: target)
        if let there = TracePane.planLayout(self)?.text.lines.firstIndex(where: { $0.path == found && $0.node }) { p.cursor = there }
        planScroll = p
        followPlanCursor()
        notice = Message(target == 0 ? "unchanged since the initial plan" : "step \(target) \(trace.steps[target - 1].rule) last changed it",
                         role: .dim)
    }
}
