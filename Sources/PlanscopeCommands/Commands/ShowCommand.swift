import Foundation
import PlanCore
import PlanEngine

/// `\show [name]`: settings, their values, what they affect and what they mean.
enum ShowCommand: Command {
    static let name = "show"
    static let summary = "show one setting or all"
    static let usage = "[name]"

    static func completions(_ words: [String], in context: CommandContext) -> [String] { Settings.names }

    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        let config = context.session.config
        var list = config.all
        if !arguments.isEmpty {
            guard let declaration = Settings.declaration(named: arguments), let value = config.value(named: arguments) else {
                var message = "unknown setting '\(arguments)'"
                if let hint = closestName(to: arguments, in: Settings.names) { message += " (did you mean '\(hint)'?)" }
                throw CommandError(message)
            }
            list = [(declaration, value)]
        }
        out.data(context.formatTable(header: ["setting", "value", "default", "allowed", "area", "meaning"], rows: list.map {
            [$0.declaration.name, $0.declaration.show($0.value), $0.declaration.show($0.declaration.defaultValue),
             $0.declaration.domain.allowed, $0.declaration.area.rawValue, $0.declaration.summary]
        }))
        return out
    }
}
