import Foundation
import PlanEngine

/// `\format table|csv|json`: how results print.
enum FormatCommand: Command {
    static let name = "format"
    static let summary = "result format: table, csv or json"
    static let usage = "table|csv|json"
    static func completions(_ words: [String], in context: CommandContext) -> [String] { OutputFormat.allCases.map(\.rawValue) }
    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        let out = Outcome(state: state)
        guard let f = OutputFormat(rawValue: arguments.lowercased()) else { throw CommandError("expected table, csv or json") }
        context.format = f
        return out
    }
}
