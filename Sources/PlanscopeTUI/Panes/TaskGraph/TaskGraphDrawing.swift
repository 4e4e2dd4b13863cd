import Foundation
import PlanCore

/// The task graph drawn as a graph (`v`): the part of the pipeline's ``DagLayout`` around
/// the selected node — names, under each its estimated rows or, after a run, its time as a
/// bar (outputs their write time), edges in box-drawing characters between the layers.
/// The selected node is highlighted, what it reads marked `←` and what reads it `→`, the
/// critical path `◆`. A cycle is drawn as a ring.
enum TaskGraphDrawing {
    /// The canvas cell in the rectangle's top-left corner: the selected node a third of
    /// the way down and centred across, as far as the canvas allows.
    static func origin(_ layout: DagLayout, selected row: Int, rect: Rect) -> (left: Int, top: Int) {
        guard layout.nodeOfRow.indices.contains(row) else { return (0, 0) }
        let node = layout.nodes[layout.nodeOfRow[row]]
        let left = min(max(0, node.x - (rect.width - node.width) / 2), max(0, layout.width - rect.width))
        let top = min(max(0, node.y - rect.height / 3), max(0, layout.height - rect.height))
        return (left, top)
    }

    static func draw(_ s: AppState, _ p: PipelineModel, _ layout: DagLayout, into grid: inout CellGrid, rect: Rect, focused: Bool) {
        let row = s.list(.graph).selected
        let (left, top) = origin(layout, selected: row, rect: rect)
        let bottom = min(layout.height, top + rect.height)
        guard top < bottom else { return }
        for y in top..<bottom {
            for x in left..<min(layout.width, left + rect.width) {
                let bits = layout.line(x: x, y: y)
                if bits != 0 { grid.put(DagLayout.character(bits, ascii: grid.ascii), x: rect.x + x - left, y: rect.y + y - top, role: .dim) }
            }
        }
        let selectedNode = layout.nodeOfRow.indices.contains(row) ? layout.nodeOfRow[row] : -1
        let inputs = Set(selectedNode >= 0 ? realNeighbours(layout, of: selectedNode, up: true) : [])
        let dependents = Set(selectedNode >= 0 ? realNeighbours(layout, of: selectedNode, up: false) : [])
        let slowest = p.runs.values.map { $0.endMillis - $0.startMillis }.max() ?? 0
        for (l, ids) in layout.layers.enumerated() {
            let y = layout.layerY[l]
            guard y + 1 >= top, y < bottom else { continue }
            var i = lowerBound(ids.count) { layout.nodes[ids[$0]].x + layout.nodes[ids[$0]].width <= left }
            while i < ids.count, layout.nodes[ids[i]].x < left + rect.width {
                let id = ids[i]
                i += 1
                guard let r = layout.nodes[id].row else { continue }
                let node = layout.nodes[id], graphRow = p.rows[r]
                let nameRole: Role = id == selectedNode ? (focused ? .selected : .title)
                    : inputs.contains(id) ? .key : dependents.contains(id) ? .moved
                    : p.critical.contains(r) ? .changed : graphRow.kind == .view ? .text : .dim
                let name = DisplayWidth.of(graphRow.name) > node.width ? DisplayWidth.truncate(graphRow.name, to: node.width) : graphRow.name
                put(name, canvasX: node.x, canvasY: y, role: nameRole, left: left, top: top, rect: rect, into: &grid)
                let mark: Span = id == selectedNode ? Span(grid.ascii ? ">" : "▶", .key)
                    : inputs.contains(id) ? Span(grid.ascii ? "<" : "←", .key) : dependents.contains(id) ? Span(grid.ascii ? ">" : "→", .moved)
                    : p.critical.contains(r) ? Span(grid.ascii ? "*" : "◆", .changed) : Span(" ")
                put(mark.text, canvasX: node.x + 1, canvasY: y + 1, role: mark.role, left: left, top: top, rect: rect, into: &grid)
                var x = node.x + 2
                for span in figures(graphRow, p, slowest: slowest, room: node.width - 2, ascii: grid.ascii) {
                    x = put(span.text, canvasX: x, canvasY: y + 1, role: span.role, left: left, top: top, rect: rect, into: &grid)
                }
            }
        }
    }

    /// What is under a node's name: before a run its estimated rows (`?` when unknown; an output says so);
    /// after, a view's time as a bar against the slowest view's, an output's write time.
    static func figures(_ row: GraphRow, _ p: PipelineModel, slowest: Double, room: Int, ascii: Bool) -> [Span] {
        switch row.kind {
        case .output:
            if let ms = p.outputMillis[row.name] { return [Span(String(format: "%.1f ms", ms), .text)] }
            return [Span("output", .dim)]
        case .view:
            if let run = p.runs[row.name] {
                let ms = run.endMillis - run.startMillis
                let time = ms < 10 ? String(format: "%.1fms", ms) : String(format: "%.0fms", ms)
                let barRoom = max(1, room - time.count - 1)
                return [Span(bar(slowest > 0 ? ms / slowest : 0, width: barRoom, ascii: ascii), .ok), Span(" " + time, .text)]
            }
            fallthrough
        case .input:
            guard let rows = row.estimatedRows else { return [Span("?", .dim)] }
            return [Span("~" + Panes.grouped(Int(rows.rounded())), .dim)]
        }
    }

    /// A bar `width` cells long at most, filled to `fraction` in eighths of a cell (at
    /// least one eighth, so every view that ran shows one).
    static func bar(_ fraction: Double, width: Int, ascii: Bool) -> String {
        let eighths = max(1, Int((min(1, max(0, fraction)) * Double(width * 8)).rounded()))
        if ascii { return String(repeating: "#", count: max(1, eighths / 8)).padding(toLength: width, withPad: " ", startingAt: 0) }
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        let text = String(repeating: "█", count: eighths / 8) + partial
        return text + String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
    }

    /// The pipeline nodes joined to `id` through dummies, above it (`up`) or below it.
    static func realNeighbours(_ layout: DagLayout, of id: Int, up: Bool) -> [Int] {
        var out: [Int] = [], next = up ? layout.above[id] : layout.below[id]
        while let n = next.popLast() {
            if layout.nodes[n].row != nil { out.append(n) } else { next += up ? layout.above[n] : layout.below[n] }
        }
        return out
    }

    /// Writes `text` at a canvas cell, the columns left of the view left out; returns the
    /// canvas column after it.
    @discardableResult
    static func put(_ text: String, canvasX: Int, canvasY: Int, role: Role, left: Int, top: Int, rect: Rect, into grid: inout CellGrid) -> Int {
        let end = canvasX + DisplayWidth.of(text)
        let y = rect.y + canvasY - top
        guard y >= rect.y, y < rect.maxY, end > left else { return end }
        let shown = canvasX >= left ? text : PlanText.dropping(left - canvasX, from: [Span(text)]).map(\.text).joined()
        let x = rect.x + max(canvasX, left) - left
        grid.put(shown, x: x, y: y, role: role, limit: rect.maxX - x)
        return end
    }

    /// The pipeline row whose node is drawn at screen cell (x, y) of `rect`.
    static func row(at x: Int, y: Int, _ s: AppState, _ layout: DagLayout, rect: Rect) -> Int? {
        let (left, top) = origin(layout, selected: s.list(.graph).selected, rect: rect)
        return layout.node(atX: x - rect.x + left, y: y - rect.y + top).flatMap { layout.nodes[$0].row }
    }

    /// The first index in 0..<count where `before` is false (`before` holds for a prefix).
    static func lowerBound(_ count: Int, _ before: (Int) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if before(mid) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// A cycle as a ring: each view above the one that reads it, and the line from the
    /// last back up to the first.
    static func ring(_ cycle: [String], ascii: Bool) -> ListSource {
        let names = Array(cycle.dropLast())
        guard !names.isEmpty else { return ListSource([]) }
        var lines: [[Span]] = [[Span("the views form a cycle, so nothing can run:", .error)]]
        if names.count == 1 { lines.append([Span(ascii ? "@ " : "↺ ", .error), Span(names[0], .error), Span(" reads itself", .dim)]) }
        for (i, name) in names.enumerated() where names.count > 1 {
            let first = i == 0, last = i == names.count - 1
            let edge = ascii ? (first ? "+> " : last ? "+- " : "|  ") : (first ? "┌▶ " : last ? "└─ " : "│  ")
            lines.append([Span(edge, .error), Span(name, .error)])
            if !last { lines.append([Span(ascii ? "|  v " : "│  ▼ ", .error), Span("read by", .dim)]) }
        }
        lines.append([Span("break one dependency in the spec and reload (:\\pipeline load FILE)", .dim)])
        return ListSource(lines)
    }
}
