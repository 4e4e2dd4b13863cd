import Foundation
import Testing

/// Compares text with a golden file next to the tests; `PLANSCOPE_UPDATE_FIXTURES=1`
/// rewrites the file instead (review the diff).
func expectGolden(_ actual: String, file name: String, filePath: String = #filePath,
                  sourceLocation: SourceLocation = #_sourceLocation) throws {
    let dir = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    let url = dir.appendingPathComponent(name)
    let update = ProcessInfo.processInfo.environment["PLANSCOPE_UPDATE_FIXTURES"] == "1"
    if update || !FileManager.default.fileExists(atPath: url.path) {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try (actual + "\n").write(to: url, atomically: true, encoding: .utf8)
        if !update { Issue.record("golden \(name) was missing and has been written; review it", sourceLocation: sourceLocation) }
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    let want = expected.hasSuffix("\n") ? String(expected.dropLast()) : expected
    if want != actual {
        Issue.record("golden \(name) differs:\n\(lineDiff(want, actual))", sourceLocation: sourceLocation)
    }
}

/// A minimal line diff: `-` expected, `+` actual, unchanged lines with two spaces.
func lineDiff(_ expected: String, _ actual: String) -> String {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // LCS table.
    var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
        for j in stride(from: b.count - 1, through: 0, by: -1) {
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
        }
    }
    var out: [String] = []
    var i = 0, j = 0
    while i < a.count || j < b.count {
        if i < a.count, j < b.count, a[i] == b[j] { out.append("  " + a[i]); i += 1; j += 1 }
        else if j < b.count, i == a.count || lcs[i][j + 1] >= lcs[i + 1][j] { out.append("+ " + b[j]); j += 1 }
        else { out.append("- " + a[i]); i += 1 }
    }
    return out.joined(separator: "\n")
}

/// The repository's Tests/Fixtures folder.
func sharedFixtures(filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
}
