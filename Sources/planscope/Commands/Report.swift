import ArgumentParser
import Foundation
import PlanEngine

/// `planscope report "SQL" -o report.html`: one self-contained HTML file.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one self-contained HTML file (no network) with a query's optimizer trace (every step, each change's tree diff), pushdown table, Analyze tree and manifest; `planscope trace import` reads it back.")
    @Option(name: [.customShort("f"), .customLong("setup")], help: ArgumentHelp("Run this SQL file first (to create tables).", valueName: "file"))
    var setup: [String] = []
    @Flag(help: "Plan against the bundled demo tables.")
    var demo = false
    @Flag(help: "Plan only: do not run the query (no Analyze metrics).")
    var noAnalyze = false
    @Option(name: .customShort("o"), help: ArgumentHelp("The HTML file to write.", valueName: "file"))
    var output: String
    @Option(help: "text (`wrote FILE` on stderr) or json (the file, its sections and what they hold, on stdout).")
    var format: TextOrJSON = .text
    @Argument(help: "The query.")
    var sql: String


    func run() throws {
        Planscope.bootstrapLogging()
        let session = Planscope.preparedSession(demo: demo, setup: setup, format: format)
        let report: PlanReport
        do { report = try session.report(sql, analyze: !noAnalyze) } catch { Planscope.fail(Failure(error), format: format, code: 1) }
        do { try report.html.write(toFile: output, atomically: true, encoding: .utf8) } catch {
            Planscope.fail(Failure("cannot write \(output): \(error.localizedDescription)", kind: "io", file: output), format: format, code: 2)
        }
        if format == .json {
            print(report.summary(file: output).pretty)
        } else {
            FileHandle.standardError.write(Data("wrote \(output)\n".utf8))
        }
    }
}
