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

    /// The SQL of every record in the corpus that planscope runs and expects to succeed:
    /// `statement ok`, `statement count N` and `query` with types, not an error record and
    /// not one marked `skipif planscope` or `onlyif` another engine (comments and expected
    /// rows left out, and so are string literals and `--` comments: a name inside them is not
    /// a use). A capability used only in SQL that must fail is not exercised.
    static func corpusSQL(_ texts: [String]) -> String {
        var sql: [String] = []
        for text in texts {
            var inSQL = false, skipNext = false
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let words = line.split(separator: " ")
                if words.first == "skipif" || words.first == "onlyif" {
                    let engine = words.count > 1 ? words[1] : ""
                    skipNext = skipNext || (words.first == "skipif") == (engine == "planscope")
                    continue
                }
                if words.first == "statement" || words.first == "query" {
                    inSQL = !skipNext && words.count > 1 && words[1] != "error"
                    skipNext = false
                    continue
                }
                if line == "----" || line.isEmpty { inSQL = false; skipNext = false; continue }
                if inSQL, !line.hasPrefix("#") { sql.append(withoutLiteralsAndComments(String(line))) }
            }
        }
        return sql.joined(separator: "\n").lowercased()
    }

    /// `'…'` literals emptied and a `--` comment cut off (a `--` inside a literal is text).
    static func withoutLiteralsAndComments(_ line: String) -> String {
        var out = "", inString = false
        var chars = line[...]
        while let c = chars.popFirst() {
            if inString {
                if c == "'" { inString = false; out.append(c) }
            } else if c == "'" {
                inString = true; out.append(c)
            } else if c == "-", chars.first == "-" {
                break
            } else {
                out.append(c)
            }
        }
        return out
    }

    static func corpusSQL() throws -> String {
        var texts: [String] = []
        let files = FileManager.default.enumerator(at: sltRoot, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            if url.pathExtension == "slt" { texts.append(try String(contentsOf: url, encoding: .utf8)) }
        }
        return corpusSQL(texts)
    }

    @Test func onlyRecordsThatRunAndSucceedCount() {
        let file = """
            statement error
            SELECT lower('x', 'y')

            query error no such function
            SELECT upper(1, 2, 3)

            skipif planscope
            query T
            SELECT initcap('a')

            onlyif duckdb
            query T
            SELECT reverse('a')

            onlyif planscope
            query T
            SELECT trim(' a '), 'initcap(' -- upper(x)
            ----
            a

            statement ok
            CREATE TABLE t (a INT)
            """
        #expect(Self.corpusSQL([file]) == "select trim(''), '' \ncreate table t (a int)")
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

    /// Each expression and type planner's example returns rows and goes through that
    /// planner: with it switched off the example either fails or is planned differently
    /// (a built-in function of the same name) and returns the same rows.
    @Test func everyExpressionAndTypePlannerExampleRunsOnlyThroughItsPlanner() throws {
        let session = Session()
        var checked = 0
        for e in session.extensions {
            let example: String
            switch e.planner {
            case .expression(let p): example = p.example
            case .type(let p): example = p.example
            case .relation: continue
            }
            let session = Session()
            let rows = try session.query(example).rows
            #expect(!rows.isEmpty, "\(e.name): its example returned no rows")
            let planned = IndentRenderer.render(try session.logicalPlan(example))
            try session.set(e.setting, "off")
            if let without = try? session.query(example) {
                #expect(IndentRenderer.render(try session.logicalPlan(example)) != planned,
                        "\(e.name): its example is planned the same without it")
                #expect(without.rows == rows, "\(e.name): its example's rows differ without it")
            }
            checked += 1
        }
        #expect(checked >= 3)
    }
}
