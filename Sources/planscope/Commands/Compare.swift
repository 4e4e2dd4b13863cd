import ArgumentParser
import Foundation
import PlanEngine
import PlanManifest

/// `planscope compare`: two plans side by side with the tree diff between them.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Two plans side by side with the node-matching tree diff between them: two queries, or one query under two rulepacks or two manifests. Exit 0 when the plans are the same, 1 when they differ, 2 on an error (a side that cannot be planned: its error, whole).",
        usage: """
            planscope compare --sql A --sql B [--setup FILE | --demo] [--format text|json]
            planscope compare --sql Q --rulepack X --rulepack Y [--setup FILE | --demo]
            planscope compare --sql Q --manifest A.json --manifest B.json [--setup FILE | --demo]
            """)

    @Option(help: ArgumentHelp("A query (twice: compare the two; once: with two --rulepack or --manifest).", valueName: "sql"))
    var sql: [String] = []
    @Option(help: ArgumentHelp("A rulepack to plan the query under (twice).", valueName: "name"))
    var rulepack: [String] = []
    @Option(help: ArgumentHelp("A manifest file to plan the query under (twice).", valueName: "file"))
    var manifest: [String] = []
    @Option(name: [.customShort("f"), .customLong("setup")], help: ArgumentHelp("Run this SQL file first (to create tables).", valueName: "file"))
    var setup: [String] = []
    @Flag(help: "Plan against the bundled demo tables.")
    var demo = false
    @Option(help: "text or json.")
    var format: TextOrJSON = .text

    func validate() throws {
        switch (sql.count, rulepack.count, manifest.count) {
        case (2, 0, 0), (1, 2, 0), (1, 0, 2): break
        default: throw ValidationError("give --sql twice, or --sql once with --rulepack twice or --manifest twice")
        }
    }

    func run() throws {
        Planscope.bootstrapLogging()
        let session = Planscope.preparedSession(demo: demo, setup: setup, format: format)
        let comparison: PlanComparison
        do {
            if rulepack.count == 2 {
                comparison = try session.compare(sql[0], rulepacks: rulepack[0], rulepack[1])
            } else if manifest.count == 2 {
                comparison = try session.compare(sql[0], manifests: ManifestCommand.read(manifest[0], format: format),
                                                 ManifestCommand.read(manifest[1], format: format), labels: (manifest[0], manifest[1]))
            } else {
                comparison = session.compare(sql[0], sql[1])
            }
        } catch {
            Planscope.fail(Failure(error), format: format, code: 2)
        }
        let failures = Compare.failures(comparison)
        if !failures.isEmpty { Planscope.fail(failures, format: format, code: 2) }
        print(format == .json ? comparison.json.pretty : comparison.text(width: Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 120))
        if comparison.differs { throw ExitCode(1) }
    }

    /// A side that could not be planned is an error (exit 2), shown whole (its message,
    /// SQL line and caret) and named by its side; one error when both sides fail alike.
    static func failures(_ comparison: PlanComparison) -> [Failure] {
        let failed = [comparison.left, comparison.right].compactMap { side -> (PlanComparison.Side, StatementError)? in
            if case .failed(let e) = side.outcome { (side, e) } else { nil }
        }
        if failed.count == 2, failed[0].1 == failed[1].1 { return [Failure(failed[0].1)] }
        return failed.map { side, error in
            var failure = Failure(error)
            failure.message = "\(side.label): \(failure.message)"
            failure.text = side.failure ?? failure.text
            return failure
        }
    }
}
