import Foundation
import PlanCore

/// The committed trace fixtures (Tests/Fixtures/traces, made by Tests/traces/*.py).
enum TraceFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/traces")

    static func text(_ engine: String, _ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("\(engine)/\(name)"), encoding: .utf8)
    }

    /// A fixture's `.expected.json`, as the generator wrote it from the engine's own rows.
    static func expected(_ engine: String, _ name: String) throws -> JSONValue {
        try JSONValue.parse(text(engine, name))
    }
}

extension JSONValue {
    var strings: [String] { arrayValue?.compactMap(\.stringValue) ?? [] }
}
