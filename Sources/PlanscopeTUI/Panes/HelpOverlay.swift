/// `?`: every key, in a box over the panes (any key closes it).
enum HelpOverlay {
    static let sections: [(String, [(String, String)])] = [
        ("Everywhere", [
            ("Tab / Shift-Tab", "next / previous pane"), ("← → h l", "switch pane (one-pane layout, zoom)"),
            ("↑ ↓ j k", "move the selection"), ("PgUp PgDn", "a page up / down"), ("g G", "first / last"),
            ("Enter", "drill in: view → its trace → pushdown → physical plan"), ("z", "zoom the pane to the whole screen"),
            ("/  n  N", "search in the pane, next, previous"), ("a", "EXPLAIN ANALYZE the view or query"),
            ("r", "run the pipeline"), (":", "command line: SQL; or \\commands, as at the REPL prompt"),
            ("Esc  Ctrl-C", "cancel running work; close search, zoom"), ("?", "this help"), ("q", "quit"),
        ]),
        ("Optimizer trace", [("[ ]", "previous / next step"), ("{ }", "previous / next pass"), ("c", "only steps that changed the plan")]),
        ("Manifest diff", [("s", "unified / side by side")]),
        ("Result", [("p", "physical plan / messages")]),
        ("Command line", [
            ("← → Home End", "move; Ctrl-A / Ctrl-E start / end"), ("Ctrl-K Ctrl-U Ctrl-W", "kill to end / to start / a word"),
            ("↑ ↓", "history (shared with the REPL)"), ("Tab", "complete"), ("Enter / Esc", "run / close"),
        ]),
    ]

    static let lines: [(String, Role)] = {
        var lines: [(String, Role)] = []
        for (title, keys) in sections {
            if !lines.isEmpty { lines.append(("", .text)) }
            lines.append((title, .title))
            for (k, what) in keys { lines.append((DisplayWidth.pad(k, to: 22) + what, .text)) }
        }
        return lines
    }()

    static var lineCount: Int { lines.count }

    /// Draws the help from line `top`; when it does not fit, ↑↓ scroll it.
    static func draw(into grid: inout CellGrid, top: Int) {
        let width = min(grid.width - 4, 78), height = min(grid.height - 2, lines.count + 2)
        let rect = Rect(x: (grid.width - width) / 2, y: (grid.height - height) / 2, width: width, height: height)
        let fits = lines.count <= height - 2
        let first = fits ? 0 : min(max(0, top), lines.count - (height - 2))
        grid.clear(rect)
        grid.box(rect, title: fits ? "Keys · any key closes" : "Keys · ↑↓ scroll · any other key closes", focused: true)
        for (i, line) in lines[first...].prefix(height - 2).enumerated() {
            let y = rect.y + 1 + i
            if line.1 == .title {
                grid.put(line.0, x: rect.x + 2, y: y, role: .title, limit: width - 4)
            } else {
                grid.put(String(line.0.prefix(22)), x: rect.x + 2, y: y, role: .key, limit: width - 4)
                grid.put(String(line.0.dropFirst(22)), x: rect.x + 24, y: y, role: .text, limit: width - 26)
            }
        }
    }
}
