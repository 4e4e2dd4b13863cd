import ArgumentParser
import Foundation
import PlanCore
import PlanEngine

/// `planscope trace import FILE`: a saved optimizer trace read back — planscope's own, or
/// another engine's (DataFusion's EXPLAIN VERBOSE, Spark's plan change log).
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trace", abstract: "Saved optimizer traces.",
                                                    subcommands: [TraceImport.self])
}

struct TraceImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read a trace and show its steps, each changed step's diff and the plans: planscope's trace JSON (explain --trace-json) "
            + "or report (planscope report), DataFusion's EXPLAIN VERBOSE output (table, two plain columns, TSV or CSV), or Spark's plan change log.")
    @Option(help: "text or json.")
    var format: TextOrJSON = .text
    @Argument(help: "The trace JSON, report HTML, DataFusion EXPLAIN VERBOSE output or Spark log file.")
    var file: String


    func run() throws {
        let read: TraceFile
        do { read = try TraceFile.read(file) } catch { Planscope.fail(Failure(error, file: file), format: format, code: 2) }
        if case .planscope(let saved) = read {
            for w in saved.warnings { Planscope.printError("warning: \(w)") }
        }
        switch read {
        case .foreign(let foreign):
            print(format == .json ? foreign.summaryJSON.pretty : foreign.text)
        case .planscope(let saved) where format == .json:
            print(JSONValue.object([
                ("schema_version", .int(1)), ("rulepack", .string(saved.rulepack)), ("passes", .int(Int64(saved.passes))),
                ("steps", .int(Int64(saved.steps.count))), ("changed_steps", .int(Int64(saved.steps.count { $0.changed }))),
                ("final_plan", .string(saved.finalPlan)),
            ]).pretty)
        case .planscope(let saved):
            print(saved.text)
        }
    }
}
