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

    private struct Entry: Sendable {
        let node: PhysicalExpr
        var results: [[ScalarValue]: PhysicalExpr.SubqueryResult] = [:]
    }

    public init() {}

    /// The result `node` gave for outer values `key`, if this stream has run it.
    func result(_ node: PhysicalExpr, _ key: [ScalarValue]) -> PhysicalExpr.SubqueryResult? {
        entries[ObjectIdentifier(node)]?.results[key]
    }

    mutating func store(_ result: PhysicalExpr.SubqueryResult, _ node: PhysicalExpr, _ key: [ScalarValue]) {
        entries[ObjectIdentifier(node), default: Entry(node: node)].results[key] = result
    }
}

/// Caches for the workers of one morsel stage. A morsel takes one for as long as it is
/// computed and gives it back, so a cache is used by one thread at a time, there are at
/// most as many as threads ran the stage at once, and a subquery's result found by one
/// morsel serves the later morsels of that cache.
final class SubqueryCaches: Sendable {
    private let idle = Locked<[SubqueryCache]>([])

    /// Runs `body` with a cache no other thread is using.
    func with<T>(_ body: (inout SubqueryCache) throws -> T) rethrows -> T {
        var cache = idle.withLock { $0.popLast() } ?? SubqueryCache()
        defer { idle.withLock { $0.append(cache) } }
        return try body(&cache)
    }
}
