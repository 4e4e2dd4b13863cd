import PlanSupport

/// One cache of values made from files (a Parquet file's footer, a folder's listing),
/// keyed by path (and a variant: the options a value depends on) and checked against the
/// file's ``FileIdentity`` — and those of any other paths the value was made from, such
/// as a listing's subfolders — on every use: a changed file is never served from it.
/// Least recently used entries go first when the bytes held pass the limit. Thread-safe;
/// a value is made outside the lock (two threads may both make it).
public final class FileCache<Value: Sendable>: Sendable {
    public let name: String
    /// What the cache holds, for `\cache`.
    public let summary: String

    private struct Entry {
        var identity: FileIdentity
        /// Other paths the value was made from, with their identities then.
        var watched: [String: FileIdentity]
        var value: Value
        var bytes: Int
        var lastUse: UInt64
        /// Uses of this key while the cache has kept it (carried over when a changed file
        /// replaces the entry): what ``uses(of:variant:)`` reports.
        var hits = 0
        var misses = 0
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
    public func value<E: Error>(for path: String, variant: String = "",
                                make: () throws(E) -> (Value, bytes: Int)) throws(E) -> Value {
        try value(for: path, variant: variant) { () throws(E) in
            let (value, bytes) = try make()
            return (value, bytes: bytes, watched: [:])
        }
    }

    /// The value for `path` made from other paths as well: `make` also returns the
    /// identities of those (taken before it read them), and the value is served only
    /// while `path` and every one of them is unchanged.
    public func value<E: Error>(for path: String, variant: String = "",
                                make: () throws(E) -> (Value, bytes: Int, watched: [String: FileIdentity])) throws(E) -> Value {
        let key = Self.key(path, variant)
        let identity = FileIdentity.of(path)
        let candidate: Entry? = state.withLock { s in
            guard s.enabled, let identity, let entry = s.entries[key], entry.identity == identity else { return nil }
            return entry
        }
        // Other paths are checked outside the lock (a stat each).
        if let candidate, candidate.watched.allSatisfy({ FileIdentity.of($0.key) == $0.value }) {
            let hit = state.withLock { s -> Bool in
                guard var entry = s.entries[key], entry.identity == candidate.identity else { return false }
                s.clock += 1
                entry.lastUse = s.clock
                entry.hits += 1
                s.entries[key] = entry
                s.hits += 1
                return true
            }
            if hit { return candidate.value }
        }
        let (value, bytes, watched) = try make()
        state.withLock { s in
            s.misses += 1
            guard s.enabled, let identity, bytes <= s.limit else { return }
            let old = s.entries.removeValue(forKey: key)
            if let old { s.bytes -= old.bytes }
            s.clock += 1
            s.entries[key] = Entry(identity: identity, watched: watched, value: value, bytes: bytes, lastUse: s.clock,
                                   hits: old?.hits ?? 0, misses: (old?.misses ?? 0) + 1)
            s.bytes += bytes
            Self.evict(&s)
        }
        return value
    }

    private static func key(_ path: String, _ variant: String) -> String {
        variant.isEmpty ? path : path + "\u{0}" + variant
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
    public func cachedIdentity(of path: String, variant: String = "") -> FileIdentity? {
        state.withLock { $0.entries[Self.key(path, variant)]?.identity }
    }

    /// The hits and misses of one file's entries (every variant when `variant` is nil) while
    /// the cache has kept them: unlike ``statistics``, which counts every use in the
    /// process, these see only the uses of that file — what tests running beside others
    /// can count on.
    public func uses(of path: String, variant: String? = nil) -> (hits: Int, misses: Int) {
        state.withLock { s in
            let keys = variant.map { [Self.key(path, $0)] } ?? s.entries.keys.filter { $0 == path || $0.hasPrefix(path + "\u{0}") }
            return keys.compactMap { s.entries[$0] }.reduce((hits: 0, misses: 0)) { ($0.hits + $1.hits, $0.misses + $1.misses) }
        }
    }

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
        for (key, entry) in s.entries.sorted(by: { $0.value.lastUse < $1.value.lastUse }) {
            if s.bytes <= s.limit { break }
            s.entries.removeValue(forKey: key)
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
