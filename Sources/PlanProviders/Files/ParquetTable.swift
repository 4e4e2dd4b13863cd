import PlanCore
import PlanExec
import PlanParquet
import PlanSubstrait

/// A Parquet file as a table. The footer is read when the table is opened (schema, row
/// groups, exact row count for the planner's estimates); a scan reads, per row group, only
/// the column chunks its projection needs, one row group per morsel, so row groups decode
/// on the shared runtime in parallel. Filters a zone can judge (comparisons with a constant,
/// BETWEEN, IN, IS [NOT] NULL and ANDs of them) are Inexact: ``ParquetPruner`` skips row
/// groups and pages on the file's statistics, page index and bloom filters, and the filter
/// stays above the scan. A declared schema picks the file's columns by name and casts them.
public final class ParquetTable: MorselScanning {
    public let file: ParquetFile
    public let schema: Schema
    public var kind: String { "parquet" }
    /// Per column of ``schema``: the file column it reads.
    let sources: [Int]

    /// Per column of ``schema``: its zone over the whole file (the row groups' footer
    /// statistics merged), for the planner's estimates.
    let zones: [ColumnZone?]

    public var path: String { file.path }
    public func zone(ofColumn index: Int) -> ColumnZone? { zones.indices.contains(index) ? zones[index] : nil }

    /// For an integer column whose footer gives both bounds: at most the range's width
    /// (max − min + 1) and never more than its non-NULL rows — a sound bound from the
    /// footer alone, so a join on a column of 25 values (a nation key) is not planned as
    /// if it were a key. Nil otherwise (the planner then assumes as for any file).
    public func distinctCount(ofColumn index: Int) -> Int? {
        guard let zone = zone(ofColumn: index), schema.fields.indices.contains(index),
              [.int16, .int32, .int64].contains(schema.fields[index].dataType),
              let low = zone.min?.int64Value, let high = zone.max?.int64Value, high >= low else { return nil }
        let width = high.subtractingReportingOverflow(low)
        let rows = max(0, file.rowCount - (zone.nullCount ?? 0))
        guard !width.overflow, width.partialValue < Int64(rows) else { return rows }
        return Int(width.partialValue) + 1
    }
    public var estimatedRowCount: Int? { file.rowCount }

    /// A column planscope cannot read (LIST, MAP, STRUCT, TIME, …) is shown as the file's
    /// type, `(not supported)`: scanning it is an error naming the column.
    public func shownType(ofColumn index: Int) -> String? {
        guard sources.indices.contains(index) else { return nil }
        return file.columns[sources[index]].unsupportedType.map { "\($0) (not supported)" }
    }
    public var rowCountIsExact: Bool { true }

    public init(path: String, schema declared: Schema?) throws {
        do {
            // The footer from the process's cache when the file is the one it was read from.
            file = try CacheManager.shared.parquetFooters.value(for: path) { () throws(ParquetError) in
                let file = try ParquetFile(path: path)
                return (file, bytes: 4 * file.footerLength + 1024)
            }
        } catch { throw PlanError(.io, error.description) }
        let fileSchema = file.schema
        guard let declared else {
            schema = fileSchema
            sources = Array(fileSchema.fields.indices)
            zones = Self.zones(file, schema: schema, sources: sources)
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
        zones = Self.zones(file, schema: declared, sources: sources)
    }

    static func zones(_ file: ParquetFile, schema: Schema, sources: [Int]) -> [ColumnZone?] {
        let pruner = ParquetPruner(file: file, schema: schema, sources: sources, filters: [], switches: ScanPruning())
        return schema.fields.indices.map { c in
            guard pruner.fileColumns[c] != nil else { return nil }
            let groups = file.metadata.rowGroups.indices.compactMap { pruner.rowGroupZone($0, c) }
            return groups.count == file.metadata.rowGroups.count ? ColumnZone.merged(groups) : nil
        }
    }

    /// Row group `g` with the columns `projection` of ``schema``: only the rows the page
    /// index leaves (nil when it leaves none).
    func rowGroup(_ g: Int, projection: [Int], outSchema: Schema, pruner: ParquetPruner,
                  statistics: ScanStatistics) throws -> RecordBatch? {
        let fileColumns = projection.map { sources[$0] }
        // Page indexes, read once per leaf: for the filters' columns and, when present, the
        // projected ones (to skip and to count their pages).
        var indexes: [Int: ParquetFile.PageIndex?] = [:]
        var indexBytes = 0
        func index(_ leaf: Int) -> ParquetFile.PageIndex? {
            if let known = indexes[leaf] { return known }
            // From the process's cache when this file version's index was read before.
            let i = CacheManager.shared.parquetPageIndexes.value(for: path, variant: "\(g)/\(leaf)") {
                let (i, bytes) = file.pageIndex(group: g, leaf: leaf)
                indexBytes += bytes
                return (i, bytes: 2 * bytes + 128)
            }
            indexes[leaf] = i
            return i
        }
        let selection = pruner.selection(g, index: index)
        if let selection, selection.isEmpty {
            // No page can hold a passing row: the row group is pruned by the page index.
            statistics.units(total: 0, pruned: 1, kind: "row groups")
            statistics.pruned(1, kind: "row groups", by: "page index")
            let pages = fileColumns.reduce(0) { $0 + (index(file.columns[$1].leaf)?.offsets.pages.count ?? 0) }
            countPages(total: pages, read: 0, statistics)
            statistics.read(rows: 0, bytes: indexBytes)
            return nil
        }
        statistics.unitsRead(1, kind: "row groups")
        let read: ParquetFile.RowGroupRead
        do {
            read = try file.readRowGroup(g, columns: fileColumns, selection: selection) { index($0) }
        } catch {
            throw PlanError(.io, error.description)
        }
        var out: [ColumnVector] = []
        for (k, c) in read.columns.enumerated() {
            let wanted = outSchema.fields[k].dataType
            out.append(c.dataType == wanted ? c : try Self.cast(c, to: wanted, column: outSchema.fields[k].name, path: path))
        }
        countPages(total: read.pagesTotal, read: read.pagesRead, statistics)
        statistics.read(rows: read.rows, bytes: read.bytes + indexBytes)
        return RecordBatch(schema: outSchema, columns: out, rowCount: read.rows)
    }

    func countPages(total: Int, read: Int, _ statistics: ScanStatistics) {
        guard total > 0 else { return }
        statistics.units(total: total, pruned: total - read, kind: "pages")
        statistics.pruned(total - read, kind: "pages", by: "page index")
        statistics.unitsRead(read, kind: "pages")
    }

    func pruner(_ filters: [Expr], _ statistics: ScanStatistics) -> ParquetPruner {
        statistics.file(bytes: file.fileSize)
        return ParquetPruner(file: file, schema: schema, sources: sources, filters: filters, switches: statistics.pruning)
    }

    public func supportsFiltersPushdown(_ filters: [Expr]) -> [FilterPushdown] {
        let zones = ZonePruning(schema: schema)
        return filters.map { zones.judgeable($0) ? .inexact : .unsupported }
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
        let pruner = pruner(filters, statistics)
        let groups = pruner.rowGroups(statistics)
        var next = 0
        var queued: [RecordBatch] = []
        var budget = RowBudget(limit: limit)
        return ClosureStream { [self] in
            while !budget.isExhausted {
                if !queued.isEmpty {
                    if let kept = budget.take(queued.removeFirst()) { return kept }
                    continue
                }
                guard next < groups.count else { return nil }
                let batch = try rowGroup(groups[next], projection: columns, outSchema: outSchema, pruner: pruner, statistics: statistics)
                next += 1
                queued = batch?.split(every: RecordBatch.targetSize) ?? []
            }
            return nil
        }
    }

    public func morselScan(projection: [Int]?, filters: [Expr], rows: Int, statistics: ScanStatistics) throws -> Morsels? {
        let columns = projection ?? Array(schema.fields.indices)
        let outSchema = schema.projected(projection)
        let pruner = pruner(filters, statistics)
        let groups = pruner.rowGroups(statistics)
        return Morsels(count: groups.count) { [self] k in
            try rowGroup(groups[k], projection: columns, outSchema: outSchema, pruner: pruner, statistics: statistics)
        }
    }
}

/// Parquet files (footer schema; every column chunk read only when projected).
public struct ParquetTableFactory: TableFactory {
    public init() {}
    public let format = "parquet"
    public let version = "1"
    public let summary = "Parquet files: schema from the footer; only the projected column chunks are read"
    public func open(path: String, schema: Schema?, options: TableOptions) throws -> any TableProvider {
        try options.check(knownTo: [], format: "Parquet", kind: .unsupported)
        return try ParquetTable(path: path, schema: schema)
    }
}

extension ParquetTable: SubstraitFileScan {
    /// The file as a Substrait read of a local Parquet file.
    public var substraitFiles: [SubstraitFiles]? { [SubstraitFiles(format: .parquet, path: path)] }
}
