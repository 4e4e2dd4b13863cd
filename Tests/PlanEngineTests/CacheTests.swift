import Foundation
import PlanCore
import PlanEngine
import PlanProviders
import Testing

/// The process's file caches: a second query over a Parquet file reads no footer again, a
/// changed file is never served from the cache, the byte limit holds, and switching a
/// cache changes no plan and no fingerprint.
@Suite(.serialized) struct CacheTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SLT/files/data").path

    /// A fresh copy of a fixture file, under a path no other test uses.
    static func copy(_ name: String, to dir: String) throws -> String {
        let path = dir + "/" + name
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: fixtures + "/" + name, toPath: path)
        return path
    }

    @Test func aSecondQueryReadsNoFooterAndAChangedFileIsReadAgain() throws {
        let dir = NSTemporaryDirectory() + "planscope-cache-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let footers = CacheManager.shared.parquetFooters
        let path = try Self.copy("pruning.parquet", to: dir)
        let session = Session(baseDirectory: dir)
        let before = try session.query("SELECT count(*) FROM 'pruning.parquet'").rows
        let first = try #require(footers.cachedIdentity(of: path))
        let hits = footers.statistics.hits
        #expect(try session.query("SELECT count(*) FROM 'pruning.parquet'").rows == before)
        #expect(footers.statistics.hits > hits)
        #expect(footers.cachedIdentity(of: path) == first)

        // The same name, other contents (another Parquet file moved over it): read again.
        let other = try Self.copy("nested.parquet", to: dir)
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: other, toPath: path)
        let after = try session.query("SELECT count(*) FROM 'pruning.parquet'").rows
        #expect(after != before, "\(after) \(before)")
        #expect(footers.cachedIdentity(of: path) != first)

        // Switched off: nothing kept, the same answers; no plan and no fingerprint changes.
        let fingerprint = session.planningSurfaceFingerprint
        let plan = try session.explain("SELECT count(*) FROM 'pruning.parquet'").trace?.final
        try session.set("cache.parquet_footers", "off")
        defer { _ = try? session.set("cache.parquet_footers", "on") }
        #expect(footers.statistics.entries == 0 && !footers.statistics.enabled)
        #expect(try session.query("SELECT count(*) FROM 'pruning.parquet'").rows == after)
        #expect(footers.cachedIdentity(of: path) == nil)
        #expect(session.planningSurfaceFingerprint == fingerprint)
        #expect(try session.explain("SELECT count(*) FROM 'pruning.parquet'").trace?.final == plan)
        #expect(session.caches.map(\.name) == ["parquet_footers"])
    }

    @Test func theLeastRecentlyUsedEntriesGoWhenTheLimitIsPassed() throws {
        let dir = NSTemporaryDirectory() + "planscope-cache-lru-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = try (0..<3).map { i -> String in
            let p = dir + "/f\(i).txt"
            try "file \(i)".write(toFile: p, atomically: true, encoding: .utf8)
            return p
        }
        let cache = FileCache<String>(name: "test", summary: "test")
        cache.configure(enabled: true, limit: 250)
        var made = 0
        func read(_ p: String) -> String { cache.value(for: p) { made += 1; return (p, bytes: 100) } }
        _ = read(paths[0]); _ = read(paths[1])
        _ = read(paths[0])          // f0 used last: f1 is the least recently used
        _ = read(paths[2])          // 300 bytes > 250: f1 goes
        #expect(cache.cachedIdentity(of: paths[1]) == nil)
        #expect(cache.cachedIdentity(of: paths[0]) != nil && cache.cachedIdentity(of: paths[2]) != nil)
        #expect(cache.statistics.bytes == 200 && cache.statistics.entries == 2)
        #expect(made == 3 && cache.statistics.hits == 1 && cache.statistics.misses == 3)
        // A value larger than the limit is returned, not kept.
        _ = cache.value(for: paths[1]) { ("big", bytes: 1000) }
        #expect(cache.cachedIdentity(of: paths[1]) == nil)
        // A touched file (new modification time) is made again.
        let stamp = Date(timeIntervalSinceNow: 60)
        try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: paths[0])
        _ = read(paths[0])
        #expect(made == 4)
    }
}
