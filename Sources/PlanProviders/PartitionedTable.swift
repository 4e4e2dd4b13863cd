import Foundation
import PlanCore
import PlanExec

/// A table over a directory of files of one format (CSV, Parquet, …) laid out hive-style
/// (`year=1995/month=03/part-0.csv`); each file is opened through its format's factory. The partition columns come from the directory
/// names and follow the file's columns in the schema.
///
/// Filters only on partition columns are Exact: whole files are skipped before any is
/// opened. Others are Unsupported (the file reader does not filter).
public final class PartitionedTable: TableProvider {
    public let schema: Schema
    public let root: String
    public let partitionColumns: [String]
    let dataSchema: Schema
    let format: String
    /// Opens one file with the data columns' schema (nil: the file's own).
    let openFile: @Sendable (_ path: String, _ schema: Schema?) throws -> any TableProvider
    /// Each file with its partition values (typed), in path order.
    let files: [(path: String, values: [ScalarValue])]
    public var kind: String { "partitioned \(format)" }

    /// CSV files under `root` (options as for ``CSVTable``).
    public convenience init(root: String, schema declared: Schema?, partitionedBy: [String], options: [String: String]) throws {
        try self.init(root: root, schema: declared, partitionedBy: partitionedBy, format: "csv", extensions: ["csv"]) { path, schema in
            try CSVTable(path: path, schema: schema, options: options)
        }
    }

    /// Files of `format` (named with one of `extensions`) under `root`, each opened by `openFile`.
    public init(root: String, schema declared: Schema?, partitionedBy: [String], format: String, extensions: [String],
                openFile: @escaping @Sendable (_ path: String, _ schema: Schema?) throws -> any TableProvider) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PlanError(.io, "partitioned table location \(root) is not a directory")
        }
        self.root = root
        self.format = format
        self.openFile = openFile
        partitionColumns = partitionedBy
        // Find files and their partition values (as text).
        var found: [(String, [String])] = []
        for relative in FileListing.files(under: root) ?? [] {
            guard extensions.contains(where: { relative.lowercased().hasSuffix("." + $0) }) else { continue }
            let parts = relative.split(separator: "/").dropLast()
            var values: [String] = []
            for (i, part) in parts.enumerated() {
                let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
                guard kv.count == 2, i < partitionedBy.count, kv[0].lowercased() == partitionedBy[i] else {
                    throw PlanError(.io, "\(root)/\(relative): expected directories \(partitionedBy.map { "\($0)=…" }.joined(separator: "/"))")
                }
                values.append(kv[1])
            }
            guard values.count == partitionedBy.count else {
                throw PlanError(.io, "\(root)/\(relative): expected directories \(partitionedBy.map { "\($0)=…" }.joined(separator: "/"))")
            }
            found.append(((root as NSString).appendingPathComponent(relative), values))
        }
        found.sort { $0.0 < $1.0 }
        guard let first = found.first else { throw PlanError(.io, "no .\(extensions.first ?? format) files under \(root)") }
        // Schema: declared (partition columns must be among them) or inferred.
        var partitionFields: [Field] = []
        if let declared {
            for p in partitionedBy {
                guard let f = declared.fields.first(where: { $0.name.lowercased() == p.lowercased() }) else {
                    throw PlanError(.catalog, "partition column '\(p)' is not among the declared columns")
                }
                partitionFields.append(f)
            }
            dataSchema = Schema(declared.fields.filter { f in !partitionFields.contains { $0.name == f.name } })
        } else {
            dataSchema = try openFile(first.0, nil).schema
            for (i, p) in partitionedBy.enumerated() {
                let allInts = found.allSatisfy { Int64($0.1[i]) != nil }
                partitionFields.append(Field(name: p, dataType: allInts ? .int64 : .text))
            }
        }
        schema = Schema(dataSchema.fields + partitionFields)
        var typed: [(String, [ScalarValue])] = []
        for (path, texts) in found {
            var values: [ScalarValue] = []
            for (i, t) in texts.enumerated() {
                do { values.append(try ScalarOps.cast(.string(t), to: partitionFields[i].dataType)) } catch {
                    throw PlanError(.io, "\(path): partition value '\(t)' is not a valid \(partitionFields[i].dataType.sqlName)")
                }
            }
            typed.append((path, values))
        }
        files = typed.map { (path: $0.0, values: $0.1) }
        let dataSchema = self.dataSchema
        counted = try files.map { try openFile($0.path, dataSchema) }
    }

    /// Each file opened once, for its row count (a CSV file's ``CSVRowCount``, a Parquet
    /// footer's); scans open the files again, so they read what is there then.
    let counted: [any TableProvider]
    /// The files' counts added up; exact when every file's is.
    public var estimatedRowCount: Int? {
        counted.reduce(0 as Int?) { total, file in total.flatMap { t in file.estimatedRowCount.map { t + $0 } } }
    }
    public var rowCountIsExact: Bool { counted.allSatisfy(\.rowCountIsExact) }

    var partitionSchema: Schema { Schema(Array(schema.fields.suffix(partitionColumns.count))) }

    public func supportsFiltersPushdown(_ filters: [Expr]) -> [FilterPushdown] {
        filters.map { f in
            let cols = f.columnRefs
            let onPartitions = !cols.isEmpty && cols.allSatisfy { partitionColumns.contains($0.name) }
            return onPartitions && !f.containsSubquery && !f.isCorrelated ? .exact : .unsupported
        }
    }

    public func scan(projection: [Int]?, filters: [Expr], limit: Int?) throws -> any BatchStream {
        try scan(projection: projection, filters: filters, limit: limit, statistics: ScanStatistics())
    }

    public func scan(projection: [Int]?, filters: [Expr], limit: Int?, statistics: ScanStatistics) throws -> any BatchStream {
        // Prune files with the partition-only filters.
        let partitionFilters = filters.filter { f in f.columnRefs.allSatisfy { partitionColumns.contains($0.name) } }
        let evaluator = try PushedFilterEvaluator(partitionFilters, schema: partitionSchema)
        var selected: [(path: String, values: [ScalarValue])] = []
        for file in files {
            let one = RecordBatch.from(rows: [file.values], schema: partitionSchema)
            if evaluator.isEmpty { selected.append(file); continue }
            if try evaluator.apply(one).rowCount == 1 { selected.append(file) }
        }
        statistics.units(total: files.count, pruned: files.count - selected.count, kind: "files")
        let wanted = projection ?? Array(schema.fields.indices)
        let outSchema = Schema(wanted.map { schema.fields[$0] })
        let dataCount = dataSchema.count
        let dataWanted = wanted.filter { $0 < dataCount }
        var index = 0
        var current: (any BatchStream)?
        var currentStatistics = ScanStatistics()
        var currentValues: [ScalarValue] = []
        var budget = RowBudget(limit: limit)
        let openFile = self.openFile, dataSchema = self.dataSchema
        return ClosureStream {
            while !budget.isExhausted {
                if current == nil {
                    guard index < selected.count else { return nil }
                    let file = selected[index]
                    index += 1
                    let table = try openFile(file.path, dataSchema)
                    currentStatistics = ScanStatistics()
                    current = try table.scan(projection: dataWanted.isEmpty ? [0] : dataWanted, filters: [], limit: nil,
                                             statistics: currentStatistics)
                    currentValues = file.values
                }
                guard let stream = current, let b = try stream.next() else {
                    // File done: its rows and bytes count for the table.
                    statistics.read(rows: currentStatistics.rowsRead, bytes: currentStatistics.bytesRead)
                    current = nil
                    continue
                }
                var columns: [ColumnVector] = []
                for i in wanted {
                    if i < dataCount, let pos = dataWanted.firstIndex(of: i) {
                        columns.append(b.columns[pos])
                    } else {
                        let p = i - dataCount
                        columns.append(ColumnVector.constant(currentValues[p], type: self.schema.fields[i].dataType, count: b.rowCount))
                    }
                }
                return budget.take(RecordBatch(schema: outSchema, columns: columns, rowCount: b.rowCount))
            }
            return nil
        }
    }
}
