import PlanCore
import PlanSupport

/// The results of the subqueries one stream has run: an uncorrelated subquery once, a
/// correlated one once per combination of outer values. A compiled ``PhysicalExpr`` is
/// immutable and shared by every worker; the cache is the mutable part, owned by one
/// execution of an operator on one thread (a stream) and handed to `evaluate` as
/// `inout`, so no two threads ever write one cache.
public struct SubqueryCache: Sendable {
    /// Per subquery node: its results by outer values. The node is kept so its identity
    /// stays unique while the cache holds results under it.
    private var entries: [ObjectIdentifier: Entry] = [:]
    /// What the other workers of the same operator found (nil: this stream's own only).
    private let shared: SharedSubqueryResults?

    private struct Entry: Sendable {
        let node: PhysicalExpr
        var results: [[ScalarValue]: PhysicalExpr.SubqueryResult] = [:]
    }

    public init() { shared = nil }

    /// A worker's cache that also looks up, and publishes to, `shared`.
    init(sharing shared: SharedSubqueryResults) { self.shared = shared }

    /// The result `node` gave for outer values `key`, if this stream (or another worker
    /// of its operator) has run it.
    mutating func result(_ node: PhysicalExpr, _ key: [ScalarValue]) -> PhysicalExpr.SubqueryResult? {
        if let mine = own(node, key) { return mine }
        guard let found = shared?.result(node, key) else { return nil }
        keep(found, node, key)
        return found
    }

    mutating func store(_ result: PhysicalExpr.SubqueryResult, _ node: PhysicalExpr, _ key: [ScalarValue]) {
        keep(result, node, key)
        shared?.store(result, node, key)
    }

    fileprivate func own(_ node: PhysicalExpr, _ key: [ScalarValue]) -> PhysicalExpr.SubqueryResult? {
        entries[ObjectIdentifier(node)]?.results[key]
    }

    fileprivate mutating func keep(_ result: PhysicalExpr.SubqueryResult, _ node: PhysicalExpr, _ key: [ScalarValue]) {
        entries[ObjectIdentifier(node), default: Entry(node: node)].results[key] = result
    }
}

/// The results the workers of one operator's execution have found, so a worker whose
/// own cache misses takes another's result rather than running the subquery again
/// (two may still run one at once, at the start; both get the same rows).
final class SharedSubqueryResults: Sendable {
    private let cache = Locked(SubqueryCache())

    func result(_ node: PhysicalExpr, _ key: [ScalarValue]) -> PhysicalExpr.SubqueryResult? {
        cache.withLock { $0.own(node, key) }
    }

    func store(_ result: PhysicalExpr.SubqueryResult, _ node: PhysicalExpr, _ key: [ScalarValue]) {
        cache.withLock { $0.keep(result, node, key) }
    }
}

/// Caches for the workers of one morsel stage. A morsel takes one for as long as it is
/// computed and gives it back, so a cache is used by one thread at a time and there are
/// at most as many as threads ran the stage at once; they share what they find.
final class SubqueryCaches: Sendable {
    private let idle = Locked<[SubqueryCache]>([])
    private let shared = SharedSubqueryResults()

    /// Runs `body` with a cache no other thread is using.
    func with<T>(_ body: (inout SubqueryCache) throws -> T) rethrows -> T {
        var cache = idle.withLock { $0.popLast() } ?? SubqueryCache(sharing: shared)
        defer { idle.withLock { $0.append(cache) } }
        return try body(&cache)
    }
}
