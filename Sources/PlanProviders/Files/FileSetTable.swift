import PlanCore
import PlanExec

/// Several files of one format as one table (`data/part-*.csv`): the files' tables scanned
/// one after another. They must have the same columns. A filter is as exact as the least
/// exact answer among the files.
public final class FileSetTable: TableProvider {
    public let schema: Schema
    public let parts: [any TableProvider]
    public var kind: String { "files(\(parts.first?.kind ?? "none")) ×\(parts.count)" }

    public init(parts: [any TableProvider], pattern: String) throws {
        guard let first = parts.first else { throw PlanError(.io, "no file matches '\(pattern)'") }
        for p in parts.dropFirst() where p.schema.names != first.schema.names {
            throw PlanError(.io, "files matching '\(pattern)' have different columns: \(first.schema.names) and \(p.schema.names)")
        }
        schema = first.schema
        self.parts = parts
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
        for p in parts {
            for (i, a) in p.supportsFiltersPushdown(filters).enumerated() {
                if a == .unsupported || (a == .inexact && answers[i] == .exact) { answers[i] = a }
            }
        }
        return answers
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
        statistics.units(total: parts.count, pruned: 0, kind: "files")
        return ClosureStream {
            while !budget.isExhausted {
                if current == nil {
                    guard index < parts.count else { return nil }
                    current = try parts[index].scan(projection: projection, filters: pushed, limit: nil, statistics: statistics)
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
}
