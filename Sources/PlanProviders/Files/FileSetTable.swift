import PlanCore
import PlanExec
import PlanSubstrait

/// Several files of one format as one table (`data/part-*.csv`): the files' tables scanned
/// one after another. Files whose columns differ are unioned by name — the columns in the
/// order they first appear, NULL in a file without one — and a column whose type differs
/// between files is an error naming the file and the column. A filter is as exact as the
/// least exact answer among the files; a file without a filter's column is not offered it.
public final class FileSetTable: TableProvider {
    public let schema: Schema
    public let parts: [any TableProvider]
    /// Per part, per column of ``schema``: the part's column (nil: NULL there).
    let columnMaps: [[Int?]]
    public var kind: String { "files(\(parts.first?.kind ?? "none")) ×\(parts.count)" }

    public init(parts: [any TableProvider], pattern: String, paths: [String] = []) throws {
        guard let first = parts.first else { throw PlanError(.io, "no file matches '\(pattern)'") }
        var fields = first.schema.fields
        if parts.contains(where: { $0.schema.names != first.schema.names || $0.schema.fields.map(\.dataType) != first.schema.fields.map(\.dataType) }) {
            for (i, p) in parts.enumerated().dropFirst() {
                for f in p.schema.fields {
                    if let known = fields.first(where: { $0.name == f.name }) {
                        guard known.dataType == f.dataType else {
                            let file = paths.indices.contains(i) ? paths[i] : "file \(i + 1) of '\(pattern)'"
                            throw PlanError(.io, "\(file): column '\(f.name)' is \(f.dataType.sqlName), the other files matching '\(pattern)' have \(known.dataType.sqlName)")
                        }
                    } else {
                        fields.append(Field(name: f.name, dataType: f.dataType, nullable: true))
                    }
                }
            }
            fields = fields.map { f in parts.allSatisfy({ $0.schema.names.contains(f.name) }) ? f : Field(name: f.name, dataType: f.dataType, nullable: true) }
        }
        schema = Schema(fields)
        self.parts = parts
        columnMaps = parts.map { p in fields.map { f in p.schema.fields.firstIndex { $0.name == f.name } } }
    }

    /// The union's zone of column `index`: the files' zones merged (nil when one is unknown).
    public func zone(ofColumn index: Int) -> ColumnZone? {
        var zones: [ColumnZone] = []
        for (p, map) in zip(parts, columnMaps) {
            guard let c = map[index], let z = p.zone(ofColumn: c) else { return nil }
            zones.append(z)
        }
        return ColumnZone.merged(zones)
    }

    public var estimatedRowCount: Int? {
        parts.reduce(0 as Int?) { acc, p in acc.flatMap { a in p.estimatedRowCount.map { a + $0 } } }
    }

    /// As the first file shows it (the files have the same columns).
    public func shownType(ofColumn index: Int) -> String? { parts.first?.shownType(ofColumn: index) }

    /// Exact when every file's count is (Parquet footers).
    public var rowCountIsExact: Bool { parts.allSatisfy(\.rowCountIsExact) }

    public func supportsFiltersPushdown(_ filters: [Expr]) -> [FilterPushdown] {
        var answers = filters.map { _ in FilterPushdown.exact }
        for (k, p) in parts.enumerated() {
            let offered = filters.indices.filter { has(k, filters[$0]) }
            for i in filters.indices where !offered.contains(i) { answers[i] = .unsupported }
            for (i, a) in zip(offered, p.supportsFiltersPushdown(offered.map { filters[$0] })) {
                if a == .unsupported || (a == .inexact && answers[i] == .exact) { answers[i] = a }
            }
        }
        return answers
    }

    /// Whether part `k` has every column `filter` reads.
    func has(_ k: Int, _ filter: Expr) -> Bool {
        filter.columnRefs.allSatisfy { c in parts[k].schema.fields.contains { $0.name == c.name } }
    }

    public func scan(projection: [Int]?, filters: [Expr], limit: Int?) throws -> any BatchStream {
        try scan(projection: projection, filters: filters, limit: limit, statistics: ScanStatistics())
    }

    public func scan(projection: [Int]?, filters: [Expr], limit: Int?, statistics: ScanStatistics) throws -> any BatchStream {
        let answers = supportsFiltersPushdown(filters)
        let pushed = zip(filters, answers).filter { $0.1 != .unsupported }.map(\.0)
        var index = 0
        var current: (any BatchStream)?
        var budget = RowBudget(limit: limit)
        let parts = self.parts
        let columns = projection ?? Array(schema.fields.indices)
        let outSchema = schema.projected(projection)
        statistics.units(total: parts.count, pruned: 0, kind: "files")
        return ClosureStream { [self] in
            while !budget.isExhausted {
                if current == nil {
                    guard index < parts.count else { return nil }
                    current = try partScan(index, columns: columns, outSchema: outSchema, filters: pushed.filter { has(index, $0) }, statistics: statistics)
                    index += 1
                }
                if let b = try current?.next() {
                    if let kept = budget.take(b) { return kept }
                } else {
                    current = nil
                }
            }
            return nil
        }
    }

    /// Part `k`'s rows in the union's columns `columns` (NULL where the part has none).
    func partScan(_ k: Int, columns: [Int], outSchema: Schema, filters: [Expr], statistics: ScanStatistics) throws -> any BatchStream {
        let map = columnMaps[k]
        let own = columns.compactMap { map[$0] }
        let inner = try parts[k].scan(projection: own, filters: filters, limit: nil, statistics: statistics)
        if own.count == columns.count { return inner }
        return ClosureStream {
            guard let b = try inner.next() else { return nil }
            var next = 0
            let out = columns.enumerated().map { i, c -> ColumnVector in
                guard map[c] != nil else { return ColumnVector(outSchema.fields[i].dataType, .null(count: b.rowCount)) }
                defer { next += 1 }
                return b.columns[next]
            }
            return RecordBatch(schema: outSchema, columns: out, rowCount: b.rowCount)
        }
    }
}

extension FileSetTable: SubstraitFileScan {
    /// Every part's file, in order (nil when a part is not a CSV or Parquet file).
    public var substraitFiles: [SubstraitFiles]? {
        var out: [SubstraitFiles] = []
        for part in parts {
            guard let files = (part as? any SubstraitFileScan)?.substraitFiles else { return nil }
            out += files
        }
        return out
    }
}
