import PlanCore

/// The inputs of a tree of inner and cross joins and the conditions over them (join keys,
/// join filters, and any filter above), which the join-ordering rules rebuild one input
/// at a time.
struct JoinGraph {
    private(set) var leaves: [LogicalPlan] = []
    private(set) var conditions: [Expr] = []
    private var used = Set<Int>()

    init(_ tree: LogicalPlan, filter: Expr? = nil) {
        flatten(tree)
        conditions += filter?.conjuncts ?? []
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

    /// `c` as a key joining `a` (left) with `b` (right), if it is such an equality.
    static func key(_ c: Expr, _ a: Schema, _ b: Schema) -> JoinKey? {
        guard case .binary(let l, .eq, let r) = c, !c.containsSubquery, !c.isCorrelated,
              !l.columnRefs.isEmpty, !r.columnRefs.isEmpty else { return nil }
        if l.isBound(by: a), r.isBound(by: b) { return JoinKey(l, r) }
        if r.isBound(by: a), l.isBound(by: b) { return JoinKey(r, l) }
        return nil
    }

    /// Whether an unused condition joins `a` and `b` on equality.
    func connects(_ a: LogicalPlan, _ b: LogicalPlan) -> Bool {
        conditions.indices.contains { !used.contains($0) && JoinGraph.key(conditions[$0], a.schema, b.schema) != nil }
    }

    /// `current` joined with `leaf` on every unused equality between them (a cross join
    /// when there is none); those conditions are used up.
    mutating func join(_ current: LogicalPlan, _ leaf: LogicalPlan) throws(PlanError) -> LogicalPlan {
        var keys: [JoinKey] = []
        for (i, c) in conditions.enumerated() where !used.contains(i) {
            if let k = JoinGraph.key(c, current.schema, leaf.schema) { keys.append(k); used.insert(i) }
        }
        return keys.isEmpty ? .crossJoin(CrossJoin(left: current, right: leaf))
                            : .join(try Join(left: current, right: leaf, joinType: .inner, on: keys))
    }

    /// The rebuilt tree with the unused conditions in a Filter above it and, when the
    /// order of columns changed, a Projection giving `original`'s order back.
    func finish(_ rebuilt: LogicalPlan, original: LogicalPlan, forceProjection: Bool = false) throws(PlanError) -> LogicalPlan {
        var result = rebuilt
        let rest = conditions.enumerated().filter { !used.contains($0.offset) }.map(\.element)
        if let p = Expr.conjunction(rest) { result = .filter(try Filter(p, input: result)) }
        if forceProjection || result.schema.fields.map(\.qualifiedName) != original.schema.fields.map(\.qualifiedName) {
            result = .projection(try Projection(original.outputColumns, input: result))
        }
        return result
    }
}
