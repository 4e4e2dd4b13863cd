import ArgumentParser
import Foundation
import PlanCore
import PlanEngine
import PlanscopeCommands

/// `planscope pushdown SQL`: runs the query and prints, per scan, every filter offered,
/// how the provider classified it, the residual filter, and what was read and pruned.
struct Pushdown: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the pushdown contract of each scan of a query (runs the query).")

    @Option(help: "table or json.")
    var format: TableOrJSON = .table

    @Flag(inversion: .prefixedNo, help: "Plan against the bundled demo tables (region, nation, …, lineitem).")
    var demo = false

    @Flag(help: "Re-check Exact filters on the rows providers return.")
    var verify = false

    @Option(name: .customShort("f"), help: ArgumentHelp("Run this file first (to create tables).", valueName: "file"))
    var setup: [String] = []

    @Argument(help: "The query.")
    var sql: String

    func run() throws {
        Planscope.bootstrapLogging()
        let session = Planscope.newSession()
        if demo { DemoWorkspace.load(into: session) }
        if verify { try session.set(Settings.pushdownVerify, true) }
        let context = CommandContext(session: session,
                                     write: { print($0) },
                                     writeError: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
        context.format = format == .json ? .json : .table
        let runner = CommandRunner(context: context)
        var state = CommandState()
        // Set-up files run quietly (only errors show).
        for path in setup {
            let text: String
            do { text = try Run.readFile(path) } catch { Planscope.fail(Failure(error), format: format, code: 1) }
            let run = runner.runScript(text, state, continueOnError: false) { outcome in
                runner.print(Outcome(state: outcome.state, lines: outcome.lines.filter { $0.kind == .error }))
            }
            guard run.ok else { throw ExitCode(1) }
            state = run.state
        }
        // The report is the REPL's \pushdown: one implementation.
        let outcome = runner.runCommand("\\pushdown " + sql, state)
        runner.print(outcome)
        guard outcome.succeeded else { throw ExitCode(1) }
    }
}
