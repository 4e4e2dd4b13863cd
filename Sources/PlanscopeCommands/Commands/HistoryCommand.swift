import Foundation
import PlanEngine

/// `\history` (`\s`): the lines entered so far.
enum HistoryCommand: Command {
    static let name = "history"
    static let aliases = ["s"]
    static let summary = "the input history"
    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        let lines = context.history()
        context.emit(lines.enumerated().map { "\($0.offset + 1)  \($0.element)" }.joined(separator: "\n"))
    }
}
