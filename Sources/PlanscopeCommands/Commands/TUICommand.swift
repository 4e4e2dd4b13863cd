import Foundation
import PlanEngine

/// `\tui [SPEC]`: opens the full-screen UI on this session; `q` comes back to the prompt.
enum TUICommand: Command {
    static let name = "tui"
    static let summary = "open the terminal UI on this session (q returns here)"
    static let usage = "[SPEC.json]"

    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        let spec = arguments.trimmingCharacters(in: .whitespaces)
        return Outcome(state: state, effects: [.openTUI(spec: spec.isEmpty ? nil : spec)])
    }
}
