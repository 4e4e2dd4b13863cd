import Foundation
import PlanManifest
import Testing

/// Compares text with a golden file next to the tests; `PLANSCOPE_UPDATE_FIXTURES=1`
/// rewrites the file instead (review the diff). A missing golden fails; outside CI it
/// is also written, for review.
func expectGolden(_ actual: String, file name: String, filePath: String = #filePath,
                  sourceLocation: SourceLocation = #_sourceLocation) throws {
    let dir = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    let url = dir.appendingPathComponent(name)
    let update = ProcessInfo.processInfo.environment["PLANSCOPE_UPDATE_FIXTURES"] == "1"
    let missing = !FileManager.default.fileExists(atPath: url.path)
    let inCI = ProcessInfo.processInfo.environment["CI"] != nil
    if update || (missing && !inCI) {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try (actual + "\n").write(to: url, atomically: true, encoding: .utf8)
    }
    if missing && !update {
        let note = inCI ? "" : " (written now; review it)"
        Issue.record("golden \(name) is missing\(note)", sourceLocation: sourceLocation)
        return
    }
    if update { return }
    let expected = try String(contentsOf: url, encoding: .utf8)
    let want = expected.hasSuffix("\n") ? String(expected.dropLast()) : expected
    if want != actual {
        Issue.record("golden \(name) differs:\n\(lineDiff(want, actual))", sourceLocation: sourceLocation)
    }
}

/// A line diff of expected against actual (PlanManifest's, the one the REPL shows).
func lineDiff(_ expected: String, _ actual: String) -> String {
    LineDiff(from: expected, to: actual).text
}

/// The repository's Tests/Fixtures folder.
func sharedFixtures(filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
}
