import ArgumentParser
import Foundation
import PlanCore
import PlanSLT

/// `planscope slt FILE…`: runs sqllogictest files (SQLite, DuckDB and sqllogictest-rs /
/// DataFusion dialects), each in its own session, several at once; prints each file's
/// failures and counts in the order given, then `N passed, N failed, N skipped`.
struct SLT: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slt",
        abstract: "Run sqllogictest files (directories are searched for *.slt and *.test; FILE:LINE runs one record).")

    @Option(help: "text or json (one document with the counts, every failure and each file's counts, at the end).")
    var format: TextOrJSON = .text

    @Flag(help: "Rewrite the expected results with the actual ones, in each file's dialect (review the diff).")
    var complete = false

    @Flag(help: "Stop at the first failure: no file starts after one has failed.")
    var failFast = false

    @Option(help: ArgumentHelp("Also write the report as JUnit XML to FILE (for CI systems).", valueName: "FILE"))
    var junit: String?

    @Option(name: [.customShort("j"), .long], help: "Files run at once, each in its own session (default: the cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("set"), help: ArgumentHelp("A setting for every file's session, e.g. optimizer.rulepack=none (repeatable).", valueName: "name=value"))
    var settings: [String] = []

    @Flag(help: "Run every query through Substrait: planned, exported, imported and run from the imported plan.")
    var substraitRoundTrip = false

    @Option(help: ArgumentHelp("Records the round trip leaves out ('folder/file.slt:LINE reason' a line; default: substrait-skip.txt in each folder given).", valueName: "FILE"))
    var substraitSkip: String?

    @Argument(help: "Files, directories, or FILE:LINE.")
    var paths: [String]

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs needs a number of at least 1") }
    }

    func run() throws {
        Planscope.bootstrapLogging()
        var targets: [SLTRunner.Target] = []
        for p in paths {
            if let colon = p.lastIndex(of: ":"), let line = Int(p[p.index(after: colon)...]) {
                targets.append(.init(path: String(p[..<colon]), line: line))
            } else {
                targets.append(contentsOf: SLTFiles.expand([p]).map { .init(path: $0) })
            }
        }
        var runner = SLTRunner()
        runner.complete = complete
        runner.failFast = failFast
        runner.logsStages = true
        runner.settings = settings.map { s in Planscope.setting(s) ?? (s, "") }
        if substraitRoundTrip {
            runner.substraitRoundTrip = true
            var files = substraitSkip.map { [$0] } ?? []
            if substraitSkip == nil {
                for p in paths where FileManager.default.fileExists(atPath: p + "/substrait-skip.txt") { files.append(p + "/substrait-skip.txt") }
            }
            for file in files {
                do {
                    runner.substraitSkips.merge(try SLTRunner.substraitSkips(try TextFile.read(file), file: file)) { a, _ in a }
                } catch let e as FileReadError {
                    Planscope.fail(Failure(e), format: format, code: 2)
                } catch let e as PlanError {
                    Planscope.fail(Failure(e, file: file), format: format, code: 2)
                }
            }
        }
        let text = format == .text
        let report = runner.runAll(targets, jobs: jobs) { file in
            guard text else { return }
            for failure in file.failures { print(failure.description) }
            print(file.line)
        }
        if let junit {
            do { try SLTJUnit.xml(report).write(toFile: junit, atomically: true, encoding: .utf8) } catch {
                Planscope.fail(Failure("cannot write '\(junit)': \((error as NSError).localizedDescription.lowercased())", kind: "io", file: junit),
                               format: format, code: 1)
            }
        }
        if text && substraitRoundTrip { print(report.roundTripLine) }
        print(text ? report.line : report.json.pretty)
        if report.failed > 0 { throw ExitCode(1) }
    }
}
