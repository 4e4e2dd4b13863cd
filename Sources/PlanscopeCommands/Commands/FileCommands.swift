import Foundation
import PlanEngine

/// `\o [FILE]`: send results to a file (no argument: back to the terminal).
enum OutputCommand: Command {
    static let name = "o"
    static let aliases = ["out"]
    static let summary = "send results to a file (no file: back to the terminal)"
    static let usage = "[FILE]"
    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        try context.redirect(to: arguments.isEmpty ? nil : arguments)
    }
}

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

/// `\history` (`\s`): the lines entered so far.
enum HistoryCommand: Command {
    static let name = "history"
    static let aliases = ["s"]
    static let summary = "the input history"
    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        let lines = context.history()
        context.emit(lines.enumerated().map { "\($0.offset + 1)  \($0.element)" }.joined(separator: "\n"))
    }
}

/// `\q`: quit.
enum QuitCommand: Command {
    static let name = "q"
    static let aliases = ["quit"]
    static let summary = "quit"
    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        context.quitRequested = true
    }
}
