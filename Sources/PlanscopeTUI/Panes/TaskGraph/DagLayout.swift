/// The task graph laid out for drawing, as a value computed once when a pipeline is
/// loaded (never per frame): nodes in layers (a node's layer is its level from the task
/// graph's one topological sort), an edge that spans several levels broken into dummy
/// nodes so every edge joins neighbouring layers, the nodes of each layer ordered to
/// reduce crossings (barycentric sweeps, the best ordering kept), columns assigned so a
/// node sits under what it reads where there is room, and the edges routed between layers
/// on horizontal tracks. ``TaskGraphDrawing`` draws the part of it a pane shows.
///
/// Each layer takes two rows (the node's name; under it its estimate or, after a run, its
/// time), then the rows of the edges down to the next layer. A node's edges leave and
/// arrive at its first column.
public struct DagLayout: Sendable, Equatable {
    /// A node: a pipeline node (its row in the schedule-ordered list) or a dummy an edge
    /// passes through.
    public struct Node: Sendable, Equatable {
        /// The row in ``PipelineModel/rows``; nil for a dummy.
        public let row: Int?
        public let layer: Int
        /// Column of the node's first cell on the canvas, and the columns it takes.
        public internal(set) var x: Int
        public let width: Int
        /// The canvas row of its name (the row under it holds its figures).
        public internal(set) var y: Int
    }

    /// Which way a line leaves a cell.
    public enum Way {
        public static let up: UInt8 = 1, down: UInt8 = 2, left: UInt8 = 4, right: UInt8 = 8
    }

    public internal(set) var nodes: [Node]
    /// Node ids per layer, left to right.
    public internal(set) var layers: [[Int]]
    /// Edges between neighbouring layers (upper node, lower node), by node id.
    public let edges: [(upper: Int, lower: Int)]
    /// Per node id: the nodes below it and above it that an edge joins.
    public let below: [[Int]]
    public let above: [[Int]]
    /// The node id of each pipeline row.
    public let nodeOfRow: [Int]
    /// Edge crossings between neighbouring layers in the chosen ordering, and in the
    /// schedule order the sweeps started from.
    public let crossings: Int
    public let initialCrossings: Int
    /// The canvas row of each layer's names.
    public internal(set) var layerY: [Int] = []
    /// Canvas size in cells.
    public internal(set) var width = 0
    public internal(set) var height = 0
    /// The edges' cells, row by row (``width`` a row): which ways a line leaves each cell
    /// (``Way``), 0 where there is none. A byte a cell, so drawing reads only the cells
    /// on screen.
    public internal(set) var cells: [UInt8] = []

    /// Which ways an edge's line leaves canvas cell (x, y).
    public func line(x: Int, y: Int) -> UInt8 {
        x >= 0 && y >= 0 && x < width && y < height ? cells[y * width + x] : 0
    }

    /// Node slots are at least this wide (the figures under a name need room) and names
    /// longer than ``maxNameWidth`` are cut with `…`.
    static let minWidth = 8, maxNameWidth = 16, gap = 2

    public static func == (a: DagLayout, b: DagLayout) -> Bool {
        a.nodes == b.nodes && a.layers == b.layers && a.cells == b.cells && a.edges.elementsEqual(b.edges) { $0 == $1 }
    }

    /// Lays out `rows` (a pipeline's nodes in schedule order, each with its level).
    public init(rows: [GraphRow]) {
        // Edges by row: what each row reads, found by name among inputs and views (an
        // output may share its view's name, but nothing reads an output).
        var byName: [String: Int] = [:]
        for (i, row) in rows.enumerated() where row.kind != .output { byName[row.name] = i }
        var nodes: [Node] = rows.enumerated().map { i, row in
            Node(row: i, layer: max(0, row.level), x: 0, width: max(Self.minWidth, min(DisplayWidth.of(row.name), Self.maxNameWidth)), y: 0)
        }
        var edges: [(upper: Int, lower: Int)] = []
        for (i, row) in rows.enumerated() {
            for name in row.inputs {
                // An edge must go down at least one level (it always does for a graph the
                // sort built); anything else is left out rather than drawn upwards.
                guard let j = byName[name], nodes[j].layer < nodes[i].layer else { continue }
                var upper = j
                for layer in (nodes[j].layer + 1)..<nodes[i].layer {
                    nodes.append(Node(row: nil, layer: layer, x: 0, width: 1, y: 0))
                    edges.append((upper, nodes.count - 1))
                    upper = nodes.count - 1
                }
                edges.append((upper, i))
            }
        }
        var below = [[Int]](repeating: [], count: nodes.count), above = [[Int]](repeating: [], count: nodes.count)
        for e in edges {
            below[e.upper].append(e.lower)
            above[e.lower].append(e.upper)
        }
        // Layers in schedule order (real nodes in the order they come; a dummy after the
        // node it hangs from, so the first ordering already follows its edge).
        var layers = [[Int]](repeating: [], count: (nodes.map(\.layer).max() ?? -1) + 1)
        var placed = [Bool](repeating: false, count: nodes.count)
        func place(_ id: Int) {
            guard !placed[id] else { return }
            placed[id] = true
            layers[nodes[id].layer].append(id)
        }
        for i in rows.indices {
            place(i)
            var next = below[i].filter { nodes[$0].row == nil }
            while let d = next.popLast() {
                place(d)
                next += below[d].filter { nodes[$0].row == nil }
            }
        }
        for id in nodes.indices { place(id) }
        self.nodes = nodes
        self.edges = edges
        self.below = below
        self.above = above
        nodeOfRow = Array(rows.indices)
        let ordered = Self.order(layers, below: below, above: above)
        self.layers = ordered.layers
        crossings = ordered.crossings
        initialCrossings = ordered.initialCrossings
        assignColumns()
        route()
    }

    /// The node id at canvas cell (x, y) (a name's row or the row under it), if any.
    public func node(atX x: Int, y: Int) -> Int? {
        guard let layer = layerY.lastIndex(where: { $0 <= y }), y - layerY[layer] < 2 else { return nil }
        return layers[layer].first { nodes[$0].row != nil && x >= nodes[$0].x && x < nodes[$0].x + nodes[$0].width }
    }
}
