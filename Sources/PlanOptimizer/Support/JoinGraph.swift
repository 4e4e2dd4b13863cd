import PlanCore

/// The inputs of a tree of inner and cross joins and the conditions over them (join keys,
/// join filters, and any filter above), which the join-ordering rules rebuild one input
/// at a time.
///
/// Which inputs each condition reads is worked out once, when the graph is made (each
/// column is looked up in the inputs' own small schemas); after that, finding the inputs
/// connected to those already joined is one pass over the unused conditions, and joining
/// one more input touches only its conditions. Ordering N inputs with C conditions costs
/// O(N·C) lookups, not the O(N³·C) schema scans of binding every condition against the
/// growing joined schema at each step.
struct JoinGraph {
    private(set) var leaves: [LogicalPlan] = []
    private(set) var conditions: [Expr] = []
    private var used: [Bool] = []
    /// Per condition: when it is an equality whose sides read disjoint sets of inputs, the
    /// inputs each side reads (sorted); nil for anything else.
    private var sides: [(left: [Int], right: [Int])?] = []

    init(_ tree: LogicalPlan, filter: Expr? = nil) {
        flatten(tree)
        conditions += filter?.conjuncts ?? []
        used = Array(repeating: false, count: conditions.count)
        // Each column, qualified and by bare name, to the input that has it (nil when
        // several inputs do: such a column is no join key).
        var qualified: [String: Int?] = [:], bare: [String: Int?] = [:]
        for (i, leaf) in leaves.enumerated() {
            for f in leaf.schema.fields {
                if let q = f.qualifier { qualified["\(q).\(f.name)"] = qualified["\(q).\(f.name)"] == nil ? i : .some(nil) }
                bare[f.name] = bare[f.name] == nil ? i : .some(nil)
            }
        }
        func inputs(_ e: Expr) -> [Int]? {
            let refs = e.columnRefs
            guard !refs.isEmpty else { return nil }
            var out = Set<Int>()
            for c in refs {
                let found = c.relation.map { qualified["\($0).\(c.name)"] } ?? bare[c.name]
                guard let found, let i = found else { return nil }
                out.insert(i)
            }
            return out.sorted()
        }
        sides = conditions.map { c in
            guard case .binary(let l, .eq, let r) = c, !c.containsSubquery, !c.isCorrelated,
                  let a = inputs(l), let b = inputs(r), Set(a).isDisjoint(with: b) else { return nil }
            return (a, b)
        }
    }

    private mutating func flatten(_ p: LogicalPlan) {
        switch p {
        case .crossJoin(let c):
            flatten(c.left)
            flatten(c.right)
        case .join(let j) where j.joinType == .inner:
            flatten(j.left)
            flatten(j.right)
            conditions += j.on.map { .binary($0.left, .eq, $0.right) }
            if let f = j.filter { conditions += f.conjuncts }
        default:
            leaves.append(p)
        }
    }

    /// The inputs not yet joined that an unused equality joins to the inputs in `joined`
    /// (one side reading only joined inputs, the other only that input).
    func connected(to joined: [Bool]) -> Set<Int> {
        var out = Set<Int>()
        for (i, s) in sides.enumerated() where !used[i] {
            guard let s else { continue }
            if s.right.count == 1, !joined[s.right[0]], s.left.allSatisfy({ joined[$0] }) { out.insert(s.right[0]) }
            if s.left.count == 1, !joined[s.left[0]], s.right.allSatisfy({ joined[$0] }) { out.insert(s.left[0]) }
        }
        return out
    }

    /// `current` (the inputs marked in `joined`) joined with input `leaf` on every unused
    /// equality between them (a cross join when there is none); those conditions are used
    /// up and `leaf` is marked joined.
    mutating func join(_ current: LogicalPlan, joined: inout [Bool], leaf: Int) throws(PlanError) -> LogicalPlan {
        let input = leaves[leaf]
        let keys = takeKeys(left: current.schema, right: input.schema)
        joined[leaf] = true
        return keys.isEmpty ? .crossJoin(CrossJoin(left: current, right: input))
                            : .join(try Join(left: current, right: input, joinType: .inner, on: keys))
    }

    /// Per input, the inputs an equality joins it to directly (a bit per input); nil when
    /// an equality reads several inputs on one side (a hyperedge) or there are over 64
    /// inputs — then only the one-input-at-a-time order applies.
    func neighbours() -> [UInt64]? {
        guard leaves.count <= 64 else { return nil }
        var out = [UInt64](repeating: 0, count: leaves.count)
        for s in sides {
            guard let s else { continue }
            guard s.left.count == 1, s.right.count == 1 else { return nil }
            out[s.left[0]] |= 1 << UInt64(s.right[0])
            out[s.right[0]] |= 1 << UInt64(s.left[0])
        }
        return out
    }

    /// Per pair of inputs an equality joins directly: what the product of their rows is
    /// divided by when they join (``LogicalPlan/joinDivisor(_:_:keys:)`` over the pair's
    /// column keys; without one, the smaller input's rows, so the join keeps the larger's).
    /// 1 for pairs no equality joins.
    func joinDivisors() -> [[Double]] {
        let n = leaves.count
        var keys = [[[(Column, Column)]]](repeating: [[(Column, Column)]](repeating: [], count: n), count: n)
        var joined = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)
        for (i, s) in sides.enumerated() {
            guard let s, s.left.count == 1, s.right.count == 1, case .binary(let l, .eq, let r) = conditions[i] else { continue }
            let a = s.left[0], b = s.right[0]
            joined[a][b] = true; joined[b][a] = true
            if case .column(let x) = l.unaliased, case .column(let y) = r.unaliased {
                keys[a][b].append((x, y)); keys[b][a].append((y, x))
            }
        }
        var out = [[Double]](repeating: [Double](repeating: 1, count: n), count: n)
        for a in 0..<n {
            for b in 0..<n where joined[a][b] {
                out[a][b] = LogicalPlan.joinDivisor(leaves[a], leaves[b], keys: keys[a][b])
                    ?? max(1, min(leaves[a].estimatedRows, leaves[b].estimatedRows))
            }
        }
        return out
    }

    /// `probe` joined with `build` on every unused equality between them (a cross join
    /// when there is none); those conditions are used up.
    mutating func join(_ probe: LogicalPlan, _ build: LogicalPlan) throws(PlanError) -> LogicalPlan {
        let keys = takeKeys(left: probe.schema, right: build.schema)
        return keys.isEmpty ? .crossJoin(CrossJoin(left: probe, right: build))
                            : .join(try Join(left: probe, right: build, joinType: .inner, on: keys))
    }

    /// The unused equalities between inputs that join `left` and `right`, as keys (by the
    /// one split, ``JoinPredicates``); they are used up.
    mutating func takeKeys(left: Schema, right: Schema) -> [JoinKey] {
        let open = conditions.indices.filter { !used[$0] && sides[$0] != nil }
        let split = JoinPredicates.split(open.map { conditions[$0] }, left: left, right: right)
        var keys: [JoinKey] = []
        for (i, place) in zip(open, split.places) {
            if case .key(let k) = place { keys.append(k); used[i] = true }
        }
        return keys
    }

    /// The rebuilt tree with the unused conditions in a Filter above it and, when the
    /// order of columns changed, a Projection giving `original`'s order back.
    func finish(_ rebuilt: LogicalPlan, original: LogicalPlan, forceProjection: Bool = false) throws(PlanError) -> LogicalPlan {
        var result = rebuilt
        let rest = conditions.enumerated().filter { !used[$0.offset] }.map(\.element)
        if let p = Expr.conjunction(rest) { result = .filter(try Filter(p, input: result)) }
        if forceProjection || result.schema.fields.map(\.qualifiedName) != original.schema.fields.map(\.qualifiedName) {
            result = .projection(try Projection(original.outputColumns, input: result))
        }
        return result
    }
}
