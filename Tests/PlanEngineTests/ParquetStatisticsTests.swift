import Foundation
import PlanCore
import PlanEngine
import PlanProviders
import Testing

/// A Parquet file's footer statistics in the planner's estimates (exact rows, min/max for
/// ranges, NULL counts), and its pruning switched by the `pushdown.parquet.*` settings with
/// the same answers. The file: Tests/SLT/files/data/pruning.parquet (2,000 rows, id 0…1999
/// in row groups of 400, opt NULL for ids 800–1199, d one day per 10 rows from 2020-01-01).
@Suite struct ParquetStatisticsTests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SLT/files/data").path

    func session() throws -> Session {
        let s = Session()
        s.baseDirectory = Self.data
        _ = try s.execute("CREATE EXTERNAL TABLE p STORED AS PARQUET LOCATION 'pruning.parquet'")
        return s
    }

    @Test func footerStatisticsGiveRangeAndNullEstimates() throws {
        let s = try session()
        for (predicate, expected) in [("id < 500", 500.0), ("id BETWEEN 100 AND 199", 100), ("opt IS NULL", 400),
                                      ("opt IS NOT NULL", 1600), ("id > 1900", 99), ("id = 5000", 1),
                                      ("d >= DATE '2020-06-01'", 480)] {
            let plan = try s.logicalPlan("SELECT id FROM p WHERE \(predicate)")
            #expect(abs(plan.estimatedRows - expected) <= max(2, expected * 0.03), "\(predicate): \(plan.estimatedRows)")
        }
        // Without statistics (a text column's range says nothing of its share): a quarter.
        #expect(try s.logicalPlan("SELECT id FROM p WHERE name < 'n0500'").estimatedRows == 500)
    }

    /// An integer column's footer bounds cap its distinct values (max − min + 1), so joins
    /// on a column of few values are not ordered as if it were a key (TPC-H Q5 over Parquet
    /// joined customer and supplier on their 25 nation keys first, 60 M rows, before this).
    @Test func integerBoundsCapTheDistinctCount() throws {
        let dir = NSTemporaryDirectory() + "planscope-pq-distinct-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = Session(baseDirectory: dir)
        _ = try s.execute("""
            COPY (SELECT x AS k, x % 25 AS nation, CAST(NULL AS BIGINT) AS none FROM generate_series(1, 1000) g(x)) TO 'd.parquet';
            CREATE EXTERNAL TABLE d STORED AS PARQUET LOCATION 'd.parquet'
            """)
        let table = try #require(s.catalog.provider(named: "d") as? ParquetTable)
        #expect(table.distinctCount(ofColumn: 0) == 1000)  // 1…1000: the rows bound it
        #expect(table.distinctCount(ofColumn: 1) == 25)    // 0…24
        #expect(table.distinctCount(ofColumn: 2) == nil)   // no bounds
    }

    @Test func everySwitchGivesTheSameAnswersAndOnlyPruningDiffers() throws {
        let s = try session()
        let sql = "SELECT count(*), sum(id) FROM p WHERE id BETWEEN 450 AND 460 AND grp IN ('a', 'b')"
        let on = try s.query(sql)
        let rowGroupsOn = try #require(on.pushdown?.scans.first?.units.first { $0.kind == "row groups" })
        #expect(rowGroupsOn.readCount == 1 && rowGroupsOn.prunedBy["statistics"] == 4)
        for setting in ["row_groups", "page_index", "bloom_filter"] { try s.set("pushdown.parquet.\(setting)", "off") }
        let off = try s.query(sql)
        #expect(off.rows == on.rows)
        let rowGroupsOff = try #require(off.pushdown?.scans.first?.units.first { $0.kind == "row groups" })
        #expect(rowGroupsOff.readCount == 5 && rowGroupsOff.pruned == 0)
        #expect((off.pushdown?.scans.first?.rowsRead ?? 0) > (on.pushdown?.scans.first?.rowsRead ?? 0))
    }
}
