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
        var key = [Double](repeating: 0, count: layer.count)
        for i in layer.indices {
            let n = neighbours[layer[i]]
            if n.isEmpty { key[i] = Double(i); continue }
            var sum = 0
            for v in n { sum += position[v] }
            key[i] = Double(sum) / Double(n.count)
        }
        let order = layer.indices.sorted { key[$0] != key[$1] ? key[$0] < key[$1] : $0 < $1 }
        layer = order.map { layer[$0] }
        for i in layer.indices { position[layer[i]] = i }
    }

    /// Edge crossings between each pair of neighbouring layers: the edges in the order of
    /// their upper end (the layer's order, then the lower end), the inversions among their
    /// lower ends (counted with a Fenwick tree, O(E log V)).
    static func crossings(_ layers: [[Int]], below: [[Int]], position: [Int]) -> Int {
        var total = 0
        var ends: [Int] = []
        for l in layers.indices.dropLast() {
            let width = layers[l + 1].count
            guard width > 1 else { continue }
            ends.removeAll(keepingCapacity: true)
            for id in layers[l] {
                let start = ends.count
                for v in below[id] { ends.append(position[v]) }
                if ends.count - start > 1 { ends[start...].sort() }
            }
            var tree = [Int](repeating: 0, count: width + 1)
            var seen = 0
            for v in ends {
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
