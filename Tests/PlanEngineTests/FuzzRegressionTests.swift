import Foundation
import PlanFuzz
import Testing

/// Replays every input under Tests/Fixtures/fuzz-regressions/<target>/ (crashes and hangs
/// libFuzzer found, minimized) through the same entry point the fuzz driver calls
/// (``FuzzTarget/run(_:)``). Passing means the process is still here; see docs/testing.md.
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-regressions")

    static func inputs(_ target: FuzzTarget) -> [URL] {
        let dir = root.appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { dir.appendingPathComponent($0) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func replays(_ target: FuzzTarget) throws {
        for file in Self.inputs(target) {
            let start = Date()
            target.run(Array(try Data(contentsOf: file)))
            #expect(Date().timeIntervalSince(start) < 10, "\(target.rawValue)/\(file.lastPathComponent) took over 10 s")
        }
    }

    /// Every target is registered in the regression corpus (a folder per target).
    @Test func everyTargetHasAFolder() {
        for target in FuzzTarget.allCases {
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(target.rawValue).path, isDirectory: &isDirectory)
                    && isDirectory.boolValue, "missing Tests/Fixtures/fuzz-regressions/\(target.rawValue)")
        }
    }
}
