import Foundation
import PlanEngine

/// `\o [FILE]`: send results to a file (no argument: back to the terminal).
enum OutputCommand: Command {
    static let name = "o"
    static let aliases = ["out"]
    static let summary = "send results to a file (no file: back to the terminal)"
    static let usage = "[FILE]"
    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        let out = Outcome(state: state)
        try context.redirect(to: arguments.isEmpty ? nil : arguments)
        return out
    }
}
