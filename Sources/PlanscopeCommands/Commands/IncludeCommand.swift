import Foundation
import PlanEngine

/// `\i FILE`: run the statements and commands in a file.
enum IncludeCommand: Command {
    static let name = "i"
    static let aliases = ["include"]
    static let summary = "run the statements and commands in a file"
    static let usage = "FILE"
    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        guard !arguments.isEmpty else { throw CommandError("give a file") }
        guard !context.including.contains(arguments) else { throw CommandError("'\(arguments)' includes itself") }
        guard let data = FileManager.default.contents(atPath: arguments) else { throw CommandError("cannot read '\(arguments)'") }
        context.including.append(arguments)
        defer { context.including.removeLast() }
        if !CommandRunner(context: context).runScript(String(decoding: data, as: UTF8.self), continueOnError: false) {
            throw CommandError("stopped at an error in '\(arguments)'")
        }
    }
}
