import ArgumentParser
import Foundation
import PlanCore
import PlanEngine
import PlanscopeCommands
import PlanscopeREPL

/// Runs SQL from -c/-f (in the order given), from piped stdin, or interactively.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run SQL statements (the default command)."
    )

    @Option(name: .customShort("c"), help: ArgumentHelp("Run SQL (repeatable; runs in order with -f).", valueName: "sql"))
    var commands: [String] = []

    @Option(name: .customShort("f"), help: ArgumentHelp("Run the statements in a file (repeatable).", valueName: "file"))
    var files: [String] = []

    @Option(help: "Result format: table, csv, json (one document for the whole run) or jsonl (one row per line).")
    var format: OutputFormat = .table

    @Flag(name: .shortAndLong, help: "Leave out command tags (CREATE TABLE, INSERT 0 1), as psql -q does.")
    var quiet = false

    @Flag(inversion: .prefixedNo, help: "Load the bundled demo tables (region, nation, …, lineitem) first (default: only for an interactive start with no -c/-f).")
    var demo: Bool?

    @Flag(name: .customShort("X"), help: "Do not read the startup file ($XDG_CONFIG_HOME/planscope/planscoperc).")
    var noStartupFile = false

    @Flag(help: "Print each statement before its result.")
    var echo = false

    @Flag(help: "Keep going after a failing statement (exit status is still non-zero).")
    var continueOnError = false

    @Flag(help: "Use ASCII instead of Unicode box drawing for tables.")
    var ascii = false

    @Flag(help: "Print each statement's elapsed time.")
    var timing = false

    @Flag(help: "vi key bindings in the line editor (emacs by default).")
    var vi = false

    func run() throws {
        Planscope.bootstrapLogging()
        let session = Planscope.newSession()
        let sources = Run.ordered(commands: commands, files: files, as: CommandLine.arguments)
        // Like psql and duckdb, scripts start empty: the demo is for exploring at a prompt.
        let interactive = sources.isEmpty && isatty(0) != 0
        if demo ?? interactive { DemoWorkspace.load(into: session) }
        let context = CommandContext(session: session,
                                     write: { print($0); fflush(nil) },
                                     writeError: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
        context.format = format
        context.style = ascii ? .ascii : .unicode
        context.echo = echo
        context.timing = timing
        context.quiet = quiet
        // A slow statement shows its progress on stderr when that is a terminal (never when
        // piped or redirected).
        if isatty(2) != 0 {
            context.progress = TerminalProgress { FileHandle.standardError.write(Data($0.utf8)) }
        }
        let runner = CommandRunner(context: context)
        var state = CommandState()
        /// Runs a script on the state; false if something failed (`\tui` fails: no terminal).
        func script(_ text: String, continueOnError: Bool) -> (ok: Bool, quit: Bool) {
            let run = runner.runScript(text, state, continueOnError: continueOnError)
            state = run.state
            let tui = run.effects.contains { if case .openTUI = $0 { true } else { false } }
            if tui { context.writeError("error: \\tui needs a terminal") }
            return (run.ok && !tui, run.effects.contains(.quit))
        }
        // The startup file (like .psqlrc): settings and commands to run first.
        if !noStartupFile, let rc = Run.startupFile(), let text = try? Run.readFile(rc) {
            context.scriptName = rc
            if !script(text, continueOnError: true).ok { context.writeError("(in the startup file \(rc); -X skips it)") }
            context.scriptName = nil
        }
        // A script's JSON results form one document, written at the end.
        if context.format == .json { context.jsonDocument = [] }
        defer { context.finishJSONDocument() }
        if !interactive { SignalCancellation.install(for: session) }
        defer { SignalCancellation.exitIfSignalled() }
        if !sources.isEmpty {
            var failed = false
            for source in sources {
                let ran: (ok: Bool, quit: Bool)
                switch source {
                case .sql(let sql):
                    context.scriptName = nil
                    ran = script(sql, continueOnError: continueOnError)
                case .file(let path):
                    let text: String
                    do { text = try Run.readFile(path) } catch {
                        // Not Planscope.fail: the results so far still close their JSON document.
                        context.writeError(Failure(error).shown(json: format.errorsAsJSON))
                        throw ExitCode(1)
                    }
                    context.scriptName = path
                    ran = script(text, continueOnError: continueOnError)
                }
                if !ran.ok { failed = true; if !continueOnError { throw ExitCode(1) } }
                if ran.quit { break }
            }
            if failed { throw ExitCode(1) }
            return
        }
        if isatty(0) == 0 {
            let text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            if !script(text, continueOnError: continueOnError).ok { throw ExitCode(1) }
            return
        }
        context.jsonDocument = nil
        // A terminal: the line-editing REPL, long results through the pager, errors in red
        // unless NO_COLOR is set or stderr is not a terminal.
        context.write = { [context] text in Pager.show(text, enabled: context.pager) }
        context.terminalWidth = { Pager.terminalColumns }
        let colour = isatty(2) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        // Errors in red and warnings in yellow, by their kind: the first line (the message;
        // the SQL line and caret under it stay plain).
        context.writeProblem = { kind, text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if colour, let first = lines.first { lines[0] = (kind == .error ? "\u{1B}[31m" : "\u{1B}[33m") + first + "\u{1B}[0m" }
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
        let openTUI = { [context] (spec: String?, state: CommandState) -> CommandState in
            let (write, writeError, progress) = (context.write, context.writeError, context.progress)
            context.progress = nil  // the TUI draws its own progress; stderr is its screen
            let exit = TUI.open(context: context, state: state, spec: spec, source: spec ?? "session")
            (context.write, context.writeError, context.progress) = (write, writeError, progress)
            if exit.status != 0 { context.writeError("warning: the TUI ended with status \(exit.status)") }
            return exit.state
        }
        let editor: LineEditor = EditLineEditor(completer: Completer(context: context), vi: vi) ?? PlainLineReader()
        context.write(REPL.banner(version: Planscope.version, tables: session.catalog.tableNames))
        REPL(context: context, editor: editor, history: History(), interactive: true, state: state, openTUI: openTUI).run()
    }

    enum Source { case sql(String), file(String) }

    /// `$XDG_CONFIG_HOME/planscope/planscoperc` (default `~/.config/…`), if it exists.
    static func startupFile() -> String? {
        let env = ProcessInfo.processInfo.environment
        let config = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (FileManager.default.homeDirectoryForCurrentUser.path as NSString).appendingPathComponent(".config")
        let path = (config as NSString).appendingPathComponent("planscope/planscoperc")
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The file's text (works for pipes such as `<(…)` too), or why it cannot be read.
    static func readFile(_ path: String) throws(FileReadError) -> String {
        try TextFile.read(path)
    }

    /// -c and -f in the order they were written. ArgumentParser parses their values (into
    /// `commands` and `files`, apart); the command line only says which kind came when.
    /// Should the two disagree (a form this scan does not know), the SQL runs first.
    static func ordered(commands: [String], files: [String], as arguments: [String]) -> [Source] {
        var kinds: [Bool] = []  // true: -c, false: -f
        var i = 1
        while i < arguments.count, arguments[i] != "--" {
            let a = arguments[i]
            if a == "-c" || a == "-f" {
                kinds.append(a == "-c")
                i += 2
                continue
            }
            if a.count > 2, !a.hasPrefix("--"), a.hasPrefix("-c") || a.hasPrefix("-f") { kinds.append(a.hasPrefix("-c")) }
            else if a == "--format" { i += 1 }
            i += 1
        }
        guard kinds.filter({ $0 }).count == commands.count, kinds.filter({ !$0 }).count == files.count else {
            return commands.map(Source.sql) + files.map(Source.file)
        }
        var sql = commands.makeIterator(), file = files.makeIterator()
        return kinds.compactMap { $0 ? sql.next().map(Source.sql) : file.next().map(Source.file) }
    }
}
