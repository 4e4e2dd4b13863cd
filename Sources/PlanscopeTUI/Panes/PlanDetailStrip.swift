import PlanOptimizer

/// Under the plan, while it has focus: the node under the cursor — which optimizer step
/// last changed it (`b` jumps there) and its line in full, wrapped.
enum PlanDetailStrip {
    /// Changed steps looked back through per frame; `b` looks through them all.
    static let budget = 12

    /// Rows for the strip: three in a pane of 12 rows or more, one from 6, none below.
    static func height(_ s: AppState, paneHeight: Int) -> Int {
        guard s.planFocused else { return 0 }
        return paneHeight >= 12 ? 3 : paneHeight >= 6 ? 1 : 0
    }

    static func draw(_ s: AppState, _ plan: TracePane.PlanLayout, into grid: inout CellGrid, rect: Rect) {
        guard let trace = s.trace else { return }
        let step = s.selectedStep
        let cursor = s.scroll(for: step).cursor
        guard plan.text.lines.indices.contains(cursor) else { return }
        let line = plan.text.lines[cursor]
        var spans: [Span]
        if let path = line.path {
            spans = describe(trace.lastChange(ofNodeAt: path, step: step, budget: budget).change, at: step, trace: trace)
        } else {
            spans = [Span("removed by this step", .removed)]
        }
        var x = rect.x
        for span in spans { x = grid.put(span.text, x: x, y: rect.y, role: span.role, limit: rect.maxX - x) }
        guard rect.height > 1 else { return }
        let wrapped = DisplayWidth.wrap(line.nodeText, width: rect.width)
        for (i, row) in wrapped.prefix(rect.height - 1).enumerated() {
            // The last row when more follow says so (w wraps the whole line in the plan).
            let cut = i == rect.height - 2 && wrapped.count > rect.height - 1
            grid.put(cut ? row + " …" : row, x: rect.x, y: rect.y + 1 + i, role: .text, limit: rect.width)
        }
    }

    /// `last changed at step 9 push_down_filter · b`, or that nothing changed it.
    static func describe(_ change: OptimizerTrace.LastChange, at step: Int, trace: OptimizerTrace) -> [Span] {
        switch change {
        case .step(let k) where k == step:
            return [Span("changed by this step", .changed), Span(" (\(k) \(trace.steps[k - 1].rule))", .dim)]
        case .step(let k):
            return [Span("last changed at step \(k) \(trace.steps[k - 1].rule)", .changed), Span(" · b jumps there", .dim)]
        case .initial:
            return [Span("unchanged since the initial plan", .dim), Span(" · b jumps there", .dim)]
        case .notWithin(let n, let from):
            return [Span("not changed by the \(n) changes back to step \(from)", .dim), Span(" · b looks further", .dim)]
        }
    }
}
