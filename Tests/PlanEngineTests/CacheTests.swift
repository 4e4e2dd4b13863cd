import Foundation
import PlanCore
import PlanEngine
import PlanProviders
import Testing

/// The process's file caches: a second query over a Parquet file reads no footer again, a
/// changed file is never served from the cache, the byte limit holds, and switching a
/// cache changes no plan and no fingerprint.
///
/// The caches are the process's and other suites run beside this one: hits and misses are
/// counted per file (``FileCache/uses(of:variant:)``, each test's files its own), never by the
/// process-wide counters, and every test that switches a cache is in this serialized suite.
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
        let uses = footers.uses(of: path)
        #expect(try session.query("SELECT count(*) FROM 'pruning.parquet'").rows == before)
        #expect(footers.uses(of: path).hits > uses.hits && footers.uses(of: path).misses == uses.misses)
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
        #expect(session.caches.map(\.name) == ["file_listings", "file_statistics", "parquet_footers", "parquet_page_indexes"])
    }

    /// A fresh folder for one test.
    static func folder(_ name: String) throws -> String {
        let dir = NSTemporaryDirectory() + "planscope-cache-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func aFolderIsListedOnceAndAFileAddedToASubfolderIsSeen() throws {
        let dir = try Self.folder("listing")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for year in [2024, 2025] {
            try FileManager.default.createDirectory(atPath: dir + "/year=\(year)", withIntermediateDirectories: true)
            try "a\n\(year)\n".write(toFile: dir + "/year=\(year)/p0.csv", atomically: true, encoding: .utf8)
        }
        let listings = CacheManager.shared.fileListings
        let session = Session(baseDirectory: dir)
        func count(_ sql: String) throws -> [[ScalarValue]] { try session.query(sql).rows }
        _ = try session.execute("CREATE EXTERNAL TABLE t STORED AS CSV PARTITIONED BY (year) LOCATION '\(dir)'")
        #expect(listings.cachedIdentity(of: dir, variant: "tree") != nil)
        let uses = listings.uses(of: dir, variant: "tree")
        _ = try session.execute("CREATE EXTERNAL TABLE u STORED AS CSV PARTITIONED BY (year) LOCATION '\(dir)'")
        #expect(listings.uses(of: dir, variant: "tree") == (uses.hits + 1, uses.misses))
        #expect(try count("SELECT count(*) FROM u") == [[.int64(2)]])
        // A file added two levels down changes only its subfolder's identity: listed again.
        try "a\n7\n".write(toFile: dir + "/year=2025/p1.csv", atomically: true, encoding: .utf8)
        let misses = listings.uses(of: dir, variant: "tree").misses
        _ = try session.execute("CREATE EXTERNAL TABLE v STORED AS CSV PARTITIONED BY (year) LOCATION '\(dir)'")
        #expect(listings.uses(of: dir, variant: "tree").misses == misses + 1)
        #expect(try count("SELECT count(*) FROM v") == [[.int64(3)]])
        // A glob over a folder: a new matching file is seen.
        try "a\n1\n".write(toFile: dir + "/g1.csv", atomically: true, encoding: .utf8)
        #expect(try count("SELECT count(*) FROM '\(dir)/g*.csv'") == [[.int64(1)]])
        try "a\n2\n".write(toFile: dir + "/g2.csv", atomically: true, encoding: .utf8)
        #expect(try count("SELECT count(*) FROM '\(dir)/g*.csv'") == [[.int64(2)]])
    }

    @Test func aCSVFilesRowCountIsCountedOncePerVersion() throws {
        let dir = try Self.folder("rows")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/t.csv"
        try "a\n1\n2\n3\n".write(toFile: path, atomically: true, encoding: .utf8)
        let statistics = CacheManager.shared.fileStatistics
        let session = Session(baseDirectory: dir)
        _ = try session.execute("CREATE EXTERNAL TABLE t STORED AS CSV LOCATION '\(path)'")
        func estimate() throws -> String {
            try session.query("EXPLAIN SELECT a FROM t").rows.flatMap { $0.compactMap { if case .string(let s) = $0 { s } else { nil } } }.joined()
        }
        #expect(try estimate().contains("estimated_rows=3"))
        let uses = statistics.uses(of: path)
        #expect(try estimate().contains("estimated_rows=3"))
        #expect(statistics.uses(of: path).misses == uses.misses && statistics.uses(of: path).hits > uses.hits)
        // Rewritten (a new modification time and size): counted again.
        try "a\n1\n2\n3\n4\n5\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(try estimate().contains("estimated_rows=5"))
        #expect(statistics.uses(of: path).misses == uses.misses + 1)
    }

    @Test func aSecondPrunedScanReadsNoPageIndexAndEverySwitchKeepsThePlan() throws {
        let dir = try Self.folder("pages")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.copy("pruning.parquet", to: dir)
        let indexes = CacheManager.shared.parquetPageIndexes
        let session = Session(baseDirectory: dir)
        let sql = "SELECT count(*) FROM 'pruning.parquet' WHERE id BETWEEN 450 AND 460"
        let rows = try session.query(sql).rows
        #expect(rows == [[.int64(11)]])
        #expect(indexes.cachedIdentity(of: path, variant: "1/0") != nil)
        let (hits, misses) = indexes.uses(of: path)
        #expect(try session.query(sql).rows == rows)
        #expect(indexes.uses(of: path).hits > hits && indexes.uses(of: path).misses == misses)
        // Each cache switched off in turn: the same plan, fingerprint and answer.
        let plan = try session.explain(sql).trace?.final
        let fingerprint = session.planningSurfaceFingerprint
        for name in ["file_listings", "file_statistics", "parquet_footers", "parquet_page_indexes"] {
            try session.set("cache." + name, "off")
            #expect(session.caches.first { $0.name == name }?.enabled == false)
            #expect(try session.explain(sql).trace?.final == plan)
            #expect(session.planningSurfaceFingerprint == fingerprint)
            #expect(try session.query(sql).rows == rows)
            try session.set("cache." + name, "on")
        }
        // planscope_caches() lists what \cache lists.
        let listed = try session.query("SELECT name FROM planscope_caches()").rows
        #expect(listed == session.caches.map { [.string($0.name)] })
    }

    @Test func aCacheSwitchedOffByATypedValueIsOffInTheProcess() throws {
        let session = Session()
        try session.set(Settings.cacheParquetFooters, false)
        defer { _ = try? session.set(Settings.cacheParquetFooters, true) }
        #expect(CacheManager.shared.parquetFooters.statistics.enabled == false)
        try session.set(Settings.cacheParquetFooters, true)
        #expect(CacheManager.shared.parquetFooters.statistics.enabled)
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
        #expect(cache.uses(of: paths[0]) == (hits: 1, misses: 1) && cache.uses(of: paths[1]) == (hits: 0, misses: 0))
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
