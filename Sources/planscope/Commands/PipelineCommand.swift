import ArgumentParser
import Foundation
import PlanCore
import PlanEngine
import PlanPipeline

/// `planscope pipeline graph|run SPEC`: a pipeline's task graph, and runs.
struct PipelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Validate, graph and run a pipeline spec (views feeding views feeding outputs).",
        subcommands: [PipelineGraph.self, PipelineRun.self])

    /// Loads a spec into a fresh session, or exits with every problem named.
    static func load(_ path: String, estimating: Bool = true) throws -> (Session, LoadedPipeline) {
        Planscope.bootstrapLogging()
        let session = Planscope.newSession()
        do {
            return (session, try session.loadPipeline(file: path, estimating: estimating))
        } catch {
            fail(path, error)
        }
    }

    static func fail(_ path: String, _ error: PipelineError) -> Never {
        Planscope.fail(messages(path, error), code: 1)
    }

    /// Each problem on a line of its own, prefixed with the spec's file name (a file that
    /// cannot be read is named by its message already).
    static func messages(_ path: String, _ error: PipelineError) -> [String] {
        switch error {
        case .spec(let errors): errors.errors.map { "\(path): \($0)" }
        case .io(let message): ["error: \(message)"]
        default: ["\(path): \(error)"]
        }
    }
}

/// `planscope pipeline graph SPEC` (also `planscope graph SPEC`).
struct PipelineGraph: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Show a pipeline's task graph: order, levels, critical path, edges (text, json or dot).")

    @Option(help: "text, json or dot.")
    var format: String = "text"

    @Flag(help: "Print only the determinism contract (spec, envelope and rulepack hashes).")
    var hashes = false

    @Argument(help: "The pipeline spec (JSON).")
    var spec: String

    func validate() throws {
        guard ["text", "json", "dot"].contains(format) else { throw ValidationError("unknown format '\(format)' (expected text, json or dot)") }
    }

    func run() throws {
        let (_, pipeline) = try PipelineCommand.load(spec, estimating: !hashes)
        if hashes {
            let c = pipeline.contract
            print(format == "json" ? c.json.pretty : "spec \(c.specHash)\nenvelope \(c.envelopeHash)\nrulepack \(c.rulepackFingerprint)")
            withExtendedLifetime(pipeline) { Foundation.exit(0) }
        }
        switch format {
        case "json": print(pipeline.view.json.pretty)
        case "dot": print(pipeline.view.dot)
        default: print(pipeline.view.text)
        }
        // A large pipeline's values need no tearing down one by one: the process ends here.
        withExtendedLifetime(pipeline) { Foundation.exit(0) }
    }
}

/// `planscope pipeline run SPEC`: runs the views in graph order and writes the outputs.
struct PipelineRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline: compile and run every view in graph order, write the outputs, print the run report.")

    @Option(help: "text or json (the run report).")
    var format: String = "text"

    @Option(help: ArgumentHelp("Also write the run report as JSON to this file.", valueName: "file"))
    var report: String?

    @Option(help: ArgumentHelp("Re-plan without writing outputs and compare with this earlier run report.", valueName: "report.json"))
    var checkReplay: String?

    @Argument(help: "The pipeline spec (JSON).")
    var spec: String

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("unknown format '\(format)' (expected text or json)") }
    }

    func run() throws {
        let (session, pipeline) = try PipelineCommand.load(spec)
        let progress = isatty(2) != 0
        let total = pipeline.plans.count
        var done = 0
        let onViewDone: (PipelineRunReport.ViewRun) -> Void = { view in
            done += 1
            guard progress else { return }
            let rows = view.rows == 1 ? "1 row" : "\(view.rows) rows"
            FileHandle.standardError.write(Data("\r\u{1B}[K[\(done)/\(total) views] \(view.name): \(rows), \(String(format: "%.1f", view.endMillis / 1000)) s".utf8))
        }
        if let checkReplay {
            let data: Data
            do { data = try TextFile.data(checkReplay) } catch {
                FileHandle.standardError.write(Data("error: cannot read run report '\(checkReplay)': \(error.reason)\n".utf8))
                throw ExitCode(1)
            }
            let recorded: PipelineRunReport
            do {
                recorded = try PipelineRunReport(json: try JSONValue.parse(String(decoding: data, as: UTF8.self)))
            } catch let error as JSONParseError {
                FileHandle.standardError.write(Data("\(checkReplay): not valid JSON: \(error)\n".utf8))
                throw ExitCode(1)
            } catch {
                FileHandle.standardError.write(Data("\(checkReplay): \(error)\n".utf8))
                throw ExitCode(1)
            }
            let check: ReplayCheck
            do { check = try session.checkReplay(pipeline, against: recorded) } catch { PipelineCommand.fail(spec, error) }
            print(format == "json" ? check.json.pretty : check.text)
            if !check.isValid { throw ExitCode(2) }
            return
        }
        let result: PipelineRunReport
        SignalCancellation.install(for: session)
        do { result = try session.runPipeline(pipeline, onViewDone: onViewDone) } catch {
            SignalCancellation.exitIfSignalled()
            PipelineCommand.fail(spec, error)
        }
        if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        print(format == "json" ? result.json.pretty : result.text)
        if let report {
            do { try (result.json.pretty + "\n").write(toFile: report, atomically: true, encoding: .utf8) } catch {
                FileHandle.standardError.write(Data("error: cannot write \(report): \(error.localizedDescription)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
