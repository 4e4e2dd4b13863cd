import Foundation
import PlanCore
import PlanEngine
import PlanExec
import PlanOptimizer
import PlanTesting
import Testing

/// Every optimizer rule is checked on both sides: `Fixtures/rules/<rule>.sql` holds queries
/// over small tables (`setup.sql`, plus any CREATE/INSERT of its own) whose plans the rule
/// changes. Each time the rule changes a plan (in the default rulepack's trace), the plan
/// before and the plan after are both run and must return the same rows; the first change
/// per query is kept as golden before/after text in `<rule>.plans`.
@Suite struct RuleFixtureTests {
    static let folder = fixtures().appendingPathComponent("rules")

    /// Statements of a fixture file: separated by `;` at a line's end, `--` lines left out.
    static func statements(_ text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("--") }
        return lines.joined(separator: "\n").components(separatedBy: ";\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: ";")) }
            .filter { !$0.isEmpty }
    }

    static func session(_ setup: [String]) throws -> Session {
        let session = Session()
        for sql in try statements(String(contentsOf: folder.appendingPathComponent("setup.sql"), encoding: .utf8)) + setup {
            _ = try session.execute(sql)
        }
        return session
    }

    /// The rows a plan returns, as sorted text (the order of rows is no part of the check).
    static func rows(of plan: LogicalPlan) throws -> [String] {
        try PhysicalPlanner.execute(plan, context: PhysicalPlanner.makeContext())
            .flatMap { b in (0..<b.rowCount).map { b.row($0).map(\.sqlText).joined(separator: " | ") } }.sorted()
    }

    /// The rule's changes to each query's plan, each checked for equal rows; the golden text.
    static func check(rule: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (changes: Int, golden: String) {
        let all = try statements(String(contentsOf: folder.appendingPathComponent("\(rule).sql"), encoding: .utf8))
        let isSetup = { (s: String) in ["CREATE", "INSERT"].contains { s.uppercased().hasPrefix($0) } }
        let session = try session(all.filter(isSetup))
        var changes = 0
        var golden: [String] = []
        for sql in all where !isSetup(sql) {
            let trace = try session.optimize(try session.logicalPlan(sql))
            var previous = trace.initial
            var first: (before: LogicalPlan, after: LogicalPlan, pass: Int)?
            for step in trace.steps {
                defer { previous = step.plan }
                guard step.rule == rule, step.changed else { continue }
                changes += 1
                first = first ?? (previous, step.plan, step.pass)
                let before = try rows(of: previous), after = try rows(of: step.plan)
                if before != after {
                    Issue.record("""
                        \(rule) changed the rows of: \(sql)
                        \(Golden.mismatch(expected: before.joined(separator: "\n"), actual: after.joined(separator: "\n")) ?? "")
                        """, sourceLocation: sourceLocation)
                }
            }
            guard let first else { golden.append("-- \(sql)\n(not changed)"); continue }
            golden.append("""
                -- \(sql)
                before (pass \(first.pass)):
                \(IndentRenderer.render(first.before))
                after:
                \(IndentRenderer.render(first.after))
                """)
        }
        return (changes, golden.joined(separator: "\n\n"))
    }

    @Test(arguments: Rulepack.allRuleNames)
    func ruleKeepsEveryQuerysRows(_ rule: String) throws {
        let result = try Self.check(rule: rule)
        #expect(result.changes > 0, "no query in \(rule).sql is changed by \(rule)")
        try expectGolden(result.golden, at: Self.folder.appendingPathComponent("\(rule).plans"))
    }

    /// Each fixture file names a rule (a renamed rule leaves no fixture behind).
    @Test func everyFixtureNamesARule() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".sql") && $0 != "setup.sql" }.map { String($0.dropLast(4)) }
        #expect(Set(names) == Set(Rulepack.allRuleNames))
    }

    /// The check itself can fail: a "rule" that drops rows (keeps only `a > 1`) is caught.
    @Test func aRuleThatDropsRowsIsCaught() throws {
        let session = try Self.session([])
        let plan = try session.optimize(try session.logicalPlan("SELECT a FROM t")).final
        let dropped = LogicalPlan.filter(try Filter(.binary(.column(plan.schema.fields[0].column), .gt, .literal(.int32(1))), input: plan))
        #expect(try Self.rows(of: plan) != Self.rows(of: dropped))
        #expect(try Self.rows(of: plan).count == 6)
    }
}
