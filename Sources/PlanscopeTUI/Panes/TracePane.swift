import Foundation
import PlanCore
import PlanManifest
import PlanOptimizer

/// The optimizer trace of the subject: the steps (pass, rule, changed ✓/✗, time) on the
/// left, and on the right the plan at the selected step with what that step changed —
/// nodes added (+), removed (−) and changed (~), and predicates moved — from the same
/// tree diff `\step` prints. `[`/`]` step, `{`/`}` jump between passes, `c` shows only the
/// steps that changed the plan.
enum TracePane {
    static func title(_ s: AppState) -> String {
        guard let trace = s.trace else { return "Optimizer trace" }
        if let imported = s.importedTrace {
            // The file's name, then the engine (once, when the trace came without its file).
            let names = [imported.title.split(separator: "/").last.map(String.init) ?? imported.title, trace.engine ?? ""]
            return "Trace · \((names[0] == names[1] ? [names[0]] : names).joined(separator: " · ")) · \(s.traceRules.changed) of \(s.traceRules.tried) rules changed · "
                + "\(trace.steps.count) steps" + (s.traceChangedOnly ? " · changed only" : "")
        }
        return "Optimizer trace · \(s.subject?.title ?? "query") · \(s.traceRules.changed) of \(s.traceRules.tried) rules changed · "
            + "\((trace.passes == 1 ? "1 pass" : "\(trace.passes) passes")) · " + String(format: "%.2f ms", Double(trace.totalNanos) / 1e6)
            + (s.traceChangedOnly ? " · changed only" : "")
    }

    static func source(_ s: AppState) -> ListSource {
        guard let trace = s.trace else {
            return ListSource([[Span("no trace yet: select a view, or run a query with :", .dim)]])
        }
        let steps = s.traceSteps
        // With the plan focused the list narrows to step numbers and marks.
        if s.planFocused {
            return ListSource(count: steps.count) { i in
                let n = steps[i]
                if n == 0 { return [Span("   0    ", .dim)] }
                let step = trace.steps[n - 1]
                return [Span(String(format: "%4d %2d", n, step.pass), .dim), step.changed ? Span(" ✓", .ok) : Span(" ·", .dim)]
            }
        }
        // Step, pass, rule and Δ, with the last column kept for the scroll bar (the
        // selected step's milliseconds are in the plan's title).
        let ruleWidth = max(11, listWidth(s) - 13)
        return ListSource(count: steps.count) { i in
            let n = steps[i]
            if n == 0 { return [Span("   0    initial plan", .dim)] }
            let step = trace.steps[n - 1]
            let rule = DisplayWidth.pad(step.rule, to: ruleWidth)
            let changed = step.changed ? Span(" ✓ ", .ok) : Span(" · ", .dim)
            return [Span(String(format: "%4d %2d ", n, step.pass), .dim), Span(rule, step.changed ? .text : .dim), changed]
        }
    }

    /// Columns of the step list: about two fifths of the pane, 24 to 30 (so the plan gets
    /// at least 70 columns at 120); 12 while the plan has focus.
    static func listWidth(_ s: AppState) -> Int {
        if s.planFocused { return 12 }
        let pane = s.frames[.trace]?.width ?? 80
        return min(30, max(24, (pane - 2) * 42 / 100))
    }


    /// The plan beside the list, laid out: its rectangle (title row included), the rows of
    /// the selected step's plan, the columns they get (one less when a scroll bar is
    /// needed), and whether the bar is.
    struct PlanLayout {
        var rect: Rect
        /// Rows under the plan for the node under the cursor (``PlanDetailStrip``), while
        /// the plan has focus.
        var strip: Rect?
        var text: PlanText
        var rows: [PlanText.Row]
        var columns: Int
        var scrollbar: Bool
        /// Rows for the plan's lines (under the title).
        var height: Int { max(0, rect.height - 1) }
    }

    static func planLayout(_ s: AppState) -> PlanLayout? {
        guard let trace = s.trace,
              let pane = s.frames[.trace]?.inner else { return nil }
        let list = listWidth(s)
        let stripHeight = PlanDetailStrip.height(s, paneHeight: pane.height)
        let rect = Rect(x: pane.x + list + 2, y: pane.y, width: pane.width - list - 2, height: pane.height - stripHeight)
        guard rect.width > 4 else { return nil }
        let strip = stripHeight > 0 ? Rect(x: rect.x, y: rect.maxY, width: rect.width, height: stripHeight) : nil
        let text = PlanText(trace, step: s.selectedStep)
        let wrap = s.planScroll.wrap
        var rows = text.rows(width: rect.width, wrap: wrap)
        var columns = rect.width, scrollbar = false
        if rows.count > rect.height - 1 {
            columns -= 1
            scrollbar = true
            if wrap { rows = text.rows(width: columns, wrap: true) }
        }
        return PlanLayout(rect: rect, strip: strip, text: text, rows: rows, columns: columns, scrollbar: scrollbar)
    }

    static func draw(_ s: AppState, into grid: inout CellGrid, rect: Rect, focused: Bool) {
        guard s.trace != nil, let plan = planLayout(s) else {
            Panes.drawList(source(s), state: s.list(.trace), into: &grid, rect: rect, focused: focused, search: nil)
            return
        }
        let listWidth = listWidth(s)
        let listRect = Rect(x: rect.x, y: rect.y + 1, width: listWidth, height: rect.height - 1)
        let header = s.planFocused ? " step ps Δ" : DisplayWidth.pad(" step ps rule", to: listWidth - 3) + "Δ"
        grid.put(header, x: rect.x, y: rect.y, role: .header, limit: listWidth)
        Panes.drawList(source(s), state: s.list(.trace), into: &grid, rect: listRect, focused: focused && !s.planFocused,
                       search: s.search?.pane == .trace ? s.search?.text : nil)
        let sep = grid.ascii ? "|" : "│"
        for y in rect.y..<rect.maxY { grid.put(sep, x: rect.x + listWidth, y: y, role: s.planFocused && focused ? .borderFocused : .border) }
        drawPlan(plan, scroll: s.scroll(for: s.selectedStep), focused: focused && s.planFocused, into: &grid)
        if let strip = plan.strip { PlanDetailStrip.draw(s, plan, into: &grid, rect: strip) }
    }

    /// The plan's title, then its rows from the first shown: scrolled sideways (a row with
    /// text left of the view starts with `…`) or wrapped; the cursor's rows highlighted
    /// when the plan has focus; a scroll bar in its own column when the rows do not fit.
    static func drawPlan(_ plan: PlanLayout, scroll: PlanScroll, focused: Bool, into grid: inout CellGrid) {
        let rect = plan.rect
        var x = rect.x
        var title = plan.text.title
        if scroll.left > 0 && !scroll.wrap { title.append(Span(" · → \(scroll.left)", .dim)) }
        for span in title { x = grid.put(span.text, x: x, y: rect.y, role: span.role, limit: rect.maxX - x) }
        let height = plan.height
        let top = min(max(0, scroll.top), max(0, plan.rows.count - height))
        for (i, row) in plan.rows.dropFirst(top).prefix(height).enumerated() {
            let y = rect.y + 1 + i
            var x = rect.x
            let spans = scroll.wrap ? row.spans : PlanText.dropping(scroll.left, from: row.spans)
            for span in spans { x = grid.put(span.text, x: x, y: y, role: span.role, limit: rect.x + plan.columns - x) }
            if !scroll.wrap, scroll.left > 0, !spans.isEmpty, spans.map(\.text).joined() != row.spans.map(\.text).joined() {
                grid.put("…", x: rect.x, y: y, role: .dim)
            }
            if focused && row.line == scroll.cursor { grid.paint(Rect(x: rect.x, y: y, width: plan.columns, height: 1), role: .selected) }
        }
        if plan.scrollbar { Panes.drawScrollbar(first: top, shown: height, of: plan.rows.count, x: rect.maxX - 1, y: rect.y + 1, into: &grid) }
    }
}
