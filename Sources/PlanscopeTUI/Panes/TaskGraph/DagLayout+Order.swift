/// Ordering within layers: barycentric sweeps (each node moves to the mean position of
/// its neighbours in the layer just placed, down the layers and back up), keeping the
/// ordering with the fewest crossings seen.
extension DagLayout {
    static let sweeps = 4

    static func order(_ start: [[Int]], below: [[Int]], above: [[Int]]) -> (layers: [[Int]], crossings: Int, initialCrossings: Int) {
        var layers = start
        var position = [Int](repeating: 0, count: below.count)
        for layer in layers { for (i, id) in layer.enumerated() { position[id] = i } }
        let initial = crossings(layers, below: below, position: position)
        var best = (layers: layers, crossings: initial)
        guard initial > 0 else { return (layers, initial, initial) }
        for _ in 0..<sweeps {
            for l in layers.indices.dropFirst() { sortByBarycenter(&layers[l], neighbours: above, position: &position) }
            for l in layers.indices.dropLast().reversed() { sortByBarycenter(&layers[l], neighbours: below, position: &position) }
            let c = crossings(layers, below: below, position: position)
            if c < best.crossings { best = (layers, c) }
            if c == 0 { break }
        }
        return (best.layers, best.crossings, initial)
    }

    /// Sorts a layer by the mean position of each node's neighbours (a node without any
    /// keeps its place); ties keep the current order.
    static func sortByBarycenter(_ layer: inout [Int], neighbours: [[Int]], position: inout [Int]) {
        let keyed = layer.enumerated().map { i, id -> (key: Double, at: Int, id: Int) in
            let n = neighbours[id]
            let key = n.isEmpty ? Double(i) : Double(n.reduce(0) { $0 + position[$1] }) / Double(n.count)
            return (key, i, id)
        }
        layer = keyed.sorted { $0.key != $1.key ? $0.key < $1.key : $0.at < $1.at }.map(\.id)
        for (i, id) in layer.enumerated() { position[id] = i }
    }

    /// Edge crossings between each pair of neighbouring layers: the edges sorted by their
    /// upper end, the inversions among their lower ends (counted with a Fenwick tree,
    /// O(E log V)).
    static func crossings(_ layers: [[Int]], below: [[Int]], position: [Int]) -> Int {
        var total = 0
        for l in layers.indices.dropLast() {
            let width = layers[l + 1].count
            guard width > 1 else { continue }
            var ends: [(Int, Int)] = []
            for id in layers[l] { for v in below[id] { ends.append((position[id], position[v])) } }
            ends.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            var tree = [Int](repeating: 0, count: width + 1)
            var seen = 0
            for (_, v) in ends {
                // Edges seen so far ending right of v cross this one.
                var i = v + 1, atOrLeft = 0
                while i > 0 { atOrLeft += tree[i]; i -= i & -i }
                total += seen - atOrLeft
                i = v + 1
                while i <= width { tree[i] += 1; i += i & -i }
                seen += 1
            }
        }
        return total
    }
}
