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
        guard let trace = s.inspection?.trace else { return "Optimizer trace" }
        return "Optimizer trace · \(s.subject?.title ?? "query") · \(s.traceRules.changed) of \(s.traceRules.tried) rules changed · "
            + "\((trace.passes == 1 ? "1 pass" : "\(trace.passes) passes")) · " + String(format: "%.2f ms", Double(trace.totalNanos) / 1e6)
            + (s.traceChangedOnly ? " · changed only" : "")
    }

    static func source(_ s: AppState) -> ListSource {
        guard let trace = s.inspection?.trace else {
            return ListSource([[Span("no trace yet: select a view, or run a query with :", .dim)]])
        }
        let steps = s.traceSteps
        let ruleWidth = max(12, listWidth(s) - 18)
        return ListSource(count: steps.count) { i in
            let n = steps[i]
            if n == 0 { return [Span("   0    initial plan", .dim)] }
            let step = trace.steps[n - 1]
            let rule = DisplayWidth.pad(step.rule, to: ruleWidth)
            let changed = step.changed ? Span(" ✓ ", .ok) : Span(" · ", .dim)
            return [Span(String(format: "%4d %2d ", n, step.pass), .dim), Span(rule, step.changed ? .text : .dim), changed,
                    Span(String(format: "%6.2f", Double(step.elapsedNanos) / 1e6), .dim)]
        }
    }

    /// Columns of the step list: about two fifths of the pane, 30 to 44.
    static func listWidth(_ s: AppState) -> Int {
        let pane = Layout.frames(width: s.width, height: s.height, focus: s.focus, zoomed: s.zoomed)[.trace]?.width ?? 80
        return min(44, max(30, (pane - 2) * 42 / 100))
    }

    static func draw(_ s: AppState, into grid: inout CellGrid, rect: Rect, focused: Bool) {
        guard let trace = s.inspection?.trace else {
            Panes.drawList(source(s), state: s.list(.trace), into: &grid, rect: rect, focused: focused, search: nil)
            return
        }
        let listWidth = listWidth(s)
        let listRect = Rect(x: rect.x, y: rect.y + 1, width: listWidth, height: rect.height - 1)
        grid.put(DisplayWidth.pad(" step ps rule", to: listWidth - 9) + "Δ     ms", x: rect.x, y: rect.y, role: .header, limit: listWidth)
        Panes.drawList(source(s), state: s.list(.trace), into: &grid, rect: listRect, focused: focused,
                       search: s.search?.pane == .trace ? s.search?.text : nil)
        let sep = grid.ascii ? "|" : "│"
        for y in rect.y..<rect.maxY { grid.put(sep, x: rect.x + listWidth, y: y, role: .border) }
        let planRect = Rect(x: rect.x + listWidth + 2, y: rect.y, width: rect.width - listWidth - 2, height: rect.height)
        drawPlan(trace, step: s.selectedStep, into: &grid, rect: planRect)
    }

    /// The plan after `step` with the step's changes marked, or the initial plan.
    static func drawPlan(_ trace: OptimizerTrace, step: Int, into grid: inout CellGrid, rect: Rect) {
        guard rect.width > 4, let plan = trace.plan(atStep: step) else { return }
        var lines: [[Span]] = []
        if step == 0 {
            lines.append([Span("initial plan", .title)])
            for line in IndentRenderer.render(plan).split(separator: "\n") { lines.append([Span("  " + line)]) }
        } else if let diff = trace.diff(fromStep: step - 1, toStep: step) {
            let s = trace.steps[step - 1]
            lines.append([Span("after \(step) \(s.rule)", .title), Span(diff.hasChanges ? " · " + diff.summary : " · unchanged", .dim)])
            for line in diff.lines {
                let pad = String(repeating: "  ", count: line.depth)
                switch line.mark {
                case .same: lines.append([Span("  " + pad + line.text)])
                case .added: lines.append([Span("+ " + pad + line.text, .added)])
                case .removed: lines.append([Span("− " + pad + line.text, .removed)])
                case .changed:
                    lines.append([Span("~ " + pad + line.text, .changed)])
                    lines.append([Span("  " + pad + "  was: " + (line.oldText ?? ""), .dim)])
                }
            }
            for m in diff.moves { lines.append([Span("moved \(m.predicate): \(m.from) → \(m.to)", .moved)]) }
        }
        for (i, spans) in lines.prefix(rect.height).enumerated() {
            var x = rect.x
            for span in spans { x = grid.put(span.text, x: x, y: rect.y + i, role: span.role, limit: rect.maxX - x) }
        }
        if lines.count > rect.height {
            grid.put("… \(lines.count - rect.height) more lines (z zooms)", x: rect.x, y: rect.maxY - 1, role: .dim, limit: rect.width)
        }
    }
}
