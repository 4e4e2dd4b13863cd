import Foundation
import PlanEngine

/// `\timing on|off`: print each statement's time.
enum TimingCommand: Command {
    static let name = "timing"
    static let summary = "print each statement's elapsed time"
    static let usage = "[on|off]"
    static func completions(_ words: [String], in context: CommandContext) -> [String] { ["on", "off"] }
    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        switch arguments.lowercased() {
        case "": context.timing.toggle()
        case "on": context.timing = true
        case "off": context.timing = false
        default: throw CommandError("expected on or off")
        }
        out.notice("Timing is \(context.timing ? "on" : "off").")
        return out
    }
}
