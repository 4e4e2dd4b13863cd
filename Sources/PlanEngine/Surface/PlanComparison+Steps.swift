import PlanCore
import PlanOptimizer

extension PlanComparison {
    /// Two steps of one trace side by side (`\compare step A B`): the plan after step `a`
    /// and after step `b` (0: the initial plan), labelled with the step and its rule — any
    /// trace, planscope's own or one read from another engine. Nil when a step is out of range.
    public init?(steps a: Int, _ b: Int, of trace: OptimizerTrace) {
        guard let left = trace.plan(atStep: a), let right = trace.plan(atStep: b) else { return nil }
        func label(_ n: Int) -> String { n == 0 ? "initial plan" : "step \(n) \(trace.steps[n - 1].rule)" }
        self.init(left: Side(label: label(a), sql: "", outcome: .planned(left)), right: Side(label: label(b), sql: "", outcome: .planned(right)))
    }
}
