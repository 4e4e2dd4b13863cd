import Foundation
import PlanCore
import PlanEngine
import Testing

/// Every capability the snapshot advertises is exercised by SQL the test suite runs: a
/// statement or query in the sqllogictest corpus (`Tests/SLT`, run by `.ci/test` with
/// both rulepacks) uses it. A new function, planner or format without such a test fails
/// here.
@Suite struct CapabilityCoverageTests {
    static let sltRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SLT")

    /// The SQL of every record in the corpus (comments and expected rows left out).
    static func corpusSQL() throws -> String {
        var sql: [String] = []
        let files = FileManager.default.enumerator(at: sltRoot, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard url.pathExtension == "slt" else { continue }
            var inSQL = false
            for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("statement") || line.hasPrefix("query") { inSQL = true; continue }
                if line == "----" || line.isEmpty { inSQL = false; continue }
                if inSQL, !line.hasPrefix("#") { sql.append(String(line)) }
            }
        }
        return sql.joined(separator: "\n").lowercased()
    }

    static func uses(_ sql: String, _ capability: CapabilitySnapshot.Capability) -> Bool {
        capability.provides.contains { token in
            let t = token.lowercased()
            if t.hasSuffix("(") || t.first?.isLetter == true {
                // A name: a word boundary before it, and for a call any spaces before "(".
                let name = NSRegularExpression.escapedPattern(for: t.hasSuffix("(") ? String(t.dropLast()) : t)
                let pattern = t.hasSuffix("(") ? "\\b\(name)\\s*\\(" : "\\b\(name.replacingOccurrences(of: " ", with: "\\s+"))\\b"
                return sql.range(of: pattern, options: .regularExpression) != nil
            }
            return sql.contains(t)
        }
    }

    @Test func everyAdvertisedCapabilityIsExercisedByTheSLTCorpus() throws {
        let sql = try Self.corpusSQL()
        #expect(sql.count > 10_000, "the slt corpus was not found at \(Self.sltRoot.path)")
        let snapshot = Session().capabilities
        #expect(Set(snapshot.capabilities.map(\.kind)) == Set(CapabilitySnapshot.Kind.allCases))
        let missing = snapshot.capabilities.filter { !Self.uses(sql, $0) }.map { "\($0.kind.rawValue) \($0.name)" }
        #expect(missing.isEmpty, "advertised but not exercised by any slt record: \(missing.joined(separator: ", "))")
    }

    @Test func theSnapshotIsDerivedFromRegistrations() throws {
        let session = Session()
        let before = session.capabilities
        #expect(before.capabilities.first { $0.name == "span" }?.enabled == true)
        try session.set("planner.expression.span", "off")
        #expect(session.capabilities.capabilities.first { $0.name == "span" }?.enabled == false)
        #expect(before.capabilities.filter { $0.kind == .tableFactory }.map(\.name) == session.catalog.tableFactories.map(\.format))
        #expect(before.json["contract_version"]?.intValue == CapabilitySnapshot.contractVersion)
    }

    @Test func everyExpressionAndTypePlannerExampleRuns() throws {
        let session = Session()
        for e in session.extensions {
            switch e.planner {
            case .expression(let p): _ = try session.execute(p.example)
            case .type(let p): _ = try session.execute(p.example)
            case .relation: continue
            }
        }
    }
}
