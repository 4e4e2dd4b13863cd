/// Columns and edge routes. A node is placed at the median column of its neighbours
/// where the nodes left of it leave room (down the layers, up, and down again, so what
/// reads one relation sits under it); then each node's edges to the layer below leave on
/// a horizontal track of their own, tracks that do not overlap sharing a row.
extension DagLayout {
    mutating func assignColumns() {
        for layer in layers {
            var x = 0
            for id in layer {
                nodes[id].x = x
                x += nodes[id].width + Self.gap
            }
        }
        for _ in 0..<2 {
            for l in layers.indices.dropFirst() { align(l, to: above) }
            for l in layers.indices.dropLast().reversed() { align(l, to: below) }
        }
        for l in layers.indices.dropFirst() { align(l, to: above) }
        let left = nodes.map(\.x).min() ?? 0
        for i in nodes.indices { nodes[i].x -= left }
    }

    /// Places layer `l`'s nodes as near the median column of their `neighbours` (or where
    /// they are) as the order allows: half way between packing them from the left (each
    /// pushed right by the one before) and from the right (each pushed left by the one
    /// after), so a crowded layer spreads both ways instead of drifting right.
    mutating func align(_ l: Int, to neighbours: [[Int]]) {
        let ids = layers[l]
        guard !ids.isEmpty else { return }
        // The median of the neighbours' columns; most nodes (a long edge's dummies) have
        // one neighbour, so no array is made for them.
        var wanted = [Int](repeating: 0, count: ids.count)
        var xs: [Int] = []
        for (k, id) in ids.enumerated() {
            let n = neighbours[id]
            switch n.count {
            case 0: wanted[k] = nodes[id].x
            case 1: wanted[k] = nodes[n[0]].x
            default:
                xs.removeAll(keepingCapacity: true)
                for v in n { xs.append(nodes[v].x) }
                xs.sort()
                wanted[k] = (xs[(xs.count - 1) / 2] + xs[xs.count / 2]) / 2
            }
        }
        var fromLeft = wanted, fromRight = wanted
        for k in ids.indices.dropFirst() {
            fromLeft[k] = max(wanted[k], fromLeft[k - 1] + nodes[ids[k - 1]].width + Self.gap)
        }
        for k in ids.indices.dropLast().reversed() {
            fromRight[k] = min(wanted[k], fromRight[k + 1] - nodes[ids[k]].width - Self.gap)
        }
        for k in ids.indices { nodes[ids[k]].x = (fromLeft[k] + fromRight[k]) / 2 }
    }

    /// Rows for each layer and its edges, and the edges' cells.
    mutating func route() {
        // Tracks per gap: (first column, last column, upper node), each given a row.
        var tracks: [[(lo: Int, hi: Int, id: Int, row: Int)]] = []
        var trackRows: [Int] = []
        for layer in layers {
            var spans: [(lo: Int, hi: Int, id: Int, row: Int)] = []
            for id in layer where !below[id].isEmpty {
                var lo = nodes[id].x, hi = lo
                for child in below[id] {
                    let x = nodes[child].x
                    lo = min(lo, x)
                    hi = max(hi, x)
                }
                guard lo < hi else { continue }
                spans.append((lo, hi, id, 0))
            }
            spans.sort { $0.lo != $1.lo ? $0.lo < $1.lo : $0.hi < $1.hi }
            var lastEnd: [Int] = []
            for i in spans.indices {
                if let t = lastEnd.firstIndex(where: { $0 < spans[i].lo - 1 }) {
                    spans[i].row = t
                    lastEnd[t] = spans[i].hi
                } else {
                    spans[i].row = lastEnd.count
                    lastEnd.append(spans[i].hi)
                }
            }
            tracks.append(spans)
            trackRows.append(max(1, lastEnd.count))
        }
        var y = 0
        layerY = []
        for l in layers.indices {
            layerY.append(y)
            for id in layers[l] { nodes[id].y = y }
            y += 2 + (l < layers.count - 1 ? trackRows[l] : 0)
        }
        height = y
        width = (nodes.map { $0.x + $0.width }.max() ?? 0) + 1
        let width = width
        var cells = [UInt8](repeating: 0, count: width * height)
        func mark(_ x: Int, _ y: Int, _ bits: UInt8) { cells[y * width + x] |= bits }
        func vertical(_ x: Int, from y0: Int, to y1: Int) { for y in y0..<y1 { cells[y * width + x] |= Way.up | Way.down } }
        for l in layers.indices {
            let top = layerY[l]
            for id in layers[l] {
                let node = nodes[id]
                // A dummy is a line through the layer's two rows; a node's edges leave
                // from under its name.
                if node.row == nil { vertical(node.x, from: top, to: top + 2) } else if !below[id].isEmpty { mark(node.x, top + 1, Way.up | Way.down) }
            }
            guard l < layers.count - 1 else { continue }
            let gapTop = top + 2, gapEnd = top + 2 + trackRows[l]
            let tracked = Dictionary(tracks[l].map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for id in layers[l] where !below[id].isEmpty {
                let x = nodes[id].x
                guard let t = tracked[id] else {
                    vertical(x, from: gapTop, to: gapEnd)
                    continue
                }
                let row = gapTop + t.row
                vertical(x, from: gapTop, to: row)
                mark(x, row, Way.up)
                mark(t.lo, row, Way.right)
                mark(t.hi, row, Way.left)
                for i in (row * width + t.lo + 1)..<(row * width + t.hi) { cells[i] |= Way.left | Way.right }
                for child in below[id] {
                    let cx = nodes[child].x
                    mark(cx, row, Way.down)
                    vertical(cx, from: row + 1, to: gapEnd)
                }
            }
        }
        self.cells = cells
    }

    /// The box-drawing character for a cell whose line leaves it the ways in `bits`
    /// (`+`, `-`, `|` in ASCII).
    public static func character(_ bits: UInt8, ascii: Bool) -> String {
        let up = bits & Way.up != 0, down = bits & Way.down != 0, left = bits & Way.left != 0, right = bits & Way.right != 0
        let vertical = up || down, horizontal = left || right
        if ascii { return vertical && horizontal ? "+" : vertical ? "|" : "-" }
        switch (up, down, left, right) {
        case (true, true, true, true): return "┼"
        case (true, true, true, false): return "┤"
        case (true, true, false, true): return "├"
        case (true, false, true, true): return "┴"
        case (false, true, true, true): return "┬"
        case (false, true, false, true): return "┌"
        case (false, true, true, false): return "┐"
        case (true, false, false, true): return "└"
        case (true, false, true, false): return "┘"
        default: return vertical ? "│" : "─"
        }
    }
}
