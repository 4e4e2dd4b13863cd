import Foundation
import PlanExec

/// The Analyze view in the result pane (after `a`): the physical plan as a tree with, per
/// operator, its self time, a bar of its share of Σ self (the bars add to 100%), rows,
/// the estimate with its misestimate factor (≥ 10× in the warning role), and on wide
/// panes batches and memory — the columns ``AnalyzeTreeRenderer`` prints for the REPL and
/// the CLI. `!` selects the operator with the largest self time, `o` lists by self time.
enum AnalyzeView {
    static func title(_ s: AppState, _ profile: AnalyzeProfile) -> String {
        let wall = s.inspection?.elapsed.map { UInt64(max(0, $0) * 1e9) }
        return "Analyze · \(s.subject?.title ?? "query") · "
            + AnalyzeTreeRenderer.summary(profile, rows: s.inspection?.rows ?? 0, wallNanos: wall)
            + (s.analyzeBySelf ? " · by self time" : "")
    }

    /// Columns right of the name: time, bar, share, rows, estimate; batches and memory
    /// when the pane is wide.
    static func source(_ s: AppState, _ profile: AnalyzeProfile) -> ListSource {
        let order = s.analyzeOrder
        let inner = (Layout.frames(width: s.width, height: s.height, focus: s.focus, zoomed: s.zoomed)[.result]?.width ?? s.width) - 2
        let wide = inner >= 110
        let right = 9 + 2 + AnalyzeTreeRenderer.barWidth + 7 + 2 + 12 + 2 + 18 + (wide ? 2 + 11 + 2 + 9 : 0)
        let nameWidth = max(12, inner - 2 - right)
        let ascii = s.ascii
        return ListSource(count: order.count) { i in
            let op = profile.operators[order[i]]
            let c = AnalyzeTreeRenderer.columns(op, ascii: ascii)
            let label = (s.analyzeBySelf ? "" : op.prefix) + op.name + (op.detail.isEmpty ? "" : ": " + op.detail)
            var spans = [Span(DisplayWidth.pad(label, to: nameWidth), .title),
                         Span(pad(c.time, 9), .text), Span("  "), Span(c.bar, .ok), Span(" " + c.share + "  ", .dim),
                         Span(pad(c.rows, 12), .text), Span("  "),
                         Span(DisplayWidth.pad(c.estimate, to: 18), op.badlyEstimated ? .warning : .dim)]
            if wide {
                spans.append(Span("  " + pad(c.batches, 11) + "  " + pad(c.memory, 9), .dim))
            }
            return spans
        }
    }

    static func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - DisplayWidth.of(s))) + s }
}
