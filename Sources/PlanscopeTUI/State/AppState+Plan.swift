/// The plan beside the trace, when it has focus: a node cursor the view follows, pages,
/// first and last node, sideways scrolling, wrapping.
extension AppState {
    mutating func movePlan(_ action: KeyAction) {
        guard let layout = TracePane.planLayout(self) else { return }
        var p = scroll(for: selectedStep)
        let lines = layout.text.lines
        let nodes = lines.indices.filter { lines[$0].node }
        guard !nodes.isEmpty else { return }
        let at = nodes.lastIndex { $0 <= p.cursor } ?? 0
        let page = max(1, layout.height - 1)
        let maxLeft = max(0, layout.text.width - layout.columns)
        switch action {
        case .nodeDown: p.cursor = nodes[min(at + 1, nodes.count - 1)]
        case .nodeUp: p.cursor = nodes[max(at - 1, 0)]
        case .nodePageDown: p.cursor = nodes[min(at + page, nodes.count - 1)]
        case .nodePageUp: p.cursor = nodes[max(at - page, 0)]
        case .nodeFirst: p.cursor = nodes[0]
        case .nodeLast: p.cursor = nodes[nodes.count - 1]
        case .scrollRight: p.left = min(p.left + max(4, layout.columns / 2), maxLeft)
        case .scrollLeft: p.left = max(0, p.left - max(4, layout.columns / 2))
        case .scrollStart: p.left = 0
        case .scrollEnd: p.left = maxLeft
        case .toggleWrap:
            p.wrap.toggle()
            p.left = 0
        default: return
        }
        planScroll = p
        followPlanCursor()
    }

    /// Scrolls the plan so the cursor's rows are on screen.
    mutating func followPlanCursor() {
        guard let layout = TracePane.planLayout(self) else { return }
        var p = planScroll
        let rows = layout.rows, height = layout.height
        guard let first = rows.firstIndex(where: { $0.line == p.cursor }), height > 0 else { return }
        let last = rows.lastIndex { $0.line == p.cursor } ?? first
        if first < p.top { p.top = first }
        if last >= p.top + height { p.top = max(first, last - height + 1) }
        p.top = max(0, min(p.top, rows.count - height))
        planScroll = p
    }
}
