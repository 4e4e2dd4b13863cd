import PlanCore
import PlanEngine

/// The one state machine for typed or piped input, shared by the REPL and scripts: lines
/// starting with a backslash (outside an open string or comment) are commands; other
/// lines gather into SQL statements, which are complete at a top-level `;`.
///
/// As in psql, a backslash command runs at once even in the middle of a statement; the
/// statement gathered so far is kept (`\r` discards it).
public struct InputBuffer {
    /// What one line of input produced, in order.
    public enum Item: Equatable, Sendable {
        /// A complete SQL statement, padded so positions match the input (or, with
        /// `positionsPerStatement`, the statement's own first line).
        case sql(String)
        /// A backslash line.
        case command(String)
    }

    private var splitter = StatementSplitter()
    private var lines = 0
    /// Whether error positions count from the start of each statement (the REPL) rather
    /// than from the start of the input (scripts).
    public let positionsPerStatement: Bool

    public init(positionsPerStatement: Bool = false) {
        self.positionsPerStatement = positionsPerStatement
    }

    /// Whether a statement is being gathered (the REPL shows its continuation prompt).
    public var isPending: Bool { splitter.isPending }

    /// The unfinished statement's text (empty when nothing is pending).
    public var pending: String { splitter.remainder }

    /// Takes one line (without its newline).
    public mutating func feed(_ line: String) -> [Item] {
        if !splitter.insideToken, line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("\\") {
            // Commands do not join the SQL text. In a script they keep line numbers counting
            // (positions are the file's); at the REPL a statement's lines are its own, so a
            // command before it or inside it counts no line.
            if !positionsPerStatement {
                _ = splitter.append(lines == 0 ? "" : "\n")
                lines += 1
            }
            return [.command(line)]
        }
        let pieces = splitter.append(lines == 0 ? line : "\n" + line)
        lines += 1
        var items = pieces.filter { !$0.isBlank }.map { Item.sql($0.text) }
        if positionsPerStatement, !pieces.isEmpty {
            // Start counting again at the rest of this line.
            let rest = splitter.remainder.drop(while: { $0 == "\n" || $0 == " " })
            self = InputBuffer(positionsPerStatement: true)
            if !rest.isEmpty { items += feed(String(rest)) }
        }
        return items
    }

    /// The end of input: the unfinished statement, if any, as a last statement.
    public mutating func finish() -> [Item] {
        let rest = splitter.remainder
        self = InputBuffer(positionsPerStatement: positionsPerStatement)
        return rest.trimmingSpaces().isEmpty ? [] : [.sql(rest)]
    }

    /// Discards the unfinished statement (`\r`, Ctrl-C at the prompt).
    public mutating func reset() {
        self = InputBuffer(positionsPerStatement: positionsPerStatement)
    }
}
