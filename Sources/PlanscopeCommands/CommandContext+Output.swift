import PlanCore
import PlanEngine

extension CommandContext {
    /// Text cells as a table, or as JSON objects / CSV in those formats.
    public func formatTable(header: [String], rows: [[String]]) -> String {
        switch format {
        case .table:
            TableFormatter(style: style).render(header: header, types: header.map { _ in .text }, rows: rows)
        case .csv:
            ([header] + rows).map { $0.map(CSVFormatter.quote).joined(separator: ",") }.joined(separator: "\n")
        case .json:
            JSONValue.array(rows.map { r in .object(zip(header, r).map { ($0, .string($1)) }) }).pretty
        case .jsonl:
            rows.map { r in JSONValue.object(zip(header, r).map { ($0, .string($1)) }).compact }.joined(separator: "\n")
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
    public func formatPlans(_ rows: [(planType: String, plan: String)]) -> String {
        if format == .table { return rows.map { "\($0.planType):\n\($0.plan)" }.joined(separator: "\n\n") }
        return formatTable(header: ["plan_type", "plan"], rows: rows.map { [$0.planType, $0.plan] })
    }
}

extension CommandState {
    /// The query a command works on: its argument, or the query in view.
    func query(_ arguments: String) throws(CommandError) -> String {
        let sql = arguments.trimmingSpaces()
        if !sql.isEmpty { return sql.hasSuffix(";") ? String(sql.dropLast()) : sql }
        guard let query else { throw CommandError("no query yet: give one, or run a query first") }
        return query
    }
}
