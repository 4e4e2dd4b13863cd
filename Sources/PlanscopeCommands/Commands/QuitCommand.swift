import Foundation
import PlanEngine

/// `\q`: quit.
enum QuitCommand: Command {
    static let name = "q"
    static let aliases = ["quit"]
    static let summary = "quit"
    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        Outcome(state: state, effects: [.quit])
    }
}
