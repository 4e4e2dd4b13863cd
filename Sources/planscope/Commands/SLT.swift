import ArgumentParser
import Foundation
import PlanSLT

/// `planscope slt FILE…`: runs sqllogictest files and prints `N passed, N failed`.
struct SLT: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slt",
        abstract: "Run sqllogictest files (directories are searched for *.slt; FILE:LINE runs one record).")

    @Option(help: "text or json (one document with the counts and every failure, at the end).")
    var format: String = "text"

    @Flag(help: "Rewrite the expected results with the actual ones (review the diff).")
    var complete = false

    @Option(name: .customLong("set"), help: ArgumentHelp("A setting for every file's session, e.g. optimizer.rulepack=none (repeatable).", valueName: "name=value"))
    var settings: [String] = []

    @Argument(help: "Files, directories, or FILE:LINE.")
    var paths: [String]

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("unknown format '\(format)' (expected text or json)") }
    }

    func run() throws {
        Planscope.bootstrapLogging()
        var total = SLTRunner.Summary()
        var targets: [(String, Int?)] = []
        for p in paths {
            if let colon = p.lastIndex(of: ":"), let line = Int(p[p.index(after: colon)...]) {
                targets.append((String(p[..<colon]), line))
            } else {
                targets.append(contentsOf: SLTRunner.expand([p]).map { ($0, nil) })
            }
        }
        for (file, line) in targets {
            var runner = SLTRunner()
            runner.complete = complete
            runner.onlyLine = line
            runner.settings = settings.map { s in Planscope.setting(s) ?? (s, "") }
            let s = runner.run(file: file) { failure in if format == "text" { print(failure.description) } }
            total.add(s)
        }
        print(format == "json" ? total.json.pretty : total.line)
        if total.failed > 0 { throw ExitCode(1) }
    }
}
