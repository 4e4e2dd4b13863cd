import PlanCore
import PlanEngine

/// `\substrait [SQL]`: a query's optimized plan as Substrait JSON (default: the last
/// query); `\substrait load FILE`: a Substrait plan read against the session's tables and
/// run, its optimizer trace taken into view for `\trace` and `\step`.
enum SubstraitCommand: Command {
    static let name = "substrait"
    static let summary = "a query's plan as Substrait JSON (default: the last query); load FILE reads one and runs it"
    static let usage = "[SQL | load FILE]"

    static func completions(_ words: [String], in context: CommandContext) -> [String] { words.count <= 1 ? ["load"] : [] }

    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        let words = arguments.trimmingSpaces().split(separator: " ", maxSplits: 1).map(String.init)
        if words.first == "load" {
            guard words.count == 2 else { throw CommandError("usage: \\substrait load FILE") }
            let text: String
            do { text = try TextFile.read(words[1].trimmingSpaces()) } catch { throw CommandError(error.description) }
            let session = context.session
            let result: StatementResult
            do {
                let plan = try session.importSubstrait(text, source: words[1].trimmingSpaces())
                result = try session.run(plan: plan, sql: "\\substrait load \(words[1])")
            } catch { throw CommandError(error.error.description) }
            CommandRunner(context: context).render(result, into: &out)
            if let trace = result.trace {
                out.state.trace = trace
                out.state.step = 0
            }
            return out
        }
        let sql = try state.query(arguments)
        do { out.data(try context.session.substraitJSON(of: sql)) } catch { throw CommandError(error) }
        return out
    }
}
