import Foundation
import PlanCore
import PlanExec
@testable import PlanProviders
import Testing

/// CSV tables written through (INSERT, DELETE, UPDATE rewrite the file whole, keeping its
/// options) and zone maps (per-chunk min/max: Inexact filters that skip chunks).
@Suite struct CSVWriteAndZoneMapTests {
    @Test func csvInsertDeleteAndUpdateRewriteTheFileInItsOwnFormat() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("t.csv", "id|name\n1|a\n2|NA\n3|c, d\n")
        let t = try CSVTable(path: path, schema: nil, options: ["delimiter": "|", "null": "NA"])
        let schema = t.schema
        #expect(try t.insert([RecordBatch.from(rows: [[.int64(4), .null]], schema: schema)]) == 1)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "id|name\n1|a\n2|NA\n3|c, d\n4|NA\n")
        #expect(try t.deleteFrom(filters: [.binary(column("id"), .ltEq, .literal(.int64(2)))]) == 2)
        #expect(try t.update(assignments: [(column: "name", value: .literal(.string("x|y")))],
                             filters: [.binary(column("id"), .eq, .literal(.int64(4)))]) == 1)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "id|name\n3|c, d\n4|\"x|y\"\n")
        let reread = try CSVTable(path: path, schema: nil, options: ["delimiter": "|", "null": "NA"])
        #expect(try scanRows(reread.scan(projection: nil, filters: [], limit: nil)) == [[.int64(3), .string("c, d")], [.int64(4), .string("x|y")]])
        #expect(reread.estimatedRowCount == 2)
    }

    @Test func zoneMapsSkipChunksAndKeepTheFilter() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("t.csv", "a,b\n" + (1...10).map { "\($0),\($0 % 2 == 0 ? "" : "v")" }.joined(separator: "\n") + "\n")
        let t = try ZoneMapTable(wrapping: try CSVTable(path: path, schema: nil, options: [:]), chunkRows: 3)
        #expect(t.estimatedRowCount == 10)
        let over = Expr.binary(column("a"), .gt, .literal(.int64(7)))
        #expect(t.supportsFiltersPushdown([over, .scalarFunction(.upper, [column("b")])]) == [.inexact, .unsupported])
        let stats = ScanStatistics()
        let out = try scanRows(t.scan(projection: [0], filters: [over], limit: nil, statistics: stats))
        // Chunks [1-3], [4-6] skipped; [7-9] kept whole (7 fails the filter: Inexact), [10].
        #expect(out == [[.int64(7)], [.int64(8)], [.int64(9)], [.int64(10)]])
        #expect(stats.unitsTotal == 4 && stats.unitsPruned == 2 && stats.unitKind == "chunks")
        let between = Expr.between(column("a"), low: .literal(.int64(4)), high: .literal(.int64(5)), negated: false)
        #expect(try scanRows(t.scan(projection: [0], filters: [between], limit: nil)).count == 3)
        let nothing = Expr.binary(column("a"), .gt, .literal(.int64(100)))
        #expect(try scanRows(t.scan(projection: nil, filters: [nothing], limit: nil)).isEmpty)
    }
}
