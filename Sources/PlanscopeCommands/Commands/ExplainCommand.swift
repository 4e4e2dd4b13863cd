import PlanEngine

/// `\explain [verbose|analyze] [SQL]`: the plan of a query (default: the last one).
enum ExplainCommand: Command {
    static let name = "explain"
    static let aliases = ["x"]
    static let summary = "the plan of a query (default: the last query)"
    static let usage = "[verbose|analyze] [SQL]"

    static func completions(_ words: [String], in context: CommandContext) -> [String] {
        words.count <= 1 ? ["verbose", "analyze"] : []
    }

    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        var rest = arguments
        var verbose = false, analyze = false
        for word in ["verbose", "analyze"] where rest.lowercased().hasPrefix(word) {
            rest = String(rest.dropFirst(word.count)).trimmingSpaces()
            if word == "verbose" { verbose = true } else { analyze = true }
        }
        let sql = try context.query(rest)
        do {
            let rows = try context.session.explain(sql, analyze: analyze, verbose: verbose)
            if context.format == .table {
                context.emit(rows.map { "\($0.planType):\n\($0.plan)" }.joined(separator: "\n\n"))
            } else {
                context.emitTable(header: ["plan_type", "plan"], rows: rows.map { [$0.planType, $0.plan] })
            }
        } catch {
            throw CommandError(error.rendered)
        }
    }
}
