import Foundation
import PlanCore
import PlanEngine

/// `\i FILE`: run the statements and commands in a file.
enum IncludeCommand: Command {
    static let name = "i"
    static let aliases = ["include"]
    static let summary = "run the statements and commands in a file"
    static let usage = "FILE"
    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        guard !arguments.isEmpty else { throw CommandError("give a file") }
        guard !context.including.contains(arguments) else { throw CommandError("'\(arguments)' includes itself") }
        let text: String
        do { text = try TextFile.read(arguments) } catch { throw CommandError(error.description) }
        context.including.append(arguments)
        defer { context.including.removeLast() }
        let runner = CommandRunner(context: context)
        let run = runner.runScript(text, state, continueOnError: false) { out.lines += $0.lines }
        out.state = run.state
        out.effects = run.effects
        if !run.ok { out.add(.error, runner.errorText(CommandError("stopped at an error in '\(arguments)'"), command: name)) }
        return out
    }
}
