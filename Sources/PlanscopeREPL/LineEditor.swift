/// Where the REPL's lines come from: libedit on a terminal, plain reads from a pipe.
public protocol LineEditor: AnyObject {
    /// The next line (without the newline); `nil` at end of input. Throws
    /// ``LineEditorInterrupt`` when Ctrl-C abandons the line.
    func readLine(prompt: String) throws -> String?
    /// Remembers an entered line (for Up and Ctrl-R).
    func remember(_ line: String)
}

/// Ctrl-C at the prompt.
public struct LineEditorInterrupt: Error {}

/// Reads lines from standard input with no prompt and no escape codes (pipes, scripts).
public final class PlainLineReader: LineEditor {
    public init() {}
    public func readLine(prompt: String) throws -> String? { Swift.readLine() }
    public func remember(_ line: String) {}
}
