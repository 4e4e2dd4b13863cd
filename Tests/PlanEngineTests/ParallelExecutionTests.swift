import Foundation
import PlanCore
import PlanEngine
import PlanExec
import PlanProviders
import Testing

/// Morsel-driven execution: every query gives the same rows, in the same order, and the
/// same errors whatever `execution.workers` is.
@Suite(.serialized) struct ParallelExecutionTests {
    /// 30,000 rows in batches of 500 (60 morsels), with NULLs in every column but k.
    static func session() throws -> Session {
        let s = Session()
        _ = try s.execute("""
            SET execution.batch_size = 500;
            CREATE TABLE f AS SELECT x AS k, x % 37 AS g,
                CASE WHEN x % 11 = 0 THEN NULL ELSE CAST(x % 1000 AS DECIMAL(12, 2)) / 4 END AS d,
                CASE WHEN x % 13 = 0 THEN NULL ELSE 'item ' || CAST(x % 250 AS TEXT) END AS s,
                CASE WHEN x % 17 = 0 THEN NULL ELSE x % 5 END AS m
              FROM generate_series(1, 30000) AS t(x);
            CREATE TABLE dim AS SELECT x AS g, 'group ' || CAST(x AS TEXT) AS name
              FROM generate_series(0, 30) AS t(x) WHERE x % 4 <> 1;
            """)
        return s
    }

    static let queries = [
        "SELECT k, s, d FROM f WHERE k % 3 = 1 AND d > 10",
        "SELECT k + 1, upper(s), d * 2 FROM f",
        "SELECT g, count(*), count(m), sum(d), min(k), max(d), avg(d), sum(m), min(m) FROM f GROUP BY g",
        "SELECT s, m, count(*) FROM f WHERE k > 100 GROUP BY s, m",
        "SELECT count(*), sum(k), max(s) FROM f WHERE s LIKE '%7%'",
        "SELECT g, count(DISTINCT s) FROM f GROUP BY g",
        "SELECT f.k, dim.name FROM f JOIN dim ON f.g = dim.g WHERE f.k < 5000",
        "SELECT f.k, dim.name FROM f LEFT JOIN dim ON f.g = dim.g AND f.m = 2",
        "SELECT k FROM f WHERE g IN (SELECT g FROM dim)",
        "SELECT k FROM f WHERE g NOT IN (SELECT g FROM dim) AND m IS NOT NULL",
        "SELECT dim.name, count(*) FROM f RIGHT JOIN dim ON f.g = dim.g GROUP BY dim.name",
        "SELECT * FROM f ORDER BY d DESC NULLS LAST, k LIMIT 25",
        "SELECT k, s FROM f WHERE m = 3 LIMIT 40",
        "SELECT DISTINCT m, g % 3 FROM f",
        "SELECT g, sum(d) FROM f GROUP BY g HAVING sum(d) > 3000 ORDER BY g",
        // Double sums and averages: not associative, so aggregated in morsel order.
        "SELECT g, sum(CAST(d AS DOUBLE) / 3), avg(CAST(k AS DOUBLE) / 7) FROM f GROUP BY g",
    ] + leftBuilt + swapped

    /// LEFT joins whose preserved side is the smaller: run as RIGHT joins of the inputs
    /// swapped (unmatched rows, NULL keys and residual filters included).
    static let swapped = [
        "SELECT dim.name, f.k, f.s FROM dim LEFT JOIN f ON dim.g = f.g AND f.k % 100 = 7",
        "SELECT dim.g, count(f.k), sum(f.d) FROM dim LEFT JOIN f ON dim.g = f.m AND f.d > dim.g GROUP BY dim.g",
        "SELECT f1.k, f2.k FROM f f1 LEFT JOIN f f2 ON f1.m = f2.m AND f2.k < f1.k WHERE f1.g = 3 AND f1.k < 400",
    ]

    /// Semi and anti joins whose left input is the smaller: they hash the left side.
    static let leftBuilt = [
        "SELECT name FROM dim WHERE EXISTS (SELECT 1 FROM f WHERE f.g = dim.g AND f.m = 4)",
        "SELECT name FROM dim WHERE NOT EXISTS (SELECT 1 FROM f WHERE f.g = dim.g AND f.k > 29990 AND f.s <> 'item 1')",
        "SELECT f1.k, f1.g FROM f f1 WHERE f1.k < 300 AND EXISTS (SELECT 1 FROM f f2 WHERE f2.g = f1.g AND f2.m <> f1.m)",
        "SELECT f1.k FROM f f1 WHERE f1.k < 300 AND NOT EXISTS (SELECT 1 FROM f f2 WHERE f2.g = f1.g AND f2.d < f1.d)",
    ]

    @Test func everyWorkerCountGivesTheSameRowsInTheSameOrder() throws {
        let s = try Self.session()
        var expected: [[[ScalarValue]]] = []
        try s.set("execution.workers", "1")
        for q in Self.queries { expected.append(try s.query(q).rows) }
        #expect(expected[0].count > 1000 && expected[2].count == 37)
        for workers in [2, 3, 4, 8] {
            try s.set("execution.workers", String(workers))
            for (i, q) in Self.queries.enumerated() {
                let rows = try s.query(q).rows
                #expect(rows == expected[i], "workers=\(workers): \(q)")
            }
        }
    }

    @Test func semiAndAntiJoinsHashingTheirSmallerLeftSideAgreeWithSubqueriesRunPerRow() throws {
        let s = try Self.session()
        for q in Self.leftBuilt {
            let plan = try #require(try s.explain(q, analyze: false).physical)
            #expect(PhysicalPlanRenderer.render(plan).contains("build=left"), "\(q)")
            let joined = try s.query(q).rows
            try s.set("optimizer.rulepack", "none")
            let perRow = try s.query(q).rows
            try s.set("optimizer.rulepack", "default")
            #expect(joined == perRow, "\(q)")
            #expect(!joined.isEmpty, "\(q)")
        }
    }

    @Test func leftJoinsHashingTheirSmallerPreservedSideGiveTheRowsOfANestedLoop() throws {
        let s = try Self.session()
        for q in Self.swapped {
            let plan = try #require(try s.explain(q, analyze: false).physical)
            #expect(PhysicalPlanRenderer.render(plan).contains("type=Right") && PhysicalPlanRenderer.render(plan).contains("swapped_from=Left"), "\(q)")
            // The same join with the equalities written as two inequalities: no hash keys,
            // so a nested loop over the sides as written.
            let loop = q.replacingOccurrences(of: "dim.g = f.g", with: "dim.g <= f.g AND dim.g >= f.g")
                .replacingOccurrences(of: "dim.g = f.m", with: "dim.g <= f.m AND dim.g >= f.m")
                .replacingOccurrences(of: "f1.m = f2.m", with: "f1.m <= f2.m AND f1.m >= f2.m")
            let loopPlan = try #require(try s.explain(loop, analyze: false).physical)
            #expect(PhysicalPlanRenderer.render(loopPlan).contains("NestedLoopJoinExec"), "\(loop)")
            func sorted(_ rows: [[ScalarValue]]) -> [String] { rows.map { "\($0)" }.sorted() }
            let hashed = try s.query(q).rows
            #expect(sorted(hashed) == sorted(try s.query(loop).rows), "\(q)")
            #expect(hashed.contains { $0.contains(.null) } && hashed.count > 20, "\(q)")
        }
    }

    @Test func aFailingRowIsReportedTheSameWayForEveryWorkerCount() throws {
        let s = try Self.session()
        var messages: Set<String> = []
        for workers in [1, 2, 4] {
            try s.set("execution.workers", String(workers))
            do {
                _ = try s.query("SELECT k, 100 / (k - 23456) FROM f WHERE k % 2 = 0")
                Issue.record("the division by zero was not reported")
            } catch {
                messages.insert("\(error)")
            }
        }
        #expect(messages.count == 1)
        // Row 11,728 of the projection's input: the even k before 23,456, plus one.
        #expect(messages.first?.contains("row 11728") == true, "\(messages)")
    }

    @Test func eachWorkerAggregatesItsMorselsAndTheTablesAreMerged() throws {
        let s = try Self.session()
        try s.set("execution.workers", "4")
        // Every operator's rows are counted over all workers.
        let plan = try #require(try s.explain("SELECT g, sum(d) FROM f GROUP BY g", analyze: true).physical)
        let text = PhysicalPlanRenderer.render(plan)
        #expect(text.contains("output_rows=37") && text.contains("output_rows=30000"), "\(text)")
        let before = ExecutionRuntime.shared.tasksStarted
        _ = try s.query("SELECT g, sum(d) FROM f GROUP BY g")
        #expect(ExecutionRuntime.shared.tasksStarted - before >= 3)
        // One worker: every operator runs on the query's calling thread (worker number 0).
        // Read from this query's own per-thread metrics: the runtime's task counter is
        // shared with the tests running beside this one.
        try s.set("execution.workers", "1")
        let single = try #require(try s.explain("SELECT g, sum(d) FROM f GROUP BY g", analyze: true).physical)
        let threads = Self.workerNumbers(single)
        #expect(threads == [0], "\(PhysicalPlanRenderer.render(single))")
    }

    /// The worker numbers that did some of any operator's work in an analyzed plan.
    private static func workerNumbers(_ plan: PhysicalPlanSnapshot) -> Set<Int> {
        let own = Set((plan.metrics?.workers ?? []).map(\.worker))
        return plan.children.reduce(own) { $0.union(workerNumbers($1)) }
    }

    @Test func aLargeSortIsCutAcrossWorkersAndStaysStable() throws {
        let s = Session()
        _ = try s.execute("""
            CREATE TABLE big AS SELECT x, x % 7 AS g, CASE WHEN x % 5 = 0 THEN NULL ELSE x % 1000 END AS v
              FROM generate_series(1, 70000) AS t(x);
            """)
        var results: [[[ScalarValue]]] = []
        for workers in [1, 2, 4] {
            try s.set("execution.workers", String(workers))
            results.append(try s.query("SELECT x, g, v FROM big ORDER BY g, v DESC NULLS FIRST").rows)
        }
        #expect(results[0].count == 70_000)
        #expect(results[1] == results[0] && results[2] == results[0])
        // Sorted by g, then v descending with NULLs first, ties in input order (x ascending).
        for (a, b) in zip(results[0], results[0].dropFirst()) {
            guard case .int64(let ga) = a[1], case .int64(let gb) = b[1], case .int64(let xa) = a[0], case .int64(let xb) = b[0] else {
                Issue.record("unexpected row \(a)"); break
            }
            if ga != gb { #expect(ga < gb); continue }
            if a[2] == b[2] { #expect(xa < xb); continue }
            if case .int64(let va) = a[2], case .int64(let vb) = b[2] { #expect(va > vb) } else { #expect(a[2] == .null) }
        }
    }

    @Test func workersIsAnExecutionSettingWithTheCoreCountAsDefault() throws {
        let s = Session()
        #expect(try s.query("SHOW execution.workers").rows.first?.last == .string(String(ExecutionContext.coreCount)))
        #expect(throws: PlanError.self) { try s.set("execution.workers", "0") }
    }
}

/// CSV files cut into chunks parsed at once give what one reader gives.
@Suite struct CSVChunkTests {
    /// A file of about 3 MiB whose quoted fields hold newlines and commas, so chunk
    /// boundaries land inside quotes.
    static func write(rows: Int, badLine: Int? = nil) throws -> String {
        let path = NSTemporaryDirectory() + "planscope-chunks-\(UUID().uuidString).csv"
        var text = "id,note,amount\n"
        for i in 1...rows {
            let note = i % 3 == 0 ? "\"line one of \(i),\nline two \"\"quoted\"\" and\nthree\"" : "plain \(i)"
            let amount = badLine == i + 1 ? "x12" : "\(i % 1000).\(i % 100)"
            text += "\(i),\(note),\(amount)\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func scanAll(_ table: CSVTable, chunked: Bool) throws -> RecordBatch {
        var batches: [RecordBatch] = []
        if chunked {
            guard let morsels = try table.morselScan(projection: nil, filters: [], rows: 4096, statistics: ScanStatistics()) else {
                throw PlanError(.execution, "the file was not cut into chunks")
            }
            for i in 0..<morsels.count { if let b = try morsels.batch(i) { batches.append(b) } }
        } else {
            let stream = try table.scan(projection: nil, filters: [], limit: nil)
            while let b = try stream.next() { batches.append(b) }
        }
        return RecordBatch.concat(batches, schema: table.schema)
    }

    @Test func chunksWithQuotedNewlinesAcrossBoundariesGiveTheSameRows() throws {
        let path = try Self.write(rows: 60_000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let table = try CSVTable(path: path, schema: nil, options: [:])
        let sequential = try Self.scanAll(table, chunked: false)
        let chunked = try Self.scanAll(table, chunked: true)
        #expect(sequential.rowCount == 60_000)
        #expect(chunked.rowCount == sequential.rowCount)
        #expect(chunked.columns == sequential.columns)
    }

    @Test func aBadFieldNamesTheSameLineAsOneReaderWould() throws {
        // Every third record spans three lines: record 40,000 starts on line 1 + 40,000 +
        // 2 × 13,333 (the multi-line records before it).
        let path = try Self.write(rows: 60_000, badLine: 40_001)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let table = try CSVTable(path: path, schema: nil, options: [:])
        var messages: [String] = []
        for chunked in [false, true] {
            do { _ = try Self.scanAll(table, chunked: chunked) } catch { messages.append("\(error)") }
        }
        #expect(messages.count == 2 && messages[0] == messages[1], "\(messages)")
        #expect(messages.first?.contains(".csv:\(1 + 40_000 + 2 * 13_333):") == true, "\(messages)")
    }
}
