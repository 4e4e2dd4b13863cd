import PlanEngine

/// `:\compare …`: two plans side by side in the trace pane's place, and how far they are
/// scrolled (down, sideways) and whether long lines wrap.
public struct ComparisonState: Equatable, Sendable {
    public let comparison: PlanComparison
    /// The first row shown, and the columns scrolled sideways.
    public var top = 0
    public var left = 0
    public var wrap = false
    /// The zoom the one-pane layout had before the comparison zoomed its pane (given back
    /// when it closes); nil when the comparison did not zoom.
    var zoomedBefore: Bool?

    public init(comparison: PlanComparison) {
        self.comparison = comparison
    }
}

/// What a key does to the comparison.
public enum CompareKey: Equatable, Sendable {
    case down, up, pageDown, pageUp, first, last
    case left, right, start, end, wrap
    /// Back to the trace.
    case close
}

extension AppState {
    /// The comparison takes the trace pane's place, focused; in the one-pane layout the
    /// pane is zoomed (Esc gives the zoom back). A new comparison replaces the one shown.
    mutating func showComparison(_ c: PlanComparison) {
        let small = !Layout.isLarge(width: width, height: height)
        var state = ComparisonState(comparison: c)
        state.wrap = comparison?.wrap ?? false
        state.zoomedBefore = comparison?.zoomedBefore ?? (small ? zoomed : nil)
        comparison = state
        focus = .trace
        planFocused = false
        if small { zoomed = true }
        message("\(c.left.label) | \(c.right.label): " + ComparePane.summary(c) + " (in the trace pane; Esc goes back to the trace)", role: .dim)
    }

    /// The trace again, with the zoom it had.
    mutating func closeComparison() {
        guard let shown = comparison else { return }
        comparison = nil
        if let z = shown.zoomedBefore { zoomed = z }
    }

    /// Scrolls the comparison (or closes it).
    mutating func moveComparison(_ key: CompareKey, env: Environment) -> [Effect] {
        if key == .close {
            if busy != nil { return perform(.cancel, env: env) }
            closeComparison()
            return []
        }
        guard var c = comparison, let layout = ComparePane.layout(self) else { return [] }
        let height = layout.body.height, page = max(1, height - 1)
        let maxTop = max(0, layout.rows.count - height), step = max(4, layout.columns.left / 2)
        switch key {
        case .down: c.top = min(c.top + 1, maxTop)
        case .up: c.top = max(0, c.top - 1)
        case .pageDown: c.top = min(c.top + page, maxTop)
        case .pageUp: c.top = max(0, c.top - page)
        case .first: c.top = 0
        case .last: c.top = maxTop
        case .right: c.left = min(c.left + step, layout.maxLeft)
        case .left: c.left = max(0, c.left - step)
        case .start: c.left = 0
        case .end: c.left = layout.maxLeft
        case .wrap:
            c.wrap.toggle()
            c.left = 0
        case .close: break
        }
        comparison = c
        // Wrapping changes the rows: keep the first shown on screen.
        if key == .wrap, let wrapped = ComparePane.layout(self) {
            comparison?.top = min(c.top, max(0, wrapped.rows.count - wrapped.body.height))
        }
        return []
    }
}
