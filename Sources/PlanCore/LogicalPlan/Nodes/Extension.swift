/// A plan node kind defined outside PlanCore, such as the node a relation planner
/// returns (`interval_align(…)`). The harness, the renderers and the physical planner
/// treat it through this protocol; rules that know nothing of it leave it alone.
public protocol UserDefinedLogicalNode: Sendable {
    /// The node's name in plans: `IntervalAlign`.
    var name: String { get }
    /// What follows the name in the indent format: `join=left match=contains`.
    var detail: String { get }
    /// The node's line in the indent format; by default the name, `:` and the detail.
    var line: String { get }
    var inputs: [LogicalPlan] { get }
    /// The rows' shape it produces (validated when the node is built).
    var schema: Schema { get }
    /// The expressions it evaluates, in display order.
    var expressions: [Expr] { get }
    /// The same node over new inputs (schemas re-validated).
    func withInputs(_ inputs: [LogicalPlan]) throws(PlanError) -> any UserDefinedLogicalNode
    /// Offers a conjunct of a filter directly above the node. The node answers with the
    /// input it can be applied to (rewritten for that input), its pushdown class, and a
    /// new node that records the offer; nil keeps the filter above, unrecorded.
    /// `.exact` lets the filter above drop the conjunct; `.inexact` and `.unsupported`
    /// keep it.
    func offer(_ filter: Expr) -> FilterOffer?
    /// The filters offered so far with the node's answers (for EXPLAIN and the pushdown
    /// contract report).
    var offeredFilters: [ScanFilter] { get }
    /// Value equality with another node of any kind.
    func isEqual(to other: any UserDefinedLogicalNode) -> Bool
    func hash(into hasher: inout Hasher)
    /// The node producing only what `required` (columns of its schema) needs, with the
    /// columns each input must then keep — how `optimize_projections` prunes through it;
    /// nil: it cannot say, so its inputs keep every column.
    func narrowed(to required: Set<Column>) -> NarrowedNode?
    /// Per input, the most rows it needs to give when a LIMIT wants `rows` rows from the
    /// node (nil: all of them) — how `push_down_limit` reaches below it.
    func inputLimits(forRows rows: Int) -> [Int?]
    /// The node as a ``PlanTree`` over its inputs' trees (`children`), when a kind, the
    /// predicates or the relations under it say more than its line; nil (the default):
    /// the node's kind is its name.
    func planTree(children: [PlanTree]) -> PlanTree?
    /// The input whose rows this node gives unchanged (same columns, same rows), so row
    /// estimates, distinct counts and zones are read through it; nil (the default): the
    /// node's estimate is its largest input's and its columns' statistics are unknown.
    var estimateSource: LogicalPlan? { get }
}

extension UserDefinedLogicalNode {
    public var offeredFilters: [ScanFilter] { [] }
    public func narrowed(to required: Set<Column>) -> NarrowedNode? { nil }
    public func inputLimits(forRows rows: Int) -> [Int?] { inputs.map { _ in nil } }
    public var line: String { detail.isEmpty ? "\(name):" : "\(name): \(detail)" }
    public func planTree(children: [PlanTree]) -> PlanTree? { nil }
    public var estimateSource: LogicalPlan? { nil }
}

/// A user-defined node narrowed to the columns needed above it
/// (``UserDefinedLogicalNode/narrowed(to:)``).
public struct NarrowedNode: Sendable {
    /// The node over the same inputs, producing fewer columns.
    public var node: any UserDefinedLogicalNode
    /// Per input, the columns the narrowed node reads.
    public var inputColumns: [Set<Column>]

    public init(node: any UserDefinedLogicalNode, inputColumns: [Set<Column>]) {
        self.node = node
        self.inputColumns = inputColumns
    }
}

/// A node's answer to a filter offered from above (see ``UserDefinedLogicalNode/offer(_:)``).
public struct FilterOffer: Sendable {
    /// The input the rewritten filter goes to, nil when it goes to none (Unsupported).
    public var input: Int?
    /// The filter rewritten over that input's columns.
    public var rewritten: Expr?
    public var pushdown: FilterPushdown
    /// The node with the offer recorded (for EXPLAIN and the pushdown report).
    public var node: any UserDefinedLogicalNode

    public init(input: Int?, rewritten: Expr?, pushdown: FilterPushdown, node: any UserDefinedLogicalNode) {
        self.input = input
        self.rewritten = rewritten
        self.pushdown = pushdown
        self.node = node
    }
}

/// The `LogicalPlan` case for user-defined nodes: a box with value equality.
public struct Extension: Hashable, Sendable {
    public let node: any UserDefinedLogicalNode

    public init(_ node: any UserDefinedLogicalNode) { self.node = node }

    public static func == (a: Extension, b: Extension) -> Bool { a.node.isEqual(to: b.node) }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(node.name)
        node.hash(into: &hasher)
    }
}
