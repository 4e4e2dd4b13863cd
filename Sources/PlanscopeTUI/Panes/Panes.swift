import PlanCore

/// A run of text in one role.
public struct Span: Equatable, Sendable {
    public let text: String
    public let role: Role
    public init(_ text: String, _ role: Role = .text) {
        self.text = text
        self.role = role
    }
}

/// A pane's scrollable lines, made on demand: only the rows on screen are built, so a
/// 10,000-step trace or a 10,000-view graph scrolls as fast as a short one.
public struct ListSource {
    public let count: Int
    public let line: (Int) -> [Span]

    public init(count: Int, line: @escaping (Int) -> [Span]) {
        self.count = count
        self.line = line
    }

    public init(_ lines: [[Span]]) {
        count = lines.count
        line = { lines[$0] }
    }

    public func text(_ i: Int) -> String { line(i).map(\.text).joined() }
}

/// The panes: each builds its list from engine values in the state and draws itself.
enum Panes {
    static func source(_ pane: PaneID, _ s: AppState) -> ListSource {
        switch pane {
        case .graph: TaskGraphPane.source(s)
        case .trace: TracePane.source(s)
        case .pushdown: PushdownPane.source(s)
        case .manifest: ManifestDiffPane.source(s)
        case .result: ResultPane.source(s)
        }
    }

    static func title(_ pane: PaneID, _ s: AppState) -> String {
        switch pane {
        case .graph: TaskGraphPane.title(s)
        case .trace: s.comparison != nil ? ComparePane.title(s) : TracePane.title(s)
        case .pushdown: PushdownPane.title(s)
        case .manifest: ManifestDiffPane.title(s)
        case .result: ResultPane.title(s)
        }
    }

    static func draw(_ pane: PaneID, _ s: AppState, into grid: inout CellGrid, rect: Rect) {
        let focused = s.focus == pane
        // A folded pane's title leaves room for the tabs at the right of its border.
        let folded = Layout.foldedPanes(s).contains(pane)
        grid.box(rect, title: folded ? DisplayWidth.truncate(title(pane, s), to: max(1, rect.width - 28)) : title(pane, s), focused: focused)
        let inner = rect.inner
        guard inner.width > 0, inner.height > 0 else { return }
        switch pane {
        case .trace where s.comparison != nil: ComparePane.draw(s, into: &grid, rect: inner, focused: focused)
        case .trace: TracePane.draw(s, into: &grid, rect: inner, focused: focused)
        case .graph: TaskGraphPane.draw(s, into: &grid, rect: inner, focused: focused)
        case .result where s.showsAnalysis: AnalyzeView.draw(s, into: &grid, rect: inner, focused: focused)
        default: drawList(source(pane, s), state: s.list(pane), into: &grid, rect: inner, focused: focused,
                          search: s.search?.pane == pane ? s.search?.text : nil, selectable: pane != .result || s.showsAnalysis)
        }
    }

    /// Draws the rows of `source` that fit, from the list's top row; the selected row in
    /// the selection role when the pane has focus, marked `▶` otherwise; search matches
    /// in the match role.
    static func drawList(_ source: ListSource, state: ListState, into grid: inout CellGrid, rect: Rect, focused: Bool,
                         search: String?, selectable: Bool = true) {
        var list = state
        list.clamp(count: source.count, height: rect.height)
        let end = min(source.count, list.top + rect.height)
        guard list.top < end else { return }
        // A list longer than the pane gives its last column to the scroll bar.
        let maxX = source.count > rect.height ? rect.maxX - 1 : rect.maxX
        for i in list.top..<end {
            let y = rect.y + i - list.top
            var x = rect.x
            let selected = selectable && i == list.selected
            let marker = selected ? (grid.ascii ? ">" : "▶") : " "
            x = grid.put(marker, x: x, y: y, role: selected ? .key : .text, limit: 1)
            for span in source.line(i) { x = grid.put(span.text, x: x, y: y, role: span.role, limit: maxX - x) }
            if selected && focused { grid.paint(Rect(x: rect.x, y: y, width: maxX - rect.x, height: 1), role: .selected) }
            if let search, !search.isEmpty { highlight(search, row: y, from: rect.x + 1, to: maxX, in: &grid) }
        }
        if source.count > rect.height {
            drawScrollbar(first: list.top, shown: rect.height, of: source.count, x: rect.maxX - 1, y: rect.y, into: &grid)
        }
    }

    /// A scroll position in column `x`: how far down `count` rows the `shown` rows from
    /// `first` are.
    static func drawScrollbar(first: Int, shown: Int, of count: Int, x: Int, y: Int, into grid: inout CellGrid) {
        guard shown > 0, count > shown else { return }
        let at = y + (shown - 1) * min(first, count - shown) / max(1, count - shown)
        grid.put(grid.ascii ? "#" : "▐", x: x, y: at, role: .dim)
    }

    /// Paints the cells of `row` that spell `needle` (case-insensitive) in the match role.
    static func highlight(_ needle: String, row y: Int, from x0: Int, to x1: Int, in grid: inout CellGrid) {
        let cells = (x0..<x1).map { grid[$0, y].text.lowercased() }
        let target = needle.lowercased().map(String.init)
        guard !target.isEmpty, cells.count >= target.count else { return }
        var i = 0
        while i + target.count <= cells.count {
            if Array(cells[i..<(i + target.count)]) == target {
                grid.paint(Rect(x: x0 + i, y: y, width: target.count, height: 1), role: .match)
                i += target.count
            } else {
                i += 1
            }
        }
    }

    /// `1,234` (PlanCore's ``grouped(_:)``).
    static func grouped(_ n: Int) -> String { PlanCore.grouped(n) }

    /// `1 row`, `1,234 rows`.
    static func rows(_ n: Int) -> String { grouped(n) + (n == 1 ? " row" : " rows") }

    /// `12.3 KB`.
    static func bytes(_ n: Int) -> String {
        if n < 1024 { return "\(n) B" }
        if n < 1024 * 1024 { return String(format: "%.1f KB", Double(n) / 1024) }
        return String(format: "%.1f MB", Double(n) / 1024 / 1024)
    }
}
