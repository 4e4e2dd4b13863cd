import PlanCore
import PlanManifest
import PlanOptimizer
import Testing

/// A rule that renames the output (changes the schema) to test the harness's check.
struct BreakSchema: OptimizerRule {
    let name = "break_schema"
    var applyOrder: ApplyOrder? { nil }
    func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        .yes(.projection(try Projection(plan.outputColumns.map { $0.alias("renamed") }.prefix(1).map { $0 }, input: plan)))
    }
}

struct Failing: OptimizerRule {
    let name = "always_fails"
    func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        throw PlanError(.invalidPlan, "boom")
    }
}

@Suite struct HarnessTests {
    @Test func installingARuleTwiceChangesNothing() {
        var optimizer = Optimizer(rules: [EliminateFilter()])
        #expect(optimizer.install(EliminateFilter()) == false)
        #expect(optimizer.install(PushDownFilter()) == true)
        #expect(optimizer.rules.map(\.name) == ["eliminate_filter", "push_down_filter"])
    }

    @Test func observerSeesEveryApplicationAndTheRunStopsAtAFixpoint() throws {
        let plan = try bound("SELECT a FROM t WHERE b > 1 AND true")
        var events: [OptimizerEvent] = []
        let trace = try Rulepack.named("default")!.optimizer.optimize(plan, context: OptimizerContext()) { events.append($0) }
        #expect(events.count == trace.steps.count)
        #expect(trace.reachedFixpoint)
        #expect(trace.passes == 2)
        #expect(events.first?.pass == 1 && events.first?.index == 0)
        #expect(trace.summary.first { $0.rule == "simplify_expressions" }?.applied == 1)
        // Re-optimizing the result changes nothing.
        let again = try Rulepack.named("default")!.optimizer.optimize(trace.final, context: OptimizerContext())
        #expect(again.final == trace.final)
        #expect(again.steps.allSatisfy { !$0.changed })
    }

    @Test func aRuleThatChangesTheSchemaIsReportedAndSkipped() throws {
        let plan = try bound("SELECT a, b FROM t")
        let trace = try Optimizer(rules: [BreakSchema(), Failing()]).optimize(plan, context: OptimizerContext(maxPasses: 1))
        #expect(trace.final == plan)
        #expect(trace.steps[0].skippedBecause?.contains("rule 'break_schema' changed the plan's schema") == true)
        #expect(trace.steps[1].skippedBecause == "boom")
        #expect(throws: PlanError.self) {
            try Optimizer(rules: [Failing()]).optimize(plan, context: OptimizerContext(skipFailingRules: false))
        }
    }

    @Test func verboseRowsSaySameTextAsAbove() throws {
        let trace = try Rulepack.named("default")!.optimizer.optimize(try bound("SELECT a FROM t"), context: OptimizerContext())
        let rows = trace.verboseRows
        #expect(rows.first?.0 == "initial_logical_plan")
        #expect(rows.contains { $0.0 == "logical_plan after simplify_expressions" && $0.1 == "SAME TEXT AS ABOVE" })
        #expect(rows.last?.0 == "logical_plan")
        #expect(trace.json.canonical.contains("\"schema_version\":1"))
    }

    @Test func rulepackFingerprintsAreStableAndSensitive() {
        let d = Rulepack.named("default")!
        // Pinned: the fingerprint is part of the determinism contract, so it must not drift
        // between processes or builds; a rule change updates this value on purpose.
        #expect(d.fingerprint().description == "sha256:bb1b030f62b608285ab01f71c4c3b9ea2e4e617111af043d4872358e949b3b6f")
        #expect(d.fingerprint() != d.fingerprint(disabled: ["push_down_filter"]))
        #expect(d.fingerprint() != Rulepack.named("pushdown")!.fingerprint())
        #expect(Rulepack.named("none")!.rules.isEmpty)
    }

    @Test func disabledDependenciesAreReported() {
        let o = Optimizer(rules: Rulepack.all)
        #expect(o.missingDependencies(disabled: []).isEmpty)
        let missing = o.missingDependencies(disabled: ["eliminate_cross_join", "simplify_expressions"])
        #expect(missing.map { "\($0.rule) requires \($0.requires)" }.sorted()
                == ["cost_based_join_order requires eliminate_cross_join", "eliminate_filter requires simplify_expressions"])
        // A disabled rule's own requirements are not reported.
        #expect(o.missingDependencies(disabled: ["eliminate_cross_join", "cost_based_join_order"]).isEmpty)
    }

    @Test func lineDiffOfTwoSteps() {
        let d = LineDiff(from: "A\n  B\n  C", to: "A\n  C\n  D")
        #expect(d.text == "  A\n-   B\n    C\n+   D")
    }
}
