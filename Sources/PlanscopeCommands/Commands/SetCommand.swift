import Foundation
import PlanEngine
import PlanCore

/// `\set [name value]`: change a setting (or list them).
enum SetCommand: Command {
    static let name = "set"
    static let summary = "change a setting, or list them all"
    static let usage = "[name value]"

    static func completions(_ words: [String], in context: CommandContext) -> [String] {
        words.count <= 1 ? Settings.names : []
    }

    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        let words = arguments.split(separator: " ", maxSplits: 1).map(String.init)
        guard words.count == 2 else {
            if words.isEmpty { return try ShowCommand.run("", state, in: context) }
            throw CommandError("usage: \\set name value")
        }
        let warnings: [RunWarning]
        do { warnings = try context.session.set(words[0], words[1].trimmingCharacters(in: CharacterSet(charactersIn: "'"))) } catch {
            throw CommandError(error.message)
        }
        for w in warnings { out.warning(w.message) }
        return out
    }
}
