import Foundation
import PlanEngine

/// `\history` (`\s`): the lines entered so far.
enum HistoryCommand: Command {
    static let name = "history"
    static let aliases = ["s"]
    static let summary = "the input history"
    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        let lines = context.history()
        out.data(lines.enumerated().map { "\($0.offset + 1)  \($0.element)" }.joined(separator: "\n"))
        return out
    }
}
