import PlanCore
import PlanEngine
import PlanManifest

/// `:\compare …` in the trace pane's place: the two plans side by side, each node beside
/// its match from the same node-matching tree diff `\step` uses (``PlanDiff``: a changed
/// node `~` on both sides, a removed one `−` on the left, an added one `+` on the right),
/// then the moved predicates; the labels over the columns and the diff's summary under
/// them. Lines cut at a column's edge end in `…`; ←/→ scroll both columns sideways, `w`
/// wraps them.
enum ComparePane {
    static func title(_ s: AppState) -> String {
        guard let c = s.comparison else { return "Compare" }
        return "Compare · \(c.comparison.left.label) | \(c.comparison.right.label)" + (c.left > 0 && !c.wrap ? " · → \(c.left)" : "")
            + (c.wrap ? " · wrapped" : "")
    }

    /// `1 node changed, 0 removed, 0 added`, `plan unchanged`, or why there is no diff.
    static func summary(_ c: PlanComparison) -> String {
        if let diff = c.diff { return diff.summary }
        return c.differs ? "one side could not be planned" : "both sides fail alike"
    }

    /// One row on screen: a node of each side (either may be blank), or a note across both.
    enum Row {
        case pair(left: [Span], right: [Span])
        case note([Span])
    }

    /// The pane laid out: the labels' row, the rows' rectangle, the summary's row, the
    /// columns each side's text gets, the rows, and how far they scroll sideways.
    struct CompareLayout {
        var labels: Rect
        var body: Rect
        var footer: Rect?
        /// Text columns of the left and right side (the separator ` │ ` between them).
        var columns: (left: Int, right: Int)
        var rows: [Row]
        var scrollbar: Bool
        var maxLeft: Int
        var rightX: Int { body.x + columns.left + 3 }
    }

    /// The two sides' lines (one pair per node of the diff, or per plan line when a side
    /// failed) and the notes under them.
    static func lines(_ c: PlanComparison) -> (left: PlanText, right: PlanText, notes: PlanText) {
        var left: [PlanText.Line] = [], right: [PlanText.Line] = [], notes: [PlanText.Line] = []
        let blank = PlanText.Line(spans: [], indent: 0, node: false)
        func line(_ mark: String, _ depth: Int, _ text: String, _ role: Role) -> PlanText.Line {
            PlanText.Line(spans: [Span(mark + String(repeating: "  ", count: depth) + text, role)], indent: 2 + 2 * depth, node: true)
        }
        // Each side indented as its own plan nests (a node's depth from its index path there).
        func depth(_ path: String?, _ fallback: Int) -> Int { path.map { $0.count { $0 == "/" } } ?? fallback }
        if let diff = c.diff {
            for l in diff.lines {
                let a = depth(l.oldPath, l.depth), b = depth(l.newPath, l.depth)
                switch l.mark {
                case .same:
                    left.append(line("  ", a, l.text, .text))
                    right.append(line("  ", b, l.text, .text))
                case .changed:
                    left.append(line("~ ", a, l.oldText ?? "", .changed))
                    right.append(line("~ ", b, l.text, .changed))
                case .removed:
                    left.append(line("− ", a, l.text, .removed))
                    right.append(blank)
                case .added:
                    left.append(blank)
                    right.append(line("+ ", b, l.text, .added))
                }
            }
            for m in diff.moves { notes.append(PlanText.Line(spans: [Span("moved \(m.predicate): \(m.from) → \(m.to)", .moved)], indent: 6, node: false)) }
        } else {
            // A side that could not be planned: each plan as it is, the error in its place.
            func side(_ s: PlanComparison.Side) -> [PlanText.Line] {
                switch s.outcome {
                case .planned(let p): p.planTree.flattened().map { line("  ", $0.depth, $0.node.line, .text) }
                case .failed(let e): [PlanText.Line(spans: [Span("error: " + e.error.description, .error)], indent: 7, node: false)]
                }
            }
            left = side(c.left)
            right = side(c.right)
            while left.count < right.count { left.append(blank) }
            while right.count < left.count { right.append(blank) }
        }
        return (PlanText(lines: left), PlanText(lines: right), PlanText(lines: notes))
    }

    static func layout(_ s: AppState) -> CompareLayout? {
        guard let c = s.comparison, let pane = s.frames[.trace]?.inner, pane.width >= 12, pane.height >= 2 else { return nil }
        let footer = pane.height >= 4 ? Rect(x: pane.x, y: pane.maxY - 1, width: pane.width, height: 1) : nil
        let body = Rect(x: pane.x, y: pane.y + 1, width: pane.width, height: pane.height - 1 - (footer == nil ? 0 : 1))
        let (left, right, notes) = lines(c.comparison)
        func rows(width: Int) -> (rows: [Row], columns: (left: Int, right: Int)) {
            let l = (width - 3) / 2, r = width - 3 - l
            let a = left.rows(width: l, wrap: c.wrap), b = right.rows(width: r, wrap: c.wrap)
            var out: [Row] = []
            var i = 0, j = 0
            // Each pair of lines takes the rows of its longer side.
            for line in left.lines.indices {
                var ls: [[Span]] = [], rs: [[Span]] = []
                while i < a.count, a[i].line == line { ls.append(a[i].spans); i += 1 }
                while j < b.count, b[j].line == line { rs.append(b[j].spans); j += 1 }
                for k in 0..<max(1, ls.count, rs.count) { out.append(.pair(left: k < ls.count ? ls[k] : [], right: k < rs.count ? rs[k] : [])) }
            }
            if !notes.lines.isEmpty {
                out.append(.note([]))
                out += notes.rows(width: width, wrap: c.wrap).map { .note($0.spans) }
            }
            return (out, (l, r))
        }
        var (shown, columns) = rows(width: body.width)
        let scrollbar = shown.count > body.height
        if scrollbar { (shown, columns) = rows(width: body.width - 1) }
        let text = body.width - (scrollbar ? 1 : 0)
        let maxLeft = max(0, left.width - columns.left, right.width - columns.right, notes.width - text)
        return CompareLayout(labels: Rect(x: pane.x, y: pane.y, width: pane.width, height: 1), body: body, footer: footer, columns: columns,
                             rows: shown, scrollbar: scrollbar, maxLeft: maxLeft)
    }

    static func draw(_ s: AppState, into grid: inout CellGrid, rect: Rect, focused: Bool) {
        guard let c = s.comparison, let layout = layout(s) else { return }
        let sep = grid.ascii ? "|" : "│"
        let body = layout.body, rightX = layout.rightX
        grid.put(c.comparison.left.label, x: body.x, y: layout.labels.y, role: .header, limit: layout.columns.left)
        grid.put(sep, x: body.x + layout.columns.left + 1, y: layout.labels.y, role: .border)
        grid.put(c.comparison.right.label, x: rightX, y: layout.labels.y, role: .header, limit: layout.columns.right)
        let top = min(max(0, c.top), max(0, layout.rows.count - body.height))
        let left = c.wrap ? 0 : c.left
        /// A side's spans from the sideways scroll on, `…` first when text is left of the view.
        func put(_ spans: [Span], x: Int, width: Int, y: Int) {
            let shown = PlanText.dropping(left, from: spans)
            var at = x
            for span in shown { at = grid.put(span.text, x: at, y: y, role: span.role, limit: x + width - at) }
            if left > 0, !spans.isEmpty, shown.map(\.text).joined() != spans.map(\.text).joined() { grid.put("…", x: x, y: y, role: .dim) }
        }
        for (i, row) in layout.rows.dropFirst(top).prefix(body.height).enumerated() {
            let y = body.y + i
            switch row {
            case .pair(let l, let r):
                put(l, x: body.x, width: layout.columns.left, y: y)
                grid.put(sep, x: body.x + layout.columns.left + 1, y: y, role: .border)
                put(r, x: rightX, width: layout.columns.right, y: y)
            case .note(let spans):
                put(spans, x: body.x, width: body.width - (layout.scrollbar ? 1 : 0), y: y)
            }
        }
        if layout.scrollbar {
            Panes.drawScrollbar(first: top, shown: body.height, of: layout.rows.count, x: body.maxX - 1, y: body.y, into: &grid)
        }
        if let footer = layout.footer {
            let changed = c.comparison.diff?.hasChanges ?? c.comparison.differs
            let x = grid.put(summary(c.comparison), x: footer.x, y: footer.y, role: changed ? .changed : .dim, limit: footer.width)
            grid.put(focused ? " · Esc: back to the trace" : "", x: x, y: footer.y, role: .dim, limit: footer.maxX - x)
        }
    }
}
