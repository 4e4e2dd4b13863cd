import Foundation
import PlanCore
import PlanExec

/// Every row a scan returns, in order.
func scanRows(_ stream: any BatchStream) throws -> [[ScalarValue]] {
    var out: [[ScalarValue]] = []
    while let b = try stream.next() { out += (0..<b.rowCount).map { b.row($0) } }
    return out
}

/// A fresh folder for one test's files, removed when the test is done with it.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "planproviders-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` (folders made as needed) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

func column(_ name: String) -> Expr { .column(Column(name: name)) }
