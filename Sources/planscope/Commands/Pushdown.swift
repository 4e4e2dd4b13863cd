import ArgumentParser
import Foundation
import PlanCore
import PlanEngine
import PlanProviders
import PlanscopeCommands

/// `planscope pushdown SQL`: runs the query and prints, per scan, every filter offered,
/// how the provider classified it, the residual filter, and what was read and pruned.
struct Pushdown: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the pushdown contract of each scan of a query (runs the query).")

    @Option(help: "table or json.")
    var format: String = "table"

    @Flag(inversion: .prefixedNo, help: "Plan against the bundled demo tables.")
    var demo = true

    @Flag(help: "Re-check Exact filters on the rows providers return.")
    var verify = false

    @Option(name: .customShort("f"), help: ArgumentHelp("Run this file first (to create tables).", valueName: "file"))
    var setup: [String] = []

    @Argument(help: "The query.")
    var sql: String

    func validate() throws {
        guard ["table", "json"].contains(format) else { throw ValidationError("unknown format '\(format)' (expected table or json)") }
    }

    func run() throws {
        Planscope.bootstrapLogging()
        let session = Session()
        if demo { DemoWorkspace.load(into: session) }
        if verify { try? session.config.set("pushdown.verify", "on") }
        do {
            for path in setup {
                guard let text = Run.readFile(path) else {
                    FileHandle.standardError.write(Data("error: cannot read file '\(path)'\n".utf8))
                    throw ExitCode(1)
                }
                _ = try session.execute(text)
            }
            let report = try session.pushdownReport(sql)
            print(format == "json" ? report.json.pretty : Pushdown.table(report))
            for w in session.lastWarnings { FileHandle.standardError.write(Data("warning: \(w)\n".utf8)) }
        } catch let error as StatementError {
            FileHandle.standardError.write(Data("error: \(error.rendered)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// One row per filter, then one summary line per scan.
    static func table(_ report: PushdownContractReport) -> String {
        var rows: [[String]] = []
        var summaries: [String] = []
        for s in report.scans {
            for f in s.filters {
                rows.append([s.table, f.expr.description, f.pushdown.rawValue, s.residual.contains(f.expr) ? "yes" : "no"])
            }
            if s.filters.isEmpty { rows.append([s.table, "(no filters offered)", "", ""]) }
            var line = "\(s.table) (\(s.provider)): read \(s.rowsRead) rows / \(s.bytesRead) bytes, returned \(s.rowsReturned) rows"
            if s.unitsTotal > 0 { line += ", \(s.unitsPruned) of \(s.unitsTotal) \(s.unitKind) pruned" }
            for v in s.violations { line += "\n  violation (\(v.stage.rawValue)): \(v)" }
            summaries.append(line)
        }
        let table = TableFormatter().render(header: ["table", "filter", "pushdown", "also above scan"],
                                            types: [.text, .text, .text, .text], rows: rows)
        return table + "\n" + summaries.joined(separator: "\n")
    }
}
