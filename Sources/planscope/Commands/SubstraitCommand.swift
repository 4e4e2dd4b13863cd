import ArgumentParser
import Foundation
import PlanCore
import PlanEngine
import PlanManifest
import PlanscopeCommands

/// `planscope substrait export|import`: plans in and out as Substrait (protobuf JSON form).
struct SubstraitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "substrait", abstract: "Plans in and out as Substrait JSON.",
                                                    subcommands: [SubstraitExport.self, SubstraitImport.self])
}

/// The tables a plan is made or read against: the demo's, or set-up files'.
struct SubstraitTables: ParsableArguments {
    @Flag(help: "Against the bundled demo tables (region, nation, …, lineitem).")
    var demo = false

    @Option(help: ArgumentHelp("Run this file first (to create tables).", valueName: "file"))
    var setup: [String] = []
}

struct SubstraitExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Plan and optimize a query and write its Substrait plan (JSON).")

    @OptionGroup var tables: SubstraitTables

    @Option(help: "Where errors go as text or json (the plan is JSON either way).")
    var format: TextOrJSON = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the plan to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Argument(help: "The SQL query.")
    var sql: String


    func run() throws {
        let session = Planscope.preparedSession(demo: tables.demo, setup: tables.setup, format: format, code: 1)
        let text: String
        do { text = try session.substraitJSON(of: sql) } catch { Planscope.fail(Failure(error), format: format, code: 1) }
        guard let output else { print(text); return }
        do { try (text + "\n").write(toFile: output, atomically: true, encoding: .utf8) } catch {
            Planscope.fail(Failure("cannot write \(output): \(error.localizedDescription)", kind: "io", file: output), format: format, code: 1)
        }
    }
}

struct SubstraitImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read a Substrait plan (JSON) against the tables and run it; with --against, print the tree diff between that query's optimized plan and the imported one.",
        discussion: "To step through its optimizer trace and see its pushdown report in the terminal UI: planscope tui --substrait FILE "
            + "(or \\substrait load FILE at the REPL or the TUI's ':' command line).")

    @OptionGroup var tables: SubstraitTables

    @Option(name: .customLong("format"), help: "table (default), csv, json or jsonl for the rows; text (default) or json for --against's diff and for errors.")
    var formatOption: SubstraitRunFormat?

    var format: SubstraitRunFormat { formatOption ?? (against == nil ? .table : .text) }

    @Option(help: ArgumentHelp("Compare with this query's optimized plan instead of running.", valueName: "sql"))
    var against: String?

    @Flag(help: "Print the imported plan (indent format) instead of running it.")
    var explain = false

    @Flag(help: "Run it and show the physical plan with each operator's figures (EXPLAIN ANALYZE).")
    var analyze = false

    @Flag(help: "Show the plan after every optimizer rule (the imported plan is the initial one).")
    var verbose = false

    @Flag(help: "Run it and print the pushdown contract report (per scan: each filter and its class).")
    var pushdown = false

    @Argument(help: "The Substrait plan's JSON file.")
    var file: String

    func validate() throws {
        if against != nil, ![.text, .json].contains(format) {
            throw ValidationError("--against prints a plan diff: --format text or json, not \(format.rawValue)")
        }
    }

    func run() throws {
        let session = Planscope.preparedSession(demo: tables.demo, setup: tables.setup, format: format, code: 1)
        let text: String
        do { text = try TextFile.read(file) } catch { Planscope.fail(Failure(error), format: format, code: 2) }
        let plan: LogicalPlan
        do { plan = try session.importSubstrait(text, source: file) } catch { Planscope.fail(Failure(error.error, file: file), format: format, code: 1) }
        if let against {
            let original: LogicalPlan
            do {
                original = try session.optimize(try session.logicalPlan(against)).final
            } catch let e as StatementError {
                Planscope.fail(Failure(e), format: format, code: 1)
            } catch let e as PlanError {
                Planscope.fail(Failure(e), format: format, code: 1)
            }
            let diff = PlanDiff(from: original, to: plan)
            print(format == .json ? diff.json.pretty : diff.hasChanges ? diff.text : "no changes: the imported plan is the query's plan")
            return
        }
        if explain {
            print(IndentRenderer.render(plan))
            return
        }
        if analyze || verbose {
            let result: ExplainResult
            do { result = try session.explain(plan: plan, analyze: analyze, verbose: verbose) } catch {
                Planscope.fail(Failure(error.error, file: file), format: format, code: 1)
            }
            print(Explain.render(result, format: format == .json ? .json : .text))
            return
        }
        let result: StatementResult
        do { result = try session.run(plan: plan, sql: file) } catch { Planscope.fail(Failure(error.error, file: file), format: format, code: 1) }
        if pushdown {
            let context = CommandContext(session: session, write: { print($0) },
                                         writeError: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
            context.format = format == .json ? .json : .table
            let runner = CommandRunner(context: context)
            let outcome = runner.pushdownReport(result, CommandState())
            runner.print(outcome)
            if !outcome.succeeded { throw ExitCode(1) }
            return
        }
        print(format.rows.render(result))
    }
}
