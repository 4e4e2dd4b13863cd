import PlanCore
import PlanEngine

/// A backslash command (`\d`, `\explain`, `\step` …). One type per file in `Commands/`,
/// listed once in ``CommandRegistry``; `\help` is generated from these declarations.
///
/// A command is a function of its arguments and the ``CommandState`` in view: it returns
/// an ``Outcome`` (output lines with their kinds, effects for the front end, the new
/// state) and prints nothing itself. Output settings (`\format`, `\x`, `\timing`, `\o`)
/// live in the ``CommandContext``.
public protocol Command: Sendable {
    /// The name typed after the backslash.
    static var name: String { get }
    /// Other names (psql habits: `\s` for `\history`).
    static var aliases: [String] { get }
    /// One line for `\help`.
    static var summary: String { get }
    /// The argument synopsis (`[verbose|analyze] [SQL]`).
    static var usage: String { get }
    /// What the arguments may complete to (for Tab), given the words typed so far.
    static func completions(_ words: [String], in context: CommandContext) -> [String]
    /// Runs the command with the text after its name on `state`.
    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome
}

extension Command {
    public static var aliases: [String] { [] }
    public static var usage: String { "" }
    public static func completions(_ words: [String], in context: CommandContext) -> [String] { [] }
}

/// A command that could not do what was asked: one line for the user.
public struct CommandError: Error, CustomStringConvertible, Sendable {
    public let message: String
    /// The statement error the command stopped at (its kind and position), if that is what failed.
    public let statement: StatementError?
    public init(_ message: String) { self.message = message; statement = nil }
    /// A statement the command ran failed: its message with the SQL line and caret.
    public init(_ error: StatementError) { message = error.rendered; statement = error }
    public var description: String { message }
}
