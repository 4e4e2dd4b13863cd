import PlanCore
import PlanSupport

/// What one `optimize` call remembers between rule applications, so a later pass does not
/// repeat work an earlier one did: the join trees `cost_based_join_order` has ordered
/// (keyed by the tree itself — its structural hash, then equality — never by a marker on
/// plan nodes, which would change plan equality and JSON), and the join-ordering work of
/// the rule application under way, which the harness takes into its trace step.
///
/// Made fresh by ``Optimizer/optimize(_:context:rulepack:record:observer:)`` for every call:
/// nothing carries from one query to the next.
public final class OptimizerMemo: Sendable {
    struct State {
        var orderedJoins: [LogicalPlan: Transformed<LogicalPlan>] = [:]
        var searches: [JoinSearchKey: ExactJoinOrder] = [:]
        var work = JoinOrderWork()
    }

    private let state = Locked(State())

    public init() {}

    /// What ordering `tree` gave when this call last ordered it, if it did.
    func orderedJoin(_ tree: LogicalPlan) -> Transformed<LogicalPlan>? {
        state.withLock { s in
            guard let known = s.orderedJoins[tree] else { return nil }
            s.work.alreadyOrdered += 1
            return known
        }
    }

    /// Remembers what ordering `tree` gives (for a later pass over the same tree).
    func remember(_ tree: LogicalPlan, gives result: Transformed<LogicalPlan>) {
        state.withLock { $0.orderedJoins[tree] = result }
    }

    /// The search already made over a join graph with these numbers (a later pass meets the
    /// same joins with projections or filters moved into their inputs: the same search).
    func search(_ key: JoinSearchKey) -> ExactJoinOrder? {
        state.withLock { s in
            guard let known = s.searches[key] else { return nil }
            s.work.alreadyOrdered += 1
            return known
        }
    }

    func remember(_ key: JoinSearchKey, search: ExactJoinOrder) {
        state.withLock { $0.searches[key] = search }
    }

    /// Counts one tree ordered exactly after visiting `pairs` csg-cmp pairs, or greedily.
    func recordOrdering(exact: Bool, pairs: Int) {
        state.withLock { s in
            if exact { s.work.exact += 1 } else { s.work.greedy += 1 }
            s.work.pairs += pairs
        }
    }

    /// The join-ordering work since the last call, and a fresh count.
    func takeWork() -> JoinOrderWork {
        state.withLock { s in
            defer { s.work = JoinOrderWork() }
            return s.work
        }
    }
}

/// What a join-order search depends on: its inputs' row estimates, which inputs an
/// equality joins, and the divisors of those joins.
struct JoinSearchKey: Hashable {
    let estimates: [Double]
    let neighbours: [UInt64]
    let divisors: [[Double]]
}

/// The join-ordering work of one rule application: join trees ordered exactly (and the
/// csg-cmp pairs the search visited), ordered greedily (too many pairs, or conditions
/// over more than two inputs), and found already ordered by an earlier pass.
public struct JoinOrderWork: Sendable, Equatable {
    public var exact = 0
    public var greedy = 0
    public var alreadyOrdered = 0
    public var pairs = 0

    public init(exact: Int = 0, greedy: Int = 0, alreadyOrdered: Int = 0, pairs: Int = 0) {
        self.exact = exact
        self.greedy = greedy
        self.alreadyOrdered = alreadyOrdered
        self.pairs = pairs
    }

    public var isEmpty: Bool { self == JoinOrderWork() }

    /// `2 exact (455 pairs), 1 greedy, 1 already ordered`, for a trace step's note.
    public var text: String {
        var parts: [String] = []
        if exact > 0 { parts.append("\(exact) exact (\(pairs) pair\(pairs == 1 ? "" : "s"))") }
        if greedy > 0 { parts.append("\(greedy) greedy") }
        if alreadyOrdered > 0 { parts.append("\(alreadyOrdered) already ordered") }
        return "join trees: " + parts.joined(separator: ", ")
    }

    /// `{"exact", "greedy", "already_ordered", "pairs"}`.
    public var json: JSONValue {
        .object([("exact", .int(Int64(exact))), ("greedy", .int(Int64(greedy))),
                 ("already_ordered", .int(Int64(alreadyOrdered))), ("pairs", .int(Int64(pairs)))])
    }
}
