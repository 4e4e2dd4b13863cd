import Foundation
import PlanCore
import PlanEngine

/// Runs what a user typed: a backslash command or SQL. The REPL, piped scripts and the
/// TUI's command line all go through here. Running returns an ``Outcome`` and prints
/// nothing; ``print(_:)`` shows an outcome's lines where a terminal front end puts them.
public struct CommandRunner {
    public let context: CommandContext

    public init(context: CommandContext) { self.context = context }

    /// Splits a backslash line into the command name and the rest.
    public static func parse(_ line: String) -> (name: String, arguments: String)? {
        let trimmed = line.trimmingSpaces()
        guard trimmed.hasPrefix("\\") else { return nil }
        let body = trimmed.dropFirst()
        let name = body.prefix { !$0.isWhitespace }
        let rest = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        return (String(name), rest)
    }

    /// Runs one input item (a backslash line or SQL) on `state`.
    public func run(_ item: InputBuffer.Item, _ state: CommandState) -> Outcome {
        switch item {
        case .command(let line): runCommand(line, state)
        case .sql(let sql): runSQL(sql, state)
        }
    }

    /// Runs one backslash command on `state`; a failure is an error line, the state unchanged.
    public func runCommand(_ line: String, _ state: CommandState) -> Outcome {
        guard let (name, arguments) = Self.parse(line) else { return Outcome(state: state) }
        guard let command = CommandRegistry.command(named: name) else {
            var message = "unknown command \\\(name)"
            if let hint = closestName(to: name, in: CommandRegistry.names) { message += " (did you mean \\\(hint)?)" }
            return Outcome(state: state, lines: [OutputLine(.error, "error: " + message + "; \\help lists the commands")])
        }
        let before = context.session.config
        var outcome: Outcome
        do {
            outcome = try command.run(arguments, state, in: context)
        } catch {
            outcome = Outcome(state: state, lines: [OutputLine(.error, errorText(error, command: command.name))])
        }
        if context.session.config != before, !outcome.effects.contains(.settingsChanged) { outcome.effects.append(.settingsChanged) }
        return outcome
    }

    /// `\pushdown`'s report of a query run elsewhere (an imported Substrait plan).
    public func pushdownReport(_ result: StatementResult, _ state: CommandState) -> Outcome {
        do { return try PushdownCommand.report(of: result, state, in: context) } catch {
            return Outcome(state: state, lines: [OutputLine(.error, errorText(error, command: PushdownCommand.name))])
        }
    }

    /// A command's error as shown: `error: \name: message`, or in JSON formats the one
    /// error object (``jsonError(message:kind:file:line:column:)``): a statement's own
    /// message, kind and position (in the command's SQL, so no file), else `\name: message`
    /// of kind `command`.
    func errorText(_ error: CommandError, command: String) -> String {
        if context.format == .json || context.format == .jsonl {
            if let statement = error.statement { return Self.jsonMessage(statement, source: nil) }
            return Self.jsonError(message: "\\\(command): \(error.message)", kind: "command", file: context.sourceName)
        }
        return "error: \\\(command): \(error.message)"
    }

    /// Runs SQL statements on `state`: each result rendered, the last query and trace taken
    /// into view; stops at the first failure.
    public func runSQL(_ sql: String, _ state: CommandState) -> Outcome {
        let before = context.session.config
        var results: [StatementResult] = []
        var failure: StatementError?
        let progress = context.progress
        do throws(StatementError) {
            try context.session.execute(sql, events: progress?.sink) { results.append($0) }
        } catch { failure = error }
        progress?.finish()
        return outcome(sql: sql, results: results, error: failure, settingsChanged: context.session.config != before, state)
    }

    /// The outcome of statements run elsewhere (the TUI runs them on a background task):
    /// their rendered results, the error if one stopped them, and `state` with the last
    /// query's text and trace in view.
    public func outcome(sql: String, results: [StatementResult], error: StatementError?, settingsChanged: Bool,
                        _ state: CommandState) -> Outcome {
        var out = Outcome(state: state)
        if context.echo { out.data(sql.trimmingSpaces()) }
        for result in results {
            render(result, into: &out)
            if let trace = result.trace {
                out.state.trace = trace
                out.state.step = 0
            }
            if result.isQuery {
                out.state.query = Self.statementText(result.sql)
                out.state.imported = nil
            }
        }
        if let error {
            out.add(.error, context.format == .json || context.format == .jsonl
                    ? Self.jsonMessage(error, source: context.sourceName) : Self.message(error, source: context.sourceName))
        }
        if settingsChanged { out.effects.append(.settingsChanged) }
        return out
    }

    /// A statement's text without surrounding space and its `;`.
    public static func statementText(_ sql: String) -> String {
        let trimmed = sql.trimmingSpaces()
        return trimmed.hasSuffix(";") ? String(trimmed.dropLast()).trimmingSpaces() : trimmed
    }

    /// One line saying what and where, then the SQL line and a caret: `error: line 5,
    /// column 8: …`, or `schema.sql:5:8: …` for a statement from a file.
    static func message(_ error: StatementError, source: String?) -> String {
        let e = error.error
        var text: String
        if let source {
            text = e.span.isKnown ? "\(source):\(e.span.line):\(e.span.column): \(e.shownMessage)" : "\(source): \(e.shownMessage)"
        } else {
            text = "error: " + e.description
        }
        if let caret = e.span.caret(in: error.source) { text += "\n" + caret }
        return text
    }

    /// The error as one JSON object on one line (with `--format json`): message, kind,
    /// and where (file, line, column) when known.
    public static func jsonMessage(_ error: StatementError, source: String?) -> String {
        let e = error.error
        return jsonError(message: e.message, kind: e.kind.rawValue, file: source,
                         line: e.span.isKnown ? e.span.line : nil, column: e.span.isKnown ? e.span.column : nil)
    }

    /// The one JSON shape of an error, on one line, wherever JSON was asked for (the REPL's
    /// commands and scripts, every subcommand): `{"error":{"message","kind","file"?,"line"?,"column"?}}`.
    public static func jsonError(message: String, kind: String, file: String? = nil, line: Int? = nil, column: Int? = nil) -> String {
        var fields: [(String, JSONValue)] = [("message", .string(message)), ("kind", .string(kind))]
        if let file { fields.append(("file", .string(file))) }
        if let line { fields.append(("line", .int(Int64(line)))) }
        if let column { fields.append(("column", .int(Int64(column)))) }
        return JSONValue.object([("error", .object(fields))]).compact
    }

    /// A result's lines: EXPLAIN's plans, a command tag, rows in the output format (or
    /// gathered into the JSON document), its warnings and, with `\timing`, its time.
    func render(_ result: StatementResult, into out: inout Outcome) {
        switch result.output {
        case .explain(let e) where context.format == .table:
            out.data(context.formatPlans(e.rows(format: e.format, physical: e.showPhysical)))
        case .command where context.quiet:
            break
        case .command(let tag):
            // In JSON formats the tag is a JSON value too (`{"command":"RESET"}`), never bare text
            // among JSON values; a run's one JSON document holds only results with rows.
            let json = JSONValue.object([("command", .string(tag.description))])
            switch context.format {
            case .json where context.jsonDocument != nil: break
            case .json: out.data(json.pretty)
            case .jsonl: out.data(json.compact)
            case .table, .csv: out.data(tag.description)
            }
        default:
            if context.jsonDocument != nil, context.format == .json {
                context.jsonDocument?.append(JSONFormatter.document(result))
            } else if context.format == .table {
                out.data(context.renderTable(result))
            } else {
                out.data(context.format.render(result, style: context.style))
            }
        }
        for w in result.warnings { out.warning("\(w)") }
        // As psql: the time goes to the terminal, not into `\o`'s file.
        if context.timing { out.notice(String(format: "Time: %.3f ms", result.elapsed * 1000)) }
    }

    // MARK: - Showing outcomes

    /// Shows an outcome's lines: data through `\o` (``CommandContext/emit(_:)``), notices
    /// on the terminal, warnings and errors on the error stream. Runs of lines of one kind
    /// are written together (so the pager sees a whole table).
    public func print(_ outcome: Outcome) {
        var i = 0
        let lines = outcome.lines
        while i < lines.count {
            let kind = lines[i].kind
            var j = i
            while j < lines.count, lines[j].kind == kind { j += 1 }
            let text = lines[i..<j].map(\.text).joined(separator: "\n")
            switch kind {
            case .data: context.emit(text)
            case .notice: context.write(text)
            case .warning, .error:
                if let writeProblem = context.writeProblem { writeProblem(kind, text) } else { context.writeError(text) }
            }
            i = j
        }
    }

    // MARK: - Scripts

    /// What running a script did: whether everything worked, the state it left, and the
    /// effects its lines asked for that outlive it (`\q`, settings changed, `\tui`).
    public struct ScriptRun: Sendable {
        public var ok: Bool
        public var state: CommandState
        public var effects: [CommandEffect]
    }

    /// Runs a whole script through the same ``InputBuffer`` as the REPL: backslash lines
    /// are commands, the rest SQL (error positions count lines of the whole script). Each
    /// item's outcome goes to `sink` as soon as it is done (default: printed). Stops at
    /// the first error unless `continueOnError`, and at `\q`.
    public func runScript(_ text: String, _ state: CommandState, continueOnError: Bool,
                          sink: ((Outcome) -> Void)? = nil) -> ScriptRun {
        var run = ScriptRun(ok: true, state: state, effects: [])
        var input = InputBuffer()
        /// Runs items; false when the script should stop.
        func take(_ items: [InputBuffer.Item]) -> Bool {
            for item in items {
                let outcome = self.run(item, run.state)
                if let sink { sink(outcome) } else { print(outcome) }
                run.state = outcome.state
                for e in outcome.effects {
                    if e == .resetInput { input.reset(); continue }
                    if !run.effects.contains(e) { run.effects.append(e) }
                }
                if !outcome.succeeded {
                    run.ok = false
                    if !continueOnError { return false }
                }
                if outcome.effects.contains(.quit) { return false }
            }
            return true
        }
        // LF, CRLF or CR endings and a byte-order mark read alike (``TextLines``).
        for line in TextLines.split(text) where !take(input.feed(line)) { return run }
        _ = take(input.finish())
        return run
    }
}
