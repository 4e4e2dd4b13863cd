import Foundation
import PlanEngine

/// `\set [name value]`: change a setting (or list them).
enum SetCommand: Command {
    static let name = "set"
    static let summary = "change a setting, or list them all"
    static let usage = "[name value]"

    static func completions(_ words: [String], in context: CommandContext) -> [String] {
        words.count <= 1 ? SessionConfig.settings.map(\.name) : []
    }

    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        let words = arguments.split(separator: " ", maxSplits: 1).map(String.init)
        guard words.count == 2 else {
            if words.isEmpty { try ShowCommand.run("", in: context); return }
            throw CommandError("usage: \\set name value")
        }
        do { try context.session.config.set(words[0], words[1].trimmingCharacters(in: CharacterSet(charactersIn: "'"))) } catch {
            throw CommandError(error.message)
        }
    }
}
