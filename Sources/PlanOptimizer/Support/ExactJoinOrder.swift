import PlanCore

/// The cheapest join tree over the inputs of a join graph, bushy trees included, by
/// dynamic programming over its csg-cmp pairs (DPccp: Moerkotte and Neumann, "Analysis of
/// two existing and one new dynamic programming algorithm for the generation of optimal
/// bushy join trees without cross products", VLDB 2006). Only pairs of a connected set of
/// inputs and a connected set of others joined to it by an equality are visited, each
/// unordered pair once, in an order where both parts are solved before their union — so a
/// chain of N inputs costs N³/6 pairs and a cycle N³/2, where enumerating every subset
/// (DPsub, the search this replaced) cost 3^N. The search stops after ``pairBudget``
/// pairs (a star of 15 inputs, a clique of 12) and the caller orders greedily instead.
///
/// A set's rows are the product of its inputs' rows over the divisor of every
/// equality-joined pair inside it (``JoinGraph/joinDivisors()``: distinct counts of the
/// keys), taken in a fixed order so they do not depend on the search; they are what
/// EXPLAIN's `estimated_rows` shows for each join (the two differ only where equalities
/// form a cycle: a join node divides by its keys' largest distinct count, the search by
/// every pair's). A tree's cost is C_out, the sum of the rows every join in it produces
/// (the rows the joins above must hash or probe). Within a split the larger part is probed
/// and the smaller hashed. Of splits that cost the same, the one whose part holding the
/// set's lowest input is the larger bit pattern wins (the tie-break DPsub's order gave, so
/// plans did not change with the search). Sets that no equality connects are never
/// joined, so the search never makes a cross join; a graph that is not connected gets no
/// order.
struct ExactJoinOrder {
    /// Csg-cmp pairs visited before the search gives up (the caller then orders greedily).
    /// A star of 14 inputs has 53,248, a chain of 64 has 43,680, a clique of 11 has 86,526.
    static let pairBudget = 100_000

    /// Why there is no exact order.
    enum Refusal: Error {
        /// The equalities do not connect every input.
        case notConnected
        /// More than ``ExactJoinOrder/pairBudget`` pairs.
        case overBudget
    }

    struct Entry {
        /// The cheapest tree's cost (C_out).
        var cost: Double
        /// The part of the cheapest split that holds the set's lowest input (0 for one input).
        var split: UInt64
    }

    /// Per connected set of inputs (a bit per input) the search solved: its cheapest tree.
    private(set) var solved: InputSetTable<Entry>
    /// Per set: its estimated rows (filled as sets are met).
    private var rowsBySet: InputSetTable<Double>
    /// The set of every input.
    let all: UInt64
    /// The csg-cmp pairs the search visited.
    private(set) var pairs = 0

    private let estimates: [Double]
    private let neighbours: [UInt64]
    private let divisors: [[Double]]
    private let budget: Int
    private var stopped = false

    /// The csg-cmp pairs of `n` inputs all joined to each other (n < 20).
    static func cliquePairs(_ n: Int) -> Int {
        var three = 1
        for _ in 0..<n { three *= 3 }
        return (three - (2 << n) + 1) / 2
    }

    /// The search over inputs with these row estimates (``LogicalPlan/estimatedRows``).
    init(estimates: [Double], neighbours: [UInt64], divisors: [[Double]], budget: Int = Self.pairBudget) throws(Refusal) {
        let n = estimates.count
        guard n >= 2, n <= 64 else { throw .notConnected }
        self.estimates = estimates
        self.neighbours = neighbours
        self.divisors = divisors
        self.budget = budget
        solved = InputSetTable(inputs: n)
        rowsBySet = InputSetTable(inputs: n)
        // An input joined to d others is the centre of a star of d + 1 inputs, whose pairs
        // alone number d · 2^(d-1) (the centre with any set of the others, against one
        // other outside it), and joins added to a star only add pairs: past the budget for
        // certain, without searching (a star of 16 inputs: 245,760 pairs).
        if let degree = neighbours.map(\.nonzeroBitCount).max(), degree >= 40 || (degree > 0 && degree << (degree - 1) > budget) {
            throw .overBudget
        }
        // Every input joined to every other: (3^n - 2^(n+1) + 1) / 2 pairs (a clique of 12
        // inputs: 261,625).
        if neighbours.allSatisfy({ $0.nonzeroBitCount == n - 1 }), n >= 20 || Self.cliquePairs(n) > budget { throw .overBudget }
        all = n == 64 ? ~0 : (1 << UInt64(n)) - 1
        for i in 0..<n { solved[1 << UInt64(i)] = Entry(cost: 0, split: 0) }
        for i in (0..<n).reversed() {
            let v: UInt64 = 1 << UInt64(i)
            emitConnectedSet(v)
            enumerateConnectedSets(v, excluding: Self.upTo(i))
            if stopped { throw .overBudget }
        }
        guard solved[all] != nil else { throw .notConnected }
    }

    /// The cheapest cost of joining every input.
    var bestCost: Double { solved[all]?.cost ?? .infinity }

    /// Inputs 0 through `i`.
    private static func upTo(_ i: Int) -> UInt64 { i >= 63 ? ~0 : (1 << UInt64(i + 1)) - 1 }

    /// The inputs joined to some input of `s` by an equality, not in `s` or `excluded`.
    private func neighbourhood(_ s: UInt64, excluding excluded: UInt64) -> UInt64 {
        var out: UInt64 = 0
        var rest = s
        while rest != 0 {
            out |= neighbours[rest.trailingZeroBitCount]
            rest &= rest - 1
        }
        return out & ~s & ~excluded
    }

    /// Every connected set that grows `s` by inputs of its neighbourhood outside `excluded`,
    /// each handed to ``emitConnectedSet(_:)`` once (the paper's EnumerateCsgRec).
    private mutating func enumerateConnectedSets(_ s: UInt64, excluding excluded: UInt64) {
        let n = neighbourhood(s, excluding: excluded)
        guard n != 0, !stopped else { return }
        // Subsets in increasing order, so each set is solved before any set holding it.
        var sub = n & (~n &+ 1)
        while sub != 0, !stopped { emitConnectedSet(s | sub); sub = (sub &- n) & n }
        sub = n & (~n &+ 1)
        while sub != 0, !stopped { enumerateConnectedSets(s | sub, excluding: excluded | n); sub = (sub &- n) & n }
    }

    /// Every connected complement of `s1` joined to it, each once (EmitCsg).
    private mutating func emitConnectedSet(_ s1: UInt64) {
        let excluded = s1 | Self.upTo(s1.trailingZeroBitCount)
        let n = neighbourhood(s1, excluding: excluded)
        var rest = n
        while rest != 0, !stopped {
            let i = 63 - rest.leadingZeroBitCount
            let v: UInt64 = 1 << UInt64(i)
            rest &= ~v
            emitPair(s1, v)
            enumerateComplements(s1, v, excluding: excluded | (Self.upTo(i) & n))
        }
    }

    /// Every connected set that grows `s2` away from `s1` (EnumerateCmpRec).
    private mutating func enumerateComplements(_ s1: UInt64, _ s2: UInt64, excluding excluded: UInt64) {
        let n = neighbourhood(s2, excluding: excluded)
        guard n != 0, !stopped else { return }
        var sub = n & (~n &+ 1)
        while sub != 0, !stopped { emitPair(s1, s2 | sub); sub = (sub &- n) & n }
        sub = n & (~n &+ 1)
        while sub != 0, !stopped { enumerateComplements(s1, s2 | sub, excluding: excluded | n); sub = (sub &- n) & n }
    }

    /// Joins two solved, disjoint, connected sets joined by an equality: the union's best
    /// split if cheaper (EmitCsgCmp).
    private mutating func emitPair(_ a: UInt64, _ b: UInt64) {
        pairs += 1
        guard pairs <= budget else { stopped = true; return }
        let set = a | b
        let part = (set & (~set &+ 1)) & a != 0 ? a : b
        guard let left = solved[part], let right = solved[set ^ part] else { return }
        let cost = left.cost + right.cost + rows(of: set)
        if let best = solved[set], cost > best.cost || (cost == best.cost && part < best.split) { return }
        solved[set] = Entry(cost: cost, split: part)
    }

    /// The estimated rows of a set of inputs: built from its highest input down, each input
    /// added multiplying by its rows and dividing by its divisor with each input already in
    /// (at least one row at every step).
    mutating func rows(of set: UInt64) -> Double {
        if let known = rowsBySet[set] { return known }
        let rest = set & (set - 1)
        let value = Self.adding(set.trailingZeroBitCount, to: rest, rows: rest == 0 ? 1 : rows(of: rest),
                                estimates: estimates, divisors: divisors)
        rowsBySet[set] = value
        return value
    }

    /// ``rows(of:)`` without keeping what it computes.
    static func rows(of set: UInt64, estimates: [Double], divisors: [[Double]]) -> Double {
        let rest = set & (set - 1)
        return adding(set.trailingZeroBitCount, to: rest, rows: rest == 0 ? 1 : rows(of: rest, estimates: estimates, divisors: divisors),
                      estimates: estimates, divisors: divisors)
    }

    /// The rows of `rest` (whose rows are `rows`) joined with input `low`, below all of them.
    private static func adding(_ low: Int, to rest: UInt64, rows: Double, estimates: [Double], divisors: [[Double]]) -> Double {
        guard rest != 0 else { return max(1, estimates[low]) }
        var r = rows * max(1, estimates[low])
        var others = rest
        while others != 0 {
            r /= divisors[low][others.trailingZeroBitCount]
            others &= others - 1
        }
        return max(1, r)
    }

    /// The cost of `tree`, a tree of inner and cross joins over the same inputs (numbered
    /// as ``JoinGraph`` numbers them: left to right), plus, for each join that hashes the
    /// larger of its inputs, the difference.
    func cost(of tree: LogicalPlan) -> Double {
        var next = 0
        func walk(_ p: LogicalPlan) -> (set: UInt64, cost: Double) {
            let sides: (LogicalPlan, LogicalPlan)?
            switch p {
            case .join(let j) where j.joinType == .inner: sides = (j.left, j.right)
            case .crossJoin(let c): sides = (c.left, c.right)
            default: sides = nil
            }
            guard let (l, r) = sides else {
                defer { next += 1 }
                return next < estimates.count ? (1 << UInt64(next), 0) : (0, .infinity)
            }
            let a = walk(l), b = walk(r)
            let set = a.set | b.set
            let rows = { (s: UInt64) in rowsBySet[s] ?? Self.rows(of: s, estimates: estimates, divisors: divisors) }
            // A join hashing its larger side costs the difference more (the search always
            // hashes the smaller).
            return (set, a.cost + b.cost + rows(set) + max(0, rows(b.set) - rows(a.set)))
        }
        return walk(tree).cost
    }

    /// The cheapest tree joining the inputs in `set`, its conditions taken from `graph`.
    func tree(over set: UInt64, leaves: [LogicalPlan], graph: inout JoinGraph) throws(PlanError) -> LogicalPlan {
        if set & (set - 1) == 0 { return leaves[set.trailingZeroBitCount] }
        guard let entry = solved[set] else { throw PlanError(.invalidPlan, "join order: no tree was found for inputs \(set)") }
        let a = entry.split, b = set ^ a
        let rows = { (s: UInt64) in rowsBySet[s] ?? Self.rows(of: s, estimates: estimates, divisors: divisors) }
        // The larger part is probed, the smaller hashed (ties: the part with the lowest input probed).
        let (probe, build) = rows(b) > rows(a) ? (b, a) : (a, b)
        let probeTree = try tree(over: probe, leaves: leaves, graph: &graph)
        let buildTree = try tree(over: build, leaves: leaves, graph: &graph)
        return try graph.join(probeTree, buildTree)
    }
}
