import Foundation
import PlanExec

/// Messages (command output, errors, what background work did) or the physical plan of
/// the subject: after `a`, the Analyze view (``AnalyzeView``); planned only (Enter on
/// pushdown), the plan with estimates (`p` switches, `z` zooms).
enum ResultPane {
    static func title(_ s: AppState) -> String {
        if s.showPhysical, let profile = s.profile { return AnalyzeView.title(s, profile) }
        if s.showPhysical, let i = s.inspection {
            return "EXPLAIN ANALYZE · \(s.subject?.title ?? "query")" + (i.analyzed ? String(format: " · %@ · %.1f ms", Panes.rows(i.rows ?? 0),
                                                                                                    (i.elapsed ?? 0) * 1000) : " · not run")
        }
        return "Result"
    }

    static func source(_ s: AppState) -> ListSource {
        if s.showPhysical, let profile = s.profile { return AnalyzeView.source(s, profile) }
        if s.showPhysical, let i = s.inspection {
            var lines: [[Span]] = []
            func walk(_ op: PhysicalPlanSnapshot, depth: Int) {
                var spans = [Span(String(repeating: "  ", count: depth) + op.name, .title)]
                if !op.detail.isEmpty { spans.append(Span(": " + op.detail)) }
                if let m = op.metrics {
                    spans.append(Span("  rows=" + Panes.grouped(m.outputRows), .ok))
                    if let e = op.estimatedRows { spans.append(Span(" est=" + Panes.grouped(e), .dim)) }
                    spans.append(Span(String(format: " time=%.2fms", m.elapsedMillis), .dim))
                    if m.peakBytes > 0 { spans.append(Span(" mem=" + Panes.bytes(m.peakBytes), .dim)) }
                }
                if op.metrics == nil, let e = op.estimatedRows { spans.append(Span("  est " + Panes.rows(e), .dim)) }
                lines.append(spans)
                for c in op.children { walk(c, depth: depth + 1) }
            }
            walk(i.physical, depth: 0)
            return ListSource(lines)
        }
        if s.messages.isEmpty {
            return ListSource([[Span(": runs SQL or a \\command · a analyzes · r runs the pipeline · ? help", .dim)]])
        }
        let messages = s.messages
        return ListSource(count: messages.count) { [Span(messages[$0].text, messages[$0].role)] }
    }
}
