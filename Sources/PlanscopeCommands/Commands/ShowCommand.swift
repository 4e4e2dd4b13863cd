import Foundation
import PlanEngine

/// `\show [name]`: settings and their values.
enum ShowCommand: Command {
    static let name = "show"
    static let summary = "show one setting or all"
    static let usage = "[name]"

    static func completions(_ words: [String], in context: CommandContext) -> [String] { SessionConfig.settings.map(\.name) }

    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        let config = context.session.config
        let names = arguments.isEmpty ? SessionConfig.settings.map(\.name) + config.values.keys.filter { $0.hasPrefix(SessionConfig.rulePrefix) }.sorted()
                                      : [arguments]
        var rows: [[String]] = []
        for n in names {
            guard let v = config.value(n) else { throw CommandError("unknown setting '\(n)'") }
            rows.append([n, v, SessionConfig.setting(n)?.summary ?? ""])
        }
        context.emitTable(header: ["setting", "value", "meaning"], rows: rows)
    }
}
