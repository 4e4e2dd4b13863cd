import PlanCore

/// A node of another engine's plan, kept as a plan node of a kind defined outside
/// PlanCore (``PlanCore/UserDefinedLogicalNode``) so that an imported trace is an
/// `OptimizerTrace` like planscope's own: its line, kind, properties, predicates and
/// relations are the parsed ``PlanCore/PlanTree``'s, so `PlanDiff`, `\step` and the panes
/// see exactly the tree the parser read. It has no schema and is never run: the physical
/// planner refuses a node that is not executable.
public struct ForeignPlanNode: UserDefinedLogicalNode, Hashable {
    public let line: String
    public let kind: String
    public let properties: [String: String]
    public let predicates: [String]
    public let relations: Set<String>
    public let inputs: [LogicalPlan]
    /// How each input hangs under the node (an input or a subquery), as parsed.
    public let edges: [PlanTree.Edge]

    public var name: String { kind }
    public var detail: String { line }
    public var schema: Schema { Schema([]) }
    public var expressions: [Expr] { [] }

    /// `tree` as a plan of foreign nodes.
    public static func plan(_ tree: PlanTree) -> LogicalPlan {
        let node = ForeignPlanNode(line: tree.line, kind: tree.kind, properties: tree.properties, predicates: tree.predicates,
                                   relations: tree.relations, inputs: tree.children.map(plan), edges: tree.children.map(\.edge))
        return .extension(Extension(node))
    }

    public func withInputs(_ inputs: [LogicalPlan]) throws(PlanError) -> any UserDefinedLogicalNode {
        guard inputs.count == self.inputs.count else {
            throw PlanError(.invalidPlan, "\(kind): \(self.inputs.count) inputs expected, \(inputs.count) given")
        }
        return ForeignPlanNode(line: line, kind: kind, properties: properties, predicates: predicates, relations: relations,
                               inputs: inputs, edges: edges)
    }

    public func offer(_ filter: Expr) -> FilterOffer? { nil }

    public func planTree(children: [PlanTree]) -> PlanTree? {
        var children = children
        for i in children.indices where i < edges.count { children[i].edge = edges[i] }
        return PlanTree(line: line, kind: kind, properties: properties, predicates: predicates, relations: relations, children: children)
    }

    public func isEqual(to other: any UserDefinedLogicalNode) -> Bool { (other as? ForeignPlanNode) == self }
}
