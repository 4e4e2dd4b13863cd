import HeapModule
import PlanCore

/// The task graph of a pipeline: scan nodes for inputs, view nodes, output nodes; an edge
/// from each relation to what reads it. ``build(_:)`` is the one function that builds it,
/// and ``order`` the one topological order views are compiled and run in.
public struct TaskGraph: Sendable, Equatable {
    public enum Kind: String, Sendable, Comparable, CaseIterable {
        case input, view, output
        var rank: Int { self == .input ? 0 : self == .view ? 1 : 2 }
        public static func < (a: Kind, b: Kind) -> Bool { a.rank < b.rank }
    }

    public struct Node: Sendable, Equatable {
        public let id: Int
        public let kind: Kind
        public let name: String
        /// Nodes this one reads (inputs and views), by id, sorted.
        public internal(set) var dependencies: [Int]
        /// Nodes that read this one, by id, sorted.
        public internal(set) var dependents: [Int]
    }

    public let nodes: [Node]
    /// Every node in dependency order: Kahn's algorithm taking, among the nodes whose
    /// dependencies are done, the smallest by (name, kind) first.
    public let order: [Int]
    /// Per node: 0 for inputs, else one more than its deepest dependency. Nodes of one
    /// level are independent of each other and may run side by side.
    public let levels: [Int]
    public var edgeCount: Int { nodes.reduce(0) { $0 + $1.dependencies.count } }

    /// Builds the graph of `spec` (which has passed ``SpecValidator``): its nodes, the
    /// deterministic order and levels. A cycle is an error naming one.
    public static func build(_ spec: SemanticExecutionSpec) throws(TaskGraphError) -> TaskGraph {
        var nodes: [Node] = []
        var byName: [String: Int] = [:]
        nodes.reserveCapacity(spec.inputRelations.count + spec.viewDefinitions.count + spec.outputTargets.count)
        byName.reserveCapacity(spec.inputRelations.count + spec.viewDefinitions.count)
        for input in spec.inputRelations {
            byName[input.logicalName] = nodes.count
            nodes.append(Node(id: nodes.count, kind: .input, name: input.logicalName, dependencies: [], dependents: []))
        }
        for view in spec.viewDefinitions {
            byName[view.name] = nodes.count
            nodes.append(Node(id: nodes.count, kind: .view, name: view.name, dependencies: [], dependents: []))
        }
        var readers = [Int](repeating: 0, count: nodes.count)
        for (i, view) in spec.viewDefinitions.enumerated() {
            let id = spec.inputRelations.count + i
            var deps = view.viewDependencies.compactMap { byName[$0] }
            deps.sort()
            nodes[id].dependencies = deps.enumerated().filter { $0.offset == 0 || deps[$0.offset - 1] != $0.element }.map(\.element)
            for d in nodes[id].dependencies { readers[d] += 1 }
        }
        for output in spec.outputTargets {
            let deps = byName[output.sourceView].map { [$0] } ?? []
            for d in deps { readers[d] += 1 }
            nodes.append(Node(id: nodes.count, kind: .output, name: output.tableName, dependencies: deps, dependents: []))
        }
        for (id, count) in readers.enumerated() { nodes[id].dependents.reserveCapacity(count) }
        // Taken in id order, so each node's dependents come out sorted.
        for id in nodes.indices { for d in nodes[id].dependencies { nodes[d].dependents.append(id) } }
        let (order, levels) = try sort(nodes)
        return TaskGraph(nodes: nodes, order: order, levels: levels)
    }

    /// The heap's key: name first, then kind, then id (names may repeat across kinds). The
    /// name is its rank among all names (equal names, equal ranks), so the heap compares
    /// integers, not text.
    struct Key: Comparable {
        let name: Int
        let kind: Int
        let id: Int
        static func < (a: Key, b: Key) -> Bool {
            if a.name != b.name { return a.name < b.name }
            if a.kind != b.kind { return a.kind < b.kind }
            return a.id < b.id
        }
    }

    /// Each node's name as its rank in the names' order (`String`'s `<`).
    static func nameRanks(_ nodes: [Node]) -> [Int] {
        let sorted = nodes.indices.sorted { nodes[$0].name < nodes[$1].name }
        var ranks = [Int](repeating: 0, count: nodes.count)
        var rank = 0
        for (i, id) in sorted.enumerated() {
            if i > 0 && nodes[sorted[i - 1]].name != nodes[id].name { rank += 1 }
            ranks[id] = rank
        }
        return ranks
    }

    /// Kahn's algorithm with a min-heap: O((V + E) log V).
    static func sort(_ nodes: [Node]) throws(TaskGraphError) -> (order: [Int], levels: [Int]) {
        var remaining = nodes.map(\.dependencies.count)
        var levels = [Int](repeating: 0, count: nodes.count)
        let ranks = nameRanks(nodes)
        var ready = Heap<Key>()
        for n in nodes where n.dependencies.isEmpty { ready.insert(Key(name: ranks[n.id], kind: n.kind.rank, id: n.id)) }
        var order: [Int] = []
        order.reserveCapacity(nodes.count)
        while let next = ready.popMin() {
            order.append(next.id)
            for d in nodes[next.id].dependents {
                levels[d] = max(levels[d], levels[next.id] + 1)
                remaining[d] -= 1
                if remaining[d] == 0 { ready.insert(Key(name: ranks[d], kind: nodes[d].kind.rank, id: d)) }
            }
        }
        if order.count < nodes.count { throw .cycle(findCycle(nodes, stuck: remaining).map { nodes[$0].name }) }
        return (order, levels)
    }

    /// One concrete cycle among the nodes Kahn's algorithm could not order: every such node
    /// still waits for a dependency that is itself stuck, so walking to the smallest stuck
    /// dependency must repeat a node. Returned in reading order (`a → b → … → a`), starting
    /// at its smallest name.
    static func findCycle(_ nodes: [Node], stuck: [Int]) -> [Int] {
        guard let start = nodes.indices.filter({ stuck[$0] > 0 }).min(by: { nodes[$0].name < nodes[$1].name }) else { return [] }
        var walk: [Int] = []
        var position: [Int: Int] = [:]
        var v = start
        while position[v] == nil {
            position[v] = walk.count
            walk.append(v)
            guard let next = nodes[v].dependencies.filter({ stuck[$0] > 0 }).min(by: { nodes[$0].name < nodes[$1].name }) else { break }
            v = next
        }
        // walk[position[v]...] follows dependencies backwards; reading order is the reverse.
        var cycle = Array(walk[(position[v] ?? 0)...].reversed())
        if let smallest = cycle.indices.min(by: { nodes[cycle[$0]].name < nodes[cycle[$1]].name }) {
            cycle = Array(cycle[smallest...] + cycle[..<smallest])
        }
        return cycle + [cycle[0]]
    }

    /// Nodes grouped by level, each group in ``order``.
    public var levelGroups: [[Int]] {
        var groups: [[Int]] = Array(repeating: [], count: (levels.max() ?? -1) + 1)
        for id in order { groups[levels[id]].append(id) }
        return groups
    }

    /// The id of the node named `name` of `kind`.
    public func node(named name: String, kind: Kind) -> Node? {
        nodes.first { $0.name == name && $0.kind == kind }
    }

    /// The path whose nodes' costs add up to the most (ties: the first in ``order``), and
    /// that total. `cost` gives each node's weight (row estimates, not unit costs).
    public func criticalPath(cost: (Node) -> Double) -> (path: [Int], cost: Double) {
        var best = [Double](repeating: 0, count: nodes.count)
        var via = [Int](repeating: -1, count: nodes.count)
        for id in order {
            var incoming = 0.0
            for d in nodes[id].dependencies where via[id] == -1 || best[d] > incoming {
                incoming = best[d]
                via[id] = d
            }
            best[id] = incoming + cost(nodes[id])
        }
        guard var end = order.max(by: { best[$0] < best[$1] || (best[$0] == best[$1] && $0 > $1) }) else { return ([], 0) }
        let total = best[end]
        var path = [end]
        while via[end] != -1 { end = via[end]; path.append(end) }
        return (path.reversed(), total)
    }
}

/// Why a graph could not be built.
public enum TaskGraphError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The names along one cycle, first repeated at the end.
    case cycle([String])

    public var description: String {
        switch self {
        case .cycle(let names): "the views form a cycle: \(names.joined(separator: " → "))"
        }
    }
}
