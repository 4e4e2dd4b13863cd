import Foundation
import PlanEngine

/// `\copy table|(query) TO|FROM 'file' [(options)]`: COPY run by the client, paths relative
/// to the directory planscope was started in (the session's own directory in this client).
enum CopyCommand: Command {
    static let name = "copy"
    static let summary = "copy a table or query to a file, or a file into a table (as COPY)"
    static let usage = "table|(query) TO|FROM 'file' [(FORMAT csv|json|parquet, options as COPY)]"

    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        guard !arguments.isEmpty else { throw CommandError("usage: \\copy \(usage)") }
        do {
            for result in try context.session.execute("COPY " + arguments) {
                if let tag = result.commandTag, !context.quiet { out.data(tag) }
                for w in result.warnings { out.warning("\(w)") }
            }
        } catch {
            throw CommandError(error)
        }
        return out
    }
}
