import Foundation
import PlanCore
import PlanEngine
import PlanExec
import Testing

/// `execution.memory_limit`: sorts and aggregations spill to `execution.temp_directory`
/// and give the rows, order and errors they give in memory, at every worker count; a
/// join build over the limit stops with the limit's error; spill files never outlive
/// the query.
@Suite struct MemoryLimitTests {
    /// A fresh, empty directory for one test's spill files.
    static func spillDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "planscope-spill-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func files(in directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? ["(unreadable)"]
    }

    /// `sql`'s rows with `limit` (and `workers`), and the physical plan's spilled bytes.
    static func run(_ sql: String, limit: String, workers: Int, directory: String) throws -> (rows: [[ScalarValue]], spilled: Int) {
        let session = Session()
        _ = try session.execute("SET execution.memory_limit = '\(limit)'")
        _ = try session.execute("SET execution.workers = \(workers)")
        _ = try session.execute("SET execution.temp_directory = '\(directory)'")
        let result = try session.query(sql)
        func spilled(_ op: PhysicalPlanSnapshot) -> Int { (op.metrics?.spilledBytes ?? 0) + op.children.reduce(0) { $0 + spilled($1) } }
        return (result.rows, result.physical.map(spilled) ?? 0)
    }

    static let sortQuery = """
        SELECT x, x % 977 AS m, 'row ' || (x % 13)::text AS s FROM generate_series(1, 120000) AS t(x)
        ORDER BY x % 977, s DESC, x
        """
    static let aggregateQuery = """
        SELECT 'k' || (x % 20011)::text AS k, count(*) AS n, sum(x) AS s, min(x) AS lo, avg(x) AS mean,
               count(DISTINCT x % 5) AS d, max('v' || x::text) AS v
        FROM generate_series(1, 150000) AS t(x) GROUP BY 1
        """

    @Test(arguments: [1, 2, 4])
    func aSortOverTheLimitSpillsAndKeepsItsRowsAndOrder(workers: Int) throws {
        let directory = try Self.spillDirectory()
        let inMemory = try Self.run(Self.sortQuery, limit: "0", workers: workers, directory: directory)
        let spilled = try Self.run(Self.sortQuery, limit: "1MiB", workers: workers, directory: directory)
        #expect(inMemory.spilled == 0)
        #expect(spilled.spilled > 1 << 20, "spilled \(spilled.spilled) bytes")
        #expect(spilled.rows.count == 120_000)
        #expect(spilled.rows == inMemory.rows)
        #expect(Self.files(in: directory).isEmpty)
    }

    @Test(arguments: [1, 2, 4])
    func anAggregationOverTheLimitSpillsAndKeepsItsGroupsAndOrder(workers: Int) throws {
        let directory = try Self.spillDirectory()
        let inMemory = try Self.run(Self.aggregateQuery, limit: "0", workers: workers, directory: directory)
        let spilled = try Self.run(Self.aggregateQuery, limit: "1MiB", workers: workers, directory: directory)
        #expect(inMemory.spilled == 0)
        #expect(spilled.spilled > 0)
        #expect(spilled.rows.count == 20_011)
        // First-seen order, as in memory: k1, k2, … k20010, k0.
        #expect(spilled.rows == inMemory.rows)
        #expect(Self.files(in: directory).isEmpty)
    }

    @Test func mergeableAggregatesSpillAcrossWorkersIntoOneGroupEach() throws {
        // Workers each spill the groups they have no room for while other workers hold
        // them: every group still comes out once, with every row counted.
        let sql = "SELECT x % 40000 AS k, count(*) AS n, sum(x) AS s FROM generate_series(1, 400000) AS t(x) GROUP BY 1"
        let directory = try Self.spillDirectory()
        let expected = try Self.run(sql, limit: "0", workers: 1, directory: directory).rows
        for workers in [2, 4] {
            let spilled = try Self.run(sql, limit: "1MiB", workers: workers, directory: directory)
            #expect(spilled.spilled > 0)
            #expect(spilled.rows == expected, "workers \(workers)")
        }
    }

    @Test func errorsAreTheSameWhenSpilling() throws {
        let directory = try Self.spillDirectory()
        let sql = "SELECT x FROM generate_series(1, 100000) AS t(x) ORDER BY 10 / (x - 90000)"
        for limit in ["0", "512KiB"] {
            #expect {
                _ = try Self.run(sql, limit: limit, workers: 2, directory: directory)
            } throws: { error in
                "\(error)".contains("division by zero")
            }
        }
        let overflow = "SELECT x % 3 AS k, sum(9223372036854775807 - x) FROM generate_series(1, 50000) AS t(x) GROUP BY 1"
        for limit in ["0", "64KiB"] {
            #expect {
                _ = try Self.run(overflow, limit: limit, workers: 2, directory: directory)
            } throws: { error in
                "\(error)".contains("out of range")
            }
        }
        #expect(Self.files(in: directory).isEmpty)
    }

    @Test func aJoinBuildOverTheLimitStopsWithTheLimitsError() throws {
        let session = Session()
        _ = try session.execute("SET execution.memory_limit = '2MiB'")
        #expect {
            _ = try session.query("SELECT count(*) FROM generate_series(1, 100) a(x) JOIN generate_series(1, 500000) b(y) ON x = y")
        } throws: { error in
            let text = "\(error)"
            return text.contains("memory limit 2 MiB exceeded in HashJoin build (peak ") && text.contains("MiB)")
        }
        // The pool is given back: the session goes on within its limit.
        #expect(session.memory.reserved == 0)
        #expect(try session.query("SELECT count(*) FROM generate_series(1, 100) a(x) JOIN generate_series(1, 1000) b(y) ON x = y").rows == [[.int64(100)]])
    }

    @Test func distinctAndSetOperationsOverTheLimitStopWithTheLimitsError() throws {
        let session = Session()
        _ = try session.execute("SET memory_limit = '1MiB'")
        for (sql, consumer) in [("SELECT DISTINCT x FROM generate_series(1, 200000) t(x)", "Distinct"),
                                ("SELECT x FROM generate_series(1, 200000) t(x) UNION SELECT 1", "UnionExec")] {
            #expect {
                _ = try session.query(sql)
            } throws: { error in
                "\(error)".contains("memory limit 1 MiB exceeded in \(consumer)")
            }
        }
    }

    @Test func aSpillDirectoryThatCannotBeWrittenIsNamed() throws {
        let session = Session()
        _ = try session.execute("SET memory_limit = '256KiB'")
        _ = try session.execute("SET temp_directory = '/nonexistent/planscope'")
        #expect {
            _ = try session.query(Self.sortQuery)
        } throws: { error in
            "\(error)".contains("cannot spill to '/nonexistent/planscope'")
        }
    }

    @Test func aCancelledSpillingQueryLeavesNoFiles() throws {
        let directory = try Self.spillDirectory()
        let session = Session()
        _ = try session.execute("SET memory_limit = '256KiB'")
        _ = try session.execute("SET temp_directory = '\(directory)'")
        let handle = Cancellation()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { handle.cancel() }
        #expect(throws: (any Error).self) {
            _ = try session.query("SELECT x FROM generate_series(1, 30000000) AS t(x) ORDER BY x % 1000, x DESC", cancellation: handle)
        }
        #expect(Self.files(in: directory).isEmpty)
    }

    @Test func theLimitIsASizeWithADefaultAndProfilesSetIt() throws {
        var config = SessionConfig()
        #expect(config[Settings.memoryLimit] == MemoryPool.defaultLimit)
        #expect(MemoryPool.defaultLimit > 0)
        try config.set("memory_limit", "2GiB")
        #expect(config[Settings.memoryLimit] == 2 << 30)
        #expect(throws: PlanError.self) { try config.set("execution.memory_limit", "lots") }
        #expect(SessionProfile.small.settings.contains { $0.name == Settings.memoryLimit.name && $0.value == "1GiB" })
        #expect(SessionProfile.large.settings.contains { $0.name == Settings.memoryLimit.name })
    }

    @Test func explainAnalyzeShowsSpilledBytesPerOperator() throws {
        let session = Session()
        _ = try session.execute("SET memory_limit = '1MiB'")
        let text = try session.query("EXPLAIN ANALYZE " + Self.sortQuery).rows.map { $0.map(\.description).joined(separator: " ") }.joined(separator: "\n")
        let sortLine = text.split(separator: "\n").first { $0.contains("SortExec") } ?? ""
        #expect(sortLine.contains("spilled_bytes="), "\(sortLine)")
    }
}
