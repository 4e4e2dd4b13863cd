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
            context.writeError("error: \\\(command.name): \(error.message)")
            return false
        }
    }

    /// Runs SQL statements, printing each result; false at the first failure.
    @discardableResult
    public func runSQL(_ sql: String) -> Bool {
        if context.echo { context.emit(sql.trimmingSpaces()) }
        do {
            try context.session.execute(sql) { result in render(result) }
        } catch {
            context.writeError("error: " + error.rendered)
            return false
        }
        if let query = Self.lastQueryText(sql) { context.lastQuery = query; context.traceStep = 0 }
        return true
    }

    /// The last SELECT/WITH/VALUES statement of `sql`, for commands that default to it.
    static func lastQueryText(_ sql: String) -> String? {
        let trimmed = sql.trimmingSpaces()
        let upper = trimmed.uppercased()
        guard upper.hasPrefix("SELECT") || upper.hasPrefix("WITH") || upper.hasPrefix("VALUES") || upper.hasPrefix("(") else { return nil }
        return trimmed.hasSuffix(";") ? String(trimmed.dropLast()) : trimmed
    }

    func render(_ result: StatementResult) {
        switch result {
        case .rows(let r):
            if case .explain = r.plan, context.format == .table {
                context.emit(r.rows.map { row in "\(row[0].sqlText):\n\(row[1].sqlText)" }.joined(separator: "\n\n"))
            } else {
                context.emit(context.format.render(r, style: context.style))
            }
            for w in r.warnings { context.writeError("warning: \(w)") }
            if context.timing { context.emit(String(format: "Time: %.3f ms", r.elapsed * 1000)) }
        case .command(let tag, let elapsed):
            context.emit(tag)
            if context.timing { context.emit(String(format: "Time: %.3f ms", elapsed * 1000)) }
        }
    }

    /// Runs a whole script: a line starting with a backslash between statements is a
    /// command, the rest SQL (error positions count lines of the whole script). Stops at
    /// the first error unless `continueOnError`. Returns whether everything worked.
    @discardableResult
    public func runScript(_ text: String, continueOnError: Bool) -> Bool {
        var ok = true
        var chunk: [Substring] = []
        var chunkStart = 0
        /// Runs the SQL gathered so far; false when a failure should stop the script.
        func runChunk() -> Bool {
            let padded = String(repeating: "\n", count: chunkStart) + chunk.joined(separator: "\n")
            chunk = []
            let (statements, rest) = Session.splitStatements(padded)
            var all = statements
            if !rest.trimmingSpaces().isEmpty { all.append(rest) }
            for s in all where !runSQL(s) {
                ok = false
                if !continueOnError { return false }
            }
            return true
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() {
            let pending = String(repeating: "\n", count: chunkStart) + chunk.joined(separator: "\n")
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("\\"), Session.splitStatements(pending).remainder.trimmingSpaces().isEmpty {
                if !runChunk() { return false }
                if !runCommand(String(line)) {
                    ok = false
                    if !continueOnError { return false }
                }
                if context.quitRequested { return ok }
                chunkStart = i + 1
                continue
            }
            chunk.append(line)
        }
        return runChunk() && ok
    }
}
