import Dispatch
import PlanCore

/// Runs rules over a plan, pass after pass, until a pass produces a plan already seen
/// (fixpoint) or `maxPasses` is reached. The only place that recurses by apply order,
/// checks enabled rules, times rules, checks schemas, restores on failure and reports
/// every application to the observer.
public struct Optimizer: Sendable {
    public private(set) var rules: [any OptimizerRule]
    public let analyzerRules: [any AnalyzerRule]

    public init(rules: [any OptimizerRule], analyzerRules: [any AnalyzerRule] = Analyzer.defaultRules) {
        self.rules = []
        self.analyzerRules = analyzerRules
        for r in rules { install(r) }
    }

    /// Adds a rule at the end; a rule with the same name already installed is left as it
    /// is (installation is idempotent).
    @discardableResult
    public mutating func install(_ rule: any OptimizerRule) -> Bool {
        guard !rules.contains(where: { $0.name == rule.name }) else { return false }
        rules.append(rule)
        return true
    }

    /// Names of enabled rules whose required rules are disabled or missing.
    public func missingDependencies(disabled: Set<String>) -> [(rule: String, requires: String)] {
        let enabled = Set(rules.map(\.name)).subtracting(disabled)
        var out: [(String, String)] = []
        for r in rules where enabled.contains(r.name) {
            for dep in r.requires where !enabled.contains(dep) { out.append((r.name, dep)) }
        }
        return out
    }

    /// Analyzes then optimizes `plan`, calling `observer` after every rule application.
    /// With `record` false the trace keeps no steps (for measuring what recording costs).
    public func optimize(_ plan: LogicalPlan, context: OptimizerContext, rulepack: (name: String, fingerprint: String) = ("custom", ""),
                         record: Bool = true, observer: ((OptimizerEvent) -> Void)? = nil) throws(PlanError) -> OptimizerTrace {
        let start = DispatchTime.now().uptimeNanoseconds
        var context = context
        context.memo = OptimizerMemo()
        var current = plan
        for a in analyzerRules { current = try a.analyze(current) }
        let initial = current
        var steps: [OptimizerTrace.Step] = []
        var seen: Set<LogicalPlan> = [current]
        var passes = 0
        var fixpoint = false
        let active = rules.filter { !context.disabledRules.contains($0.name) }
        while passes < context.maxPasses {
            passes += 1
            for (index, rule) in active.enumerated() {
                let t0 = DispatchTime.now().uptimeNanoseconds
                var after = current
                var changed = false
                var skipped: String?
                do throws(PlanError) {
                    let result = try Optimizer.apply(rule, to: current, context: context)
                    if result.changed {
                        if let problem = Optimizer.schemaProblem(before: current.schema, after: result.value.schema) {
                            throw PlanError(.invalidPlan, "rule '\(rule.name)' changed the plan's schema: \(problem)")
                        }
                        after = result.value
                        changed = after != current
                    }
                } catch {
                    guard context.skipFailingRules else { throw error }
                    skipped = error.message
                    after = current
                    changed = false
                }
                let elapsed = DispatchTime.now().uptimeNanoseconds - t0
                let work = context.memo.takeWork()
                observer?(OptimizerEvent(pass: passes, index: index, rule: rule.name, changed: changed,
                                         elapsedNanos: elapsed, before: current, after: after, skippedBecause: skipped))
                if record { steps.append(.init(pass: passes, index: index, rule: rule.name, changed: changed,
                                   elapsedNanos: elapsed, plan: after, skippedBecause: skipped,
                                   joinOrder: work.isEmpty ? nil : work)) }
                current = after
            }
            if !seen.insert(current).inserted { fixpoint = true; break }
        }
        return OptimizerTrace(initial: initial, steps: steps, final: current, passes: passes, reachedFixpoint: fixpoint,
                              totalNanos: DispatchTime.now().uptimeNanoseconds - start,
                              rulepack: rulepack.name, rulepackFingerprint: rulepack.fingerprint)
    }

    /// Applies a rule to the plan, then to the plans of subqueries inside it (each keeps
    /// its own schema).
    static func apply(_ rule: any OptimizerRule, to plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        let main = try applyHere(rule, to: plan, context: context)
        let nested = try main.value.mapSubqueryPlans { (sub: LogicalPlan) throws(PlanError) -> Transformed<LogicalPlan> in
            let t = try apply(rule, to: sub, context: context)
            if t.changed, let problem = schemaProblem(before: sub.schema, after: t.value.schema) {
                throw PlanError(.invalidPlan, "rule '\(rule.name)' changed a subquery's schema: \(problem)")
            }
            return t
        }
        return Transformed(nested.value, changed: main.changed || nested.changed)
    }

    static func applyHere(_ rule: any OptimizerRule, to plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        switch rule.applyOrder {
        case nil: return try rule.rewrite(plan, context: context)
        case .topDown?: return try plan.transformDown { (p: LogicalPlan) throws(PlanError) in try rule.rewrite(p, context: context) }
        case .bottomUp?: return try plan.transformUp { (p: LogicalPlan) throws(PlanError) in try rule.rewrite(p, context: context) }
        }
    }

    /// Names and types must stay the same (nullability may narrow).
    static func schemaProblem(before: Schema, after: Schema) -> String? {
        guard before.count == after.count else { return "\(before.count) columns became \(after.count)" }
        for (a, b) in zip(before.fields, after.fields) where a.name != b.name || a.dataType != b.dataType {
            return "column \(a.qualifiedName) \(a.dataType.sqlName) became \(b.qualifiedName) \(b.dataType.sqlName)"
        }
        return nil
    }
}
