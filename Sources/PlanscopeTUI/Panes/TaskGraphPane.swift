import Foundation
import PlanCore
import PlanPipeline

/// The pipeline's views in schedule order with their levels, kinds and, after a run, rows
/// and times; the selected view's inputs (`←`) and dependents (`→`) highlighted, and its
/// reads and readers on the pane's last line. A cycle is shown on the cycle.
enum TaskGraphPane {
    static func title(_ s: AppState) -> String {
        guard let p = s.pipeline else { return "Task graph" }
        if p.cycle != nil { return "Task graph · \(p.name) · cycle" }
        var t = "Task graph · \(p.name) · \(counted(p.viewCount, "view"))"
        if let ms = p.runElapsedMillis { t += String(format: " · ran in %.0f ms", ms) }
        if s.graphDrawn, p.dag != nil, !p.critical.isEmpty { t += " · ◆ critical path" }
        return t
    }

    static func source(_ s: AppState) -> ListSource {
        guard let p = s.pipeline else {
            return ListSource([[Span("no pipeline loaded", .dim)], [Span("planscope tui SPEC.json, or :\\pipeline load FILE", .dim)]])
        }
        if let cycle = p.cycle {
            if s.graphDrawn { return TaskGraphDrawing.ring(cycle, ascii: s.ascii) }
            var lines: [[Span]] = [[Span("the views form a cycle, so nothing can run:", .error)]]
            // The cycle is in reading order (`a → b`: b reads a).
            for (a, b) in zip(cycle, cycle.dropFirst()) { lines.append([Span("↺ ", .error), Span(b, .error), Span(" reads ", .dim), Span(a, .error)]) }
            lines.append([Span("break one dependency in the spec and reload (:\\pipeline load FILE)", .dim)])
            return ListSource(lines)
        }
        let selected = s.selectedView
        let inputs = Set(selected?.inputs ?? []), dependents = Set(selected?.dependents ?? [])
        let paneWidth = s.frames[.graph]?.width ?? 40
        // A narrow pane leaves out the kind column (inputs and outputs are dim anyway) and
        // gives its figures without words.
        let kinds = paneWidth >= 44
        let nameWidth = min(p.longestName, max(8, paneWidth - (kinds ? 24 : 17)))
        return ListSource(count: p.rows.count) { i in
            let row = p.rows[i]
            var spans = [Span("L\(row.level) ", .dim)]
            let mark: Span
            if inputs.contains(row.name) { mark = Span("← ", .key) }
            else if dependents.contains(row.name) { mark = Span("→ ", .moved) }
            else { mark = Span("  ") }
            spans.append(mark)
            let nameRole: Role = inputs.contains(row.name) ? .key : dependents.contains(row.name) ? .moved : row.kind == .view ? .text : .dim
            spans.append(Span(DisplayWidth.pad(row.name, to: nameWidth) + " ", nameRole))
            switch row.kind {
            case _ where !kinds: break
            case .input: spans.append(Span("input ", .dim))
            case .output: spans.append(Span("output", .dim))
            case .view: spans.append(Span("view  ", .text))
            }
            if row.kind == .output, let ms = p.outputMillis[row.name] {
                spans.append(Span(kinds ? " ✓ " : "✓", .ok))
                spans.append(Span(String(format: kinds ? "written in %.1f ms" : "%.0fms", ms), .text))
            } else if row.kind == .view, let run = p.runs[row.name] {
                let ms = run.endMillis - run.startMillis
                spans.append(Span(kinds ? " ✓ " : "✓", .ok))
                spans.append(Span(kinds ? Panes.grouped(run.rows) + (run.rows == 1 ? " row " : " rows ") + String(format: "%.1f ms", ms)
                                  : String(format: "%.0fms", ms), .text))
            } else if row.kind != .output {
                // The estimate EXPLAIN shows; `?` where nothing is known.
                let n = row.estimatedRows.map { Int($0.rounded()) }
                let figure = n.map { "~" + Panes.grouped($0) } ?? "?"
                spans.append(Span(kinds ? " " + figure + (n == 1 ? " row" : " rows") : figure, .dim))
            }
            return spans
        }
    }

    /// Whether the pane's last row names what the selected view reads and what reads it.
    static func hasDetail(_ s: AppState, _ rect: Rect) -> Bool { s.pipeline?.cycle == nil && s.selectedView != nil && rect.height > 3 }

    /// The rows for the list or the drawing: the pane's, but for the detail row.
    static func listRect(_ s: AppState, _ rect: Rect) -> Rect {
        Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - (hasDetail(s, rect) ? 1 : 0))
    }

    static func draw(_ s: AppState, into grid: inout CellGrid, rect: Rect, focused: Bool) {
        let hasDetail = hasDetail(s, rect)
        let listRect = listRect(s, rect)
        if s.graphDrawn, let p = s.pipeline, let dag = p.dag {
            TaskGraphDrawing.draw(s, p, dag, into: &grid, rect: listRect, focused: focused)
        } else {
            Panes.drawList(source(s), state: s.list(.graph), into: &grid, rect: listRect, focused: focused,
                           search: s.search?.pane == .graph ? s.search?.text : nil)
        }
        guard hasDetail, let view = s.selectedView else { return }
        let reads = view.inputs.isEmpty ? "nothing" : view.inputs.joined(separator: ", ")
        let readBy = view.dependents.isEmpty ? "nothing" : view.dependents.joined(separator: ", ")
        var x = grid.put("reads ", x: rect.x + 1, y: rect.maxY - 1, role: .dim)
        x = grid.put(reads, x: x, y: rect.maxY - 1, role: .key, limit: rect.maxX - x)
        x = grid.put(" · read by ", x: x, y: rect.maxY - 1, role: .dim, limit: rect.maxX - x)
        grid.put(readBy, x: x, y: rect.maxY - 1, role: .moved, limit: rect.maxX - x)
    }

    /// The rows of a loaded pipeline, in schedule order.
    static func rows(graph: TaskGraph, estimates: (TaskGraph.Node) -> Double?) -> [GraphRow] {
        graph.order.map { id in
            let node = graph.nodes[id]
            return GraphRow(name: node.name, kind: node.kind, level: graph.levels[id],
                            inputs: node.dependencies.map { graph.nodes[$0].name },
                            dependents: node.dependents.map { graph.nodes[$0].name },
                            estimatedRows: estimates(node))
        }
    }
}
