import PlanEngine

/// `\explain [verbose|analyze] [SQL]`: the plan of a query (default: the last one, or the plan
/// `\substrait load` read when that came after it).
enum ExplainCommand: Command {
    static let name = "explain"
    static let summary = "the plan of a query (default: the last query)"
    static let usage = "[verbose|analyze] [SQL]"

    static func completions(_ words: [String], in context: CommandContext) -> [String] {
        words.count <= 1 ? ["verbose", "analyze"] : []
    }

    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        var rest = arguments
        var verbose = false, analyze = false
        for word in ["verbose", "analyze"] where rest.lowercased().hasPrefix(word) {
            rest = String(rest.dropFirst(word.count)).trimmingSpaces()
            if word == "verbose" { verbose = true } else { analyze = true }
        }
        let result: ExplainResult
        if let imported = state.imported, rest.isEmpty {
            // The plan `\substrait load` read.
            do { result = try context.session.explain(plan: imported.plan, analyze: analyze, verbose: verbose) } catch {
                throw CommandError(error.error.description)
            }
        } else {
            let sql = try state.query(rest)
            do { result = try context.session.explain(sql, analyze: analyze, verbose: verbose) } catch { throw CommandError(error) }
        }
        if let trace = result.trace {
            out.state.trace = trace
            out.state.step = 0
        }
        // ANALYZE as text: the Analyze tree (self time, share, estimates), as `explain --analyze --format tree`.
        if analyze && context.format == .table {
            out.data(context.formatPlans(result.analyzeTreeRows(format: result.format)))
        } else {
            out.data(context.formatPlans(result.rows(format: result.format, physical: result.showPhysical)))
        }
        return out
    }
}
