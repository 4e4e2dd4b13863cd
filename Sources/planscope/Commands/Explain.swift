import ArgumentParser
import Foundation
import PlanCore
import PlanEngine

/// Prints the plan of one SQL statement.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how a statement is planned: the optimized logical plan; --verbose adds every optimizer step, --analyze runs it and adds the physical plan with metrics.")

    @Option(help: "text, tree, json (one JSON document in every mode) or substrait (the optimized plan as a Substrait plan's JSON).")
    var format: ExplainOutput = .text

    @Flag(help: "Run the statement and show each operator's rows, batches, time and memory.")
    var analyze = false

    @Flag(help: "Show the plan after every optimizer rule (SAME TEXT AS ABOVE when a rule changed nothing).")
    var verbose = false

    @Option(help: ArgumentHelp("Write the optimizer trace as JSON to this file.", valueName: "file"))
    var traceJson: String?

    @Option(help: ArgumentHelp("Optimizer rulepack (default, none, pushdown).", valueName: "name"))
    var rulepack: String?

    @Flag(inversion: .prefixedNo, help: "Plan against the bundled demo tables (region, nation, …, lineitem).")
    var demo = false

    @Option(name: .customShort("f"), help: ArgumentHelp("Run this file first (to create tables).", valueName: "file"))
    var setup: [String] = []

    @Argument(help: "The SQL statement.")
    var sql: String

    func validate() throws {
        if format == .substrait && (analyze || verbose || traceJson != nil) {
            throw ValidationError("--format substrait shows the optimized plan only (no --analyze, --verbose or --trace-json)")
        }
    }

    func run() throws {
        Planscope.bootstrapLogging()
        let session = Planscope.newSession()
        if let rulepack {
            do { try session.set(Settings.rulepack.name, rulepack) } catch { fail(Failure(error.description, kind: "config")) }
        }
        let prepared = Planscope.preparedSession(demo: demo, setup: setup, format: format, code: 1, into: session)
        if format == .substrait {
            do { print(try prepared.substraitJSON(of: sql)) } catch { fail(Failure(error)) }
            return
        }
        let result: ExplainResult
        do {
            result = try prepared.explain(sql, analyze: analyze, verbose: verbose)
        } catch {
            fail(Failure(error))
        }
        print(Explain.render(result, format: format))
        if let traceJson {
            guard let trace = result.trace else {
                fail(Failure("--trace-json: the statement was not optimized, so it has no trace"))
            }
            do { try (trace.json.pretty + "\n").write(toFile: traceJson, atomically: true, encoding: .utf8) } catch {
                fail(Failure("cannot write \(traceJson): \(error.localizedDescription)", kind: "io", file: traceJson))
            }
        }
    }

    /// Ends with exit status 1 and the error in this command's format.
    func fail(_ failure: Failure) -> Never { Planscope.fail(failure, format: format, code: 1) }

    /// What each mode prints: the optimized logical plan (text, tree or JSON); with
    /// `--verbose` the plan after every rule; with `--analyze` the physical plan with
    /// each operator's metrics. JSON is one document in every mode.
    static func render(_ result: ExplainResult, format: ExplainOutput) -> String {
        let planFormat: ExplainFormat = format == .json ? .json : format == .tree ? .tree : .indent
        if format == .json { return result.json.pretty }
        if format == .tree && result.analyze && !result.verbose {
            return result.analyzeTreeRows(format: .tree).map { "\($0.planType):\n\($0.plan)" }.joined(separator: "\n\n")
        }
        if result.analyze || result.verbose {
            var rows = result.rows(format: planFormat, physical: result.analyze)
            if !result.analyze { rows = rows.filter { $0.planType != "physical_plan" } }
            return rows.map { "\($0.planType):\n\($0.plan)" }.joined(separator: "\n\n")
        }
        return result.rows(format: planFormat, physical: false).first?.plan ?? ""
    }
}
