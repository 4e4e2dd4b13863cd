import PlanCore
import PlanEngine

/// `\substrait [SQL]`: a query's optimized plan as Substrait JSON (default: the last
/// query); `\substrait load FILE`: a Substrait plan read against the session's tables and
/// run, its optimizer trace taken into view for `\trace` and `\step` and the plan into view for
/// `\explain` and `\pushdown` (``CommandState/imported``).
enum SubstraitCommand: Command {
    static let name = "substrait"
    static let summary = "a query's plan as Substrait JSON (default: the last query); load FILE reads one, runs it and puts it in view for \\explain, \\pushdown and the TUI"
    static let usage = "[SQL | load FILE]"

    static func completions(_ words: [String], in context: CommandContext) -> [String] { words.count <= 1 ? ["load"] : [] }

    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        let words = arguments.trimmingSpaces().split(separator: " ", maxSplits: 1).map(String.init)
        if words.first == "load" {
            guard words.count == 2 else { throw CommandError("usage: \\substrait load FILE") }
            let path = words[1].trimmingSpaces()
            let text: String
            do { text = try TextFile.read(path) } catch { throw CommandError(error.description) }
            let session = context.session
            let plan: LogicalPlan, result: StatementResult
            do {
                plan = try session.importSubstrait(text, source: path)
                result = try session.run(plan: plan, sql: "\\substrait load \(path)")
            } catch { throw CommandError(error.error.description) }
            CommandRunner(context: context).render(result, into: &out)
            if let trace = result.trace {
                out.state.trace = trace
                out.state.step = 0
            }
            // The imported plan is in view: `\explain`, `\pushdown` and the TUI's panes show it.
            out.state.imported = ImportedPlan(source: path, plan: plan)
            out.effects.append(.showImportedPlan(title: path))
            return out
        }
        let sql = try state.query(arguments)
        do { out.data(try context.session.substraitJSON(of: sql)) } catch { throw CommandError(error) }
        return out
    }
}
