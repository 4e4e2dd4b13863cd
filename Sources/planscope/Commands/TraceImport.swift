import ArgumentParser
import Foundation
import PlanCore
import PlanEngine

/// `planscope trace import FILE`: a saved optimizer trace read back.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trace", abstract: "Saved optimizer traces.",
                                                    subcommands: [TraceImport.self])
}

struct TraceImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read planscope's trace JSON (explain --trace-json) or a report (planscope report) and show its steps, each changed step's diff and the plans.")
    @Option(help: "text or json.")
    var format: String = "text"
    @Argument(help: "The trace JSON or report HTML file.")
    var file: String

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("unknown format '\(format)' (expected text or json)") }
    }

    func run() throws {
        let saved: SavedTrace
        do { saved = try SavedTrace(file: file) } catch { Planscope.fail(Failure(error, file: file), format: format, code: 2) }
        if format == "json" {
            print(JSONValue.object([
                ("schema_version", .int(1)), ("rulepack", .string(saved.rulepack)), ("passes", .int(Int64(saved.passes))),
                ("steps", .int(Int64(saved.steps.count))), ("changed_steps", .int(Int64(saved.steps.count { $0.changed }))),
                ("final_plan", .string(saved.finalPlan)),
            ]).pretty)
        } else {
            print(saved.text)
        }
    }
}
