import ArgumentParser
import Foundation
import PlanCore
import PlanEngine

/// Prints the plan of one SQL statement.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how a statement is planned (logical plan, and physical plan as text).")

    @Option(help: "text, tree or json.")
    var format: String = "text"

    @Flag(help: "Run the statement and show each operator's rows, batches, time and memory.")
    var analyze = false

    @Flag(help: "Show the plan after every optimizer rule (SAME TEXT AS ABOVE when a rule changed nothing).")
    var verbose = false

    @Option(help: ArgumentHelp("Write the optimizer trace as JSON to this file.", valueName: "file"))
    var traceJson: String?

    @Option(help: ArgumentHelp("Optimizer rulepack (default, none, pushdown).", valueName: "name"))
    var rulepack: String?

    @Flag(inversion: .prefixedNo, help: "Plan against the bundled demo tables.")
    var demo = true

    @Option(name: .customShort("f"), help: ArgumentHelp("Run this file first (to create tables).", valueName: "file"))
    var setup: [String] = []

    @Argument(help: "The SQL statement.")
    var sql: String

    func validate() throws {
        guard ["text", "tree", "json"].contains(format) else {
            throw ValidationError("unknown format '\(format)' (expected text, tree or json)")
        }
    }

    func run() throws {
        Planscope.bootstrapLogging()
        let session = Session()
        if demo { DemoWorkspace.load(into: session) }
        if let rulepack {
            do { try session.config.set("optimizer.rulepack", rulepack) } catch {
                FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
                throw ExitCode(1)
            }
        }
        for path in setup {
            guard let text = Run.readFile(path) else {
                FileHandle.standardError.write(Data("error: cannot read file '\(path)'\n".utf8))
                throw ExitCode(1)
            }
            do { _ = try session.execute(text) } catch {
                FileHandle.standardError.write(Data("\(path): error: \(error.rendered)\n".utf8))
                throw ExitCode(1)
            }
        }
        do {
            if analyze {
                try? session.config.set("explain.format", format == "text" ? "indent" : format)
                let rows = try session.explain(sql, analyze: true)
                if format == "json", let physical = rows.first(where: { $0.planType == "physical_plan" }) {
                    print(physical.plan)
                } else {
                    print(rows.map { "\($0.planType):\n\($0.plan)" }.joined(separator: "\n\n"))
                }
                return
            }
            if verbose {
                let rows = try session.explain(sql, verbose: true)
                print(rows.filter { $0.planType != "physical_plan" }.map { "\($0.planType):\n\($0.plan)" }.joined(separator: "\n\n"))
            } else {
                let bound = try session.logicalPlan(sql)
                let plan: LogicalPlan
                do { plan = try session.optimize(bound).final } catch { throw StatementError(error, source: sql) }
                switch format {
                case "json": print(PlanJSON.document(plan).pretty)
                case "tree": print(TreeRenderer.render(plan))
                default: print(IndentRenderer.render(plan))
                }
            }
            if let traceJson, let trace = session.lastTrace {
                do { try (trace.json.pretty + "\n").write(toFile: traceJson, atomically: true, encoding: .utf8) } catch {
                    FileHandle.standardError.write(Data("error: cannot write \(traceJson): \(error.localizedDescription)\n".utf8))
                    throw ExitCode(1)
                }
            }
        } catch let error as StatementError {
            FileHandle.standardError.write(Data("error: \(error.rendered)\n".utf8))
            throw ExitCode(1)
        }
    }
}
