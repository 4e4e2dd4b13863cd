import Foundation
import PlanCore
import PlanEngine
import PlanExec
import PlanProviders
import Testing

/// A provider that claims every filter Exact but applies none of them.
final class LyingTable: TableProvider, Sendable {
    let inner: MemoryTable
    init(_ inner: MemoryTable) { self.inner = inner }
    var schema: Schema { inner.schema }
    var kind: String { "lying" }
    func supportsFiltersPushdown(_ filters: [Expr]) -> [FilterPushdown] { filters.map { _ in .exact } }
    func scan(projection: [Int]?, filters: [Expr], limit: Int?) throws -> any BatchStream {
        try inner.scan(projection: projection, filters: [], limit: limit)
    }
}

@Suite struct PushdownTests {
    static let families: [(String, String)] = [
        ("comparison", "a > 1"), ("equality", "b = 'x'"), ("between", "a BETWEEN 1 AND 3"), ("in list", "a IN (1, 2)"),
        ("like", "b LIKE 'x%'"), ("is null", "b IS NULL"), ("or", "a = 1 OR b = 'y'"), ("function", "upper(b) = 'X'"),
        ("multi-column", "a < length(b)"),
    ]

    func session() throws -> Session {
        let s = Session()
        _ = try s.execute("CREATE TABLE m (a INT, b TEXT); INSERT INTO m VALUES (1, 'x'), (2, 'y'), (3, NULL), (NULL, 'xx')")
        return s
    }

    /// The class each provider gives each predicate family.
    @Test func classificationMatrix() throws {
        let s = try session()
        let csv = NSTemporaryDirectory() + "matrix-\(UUID().uuidString).csv"
        try "a,b\n1,x\n2,y\n3,\n,xx\n".write(toFile: csv, atomically: true, encoding: .utf8)
        _ = try s.execute("CREATE EXTERNAL TABLE c (a INT, b TEXT) STORED AS CSV LOCATION '\(csv)'")
        _ = try s.execute("CREATE EXTERNAL TABLE z (a INT, b TEXT) STORED AS CSV LOCATION '\(csv)' OPTIONS (zone_maps 'on', chunk_rows '2')")
        let expected: [String: FilterPushdown] = ["m": .exact, "c": .unsupported]
        // Zone maps judge comparisons with constants, BETWEEN, IN lists and IS NULL.
        let zoneMapped: [String: FilterPushdown] = [
            "comparison": .inexact, "equality": .inexact, "between": .inexact, "in list": .inexact, "like": .unsupported,
            "is null": .inexact, "or": .unsupported, "function": .unsupported, "multi-column": .unsupported,
        ]
        for table in ["m", "c", "z"] {
            for (family, predicate) in Self.families {
                let cls = table == "z" ? zoneMapped[family] ?? .unsupported : expected[table] ?? .unsupported
                let plan = try s.optimize(try s.logicalPlan("SELECT a FROM \(table) WHERE \(predicate)")).final
                var found: [FilterPushdown] = []
                plan.visit { n in
                    if case .tableScan(let t) = n { found += t.filters.map(\.pushdown) }
                    return .continue
                }
                // An unsupported filter is still recorded on the scan, as offered.
                #expect(found == [cls], "\(table) / \(family): \(found)")
                // Same rows with pushdown and without.
                let on = try s.query("SELECT a, b FROM \(table) WHERE \(predicate) ORDER BY a, b").rows
                _ = try s.execute("SET optimizer.rulepack = 'none'")
                let off = try s.query("SELECT a, b FROM \(table) WHERE \(predicate) ORDER BY a, b").rows
                _ = try s.execute("SET optimizer.rulepack = 'default'")
                #expect(on == off, "\(table) / \(family)")
            }
        }
    }

    @Test func exactFiltersLeaveTheFilterAndAreReported() throws {
        let s = try session()
        let report = try #require(try s.query("SELECT a FROM m WHERE a > 1 AND b IS NOT NULL").pushdown)
        #expect(report.scans.count == 1)
        let scan = try #require(report.scans.first)
        #expect(scan.filters.map(\.pushdown) == [.exact, .exact])
        #expect(scan.residual.isEmpty)
        #expect(scan.rowsRead == 4 && scan.rowsReturned == 1)
        #expect(report.violations.isEmpty)
        #expect(report.json.canonical.contains("\"pushdown\":\"exact\""))
    }

    @Test func aLyingProviderIsCaughtByVerification() throws {
        let s = Session()
        let table = MemoryTable(schema: Schema([Field(name: "a", dataType: .int64)]))
        _ = try table.insert([RecordBatch.from(rows: [[.int64(1)], [.int64(5)]], schema: table.schema)])
        s.catalog.register(table: "liar", LyingTable(table))
        _ = try s.execute("SET pushdown.verify = on")
        _ = try s.execute("SET pushdown.enforcement = 'warn'")
        let r = try s.query("SELECT a FROM liar WHERE a > 3")
        #expect(r.warnings.count == 1)
        #expect(r.warnings.first?.code == "PUSHDOWN_VIOLATION")
        #expect(r.warnings.first?.message.contains("table 'liar', filter a > Int64(3): provider claimed Exact but returned 1 row that fail it") == true)
        _ = try s.execute("SET pushdown.enforcement = 'strict'")
        do {
            _ = try s.query("SELECT a FROM liar WHERE a > 3")
            Issue.record("strict mode let a violation through")
        } catch {
            #expect(error.description.contains("pushdown contract violated (execution): table 'liar'"))
        }
        _ = try s.execute("SET pushdown.enforcement = 'disabled'")
        #expect(try s.query("SELECT a FROM liar WHERE a > 3").warnings.isEmpty)
    }

    @Test func dmlThroughProviderHooks() throws {
        let s = try session()
        #expect(try s.execute("DELETE FROM m WHERE a >= 3").first?.commandTag == "DELETE 1")  // NULL a is not >= 3
        #expect(try s.execute("UPDATE m SET b = coalesce(b, 'none') || '!' WHERE a IS NULL OR a = 1").first?.commandTag == "UPDATE 2")
        #expect(try s.query("SELECT b FROM m ORDER BY b").rows == [[.string("x!")], [.string("xx!")], [.string("y")]])
        #expect(throws: StatementError.self) { try s.execute("DELETE FROM m RETURNING a") }
        #expect(throws: StatementError.self) { try s.execute("UPDATE m SET a = 1 LIMIT 1") }
    }

    @Test func aFailedCSVRewriteLeavesTheFileIntact() throws {
        let dir = NSTemporaryDirectory() + "dml-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/t.csv"
        let original = "id,v\n1,10\n2,0\n3,30\n"
        try original.write(toFile: path, atomically: true, encoding: .utf8)
        let s = Session()
        _ = try s.execute("CREATE EXTERNAL TABLE t (id INT, v INT) STORED AS CSV LOCATION '\(path)'")
        #expect(throws: StatementError.self) { try s.execute("UPDATE t SET v = 100 / v") }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == original)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["t.csv"])
        _ = try s.execute("DELETE FROM t WHERE v = 0")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "id,v\n1,10\n3,30\n")
        _ = try s.execute("UPDATE t SET v = NULL WHERE id = 3")
        #expect(try s.query("SELECT count(v) FROM t").rows == [[.int64(1)]])
    }

    @Test func partitionedTablePrunesWholeDirectories() throws {
        let root = NSTemporaryDirectory() + "parts-\(UUID().uuidString)"
        for y in [2023, 2024] {
            for m in 1...3 {
                let d = "\(root)/year=\(y)/month=\(m)"
                try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
                try "id,amount\n\(y * 10 + m),\(m).5\n".write(toFile: d + "/part-0.csv", atomically: true, encoding: .utf8)
            }
        }
        let s = Session()
        _ = try s.execute("CREATE EXTERNAL TABLE p (id BIGINT, amount DOUBLE, year BIGINT, month BIGINT) STORED AS CSV PARTITIONED BY (year, month) LOCATION '\(root)'")
        // Partition-only predicates are exact; anything touching data columns unsupported.
        let cases: [(String, FilterPushdown)] = [
            ("year = 2024", .exact), ("month BETWEEN 2 AND 3", .exact), ("year IN (2023)", .exact), ("year = 2024 OR month = 1", .exact),
            ("amount > 1", .unsupported), ("year = 2024 OR amount > 2", .unsupported), ("id > year", .unsupported),
        ]
        for (predicate, expected) in cases {
            let plan = try s.optimize(try s.logicalPlan("SELECT id FROM p WHERE \(predicate)")).final
            var found: [FilterPushdown] = []
            plan.visit { n in
                if case .tableScan(let t) = n { found += t.filters.map(\.pushdown) }
                return .continue
            }
            #expect(found == [expected], "\(predicate): \(found)")
        }
        let report = try #require(try s.query("SELECT id FROM p WHERE year = 2024 AND month >= 2").pushdown)
        #expect(report.scans.first?.unitsPruned == 4 && report.scans.first?.unitsTotal == 6)
        #expect(try s.query("SELECT id FROM p WHERE year = 2024 AND month >= 2 ORDER BY id").rows == [[.int64(20242)], [.int64(20243)]])
        _ = try s.execute("SET optimizer.rulepack = 'none'")
        #expect(try s.query("SELECT id FROM p WHERE year = 2024 AND month >= 2 ORDER BY id").rows == [[.int64(20242)], [.int64(20243)]])
    }
}
