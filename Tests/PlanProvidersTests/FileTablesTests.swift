import Foundation
import PlanCore
import PlanExec
@testable import PlanProviders
import Testing

/// `FileTables.open`, the one way file tables are opened: formats, folders, globs, hive
/// partitions with pruning, and row counts.
@Suite struct FileTablesTests {
    static func open(_ location: String, format: String = "csv", options: [String: String] = [:],
                     partitionedBy: [String] = []) throws -> any TableProvider {
        try FileTables.open(format: format, location: location, schema: nil, options: TableOptions(options), partitionedBy: partitionedBy,
                            factories: FileTables.builtInFactories)
    }

    static func message(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "ok" } catch { return "\(error)" }
    }

    @Test func formatsByNameAndAlias() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("t.jsonl", "{\"a\": 1}\n{\"a\": 2}\n")
        #expect(try Self.open(path, format: "jsonl").kind == "jsonl")
        #expect(try Self.open(path, format: "NDJSON").kind == "jsonl")
        #expect(Self.message { try Self.open(path, format: "avro") }
                .contains("file format 'avro' is not supported (supported: csv, jsonl, parquet)"))
    }

    @Test func aFileIsReadByItsExtensionThenItsMagicBytes() throws {
        let folder = try TemporaryFolder()
        // No extension, Parquet's magic: read by the Parquet reader even when CSV is asked
        // for (never as text), which finds it is no Parquet file.
        let blob = try folder.write("blob", "PAR1 not really parquet")
        let m = Self.message { try Self.open(blob, format: "csv") }
        #expect(m != "ok" && m.lowercased().contains("parquet"), "read as text: \(m)")
        // No extension, text: read as the format asked for.
        let text = try folder.write("rows", "{\"a\": 1}\n")
        #expect(try Self.open(text, format: "jsonl").schema.fields.map(\.name) == ["a"])
        // The extension decides before the bytes do.
        let named = try folder.write("named.csv", "PAR1,x\n1,2\n")
        #expect(try Self.open(named, format: "csv").schema.fields.map(\.name) == ["PAR1", "x"])
    }

    @Test func aFolderIsEveryFileOfTheFormatInPathOrder() throws {
        let folder = try TemporaryFolder()
        try folder.write("b.csv", "a\n3\n4\n")
        try folder.write("a.csv", "a\n1\n2\n")
        try folder.write("notes.txt", "not a table")
        try folder.write(".hidden.csv", "a\n99\n")
        let t = try Self.open(folder.path)
        #expect(try scanRows(t.scan(projection: nil, filters: [], limit: nil)) == [[.int64(1)], [.int64(2)], [.int64(3)], [.int64(4)]])
        #expect(t.estimatedRowCount == 4)
        let empty = try TemporaryFolder()
        try empty.write("x.txt", "")
        #expect(Self.message { try Self.open(empty.path) }.contains("a folder with no .csv files"))
    }

    @Test func aGlobIsTheFilesItMatches() throws {
        let folder = try TemporaryFolder()
        try folder.write("x1.csv", "a\n1\n")
        try folder.write("x2.csv", "a\n2\n")
        try folder.write("y.csv", "a\n3\n")
        let t = try Self.open(folder.path + "/x*.csv")
        #expect(try scanRows(t.scan(projection: nil, filters: [], limit: nil)) == [[.int64(1)], [.int64(2)]])
    }

    @Test func zoneMapOptionsAreChecked() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("t.csv", "a\n1\n2\n3\n")
        #expect(try Self.open(path, options: ["zone_maps": "on", "chunk_rows": "2"]).kind.contains("csv"))
        #expect(Self.message { try Self.open(path, options: ["zone_maps": "maybe"]) }.contains("zone_maps must be on or off, got 'maybe'"))
        #expect(Self.message { try Self.open(path, options: ["zone_maps": "on", "chunk_rows": "0"]) }
                .contains("chunk_rows must be a positive integer, got '0'"))
    }

    /// year=2020/, year=2021/ (two files): a filter on the partition column is Exact, prunes
    /// the other folders' files without reading them, and the rows carry the partition value.
    @Test func partitionFiltersPruneFiles() throws {
        let folder = try TemporaryFolder()
        try folder.write("year=2020/part-0.csv", "id,v\n1,a\n2,b\n")
        try folder.write("year=2021/part-0.csv", "id,v\n3,c\n")
        try folder.write("year=2021/part-1.csv", "id,v\n4,d\n5,e\n")
        let t = try Self.open(folder.path, partitionedBy: ["year"])
        #expect(t.schema.fields.map(\.name) == ["id", "v", "year"])
        #expect(t.schema.fields[2].dataType == .int64)
        #expect(t.estimatedRowCount == 5)
        #expect(t.rowCountIsExact)
        let onYear = Expr.binary(column("year"), .eq, .literal(.int64(2021)))
        let onData = Expr.binary(column("id"), .eq, .literal(.int64(1)))
        #expect(t.supportsFiltersPushdown([onYear, onData]) == [.exact, .unsupported])
        let stats = ScanStatistics()
        let out = try scanRows(t.scan(projection: [0, 2], filters: [onYear], limit: nil, statistics: stats))
        #expect(out == [[.int64(3), .int64(2021)], [.int64(4), .int64(2021)], [.int64(5), .int64(2021)]])
        #expect(stats.unitsTotal == 3 && stats.unitsPruned == 1 && stats.unitKind == "files")
        #expect(stats.rowsRead == 3)
        // No filter: every file, and a limit stops early.
        #expect(try scanRows(t.scan(projection: [2], filters: [], limit: nil)).count == 5)
        #expect(try scanRows(t.scan(projection: nil, filters: [], limit: 2)).count == 2)
    }

    @Test func partitionFoldersMustBeNamedAsDeclared() throws {
        let folder = try TemporaryFolder()
        try folder.write("month=1/part.csv", "id\n1\n")
        #expect(Self.message { try Self.open(folder.path, partitionedBy: ["year"]) }.contains("expected directories year=…"))
        let text = try TemporaryFolder()
        try text.write("region=eu/p.csv", "id\n1\n")
        try text.write("region=us/p.csv", "id\n2\n")
        let t = try Self.open(text.path, partitionedBy: ["region"])
        #expect(t.schema.fields[1].dataType == .text)
        let onRegion = Expr.binary(column("region"), .eq, .literal(.string("us")))
        #expect(try scanRows(t.scan(projection: nil, filters: [onRegion], limit: nil)) == [[.int64(2), .string("us")]])
    }
}
