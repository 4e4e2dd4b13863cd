/// `OFFSET s FETCH FIRST n ROWS WITH TIES` (PostgreSQL's form): skips `skip` rows of its
/// sorted input, keeps the next `fetch`, and with them every later row that ties the last
/// one kept on `orderBy` (the query's ORDER BY, over the input's columns). Displayed
/// as `Limit: skip=0, fetch=3, with_ties` so it reads as the Limit it is; a node of its own
/// (an ``Extension``) so that rules which move, merge or push ordinary limits — none of
/// which may cut a run of ties — leave it alone. Run by the physical planner as window
/// calls (``ExecutableLogicalNode``, PlanExec).
public struct LimitWithTies: UserDefinedLogicalNode, Hashable {
    public let skip: Int
    public let fetch: Int
    public let orderBy: [SortExpr]
    public let input: LogicalPlan

    public init(skip: Int, fetch: Int, orderBy: [SortExpr], input: LogicalPlan) throws(PlanError) {
        guard !orderBy.isEmpty else { throw PlanError(.invalidPlan, "WITH TIES cannot be specified without ORDER BY clause") }
        for k in orderBy { _ = try k.expr.dataType(in: input.schema) }
        self.skip = skip
        self.fetch = fetch
        self.orderBy = orderBy
        self.input = input
    }

    public var name: String { "Limit" }
    public var detail: String { "skip=\(skip), fetch=\(fetch), with_ties, order_by=[\(orderBy.map(\.description).joined(separator: ", "))]" }
    public var line: String { "Limit: \(detail)" }
    public var inputs: [LogicalPlan] { [input] }
    public var schema: Schema { input.schema }
    public var expressions: [Expr] { orderBy.map(\.expr) }

    public func withInputs(_ inputs: [LogicalPlan]) throws(PlanError) -> any UserDefinedLogicalNode {
        guard inputs.count == 1 else { throw PlanError(.invalidPlan, "Limit with ties rebuilt with \(inputs.count) inputs, expected 1") }
        return try LimitWithTies(skip: skip, fetch: fetch, orderBy: orderBy, input: inputs[0])
    }

    /// A filter above may not move below it: it would change which rows are the first n.
    public func offer(_ filter: Expr) -> FilterOffer? { nil }

    public func isEqual(to other: any UserDefinedLogicalNode) -> Bool {
        guard let o = other as? LimitWithTies else { return false }
        return self == o
    }
}
