import PlanCore

/// How the harness applies a rule to a plan tree.
public enum ApplyOrder: String, Sendable, Codable {
    /// The rule sees each node before its (rewritten) children.
    case topDown = "top_down"
    /// The rule sees each node after its children.
    case bottomUp = "bottom_up"
}

/// One rewrite of logical plans. Rules only rewrite: the harness recurses (per
/// ``applyOrder``), times, checks the schema, records and restores.
public protocol OptimizerRule: Sendable {
    /// The snake_case name shown in traces (`push_down_filter`).
    var name: String { get }
    /// `nil` when the rule walks the tree itself (given the root once).
    var applyOrder: ApplyOrder? { get }
    /// Rules this one relies on having run (for reporting disabled dependencies).
    var requires: [String] { get }
    /// Parameters that change what the rule does (part of the rulepack fingerprint).
    var parameters: [String: String] { get }
    /// Rewrites one node (or the whole plan when ``applyOrder`` is nil).
    func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan>
}

extension OptimizerRule {
    public var applyOrder: ApplyOrder? { .bottomUp }
    public var requires: [String] { [] }
    public var parameters: [String: String] { [:] }
}

/// A check or fix-up that runs once before the optimizer (name resolution, aggregates).
public protocol AnalyzerRule: Sendable {
    var name: String { get }
    func analyze(_ plan: LogicalPlan) throws(PlanError) -> LogicalPlan
}
