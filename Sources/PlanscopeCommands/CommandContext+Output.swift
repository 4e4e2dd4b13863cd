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
        }
    }

    /// The query a command works on: its argument, or the last query run.
    func query(_ arguments: String) throws(CommandError) -> String {
        let sql = arguments.trimmingSpaces()
        if !sql.isEmpty { return sql.hasSuffix(";") ? String(sql.dropLast()) : sql }
        guard let last = lastQuery else { throw CommandError("no query yet: give one, or run a query first") }
        return last
    }
}
