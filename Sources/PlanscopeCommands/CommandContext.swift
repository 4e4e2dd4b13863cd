import Foundation
import PlanCore
import PlanEngine
import PlanOptimizer
import PlanManifest

/// What commands work with besides the ``CommandState`` in view: the session, output
/// settings (`\format`, `\x`, `\timing`, `\o`) and where output goes. The REPL and the
/// TUI each own one.
public final class CommandContext {
    public let session: Session
    public var format: OutputFormat = .table
    public var style: TableStyle = .unicode
    public var timing = false
    public var pager = true
    /// With `--format json` in a script: the results gathered into one JSON document,
    /// written by ``finishJSONDocument()`` (nil: each result is written at once).
    public var jsonDocument: [JSONValue]?
    /// Expanded display (`\x`): one `column | value` line per column; `auto` when a row
    /// would be wider than the terminal.
    public enum Expanded: String, Sendable { case off, on, auto }
    public var expanded: Expanded = .off
    /// Columns of the terminal results are shown on (nil: not a terminal; no limit).
    public var terminalWidth: () -> Int? = { nil }
    /// Leave out command tags (`CREATE TABLE`, `INSERT 0 1`), as `psql -q` does.
    public var quiet = false
    /// Print each statement before its result (`--echo`).
    public var echo = false
    /// History lines, provided by the front end (for `\history`).
    public var history: () -> [String] = { [] }
    /// Where results go (stdout, or a file after `\o FILE`).
    public var write: (String) -> Void
    /// Where errors and warnings go.
    public var writeError: (String) -> Void
    /// A slow statement's progress line (set by a front end whose stderr is a terminal).
    public var progress: TerminalProgress?
    /// Where an outcome's warnings and errors go, with their kind (a terminal front end
    /// colours by it); nil: ``writeError``.
    public var writeProblem: ((OutputLine.Kind, String) -> Void)?
    var outputFile: FileHandle?
    /// Files being run by `\i`, to refuse a file that includes itself.
    var including: [String] = []
    /// The file a script being run came from (`-f FILE`), for error messages.
    public var scriptName: String?
    /// The file the statement being run comes from: the innermost `\i`, else the script's.
    public var sourceName: String? { including.last ?? scriptName }

    public init(session: Session, write: @escaping (String) -> Void, writeError: @escaping (String) -> Void) {
        self.session = session
        self.write = write
        self.writeError = writeError
    }

    /// Output for data: through the file set by `\o` if any.
    public func emit(_ text: String) {
        if let outputFile {
            outputFile.write(Data((text + "\n").utf8))
        } else {
            write(text)
        }
    }

    /// Sends output to `path` (nil: back to the terminal).
    public func redirect(to path: String?) throws(CommandError) {
        try? outputFile?.close()
        outputFile = nil
        guard let path else { return }
        do { outputFile = try TextFile.openForWriting(path) } catch {
            throw CommandError("cannot write to '\(path)': \(error.reason)")
        }
    }

    public var isRedirected: Bool { outputFile != nil }

    /// Writes the gathered JSON results as one document: a single query's rows alone (an
    /// array of row objects), several queries' as an array of those arrays.
    public func finishJSONDocument() {
        guard let results = jsonDocument else { return }
        jsonDocument = []
        if results.isEmpty { return }
        emit(results.count == 1 ? results[0].pretty : JSONValue.array(results).pretty)
    }
}
