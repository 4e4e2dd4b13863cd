import PlanCore
import PlanExec
import PlanParquet

/// A Parquet file as a table. The footer is read when the table is opened (schema, row
/// groups, exact row count for the planner's estimates); a scan reads, per row group, only
/// the column chunks its projection needs, one row group per morsel, so row groups decode
/// on the shared runtime in parallel. Filters are not pushed yet (Unsupported: applied
/// above the scan). A declared schema picks the file's columns by name and casts them.
public final class ParquetTable: MorselScanning {
    public let file: ParquetFile
    public let schema: Schema
    public var kind: String { "parquet" }
    /// Per column of ``schema``: the file column it reads.
    let sources: [Int]

    public var path: String { file.path }
    public var estimatedRowCount: Int? { file.rowCount }

    /// A column planscope cannot read (LIST, MAP, STRUCT, TIME, …) is shown as the file's
    /// type, `(not supported)`: scanning it is an error naming the column.
    public func shownType(ofColumn index: Int) -> String? {
        guard sources.indices.contains(index) else { return nil }
        return file.columns[sources[index]].unsupportedType.map { "\($0) (not supported)" }
    }
    public var rowCountIsExact: Bool { true }

    public init(path: String, schema declared: Schema?) throws {
        do { file = try ParquetFile(path: path) } catch { throw PlanError(.io, error.description) }
        let fileSchema = file.schema
        guard let declared else {
            schema = fileSchema
            sources = Array(fileSchema.fields.indices)
            return
        }
        var sources: [Int] = []
        for f in declared.fields {
            guard let i = fileSchema.fields.firstIndex(where: { $0.name == f.name })
                    ?? fileSchema.fields.firstIndex(where: { $0.name.lowercased() == f.name.lowercased() }) else {
                throw PlanError(.io, "\(path): the file has no column '\(f.name)' (it has \(fileSchema.names.joined(separator: ", ")))")
            }
            sources.append(i)
        }
        self.sources = sources
        schema = declared
    }

    /// Row group `g` with the columns `projection` of ``schema``.
    func rowGroup(_ g: Int, projection: [Int], outSchema: Schema, statistics: ScanStatistics) throws -> RecordBatch {
        let rows = file.rowGroupRows[g]
        let columns: [ColumnVector]
        do {
            columns = try file.readRowGroup(g, columns: projection.map { sources[$0] })
        } catch {
            throw PlanError(.io, error.description)
        }
        var out: [ColumnVector] = []
        for (k, c) in columns.enumerated() {
            let wanted = outSchema.fields[k].dataType
            out.append(c.dataType == wanted ? c : try Self.cast(c, to: wanted, column: outSchema.fields[k].name, path: path))
        }
        let group = file.metadata.rowGroups[g]
        let bytes = projection.reduce(0) { acc, i in
            let leaf = file.columns[sources[i]].leaf
            return acc + Int(clamping: group.columns[leaf].metaData?.totalCompressedSize ?? 0)
        }
        statistics.read(rows: rows, bytes: bytes)
        return RecordBatch(schema: outSchema, columns: out, rowCount: rows)
    }

    static func cast(_ column: ColumnVector, to type: DataType, column name: String, path: String) throws -> ColumnVector {
        var b = ColumnBuilder(type, capacity: column.count)
        for i in 0..<column.count {
            do { b.append(try ScalarOps.cast(column.value(i), to: type)) } catch {
                throw PlanError(.io, "\(path): column '\(name)': \(error.message)")
            }
        }
        return b.finish()
    }

    public func scan(projection: [Int]?, filters: [Expr], limit: Int?) throws -> any BatchStream {
        try scan(projection: projection, filters: filters, limit: limit, statistics: ScanStatistics())
    }

    public func scan(projection: [Int]?, filters: [Expr], limit: Int?, statistics: ScanStatistics) throws -> any BatchStream {
        let columns = projection ?? Array(schema.fields.indices)
        let outSchema = schema.projected(projection)
        let groups = file.rowGroupRows.count
        statistics.units(total: groups, pruned: 0, kind: "row groups")
        var next = 0
        var queued: [RecordBatch] = []
        var budget = RowBudget(limit: limit)
        return ClosureStream { [self] in
            while !budget.isExhausted {
                if !queued.isEmpty {
                    if let kept = budget.take(queued.removeFirst()) { return kept }
                    continue
                }
                guard next < groups else { return nil }
                let batch = try rowGroup(next, projection: columns, outSchema: outSchema, statistics: statistics)
                next += 1
                queued = batch.split(every: RecordBatch.targetSize)
            }
            return nil
        }
    }

    public func morselScan(projection: [Int]?, filters: [Expr], rows: Int, statistics: ScanStatistics) throws -> Morsels? {
        let columns = projection ?? Array(schema.fields.indices)
        let outSchema = schema.projected(projection)
        let groups = file.rowGroupRows.count
        statistics.units(total: groups, pruned: 0, kind: "row groups")
        return Morsels(count: groups) { [self] g in
            try rowGroup(g, projection: columns, outSchema: outSchema, statistics: statistics)
        }
    }
}

/// Parquet files (footer schema; every column chunk read only when projected).
public struct ParquetTableFactory: TableFactory {
    public init() {}
    public let format = "parquet"
    public let version = "1"
    public let summary = "Parquet files: schema from the footer; only the projected column chunks are read"
    public func open(path: String, schema: Schema?, options: [String: String]) throws -> any TableProvider {
        if let key = options.keys.sorted().first { throw PlanError(.unsupported, "Parquet files take no option '\(key)'") }
        return try ParquetTable(path: path, schema: schema)
    }
}
