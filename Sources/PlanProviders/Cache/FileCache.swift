import PlanSupport

/// One cache of values made from files (a Parquet file's footer), keyed by path and
/// checked against the file's ``FileIdentity`` on every use: a changed file is never
/// served from it. Least recently used entries go first when the bytes held pass the
/// limit. Thread-safe; a value is made outside the lock (two threads may both make it).
public final class FileCache<Value: Sendable>: Sendable {
    public let name: String
    /// What the cache holds, for `\cache`.
    public let summary: String

    private struct Entry {
        var identity: FileIdentity
        var value: Value
        var bytes: Int
        var lastUse: UInt64
    }
    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        var hits = 0
        var misses = 0
        var enabled = true
        var limit = CacheManager.defaultLimit
    }
    private let state = Locked(State())

    public init(name: String, summary: String) {
        self.name = name
        self.summary = summary
    }

    /// The value for the file at `path`: the cached one if the file is unchanged, else
    /// `make()`'s (kept when the cache is on and it fits). `make` returns the value and
    /// about how many bytes it holds.
    public func value<E: Error>(for path: String, make: () throws(E) -> (Value, bytes: Int)) throws(E) -> Value {
        let identity = FileIdentity.of(path)
        let cached: Value? = state.withLock { s in
            guard s.enabled, let identity, var entry = s.entries[path] else { return nil }
            guard entry.identity == identity else { return nil }
            s.clock += 1
            entry.lastUse = s.clock
            s.entries[path] = entry
            s.hits += 1
            return entry.value
        }
        if let cached { return cached }
        let (value, bytes) = try make()
        state.withLock { s in
            s.misses += 1
            guard s.enabled, let identity, bytes <= s.limit else { return }
            if let old = s.entries.removeValue(forKey: path) { s.bytes -= old.bytes }
            s.clock += 1
            s.entries[path] = Entry(identity: identity, value: value, bytes: bytes, lastUse: s.clock)
            s.bytes += bytes
            Self.evict(&s)
        }
        return value
    }

    /// Switches the cache on or off (off: emptied, nothing kept) and sets its byte limit.
    public func configure(enabled: Bool, limit: Int) {
        state.withLock { s in
            s.enabled = enabled
            s.limit = max(0, limit)
            if !enabled {
                s.entries.removeAll()
                s.bytes = 0
            }
            Self.evict(&s)
        }
    }

    /// Entries, bytes, hits and misses so far.
    public var statistics: CacheStatistics {
        state.withLock { s in
            CacheStatistics(name: name, summary: summary, enabled: s.enabled, entries: s.entries.count, bytes: s.bytes,
                            limit: s.limit, hits: s.hits, misses: s.misses)
        }
    }

    /// The identity of the file version cached for `path`, if one is (for tests and
    /// listings: which version of a file the cache holds).
    public func cachedIdentity(of path: String) -> FileIdentity? { state.withLock { $0.entries[path]?.identity } }

    /// Drops every entry and zeroes the counters.
    public func clear() {
        state.withLock { s in
            s.entries.removeAll()
            s.bytes = 0
            s.hits = 0
            s.misses = 0
        }
    }

    private static func evict(_ s: inout State) {
        guard s.bytes > s.limit else { return }
        for (path, entry) in s.entries.sorted(by: { $0.value.lastUse < $1.value.lastUse }) {
            if s.bytes <= s.limit { break }
            s.entries.removeValue(forKey: path)
            s.bytes -= entry.bytes
        }
    }
}

/// One cache's figures (what `\cache` lists).
public struct CacheStatistics: Sendable, Equatable {
    public let name: String
    public let summary: String
    public let enabled: Bool
    public let entries: Int
    public let bytes: Int
    public let limit: Int
    public let hits: Int
    public let misses: Int
}
