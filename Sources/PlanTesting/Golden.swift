import Foundation
import PlanManifest
import Testing

/// The one golden-text helper of the test targets: text compared with an expected text or a
/// golden file, a failure showing the line diff (PlanManifest's `LineDiff`, the one the REPL
/// and the trace show).
public enum Golden {
    /// Whether `PLANSCOPE_UPDATE_FIXTURES=1` asks for golden files to be rewritten.
    public static var updating: Bool { ProcessInfo.processInfo.environment["PLANSCOPE_UPDATE_FIXTURES"] == "1" }

    /// Nil when the texts are equal; otherwise the line diff, expected (`-`) against actual (`+`).
    public static func mismatch(expected: String, actual: String) -> String? {
        expected.utf8.elementsEqual(actual.utf8) ? nil : LineDiff(from: expected, to: actual).text
    }

    /// What a golden file holds for `actual`: the text ending in one newline.
    public static func fileText(_ actual: String) -> String { actual.hasSuffix("\n") ? actual : actual + "\n" }
}

/// Records an issue showing the line diff when `actual` is not `expected`.
public func expectText(_ actual: String, _ expected: String, _ what: String = "text",
                       sourceLocation: SourceLocation = #_sourceLocation) {
    if let diff = Golden.mismatch(expected: expected, actual: actual) {
        Issue.record("\(what) differs (- expected, + actual):\n\(diff)", sourceLocation: sourceLocation)
    }
}

/// Compares `actual` with the golden file at `url`. `PLANSCOPE_UPDATE_FIXTURES=1` rewrites
/// the file instead (review the diff). A missing file fails; outside CI it is also written,
/// for review.
public func expectGolden(_ actual: String, at url: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let name = url.lastPathComponent
    let text = Golden.fileText(actual)
    let missing = !FileManager.default.fileExists(atPath: url.path)
    let inCI = ProcessInfo.processInfo.environment["CI"] != nil
    if Golden.updating || (missing && !inCI) {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    if missing && !Golden.updating {
        Issue.record("golden \(name) is missing\(inCI ? "" : " (written now; review it)")", sourceLocation: sourceLocation)
        return
    }
    if Golden.updating { return }
    let expected = try String(contentsOf: url, encoding: .utf8)
    if let diff = Golden.mismatch(expected: expected, actual: text) {
        Issue.record("golden \(name) differs (- expected, + actual; PLANSCOPE_UPDATE_FIXTURES=1 rewrites it):\n\(diff)",
                     sourceLocation: sourceLocation)
    }
}

/// `Fixtures/` beside the calling test file.
public func fixtures(_ filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
}

/// The repository's shared `Tests/Fixtures` folder (the calling file is in `Tests/<Target>/`).
public func sharedFixtures(_ filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
}
