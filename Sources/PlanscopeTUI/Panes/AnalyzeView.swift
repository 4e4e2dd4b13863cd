import Foundation
import PlanExec

/// The Analyze view in the result pane (after `a`): the physical plan as a tree with, per
/// operator, its self time, a bar of its share of Σ self (the bars add to 100%), rows,
/// the estimate with its misestimate factor (≥ 10× in the warning role), and on wide
/// panes batches and memory — the columns ``AnalyzeTreeRenderer`` prints for the REPL and
/// the CLI. `!` selects the operator with the largest self time, `o` lists by self time.
enum AnalyzeView {
    static func title(_ s: AppState, _ profile: AnalyzeProfile) -> String {
        let head = "Analyze · \(s.subject?.title ?? "query") · " + (s.analyzeBySelf ? "by self time · " : "")
        if let run = s.live {
            // Figures so far: the root's rows, the time since the run started.
            let end = run.stoppedNanos ?? s.nowNanos
            return head + (run.stoppedNanos == nil ? "running · so far " : "stopped · reached ")
                + AnalyzeTreeRenderer.summary(profile, rows: profile.operators.first?.rows ?? 0,
                                              wallNanos: end >= run.startedNanos ? end - run.startedNanos : 0)
        }
        let wall = s.inspection?.elapsed.map { UInt64(max(0, $0) * 1e9) }
        return head + AnalyzeTreeRenderer.summary(profile, rows: s.inspection?.rows ?? 0, wallNanos: wall)
    }

    /// Columns right of the name: time, bar (from 100 columns), share, rows, estimate;
    /// batches and memory from 110.
    static func source(_ s: AppState, _ profile: AnalyzeProfile) -> ListSource {
        let order = s.analyzeOrder
        let inner = (s.frames[.result]?.width ?? s.width) - 2
        let barred = inner >= 100, wide = inner >= 110
        let rowsWidth = wide ? 11 : 10, estimateWidth = wide ? 15 : 13
        let right = 9 + (barred ? 2 + AnalyzeTreeRenderer.barWidth : 0) + 7 + 2 + rowsWidth + 2 + estimateWidth + (wide ? 2 + 10 + 2 + 8 : 0)
        let nameWidth = max(12, inner - 2 - right)
        let ascii = s.ascii, partial = s.live != nil
        return ListSource(count: order.count) { i in
            let op = profile.operators[order[i]]
            let c = AnalyzeTreeRenderer.columns(op, ascii: ascii, partial: partial)
            // The tree's lines two columns a level here (the text form has three).
            let prefix = s.analyzeBySelf ? "" : compact(op.prefix, ascii: ascii)
            let label = prefix + op.name + (op.detail.isEmpty ? "" : ": " + op.detail)
            var spans = [Span(DisplayWidth.pad(label, to: nameWidth), .title), Span(pad(c.time, 9), .text)]
            if barred { spans += [Span("  "), Span(c.bar, .ok)] }
            spans += [Span(" " + c.share + "  ", .dim), Span(pad(c.rows, rowsWidth), .text), Span("  "),
                      Span(DisplayWidth.pad(c.estimate, to: estimateWidth), op.badlyEstimated && !partial ? .warning : .dim)]
            if wide { spans.append(Span("  " + pad(c.batches, 10) + "  " + pad(c.memory, 8), .dim)) }
            return spans
        }
    }

    /// The operators, and on the bottom row the selected one's work per thread (skew).
    static func draw(_ s: AppState, into grid: inout CellGrid, rect: Rect, focused: Bool) {
        guard let profile = s.profile else { return }
        let strip = rect.height >= 4
        let list = strip ? Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - 1) : rect
        Panes.drawList(source(s, profile), state: s.list(.result), into: &grid, rect: list, focused: focused,
                       search: s.search?.pane == .result ? s.search?.text : nil)
        guard strip else { return }
        let order = s.analyzeOrder, selected = s.list(.result).selected
        guard order.indices.contains(selected) else { return }
        var x = rect.x + 1
        let y = rect.maxY - 1
        for span in workers(profile.operators[order[selected]]) { x = grid.put(span.text, x: x, y: y, role: span.role, limit: rect.maxX - x) }
    }

    /// `ScanExec on 3 threads · skew 1.02× · caller 43,221 rows 385 ms · w1 …`: the selected
    /// operator's rows and self time per thread (`caller`: the query's calling thread;
    /// `w1`…: the runtime's workers), skew ≥ 1.5 in the warning role.
    static func workers(_ op: AnalyzeProfile.Operator) -> [Span] {
        guard !op.workers.isEmpty else { return [Span(op.name, .title), Span(": no rows or time counted yet", .dim)] }
        var spans = [Span(op.name, .title), Span(op.workers.count == 1 ? " on 1 thread" : " on \(op.workers.count) threads", .dim)]
        if let skew = op.skew { spans.append(Span(String(format: " · skew %.2f×", skew), skew >= 1.5 ? .warning : .dim)) }
        for w in op.workers {
            spans.append(Span(" · " + (w.worker == 0 ? "caller" : "w\(w.worker)") + " ", .dim))
            spans.append(Span(Panes.rows(w.rows) + " " + AnalyzeTreeRenderer.duration(w.selfNanos), .text))
        }
        return spans
    }

    /// `│  └─ ` as `│ └ `; in ASCII `| \- `.
    static func compact(_ prefix: String, ascii: Bool) -> String {
        var out = ""
        var chars = Array(prefix)[...]
        while chars.count >= 3 {
            let unit = String(chars.prefix(3))
            chars = chars.dropFirst(3)
            switch unit {
            case "├─ ": out += ascii ? "|-" : "├ "
            case "└─ ": out += ascii ? "\\-" : "└ "
            case "│  ": out += ascii ? "| " : "│ "
            default: out += "  "
            }
        }
        return out
    }

    static func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - DisplayWidth.of(s))) + s }
}
