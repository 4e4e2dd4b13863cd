import PlanCore

/// The cheapest join tree over a few inputs, bushy trees included, by dynamic programming
/// over the connected subsets of the join graph (DPsub: every subset, in increasing order,
/// from its best split into two connected, joined parts).
///
/// A subset's rows are the product of its inputs' rows over the divisor of every
/// equality-joined pair inside it (``JoinGraph/joinDivisors()``: distinct counts of the
/// keys), so they do not depend on the order; they are what EXPLAIN's `estimated_rows`
/// shows for each join (the two differ only where equalities form a cycle: a join node
/// divides by its keys' largest distinct count, the search by every pair's). A tree's cost is C_out, the sum of the rows every join in it
/// produces (the rows the joins above must hash or probe). Within a split the larger part
/// is probed and the smaller hashed. Subsets that no equality connects are never joined,
/// so the search never makes a cross join; a graph that is not connected gets no order.
struct ExactJoinOrder {
    /// Per subset (a bit per input): its estimated rows.
    let rows: [Double]
    /// Per subset: the cheapest tree's cost (C_out), infinite when no tree joins it.
    let cost: [Double]
    /// Per subset of two or more inputs: the part of its cheapest split that holds its lowest input.
    let split: [Int]
    /// The subset of every input.
    let all: Int

    init?(leaves: [LogicalPlan], neighbours: [UInt64], divisors: [[Double]]) {
        let n = leaves.count
        guard n >= 2, n < 31 else { return nil }
        let size = 1 << n
        let estimates = leaves.map(\.estimatedRows)
        var rows = [Double](repeating: 0, count: size)
        var cost = [Double](repeating: .infinity, count: size)
        var split = [Int](repeating: 0, count: size)
        var adjacent = [Int](repeating: 0, count: size)
        for s in 1..<size {
            let low = s.trailingZeroBitCount
            let rest = s & (s - 1)
            adjacent[s] = adjacent[rest] | Int(neighbours[low])
            if rest == 0 { rows[s] = max(1, estimates[low]); cost[s] = 0; continue }
            var r = rows[rest] * max(1, estimates[low])
            var others = rest
            while others != 0 {
                r /= divisors[low][others.trailingZeroBitCount]
                others &= others - 1
            }
            rows[s] = max(1, r)
            // Splits whose first part holds the lowest input (each unordered split once).
            let lowBit = s & -s
            var part = (s - 1) & s
            while part > 0 {
                if part & lowBit != 0 {
                    let other = s ^ part
                    if cost[part] < .infinity, cost[other] < .infinity, adjacent[part] & other != 0 {
                        let c = cost[part] + cost[other] + rows[s]
                        if c < cost[s] { cost[s] = c; split[s] = part }
                    }
                }
                part = (part - 1) & s
            }
        }
        all = size - 1
        guard cost[all] < .infinity else { return nil }
        self.rows = rows
        self.cost = cost
        self.split = split
    }

    /// The cost of `tree`, a tree of inner and cross joins over the same inputs (numbered
    /// as ``JoinGraph`` numbers them: left to right), plus, for each join that hashes the
    /// larger of its inputs, the difference.
    func cost(of tree: LogicalPlan) -> Double {
        var next = 0
        func walk(_ p: LogicalPlan) -> (set: Int, cost: Double) {
            let sides: (LogicalPlan, LogicalPlan)?
            switch p {
            case .join(let j) where j.joinType == .inner: sides = (j.left, j.right)
            case .crossJoin(let c): sides = (c.left, c.right)
            default: sides = nil
            }
            guard let (l, r) = sides else {
                defer { next += 1 }
                return (1 << next, 0)
            }
            let a = walk(l), b = walk(r)
            let set = a.set | b.set
            guard set < rows.count else { return (set, .infinity) }
            // A join hashing its larger side costs the difference more (the search always
            // hashes the smaller).
            return (set, a.cost + b.cost + rows[set] + max(0, rows[b.set] - rows[a.set]))
        }
        return walk(tree).cost
    }

    /// The cheapest tree joining the inputs in `set`, its conditions taken from `graph`.
    func tree(over set: Int, leaves: [LogicalPlan], graph: inout JoinGraph) throws(PlanError) -> LogicalPlan {
        if set & (set - 1) == 0 { return leaves[set.trailingZeroBitCount] }
        let a = split[set], b = set ^ a
        // The larger part is probed, the smaller hashed (ties: the part with the lowest input probed).
        let (probe, build) = rows[b] > rows[a] ? (b, a) : (a, b)
        let probeTree = try tree(over: probe, leaves: leaves, graph: &graph)
        let buildTree = try tree(over: build, leaves: leaves, graph: &graph)
        return try graph.join(probeTree, buildTree)
    }
}
