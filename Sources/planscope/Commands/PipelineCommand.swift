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
    static func load(_ path: String, estimating: Bool = true, format: some CLIFormat) -> (Session, LoadedPipeline) {
        Planscope.bootstrapLogging()
        let session = Planscope.newSession()
        do {
            return (session, try session.loadPipeline(file: path, estimating: estimating))
        } catch {
            fail(path, error, format: format)
        }
    }

    /// Reads and checks a spec without binding its views, or exits with every problem named.
    static func parse(_ path: String, format: some CLIFormat) -> ParsedPipeline {
        Planscope.bootstrapLogging()
        do { return try Planscope.newSession().parsePipeline(file: path) } catch { fail(path, error, format: format) }
    }

    /// Exit 1 with each problem on a line of its own (``Failure/pipeline(_:_:)``).
    static func fail(_ path: String, _ error: PipelineError, format: some CLIFormat) -> Never {
        Planscope.fail(Failure.pipeline(path, error), format: format, code: 1)
    }
}

/// `planscope pipeline graph SPEC` (also `planscope graph SPEC`).
struct PipelineGraph: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Show a pipeline's task graph: order, levels, critical path, edges (text, json or dot).")

    @Option(help: "text, json or dot.")
    var format: GraphFormat = .text

    @Flag(help: "Print only the determinism contract (spec, envelope and rulepack hashes).")
    var hashes = false

    @Flag(help: "Also bind every view in graph order (column names and types, each view's columns) and estimate its rows, as a run does; without it the views' SQL is parsed, not bound.")
    var check = false

    @Argument(help: "The pipeline spec (JSON).")
    var spec: String

    func run() throws {
        let view: TaskGraphView
        let contract: DeterminismContract
        if check {
            let (_, pipeline) = PipelineCommand.load(spec, estimating: !hashes, format: format)
            (view, contract) = (pipeline.view, pipeline.contract)
        } else {
            let pipeline = PipelineCommand.parse(spec, format: format)
            (view, contract) = (pipeline.view, pipeline.contract)
        }
        if hashes {
            print(format == .json ? contract.json.pretty : "spec \(contract.specHash)\nenvelope \(contract.envelopeHash)\nrulepack \(contract.rulepackFingerprint)")
        } else {
            switch format {
            case .json: print(view.json.pretty)
            case .dot: print(view.dot)
            case .text: print(view.text)
            }
        }
        // A large pipeline's values need no tearing down one by one: the process ends here.
        withExtendedLifetime(view) { Foundation.exit(0) }
    }
}

/// `planscope pipeline run SPEC`: runs the views in graph order and writes the outputs.
struct PipelineRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline: compile and run every view in graph order, write the outputs, print the run report.")

    @Option(help: "text or json (the run report).")
    var format: TextOrJSON = .text

    @Option(help: ArgumentHelp("Also write the run report as JSON to this file.", valueName: "file"))
    var report: String?

    @Option(help: ArgumentHelp("Re-plan without writing outputs and compare with this earlier run report.", valueName: "report.json"))
    var checkReplay: String?

    @Argument(help: "The pipeline spec (JSON).")
    var spec: String


    func run() throws {
        let (session, pipeline) = PipelineCommand.load(spec, format: format)
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
                fail(Failure("cannot read run report '\(checkReplay)': \(error.reason)", kind: "io", file: checkReplay))
            }
            let recorded: PipelineRunReport
            do {
                recorded = try PipelineRunReport(json: try JSONValue.parse(String(decoding: data, as: UTF8.self)))
            } catch let error as JSONParseError {
                fail(Failure("not valid JSON: \(error)", kind: "report", file: checkReplay, text: "\(checkReplay): not valid JSON: \(error)"))
            } catch {
                fail(Failure("\(error)", kind: "report", file: checkReplay, text: "\(checkReplay): \(error)"))
            }
            let check: ReplayCheck
            do { check = try session.checkReplay(pipeline, against: recorded) } catch { PipelineCommand.fail(spec, error, format: format) }
            print(format == .json ? check.json.pretty : check.text)
            if !check.isValid { throw ExitCode(2) }
            return
        }
        let result: PipelineRunReport
        SignalCancellation.install(for: session)
        do { result = try session.runPipeline(pipeline, onViewDone: onViewDone) } catch {
            SignalCancellation.exitIfSignalled()
            PipelineCommand.fail(spec, error, format: format)
        }
        if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        print(format == .json ? result.json.pretty : result.text)
        if let report {
            do { try (result.json.pretty + "\n").write(toFile: report, atomically: true, encoding: .utf8) } catch {
                fail(Failure("cannot write \(report): \(error.localizedDescription)", kind: "io", file: report))
            }
        }
    }

    /// Ends with exit status 1 and the error in this command's format.
    func fail(_ failure: Failure) -> Never { Planscope.fail(failure, format: format, code: 1) }
}
