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

/// Puts a filter on an outer reference above the whole plan (outside any subquery).
struct OuterReferenceAbove: OptimizerRule {
    let name = "outer_reference_above"
    func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        if case .filter = plan { return .no(plan) }
        return .yes(.filter(try Filter(.binary(.outerColumn(Column(name: "a"), .int64), .eq, .literal(.int64(1))), input: plan)))
    }
}

/// Adds `EXISTS (SELECT … WHERE outer_ref(nope) = 1)` above the top of the query only (the
/// one plan with a column `b`; the harness also applies a rule to the subqueries it makes):
/// an outer reference to no column.
struct DanglingOuterReference: OptimizerRule {
    let name = "dangling_outer_reference"
    var applyOrder: ApplyOrder? { nil }
    func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        guard case .projection = plan, plan.schema.fields.contains(where: { $0.name == "b" }) else { return .no(plan) }
        let nope = Column(name: "nope")
        let inner = LogicalPlan.filter(try Filter(.binary(.outerColumn(nope, .int64), .eq, .literal(.int64(1))), input: plan))
        return .yes(.filter(try Filter(.exists(Subquery(plan: inner, outerReferences: [nope]), negated: false), input: plan)))
    }
}

/// Gives a table scan a filter on a column its table does not have.
struct ScanFilterOnMissingColumn: OptimizerRule {
    let name = "scan_filter_on_missing_column"
    var applyOrder: ApplyOrder? { .bottomUp }
    func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        guard case .tableScan(let n) = plan, n.filters.isEmpty else { return .no(plan) }
        let filter = ScanFilter(.binary(.column(Column(name: "nope")), .eq, .literal(.int64(1))), .unsupported)
        return .yes(.tableScan(try TableScan(tableName: n.tableName, sourceSchema: Schema(n.sourceSchema.fields.map { $0.withQualifier(nil) }),
                                             source: n.source.source, projection: n.projection, filters: [filter], fetch: n.fetch)))
    }
}

@Suite struct HarnessTests {
    /// In debug builds (tests) a rule whose plan breaks an invariant fails the run, also
    /// when failing rules are skipped: it is a bug in the rule, not a plan it cannot make.
    @Test func aRuleThatBreaksAnInvariantFailsTheRun() throws {
        let plan = try bound("SELECT a, b FROM t WHERE a IN (SELECT a FROM u WHERE u.d = t.b)")
        #expect(PlanInvariants.problem(in: plan) == nil)
        func message(_ rule: any OptimizerRule) -> String {
            do { _ = try Optimizer(rules: [rule]).optimize(plan, context: OptimizerContext(maxPasses: 1)); return "ran" } catch { return error.message }
        }
        #expect(message(OuterReferenceAbove()).hasPrefix("rule 'outer_reference_above' broke a plan invariant: outer reference a in Filter:"))
        #expect(message(ScanFilterOnMissingColumn()).hasPrefix("rule 'scan_filter_on_missing_column' broke a plan invariant: column nope in TableScan: "))
        #expect(message(DanglingOuterReference()).hasPrefix("rule 'dangling_outer_reference' broke a plan invariant: outer reference nope in Filter:"))
        // The default rules keep them on a plan with a correlated subquery.
        #expect(try Rulepack.named("default")!.optimizer.optimize(plan, context: OptimizerContext(skipFailingRules: false)).final != plan)
    }

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
        #expect(d.fingerprint().description == "sha256:3aefde202cd28d767856fe78421715eff8c479fd8816029014218187f7fd60e8")
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
