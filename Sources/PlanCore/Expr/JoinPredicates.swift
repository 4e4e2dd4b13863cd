/// A join's conjuncts sorted by what they read — the one split of join predicates, as
/// DataFusion keeps one `split_eq_and_noneq_join_predicate`: the binder's ON keys,
/// `push_down_filter`, decorrelation, the join graph's edges and the physical planner's
/// `Filter(CrossJoin)` all call it.
///
/// A conjunct goes to one place, in this order of questions:
/// - it holds a subquery, or (with `.stayAbove`) reads outer columns: **rest**;
/// - it reads columns and all of them are the left input's: **left**; the right's: **right**;
/// - it is `a = b`, each side reading columns of one input only and not the same input,
///   neither holding a subquery or an aggregate: a **key** (`left side = right side`);
/// - otherwise **rest** (constants, conditions across both inputs that are not keys).
public struct JoinPredicates: Sendable, Equatable {
    public enum Place: Sendable, Equatable {
        case left
        case right
        case key(JoinKey)
        case rest
    }

    /// What happens to a conjunct that reads outer columns (a correlated one).
    public enum Correlated: Sendable {
        /// It goes to the side whose columns it reads, like any other.
        case followColumns
        /// It stays above the join (rest).
        case stayAbove
    }

    /// The conjuncts, in the order given, each with its place.
    public let conjuncts: [Expr]
    public let places: [Place]

    public static func split(_ conjuncts: [Expr], left: Schema, right: Schema,
                             correlated: Correlated = .followColumns) -> JoinPredicates {
        JoinPredicates(conjuncts: conjuncts, places: conjuncts.map { place($0, left: left, right: right, correlated: correlated) })
    }

    /// Conjuncts that read the left input's columns only.
    public var leftOnly: [Expr] { conjuncts(at: .left) }
    /// Conjuncts that read the right input's columns only.
    public var rightOnly: [Expr] { conjuncts(at: .right) }
    /// Equalities between one input's expression and the other's, as `left = right` keys.
    public var keys: [JoinKey] { places.compactMap { if case .key(let k) = $0 { k } else { nil } } }
    /// Conjuncts that are none of the above.
    public var rest: [Expr] { conjuncts(at: .rest) }
    /// Every conjunct that is not a key, in the order given (an ON clause's residual filter).
    public var nonKeys: [Expr] {
        zip(conjuncts, places).compactMap { c, p in if case .key = p { nil } else { c } }
    }

    private func conjuncts(at place: Place) -> [Expr] {
        zip(conjuncts, places).compactMap { c, p in p == place ? c : nil }
    }

    /// Which input's columns `e` reads: 0 left, 1 right; nil when it reads none, both, or
    /// columns of neither.
    private static func side(_ e: Expr, left: Schema, right: Schema) -> Int? {
        let columns = e.columnRefs
        if columns.isEmpty { return nil }
        if columns.allSatisfy({ left.index(of: $0) != nil }) { return 0 }
        if columns.allSatisfy({ right.index(of: $0) != nil }) { return 1 }
        return nil
    }

    private static func place(_ c: Expr, left: Schema, right: Schema, correlated: Correlated) -> Place {
        if c.containsSubquery { return .rest }
        if correlated == .stayAbove, c.isCorrelated { return .rest }
        switch side(c, left: left, right: right) {
        case 0: return .left
        case 1: return .right
        default: break
        }
        guard case .binary(let a, .eq, let b) = c, !a.containsAggregate, !b.containsAggregate,
              let sa = side(a, left: left, right: right), let sb = side(b, left: left, right: right), sa != sb else { return .rest }
        return .key(sa == 0 ? JoinKey(a, b) : JoinKey(b, a))
    }
}

extension Expr {
    /// True if the expression reads outer columns (is correlated) anywhere, including in
    /// subquery plans below it.
    public var isCorrelated: Bool {
        contains { if case .outerColumn = $0 { true } else { false } }
    }

    /// The conjuncts every branch of `a OR b OR …` shares (each implied by the OR); empty
    /// when this is not an OR.
    public var sharedConjuncts: [Expr] {
        guard case .logical(.or, _) = self else { return [] }
        let branches = disjuncts.map(\.conjuncts)
        guard var common = branches.first else { return [] }
        for b in branches.dropFirst() { common = common.filter { b.contains($0) } }
        return common
    }
}
