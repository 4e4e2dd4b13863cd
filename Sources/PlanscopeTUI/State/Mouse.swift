/// A mouse report (the backend decodes SGR 1006 reports into these): a button pressed or
/// released, or the wheel turned, at a cell (0-based).
public struct MouseEvent: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case press, release, wheelUp, wheelDown }
    public let kind: Kind
    public let x: Int
    public let y: Int
    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }

    /// An SGR 1006 report's fields, `ESC [ < b ; x ; y M` (press) or `m` (release), with
    /// 1-based coordinates; nil for what the TUI does not use (drags, other buttons).
    public static func sgr(button: Int, x: Int, y: Int, release: Bool) -> MouseEvent? {
        guard x >= 1, y >= 1 else { return nil }
        let base = button & ~(4 | 8 | 16)  // shift, meta, control
        switch base {
        case 0: return MouseEvent(release ? .release : .press, x: x - 1, y: y - 1)
        case 64: return MouseEvent(.wheelUp, x: x - 1, y: y - 1)
        case 65: return MouseEvent(.wheelDown, x: x - 1, y: y - 1)
        default: return nil
        }
    }
}

extension AppState {
    /// A click focuses the pane under it and selects the row (a view, a step, a line) or,
    /// in the plan beside the trace, the node; the wheel moves the selection of the pane
    /// under it by three rows. The help overlay scrolls with the wheel and a click closes it.
    mutating func mouse(_ m: MouseEvent, env: Environment) -> [Effect] {
        guard commandLine == nil, search?.typing != true else { return [] }
        if showHelp {
            switch m.kind {
            case .wheelDown: return handle(.down, env: env)
            case .wheelUp: return handle(.up, env: env)
            case .press: showHelp = false
            case .release: break
            }
            return []
        }
        guard m.kind != .release else { return [] }
        if m.kind == .press, m.y == 1, Screen.showsTabs(self),
           let tab = Screen.tabs(self).first(where: { m.x >= $0.x && m.x < $0.x + DisplayWidth.of($0.label) }) {
            focus = tab.pane
            planFocused = false
            return []
        }
        guard let (pane, rect) = self.frames.first(where: { $0.value.contains(x: m.x, y: m.y) }) else { return [] }
        if m.kind == .press, m.y == rect.y, Layout.foldedPanes(self).contains(pane),
           let tab = Screen.foldedTabs(self, rect: rect).first(where: { m.x >= $0.x && m.x < $0.x + DisplayWidth.of($0.label) }) {
            focus = tab.pane
            planFocused = false
            return []
        }
        if pane != focus {
            focus = pane
            planFocused = false
        }
        let inner = rect.inner
        // Two plans compared in the trace's place: the wheel scrolls them.
        if pane == .trace, comparison != nil {
            for _ in 0..<3 where m.kind != .press { _ = moveComparison(m.kind == .wheelDown ? .down : .up, env: env) }
            return []
        }
        // In the trace: the plan beside the steps, or the steps (under their header row).
        if pane == .trace, trace != nil, let plan = TracePane.planLayout(self) {
            if m.x >= plan.rect.x - 1 {
                switch m.kind {
                case .wheelDown: planFocused = true; movePlan(.nodeDown); movePlan(.nodeDown); movePlan(.nodeDown)
                case .wheelUp: planFocused = true; movePlan(.nodeUp); movePlan(.nodeUp); movePlan(.nodeUp)
                default:
                    planFocused = true
                    planScroll = scroll(for: selectedStep)
                    let row = planScroll.top + (m.y - plan.rect.y - 1)
                    if m.y > plan.rect.y, plan.rows.indices.contains(row) {
                        let line = plan.rows[row].line
                        let lines = plan.text.lines
                        planScroll.cursor = lines.indices.last { $0 <= line && lines[$0].node } ?? planScroll.cursor
                    }
                    followPlanCursor()
                }
                return []
            }
            planFocused = false
            return clicked(m, row: m.y - (inner.y + 1))
        }
        if pane == .graph, m.kind == .press, graphDrawn, let p = pipeline, let dag = p.dag {
            // In the drawn graph a click selects the node under it.
            let body = TaskGraphPane.listRect(self, inner)
            guard body.contains(x: m.x, y: m.y), let row = TaskGraphDrawing.row(at: m.x, y: m.y, self, dag, rect: body) else { return [] }
            return move(to: row)
        }
        return clicked(m, row: m.y - inner.y)
    }

    /// The wheel, or a click on the `row`-th row shown of the focused pane's list.
    private mutating func clicked(_ m: MouseEvent, row: Int) -> [Effect] {
        switch m.kind {
        case .wheelDown: return move(by: 3)
        case .wheelUp: return move(by: -3)
        default:
            guard focus != .result, row >= 0 else { return [] }
            let index = list(focus).top + row
            guard index < count(focus) else { return [] }
            return move(to: index)
        }
    }
}
