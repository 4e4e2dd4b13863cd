import Foundation
import PlanCore
import PlanExec
import PlanSQL

/// `read_csv('path' [, header => true, delimiter => ';', null => 'NA'])`,
/// `read_json('path')` (JSON lines) and `read_parquet('path')`: files (or a glob) queried
/// directly, as `FROM 'path'` does. The scan is an ordinary table scan, so its filters are classified like an external
/// table's. Relative paths resolve against the session's directory.
public struct ReadFilePlanner: RelationPlanner {
    public let name: String
    let format: String
    /// Opens a file of this planner's format through the session's factories.
    let open: @Sendable (_ format: String, _ path: String, _ options: TableOptions) throws -> any TableProvider

    public init(format: String, open: @escaping @Sendable (_ format: String, _ path: String, _ options: TableOptions) throws -> any TableProvider) {
        self.format = format
        self.name = switch format {
        case "csv": "read_csv"
        case "parquet": "read_parquet"
        default: "read_json"
        }
        self.open = open
    }

    public var summary: String {
        switch format {
        case "csv": "read a CSV file or glob: read_csv('data/*.csv', header => true, delimiter => ',', null => '')"
        case "parquet": "read a Parquet file or glob: read_parquet('data/*.parquet')"
        default: "read a JSON lines file or glob: read_json('logs/*.jsonl')"
        }
    }

    public var documentation: String {
        switch format {
        case "parquet":
            """
            read_parquet('path') [AS alias]

            Reads a Parquet file, or every file a glob in the file name matches
            ('data/*.parquet'), as a table; the schema comes from the files' footers. FROM 'path'
            does the same, choosing the format from the file name (.parquet) or its first
            bytes (PAR1). Only the column chunks a query needs are read. Comparisons with
            constants, BETWEEN, IN and IS [NOT] NULL are Inexact: row groups are skipped on the
            footer's statistics and bloom filters, pages on the page index (SET
            pushdown.parquet.row_groups|page_index|bloom_filter = on|off); the filter stays above
            the scan.
            """
        default:
            """
            \(name)('path' \(format == "csv" ? "[, header => true|false] [, delimiter => ','] [, null => 'NA']" : "")) [AS alias]

            Reads \(format == "csv" ? "a CSV file" : "a JSON lines file (one object per line)"), or every file a glob in
            the file name matches ('logs/*.\(format == "csv" ? "csv" : "jsonl")'), as a table. FROM 'path' does the same,
            choosing the format from the file name (.json, .jsonl, .ndjson: JSON lines; .parquet or
            a file starting with PAR1: Parquet; else CSV).
            Column types are inferred from the data. Filters on the scan are classified as for
            CREATE EXTERNAL TABLE (CSV: Unsupported, applied above the scan; JSON lines: Exact).
            """
        }
    }

    static let csvOptions: Set<String> = ["header", "delimiter", "null"]

    public func plan(positional: [RelationArgument], named: [String: RelationArgument], alias: String) throws(PlanError) -> LogicalPlan {
        guard positional.count == 1, case .value(.string(let path)) = positional[0] else {
            throw PlanError(.arity, "\(name) takes one file path (a string) and named options")
        }
        var options: [String: String] = [:]
        for (key, value) in named {
            guard format == "csv", Self.csvOptions.contains(key) else {
                throw PlanError(.unsupported, "\(name) has no option '\(key)'" + (format == "csv" ? " (options: header, delimiter, null)" : ""))
            }
            guard case .value(let v) = value else { throw PlanError(.typeMismatch, "\(name) option '\(key)' must be a constant") }
            options[key] = v.sqlText
        }
        let table: any TableProvider
        do {
            table = try open(format, path, TableOptions(options))
        } catch let error as PlanError {
            throw error
        } catch {
            throw PlanError(.io, "\(name): \(error)")
        }
        return .tableScan(try TableScan(tableName: alias, sourceSchema: table.schema, source: table))
    }
}
