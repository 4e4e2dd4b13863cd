import PlanCore
import PlanEngine
import PlanProviders

/// `\pushdown [SQL]`: the pushdown contract report of a query (default: the last one, or the
/// plan `\substrait load` read when that came after it).
enum PushdownCommand: Command {
    static let name = "pushdown"
    static let summary = "per-scan filter classification, residual filters, rows read (runs the query)"
    static let usage = "[SQL]"

    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        let result: StatementResult
        if let imported = state.imported, arguments.trimmingSpaces().isEmpty {
            // The plan `\substrait load` read, run again.
            do { result = try context.session.run(plan: imported.plan, sql: "\\substrait load \(imported.source)") } catch {
                throw CommandError(error.error.description)
            }
        } else {
            let sql = try state.query(arguments)
            do { result = try context.session.query(sql) } catch { throw CommandError(error) }
        }
        return try report(of: result, state, in: context)
    }

    /// The report of a query that ran (a statement's, or an imported plan's).
    static func report(of result: StatementResult, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        guard let report = result.pushdown else { throw CommandError("the statement has no scans") }
        if context.format == .json {
            out.data(report.json.pretty)
            for w in result.warnings { out.warning("\(w)") }
            return out
        }
        var rows: [[String]] = []
        for s in report.scans {
            if s.filters.isEmpty && s.runtimeFilters.isEmpty { rows.append([s.table, "(no filters offered)", "", ""]) }
            for f in s.filters {
                rows.append([s.table, f.expr.description, f.pushdown.rawValue, s.residual.contains(f.expr) ? "yes" : "no"])
            }
            // A join's build keys, applied while the query ran; the join above still checks every row.
            for r in s.runtimeFilters { rows.append([s.table, r, "runtime", "yes (the join)"]) }
        }
        out.data(context.formatTable(header: ["table", "filter", "pushdown", "also above scan"], rows: rows))
        for s in report.scans {
            var line = "\(s.table) (\(s.provider)): read \(counted(s.rowsRead, "row")) / \(counted(s.bytesRead, "byte")), returned \(counted(s.rowsReturned, "row"))"
            let units = s.unitSummary
            if !units.isEmpty { line += "; " + units }
            for v in s.violations { line += "\n  violation (\(v.stage.rawValue)): \(v)" }
            out.data(line)
        }
        for w in result.warnings { out.warning("\(w)") }
        return out
    }
}
