import PlanCore
import PlanForeignTrace
import PlanManifest
import PlanOptimizer
import Testing

@Suite struct SparkPlanChangeLogTests {
    static let queries = [1, 3, 5, 16, 18]

    /// Each log's rules (the `=== Applying Rule` blocks, in order) are the trace's steps,
    /// besides the steps that carry a plan change no rule is logged for (physical planning).
    @Test(arguments: queries)
    func tpchLogMatchesItsRules(_ n: Int) throws {
        let name = String(format: "q%02d", n)
        let trace = try SparkPlanChangeLog.read(TraceFixtures.text("spark", name + ".log"))
        let expected = try TraceFixtures.expected("spark", name + ".expected.json")
        let ruled = trace.steps.filter { $0.rule != SparkPlanChangeLog.between }
        #expect(ruled.map(\.rule) == expected["rules"]?.strings)
        #expect(trace.changedRules.filter { $0 != SparkPlanChangeLog.between } == expected["changed_rules"]?.strings)
        // Every batch with a result holds a step, numbered in the log's order.
        #expect(Set(trace.steps.map(\.pass)).count == expected["batches"]?.arrayValue?.count)
        #expect(trace.steps.first?.phase == .analyzer)
        #expect(trace.steps.last?.phase == .physical)
        // Most logged rules change the printed plan (some change only what it does not print).
        let model = trace.optimizerTrace
        let visible = (1...model.steps.count).count { model.diff(fromStep: $0 - 1, toStep: $0)?.hasChanges == true }
        #expect(visible * 2 > model.steps.count)
    }
}
