import PlanCore
import PlanExec
@testable import PlanProviders
import Testing

@Suite struct MemoryTableTests {
    static let schema = Schema([Field(name: "id", dataType: .int64, nullable: false), Field(name: "name", dataType: .text)])

    static func batch(_ rows: [[ScalarValue]]) -> RecordBatch { RecordBatch.from(rows: rows, schema: schema) }

    @Test func appliesPushedFiltersProjectionAndLimit() throws {
        let t = MemoryTable(schema: Self.schema, batches: [Self.batch([[.int64(1), .string("a")], [.int64(2), .string("b")], [.int64(3), .null]])])
        let filter = Expr.binary(.column(Column(name: "id")), .gtEq, .literal(.int64(2)))
        #expect(t.supportsFiltersPushdown([filter]) == [.exact])
        let stats = ScanStatistics()
        let out = try scanRows(t.scan(projection: [1], filters: [filter], limit: nil, statistics: stats))
        #expect(out == [[.string("b")], [.null]])
        #expect(stats.rowsRead == 3)
        let limited = try scanRows(t.scan(projection: nil, filters: [], limit: 2))
        #expect(limited.count == 2)
        // A filter with a subquery or an unknown column is not the table's to apply.
        #expect(t.supportsFiltersPushdown([.binary(.column(Column(name: "nope")), .eq, .literal(.int64(1)))]) == [.unsupported])
    }

    /// Repeating strings are stored as codes and decoded as scans read them: the table
    /// holds well under its decoded size and every scan (whole, morsels, filtered, after
    /// an update) sees the rows it was given.
    @Test func storesRepeatingStringsCompactlyAndScansThemBack() throws {
        let rows: [[ScalarValue]] = (0..<10_000).map { i in [.int64(Int64(i)), i % 7 == 0 ? .null : .string(["MAIL", "SHIP", "AIR"][i % 3])] }
        let t = MemoryTable(schema: Self.schema, batches: stride(from: 0, to: rows.count, by: 4096).map { Self.batch(Array(rows[$0..<min(rows.count, $0 + 4096)])) })
        let sizes = try #require(t.storageSummary)
        // The strings: 10,000 one-byte codes instead of 40 KB of offsets and 31 KB of bytes.
        #expect(sizes.decodedBytes - sizes.storedBytes > 55_000)
        #expect(try scanRows(t.scan(projection: nil, filters: [], limit: nil)) == rows)
        let filter = Expr.binary(.column(Column(name: "name")), .eq, .literal(.string("SHIP")))
        let morsels = try #require(try t.morselScan(projection: [0, 1], filters: [filter], rows: 1000, statistics: ScanStatistics()))
        let scanned = try (0..<morsels.count).flatMap { i in try morsels.batch(i).map { b in (0..<b.rowCount).map { b.row($0) } } ?? [] }
        #expect(scanned == rows.filter { $0[1] == .string("SHIP") })
        _ = try t.update(assignments: [(column: "name", value: .literal(.string("RAIL")))], filters: [filter])
        #expect(try scanRows(t.scan(projection: [1], filters: [], limit: nil)).filter { $0 == [.string("RAIL")] }.count == scanned.count)
    }

    /// Filters of one coded column run on its dictionary; every kind of filter gives the
    /// rows the same filters give on the plain rows, with and without NULLs in the column.
    @Test func filtersOnCodedColumnsKeepTheRowsPlainFiltersKeep() throws {
        let name = Expr.column(Column(name: "name")), id = Expr.column(Column(name: "id"))
        let filters: [[Expr]] = [
            [.binary(name, .eq, .literal(.string("SHIP")))],
            [.binary(name, .notEq, .literal(.string("SHIP"))), .binary(id, .lt, .literal(.int64(5000)))],
            [.inList(name, [.literal(.string("AIR")), .literal(.string("MAIL"))], negated: true)],
            [.isTest(name, .isNull)], [.isTest(name, .isNotNull)],
            [Expr.binary(name, .eq, .literal(.string("AIR"))).or(.binary(id, .gt, .literal(.int64(9000))))],
            [.binary(name, .gt, .literal(.null))],
        ]
        for nulls in [false, true] {
            let rows: [[ScalarValue]] = (0..<10_000).map { i in
                [.int64(Int64(i)), nulls && i % 7 == 0 ? .null : .string(["MAIL", "SHIP", "AIR"][i % 3])]
            }
            let plain = stride(from: 0, to: rows.count, by: 4096).map { Self.batch(Array(rows[$0..<min(rows.count, $0 + 4096)])) }
            let t = MemoryTable(schema: Self.schema, batches: plain)
            for f in filters {
                let reference = try PushedFilterEvaluator(f, schema: Self.schema)
                let expected = try plain.flatMap { b in let k = try reference.apply(b); return (0..<k.rowCount).map { k.row($0)[1] } }
                let morsels = try #require(try t.morselScan(projection: [1], filters: f, rows: 1000, statistics: ScanStatistics()))
                let scanned = try (0..<morsels.count).flatMap { i in try morsels.batch(i).map { b in (0..<b.rowCount).map { b.row($0)[0] } } ?? [] }
                #expect(scanned == expected, "\(f) with NULLs: \(nulls)")
            }
        }
    }

    @Test func uniqueKeysRefuseDuplicatesAndChangeNothing() throws {
        let t = try MemoryTable(schema: Self.schema, uniqueKeys: [UniqueKey(columns: [0], primary: true)])
        #expect(try t.insert([Self.batch([[.int64(1), .string("a")], [.int64(2), .null]])]) == 2)
        #expect(throws: PlanError.self) { try t.insert([Self.batch([[.int64(3), .string("c")], [.int64(1), .string("dup")]])]) }
        #expect(t.rowCount == 2)  // the failed insert kept none of its rows
        // After a delete the key is free again.
        _ = try t.deleteFrom(filters: [.binary(.column(Column(name: "id")), .eq, .literal(.int64(1)))])
        #expect(try t.insert([Self.batch([[.int64(1), .string("again")]])]) == 1)
        // An update that would collide fails and leaves the rows as they were.
        #expect(throws: PlanError.self) {
            try t.update(assignments: [(column: "id", value: .literal(.int64(2)))], filters: [])
        }
        #expect(try scanRows(t.scan(projection: [0], filters: [], limit: nil)).map { $0[0] }.sorted { ScalarOps.compare($0, $1) ?? 0 < 0 }
                == [.int64(1), .int64(2)])
    }

    @Test func nullsNeverClashInUniqueKeys() throws {
        let t = try MemoryTable(schema: Self.schema, uniqueKeys: [UniqueKey(columns: [1], primary: false)])
        #expect(try t.insert([Self.batch([[.int64(1), .null], [.int64(2), .null], [.int64(3), .string("x")]])]) == 3)
        #expect(throws: PlanError.self) { try t.insert([Self.batch([[.int64(4), .string("x")]])]) }
    }

    @Test func addingAUniqueKeyChecksTheRowsThere() throws {
        let t = MemoryTable(schema: Self.schema, batches: [Self.batch([[.int64(1), .string("a")], [.int64(2), .string("a")]])])
        #expect(throws: PlanError.self) { try t.addUniqueKey(UniqueKey(columns: [1], primary: false)) }
        #expect(t.uniqueKeys.isEmpty)
        try t.addUniqueKey(UniqueKey(columns: [0], primary: false))
        #expect(t.uniqueKeys.count == 1)
    }

    @Test func notNullIsEnforced() throws {
        let t = MemoryTable(schema: Self.schema)
        #expect(throws: PlanError.self) { try t.insert([Self.batch([[.null, .string("a")]])]) }
        #expect(t.rowCount == 0)
    }
}

@Suite struct ZoneMapTableTests {
    @Test func prunesChunksWithInexactFilters() throws {
        let schema = Schema([Field(name: "v", dataType: .int64)])
        let rows = (0..<100).map { [ScalarValue.int64(Int64($0))] }
        let inner = MemoryTable(schema: schema, batches: [RecordBatch.from(rows: rows, schema: schema)])
        let t = try ZoneMapTable(wrapping: inner, chunkRows: 10)
        let filter = Expr.binary(.column(Column(name: "v")), .gtEq, .literal(.int64(95)))
        #expect(t.supportsFiltersPushdown([filter]) == [.inexact])
        let stats = ScanStatistics()
        let stream = try t.scan(projection: nil, filters: [filter], limit: nil, statistics: stats)
        var seen = 0
        while let b = try stream.next() { seen += b.rowCount }
        #expect(stats.unitsTotal == 10)
        #expect(stats.unitsPruned == 9)
        // Inexact: whole surviving chunks come back; the Filter above finishes the job.
        #expect(seen == 10)
    }
}
