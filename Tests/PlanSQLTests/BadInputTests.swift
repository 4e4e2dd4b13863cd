import Foundation
import PlanCore
import PlanEngine
import PlanTesting
import Testing

/// The corpus of bad inputs (Fixtures/bad_inputs.txt): each must fail with one clear line
/// saying what and where, never crash. The messages and positions are golden
/// (Fixtures/bad_inputs.expected).
@Suite struct BadInputTests {
    static func corpus() throws -> [String] {
        let text = try String(contentsOf: sharedFixtures().appendingPathComponent("bad_inputs.txt"), encoding: .utf8)
        return text.components(separatedBy: "\n----\n").map { $0.trimmingCharacters(in: .newlines) }.filter { !$0.isEmpty }
    }

    @Test func corpusHasAtLeastSixtyInputs() throws {
        #expect(try Self.corpus().count >= 60)
    }

    @Test func everyBadInputGivesOneLocatedLine() throws {
        // On a deep stack, as the CLI runs: the corpus nests past the 1,000-level limit.
        let report = try DeepStack.run { try Self.report() }
        let text = report.joined(separator: "\n\n").replacingOccurrences(of: sharedFixtures().path, with: "<fixtures>")
        try expectGolden(text, at: fixtures().appendingPathComponent("bad_inputs.expected"))
    }

    static func report() throws -> [String] {
        var report: [String] = []
        for sql in try Self.corpus() {
            let session = try TPCHPlanTests.session()
            session.baseDirectory = sharedFixtures().path
            do {
                _ = try session.execute(sql)
                Issue.record("no error for: \(sql)")
                report.append(sql + "\n=> (no error)")
            } catch {
                let line = error.description
                #expect(!line.contains("\n"), "error is more than one line: \(line)")
                #expect(!line.isEmpty)
                report.append(sql + "\n=> " + error.rendered)
            }
        }
        return report
    }
}
