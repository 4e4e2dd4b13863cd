import PlanCore
import PlanExec
import PlanParquet
import PlanSQL

/// `parquet_metadata('file')`: one row per column chunk of every row group of a Parquet
/// file (or of each file a glob matches), with what the footer says of it — min, max and
/// NULL count as the column's values, encodings, codec, sizes, and whether a page index
/// and a bloom filter are there — to explain why a row group was or was not pruned.
public struct ParquetMetadataPlanner: RelationPlanner {
    public let name = "parquet_metadata"
    public let summary = "a Parquet file's row groups and column chunks (statistics, encodings, sizes): parquet_metadata('x.parquet')"
    public let documentation = """
        parquet_metadata('path') [AS alias]

        One row per column chunk of every row group of a Parquet file (or of every file a
        glob matches): file_name, row_group, row_group_rows, row_group_bytes, column_name,
        physical_type, type (planscope's), min, max (as text; NULL when the footer has none,
        or only the deprecated ones in an order that may not be the column's), null_count, distinct_count, encodings,
        compression, compressed_bytes, uncompressed_bytes, data_page_offset,
        dictionary_page_offset, has_page_index, has_bloom_filter. Row groups are pruned on
        min, max and null_count (SET pushdown.parquet.row_groups), pages on the page index,
        equality and IN on the bloom filter.

        Example: SELECT row_group, min, max FROM parquet_metadata('lineitem.parquet') WHERE column_name = 'l_shipdate';
        """
    /// Opens a file (or glob) of a format through the session's factories.
    let open: @Sendable (_ format: String, _ path: String, _ options: [String: String]) throws -> any TableProvider

    public init(open: @escaping @Sendable (_ format: String, _ path: String, _ options: [String: String]) throws -> any TableProvider) {
        self.open = open
    }

    static let schema = Schema([
        Field(name: "file_name", dataType: .text, nullable: false),
        Field(name: "row_group", dataType: .int64, nullable: false),
        Field(name: "row_group_rows", dataType: .int64, nullable: false),
        Field(name: "row_group_bytes", dataType: .int64, nullable: false),
        Field(name: "column_name", dataType: .text, nullable: false),
        Field(name: "physical_type", dataType: .text, nullable: false),
        Field(name: "type", dataType: .text, nullable: false),
        Field(name: "min", dataType: .text, nullable: true),
        Field(name: "max", dataType: .text, nullable: true),
        Field(name: "null_count", dataType: .int64, nullable: true),
        Field(name: "distinct_count", dataType: .int64, nullable: true),
        Field(name: "encodings", dataType: .text, nullable: false),
        Field(name: "compression", dataType: .text, nullable: false),
        Field(name: "compressed_bytes", dataType: .int64, nullable: false),
        Field(name: "uncompressed_bytes", dataType: .int64, nullable: false),
        Field(name: "data_page_offset", dataType: .int64, nullable: false),
        Field(name: "dictionary_page_offset", dataType: .int64, nullable: true),
        Field(name: "has_page_index", dataType: .boolean, nullable: false),
        Field(name: "has_bloom_filter", dataType: .boolean, nullable: false),
    ])

    public func plan(positional: [RelationArgument], named: [String: RelationArgument], alias: String) throws(PlanError) -> LogicalPlan {
        if let key = named.keys.sorted().first { throw PlanError(.unsupported, "parquet_metadata has no option '\(key)'") }
        guard positional.count == 1, case .value(.string(let path)) = positional[0] else {
            throw PlanError(.arity, "parquet_metadata takes one file path (a string)")
        }
        let table: any TableProvider
        do {
            table = try open("parquet", path, [:])
        } catch let error as PlanError {
            throw error
        } catch {
            throw PlanError(.io, "parquet_metadata: \(error)")
        }
        let files = ((table as? FileSetTable)?.parts ?? [table]).compactMap { ($0 as? ParquetTable)?.file }
        var rows: [[ScalarValue]] = []
        for file in files { rows += Self.rows(of: file) }
        return try MemoryTable.tableFunctionScan(schema: Self.schema, rows: rows, function: name, alias: alias)
    }

    /// One row per column chunk, row group by row group.
    static func rows(of file: ParquetFile) -> [[ScalarValue]] {
        var out: [[ScalarValue]] = []
        for (g, group) in file.metadata.rowGroups.enumerated() {
            for (leaf, chunk) in group.columns.enumerated() {
                let meta = chunk.metaData
                // The top-level column this chunk is (nil for a leaf of a nested column).
                let column = file.columns.first { $0.leaf == leaf && $0.leafCount == 1 }
                let name = meta.map { $0.pathInSchema.joined(separator: ".") } ?? column?.name ?? "leaf \(leaf)"
                var low = ScalarValue.null, high = ScalarValue.null
                if let column, column.unsupported == nil, let stats = meta?.statistics {
                    let (lo, hi) = column.statisticsBytes(stats)
                    low = lo.flatMap(column.statisticsValue).map { .string($0.sqlText) } ?? .null
                    high = hi.flatMap(column.statisticsValue).map { .string($0.sqlText) } ?? .null
                }
                func int(_ v: Int64?) -> ScalarValue { v.map(ScalarValue.int64) ?? .null }
                out.append([
                    .string(file.path), .int64(Int64(g)), .int64(group.numRows), .int64(group.totalByteSize), .string(name),
                    .string(meta?.type.description ?? "?"),
                    .string(column.map { $0.unsupported == nil ? $0.dataType.sqlName : "unsupported" } ?? "unsupported"),
                    low, high, int(meta?.statistics?.nullCount), int(meta?.statistics?.distinctCount),
                    .string(meta?.encodings.map(\.description).joined(separator: ", ") ?? ""),
                    .string(meta?.codec.description ?? "?"),
                    .int64(meta?.totalCompressedSize ?? 0), .int64(meta?.totalUncompressedSize ?? 0),
                    .int64(meta?.dataPageOffset ?? 0), int(meta?.dictionaryPageOffset),
                    .boolean(chunk.offsetIndexOffset != nil), .boolean(meta?.bloomFilterOffset != nil),
                ])
            }
        }
        return out
    }
}
