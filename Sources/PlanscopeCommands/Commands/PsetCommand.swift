import Foundation
import PlanEngine

/// `\pset pager on|off` (and `\pset border ascii|unicode`).
enum PsetCommand: Command {
    static let name = "pset"
    static let summary = "output options: pager on|off, border unicode|ascii"
    static let usage = "pager on|off | border unicode|ascii"
    static func completions(_ words: [String], in context: CommandContext) -> [String] {
        words.count <= 1 ? ["pager", "border"] : (words[0] == "pager" ? ["on", "off"] : ["unicode", "ascii"])
    }
    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        let out = Outcome(state: state)
        let words = arguments.lowercased().split(separator: " ").map(String.init)
        switch (words.first, words.dropFirst().first) {
        case ("pager"?, "on"?): context.pager = true
        case ("pager"?, "off"?): context.pager = false
        case ("border"?, "unicode"?): context.style = .unicode
        case ("border"?, "ascii"?): context.style = .ascii
        default: throw CommandError("usage: \\pset \(usage)")
        }
        return out
    }
}
