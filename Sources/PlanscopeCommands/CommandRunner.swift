import Foundation
import PlanCore
import PlanEngine

/// Runs what a user typed: a backslash command or SQL. The REPL, piped scripts and the
/// TUI's command line all go through here.
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

    /// Runs one backslash command; false if it failed.
    @discardableResult
    public func runCommand(_ line: String) -> Bool {
        guard let (name, arguments) = Self.parse(line) else { return false }
        guard let command = CommandRegistry.command(named: name) else {
            var message = "unknown command \\\(name)"
            if let hint = closestName(to: name, in: CommandRegistry.names) { message += " (did you mean \\\(hint)?)" }
            context.writeError("error: " + message + "; \\help lists the commands")
            return false
        }
        do {
            try command.run(arguments, in: context)
            return true
        } catch {
            if context.format == .json || context.format == .jsonl {
                context.writeError(JSONValue.object([("error", .object([("message", .string(error.message)), ("command", .string("\\" + command.name))]))]).compact)
            } else {
                context.writeError("error: \\\(command.name): \(error.message)")
            }
            return false
        }
    }

    /// Runs SQL statements, printing each result; false at the first failure.
    @discardableResult
    public func runSQL(_ sql: String) -> Bool {
        if context.echo { context.emit(sql.trimmingSpaces()) }
        do {
            try context.session.execute(sql) { show($0) }
        } catch {
            show(error)
            return false
        }
        noteQuery(sql)
        return true
    }

    /// Shows one statement's result as ``runSQL(_:)`` does (and takes its trace into view):
    /// for front ends that run statements elsewhere (the TUI, on a background task).
    public func show(_ result: StatementResult) {
        if let trace = result.trace {
            context.traceInView = trace
            context.traceStep = 0
        }
        render(result)
    }

    /// Shows a statement's error as ``runSQL(_:)`` does.
    public func show(_ error: StatementError) {
        context.writeError(context.format == .json || context.format == .jsonl
                           ? Self.jsonMessage(error, source: context.sourceName) : Self.message(error, source: context.sourceName))
    }

    /// Makes `sql` the query in view (for `\explain`, `\pushdown`) when it is a query.
    public func noteQuery(_ sql: String) {
        if let query = Self.queryText(sql) { context.queryInView = query }
    }

    /// One line saying what and where, then the SQL line and a caret: `error: line 5,
    /// column 8: …`, or `schema.sql:5:8: …` for a statement from a file.
    static func message(_ error: StatementError, source: String?) -> String {
        let e = error.error
        var text: String
        if let source {
            text = e.span.isKnown ? "\(source):\(e.span.line):\(e.span.column): \(e.message)" : "\(source): \(e.message)"
        } else {
            text = "error: " + e.description
        }
        if let caret = e.span.caret(in: error.source) { text += "\n" + caret }
        return text
    }

    /// The error as one JSON object on one line (with `--format json`): message, kind,
    /// and where (file, line, column) when known.
    static func jsonMessage(_ error: StatementError, source: String?) -> String {
        let e = error.error
        var fields: [(String, JSONValue)] = [("message", .string(e.message)), ("kind", .string(e.kind.rawValue))]
        if let source { fields.append(("file", .string(source))) }
        if e.span.isKnown { fields += [("line", .int(Int64(e.span.line))), ("column", .int(Int64(e.span.column)))] }
        return JSONValue.object([("error", .object(fields))]).compact
    }

    /// `sql` if it is a SELECT/WITH/VALUES statement, for commands that default to it.
    static func queryText(_ sql: String) -> String? {
        let trimmed = sql.trimmingSpaces()
        let upper = trimmed.uppercased()
        guard upper.hasPrefix("SELECT") || upper.hasPrefix("WITH") || upper.hasPrefix("VALUES") || upper.hasPrefix("(") else { return nil }
        return trimmed.hasSuffix(";") ? String(trimmed.dropLast()) : trimmed
    }

    func render(_ result: StatementResult) {
        switch result.output {
        case .explain(let e) where context.format == .table:
            context.emitPlans(e.rows(format: e.format, physical: e.showPhysical))
        case .command(let tag):
            if !context.quiet && context.jsonDocument == nil { context.emit(tag) }
        default:
            if context.jsonDocument != nil, context.format == .json {
                context.jsonDocument?.append(JSONFormatter.document(result))
            } else if context.format == .table {
                context.emit(context.renderTable(result))
            } else {
                context.emit(context.format.render(result, style: context.style))
            }
        }
        for w in result.warnings { context.writeError("warning: \(w)") }
        if context.timing { context.emit(String(format: "Time: %.3f ms", result.elapsed * 1000)) }
    }

    /// Runs a whole script through the same ``InputBuffer`` as the REPL: backslash lines
    /// are commands, the rest SQL (error positions count lines of the whole script).
    /// Stops at the first error unless `continueOnError`. Returns whether everything
    /// worked.
    @discardableResult
    public func runScript(_ text: String, continueOnError: Bool) -> Bool {
        var ok = true
        var input = InputBuffer()
        /// Runs items; false when a failure should stop the script.
        func run(_ items: [InputBuffer.Item]) -> Bool {
            for item in items {
                let worked: Bool
                switch item {
                case .sql(let sql): worked = runSQL(sql)
                case .command(let line):
                    if CommandRunner.parse(line)?.name == "r" { input.reset(); continue }
                    worked = runCommand(line)
                }
                if !worked {
                    ok = false
                    if !continueOnError { return false }
                }
                if context.quitRequested { return false }
            }
            return true
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for line in lines where !run(input.feed(String(line))) { return ok }
        _ = run(input.finish())
        return ok
    }
}
