import PlanCore
import PlanEngine

extension CommandContext {
    /// Text cells as a table, or as JSON objects / CSV in those formats.
    public func emitTable(header: [String], rows: [[String]]) {
        switch format {
        case .table:
            emit(TableFormatter(style: style).render(header: header, types: header.map { _ in .text }, rows: rows))
        case .csv:
            emit(([header] + rows).map { $0.map(CSVFormatter.quote).joined(separator: ",") }.joined(separator: "\n"))
        case .json:
            emit(JSONValue.array(rows.map { r in .object(zip(header, r).map { ($0, .string($1)) }) }).pretty)
        case .jsonl:
            emit(rows.map { r in JSONValue.object(zip(header, r).map { ($0, .string($1)) }).compact }.joined(separator: "\n"))
        }
    }

    /// A result as an aligned table: expanded with `\x on` (or `auto` when too wide for the
    /// terminal), else cut to the terminal's width.
    public func renderTable(_ result: StatementResult) -> String {
        var formatter = TableFormatter(style: style)
        let (header, types, rows) = formatter.cells(result)
        let width = terminalWidth()
        switch expanded {
        case .on:
            return formatter.renderExpanded(header: header, rows: rows)
        case .auto where width.map { formatter.naturalWidth(header: header, rows: rows) > $0 } ?? false:
            return formatter.renderExpanded(header: header, rows: rows)
        default:
            formatter.maxWidth = width
            return formatter.render(header: header, types: types, rows: rows)
        }
    }

    /// EXPLAIN's `(plan_type, plan)` rows: as titled blocks in table format, else as rows.
    public func emitPlans(_ rows: [(planType: String, plan: String)]) {
        if format == .table {
            emit(rows.map { "\($0.planType):\n\($0.plan)" }.joined(separator: "\n\n"))
        } else {
            emitTable(header: ["plan_type", "plan"], rows: rows.map { [$0.planType, $0.plan] })
        }
    }

    /// The query a command works on: its argument, or the last query run.
    func query(_ arguments: String) throws(CommandError) -> String {
        let sql = arguments.trimmingSpaces()
        if !sql.isEmpty { return sql.hasSuffix(";") ? String(sql.dropLast()) : sql }
        guard let last = queryInView else { throw CommandError("no query yet: give one, or run a query first") }
        return last
    }
}
