import ArgumentParser
import Foundation
import Logging
import PlanCore
import PlanEngine
import PlanSupport
import PlanscopeTUI

@main
struct Planscope: ParsableCommand {
    static let version = EngineVersion.current

    static let configuration = CommandConfiguration(
        commandName: "planscope",
        abstract: "A query-planning engine you can watch: plans SQL, shows why, and runs it.",
        usage: """
            planscope [-c <sql>]… [-f <file>]… [--format table|csv|json|jsonl] [-q] [--demo] [--echo] [--continue-on-error]
              planscope < script.sql
              planscope <subcommand> [options]
            """,
        discussion: """
            With no -c/-f and a terminal on stdin, opens an interactive prompt on the bundled \
            demo workspace. With stdin from a file or pipe, runs the statements read from it.

            Everyday options (of the default `run` command; `planscope help run` lists all):
              -c <sql>          run SQL (repeatable; in order with -f)
              -f <file>         run the statements in a file (errors name file:line:column)
              --format <f>      table, csv, json (one document for the whole run) or jsonl
              -q, --quiet       leave out command tags (CREATE TABLE, INSERT 0 1)
              --demo            load the demo tables (region, nation, …, lineitem)
            """,
        version: version,
        subcommands: [Run.self, Explain.self, Compare.self, Report.self, TraceCommand.self, SubstraitCommand.self, SLT.self, Pushdown.self, PipelineCommand.self, PipelineGraph.self, ManifestCommand.self, TUI.self],
        defaultSubcommand: Run.self
    )

    /// Everything runs on one thread with a deep stack (``DeepStack``): long expression
    /// chains are parsed, planned, shown and released there, never on the small main stack.
    static func main() {
        AllocatorTuning.applyForQueryProcessing()
        do {
            try DeepStack.run { Self.main(nil) }
        } catch {
            fail(Failure("\(error)"), format: TextOrJSON.text, code: 1)
        }
    }

    /// Writes one line to stderr.
    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Ends the process with `code` after writing the errors to stderr as the format asks:
    /// with `json` (or `jsonl`) each as one `{"error":{…}}` line, otherwise as text. Every
    /// subcommand's errors go through here.
    static func fail(_ failures: [Failure], format: some CLIFormat, code: Int32) -> Never {
        for failure in failures { printError(failure.shown(json: format.errorsAsJSON)) }
        Foundation.exit(code)
    }

    static func fail(_ failure: Failure, format: some CLIFormat, code: Int32) -> Never {
        fail([failure], format: format, code: code)
    }

    /// A session as every command starts one: `display.theme` takes only the themes there
    /// are (the user's folder and the bundled `themes/`), so a typo is an error at `SET`.
    static func newSession() -> Session {
        // Before the first session: its logger is made from the logging system as it is then.
        bootstrapLogging()
        let session = Session(logger: Session.processLogger)
        let themes = ThemeLibrary.standard(bundled: TUI.bundledThemes)
        session.restrict(Settings.theme, to: "theme") { themes.names }
        return session
    }

    /// A session with the demo tables (`--demo`) and the statements of each `--setup`
    /// file run in order; a file that cannot be read or fails ends the process (exit `code`,
    /// the error in `format`).
    static func preparedSession(demo: Bool, setup: [String], format: some CLIFormat, code: Int32 = 2,
                                into session: Session = Planscope.newSession()) -> Session {
        if demo { DemoWorkspace.load(into: session) }
        for path in setup {
            let text: String
            do { text = try Run.readFile(path) } catch { fail(Failure(error), format: format, code: code) }
            do { _ = try session.execute(text) } catch { fail(Failure(error, file: path), format: format, code: code) }
        }
        return session
    }

    /// `name=value` from a `--set` option (a value may itself hold `=`).
    static func setting(_ text: String) -> (name: String, value: String)? {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    /// Logging goes to stderr, off unless PLANSCOPE_LOG names a level (always off with
    /// `silent`: the TUI, whose screen log lines would tear). The first call decides; later
    /// ones do nothing (the logging system is set up once a process).
    static func bootstrapLogging(silent: Bool = false) {
        guard loggingStarted.withLock({ started in defer { started = true }; return !started }) else { return }
        let level = silent ? nil : ProcessInfo.processInfo.environment["PLANSCOPE_LOG"].flatMap { Logger.Level(rawValue: $0.lowercased()) }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level ?? .critical
            return handler
        }
    }

    private static let loggingStarted = Locked(false)
}
