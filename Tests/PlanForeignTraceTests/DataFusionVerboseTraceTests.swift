import PlanCore
import PlanForeignTrace
import PlanManifest
import PlanOptimizer
import Testing

@Suite struct DataFusionVerboseTraceTests {
    static let queries = Array(1...22)

    /// Every TPC-H query's EXPLAIN VERBOSE: the steps, their phases and the rules that
    /// changed the plan equal DataFusion's own rows (the generator's expectations), plus
    /// the one physical-planning step.
    @Test(arguments: queries)
    func tpchTraceMatchesDataFusionsRows(_ n: Int) throws {
        let name = String(format: "q%02d", n)
        let trace = try DataFusionVerboseTrace.read(TraceFixtures.text("datafusion", name + ".txt"))
        let expected = try TraceFixtures.expected("datafusion", name + ".expected.json")
        let steps = trace.steps.filter { $0.rule != DataFusionVerboseTrace.physicalPlanning }
        #expect(trace.steps.count == (expected["steps"]?.intValue ?? -1) + 1)
        #expect(steps.map(\.rule) == expected["rules"]?.strings)
        #expect(steps.map(\.phase.rawValue) == expected["sections"]?.strings)
        #expect(steps.filter(\.changed).map(\.rule) == expected["changed_rules"]?.strings)
        // Stepping works on every step: the trace model's plan and diff exist throughout.
        let model = trace.optimizerTrace
        #expect(model.steps.count == trace.steps.count)
        for k in 1...model.steps.count { #expect(model.diff(fromStep: k - 1, toStep: k)?.hasChanges == trace.steps[k - 1].changed) }
    }

    /// The same rows printed as a bordered table (Python's `explain(verbose=True)`), as TSV
    /// and as CSV read as the same trace as the two plain columns (the lines they start on aside).
    @Test func borderedTableAndTSVReadAsThePlainColumns() throws {
        func content(_ t: ForeignTrace) -> [String] {
            [t.initial.indentText] + t.steps.map { "\($0.rule) \($0.phase) \($0.pass) \($0.changed)\n\($0.plan.indentText)" }
        }
        let plain = try DataFusionVerboseTrace.read(TraceFixtures.text("datafusion", "q06.txt"))
        #expect(content(try DataFusionVerboseTrace.read(TraceFixtures.text("datafusion", "q06.explain.txt"))) == content(plain))
        let plain1 = try DataFusionVerboseTrace.read(TraceFixtures.text("datafusion", "q01.txt"))
        #expect(content(try DataFusionVerboseTrace.read(TraceFixtures.text("datafusion", "q01.tsv"))) == content(plain1))
        #expect(content(try DataFusionVerboseTrace.read(TraceFixtures.text("datafusion", "q01.csv"))) == content(plain1))
        #expect(plain.steps.count > 50)
    }

    @Test func passesFollowTheRepeatingRuleList() throws {
        let trace = try DataFusionVerboseTrace.read(TraceFixtures.text("datafusion", "q03.txt"))
        let logical = trace.steps.filter { $0.phase == .logical }
        #expect(trace.steps.filter { $0.phase == .analyzer }.allSatisfy { $0.pass == 0 })
        #expect(logical.first?.rule == logical.first { $0.pass == 2 }?.rule)
        #expect(Set(trace.steps.filter { $0.phase == .physical }.map(\.pass)).count == 1)
    }
}
