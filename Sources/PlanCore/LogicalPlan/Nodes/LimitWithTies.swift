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

    /// The same rows in standard nodes, as window calls over the input: a row is kept when
    /// its `row_number()` is past the OFFSET and its `rank()` (the position of the first row
    /// of its peers) is within OFFSET + n — the first n rows after the offset and every row
    /// tying the last of them — and the rows come out in ORDER BY's order. How PlanExec runs
    /// it, and its Substrait form.
    public func windowForm() throws(PlanError) -> LogicalPlan {
        let window = try Window([.window(WindowCall(.rowNumber, [], orderBy: orderBy)).alias("row_number"),
                                 .window(WindowCall(.rank, [], orderBy: orderBy)).alias("rank")], input: input)
        let fields = window.schema.fields
        let rowNumber = Expr.column(fields[fields.count - 2].column), rank = Expr.column(fields[fields.count - 1].column)
        let keep = Expr.binary(rowNumber, .gt, .literal(.int64(Int64(skip))))
            .and(.binary(rank, .ltEq, .literal(.int64(Int64(Limit.saturatingSum(skip, fetch))))))
        let kept = try Projection(input.schema.fields.map { .column($0.column) }, input: .filter(try Filter(keep, input: .window(window))))
        return .sort(try Sort(orderBy, input: .projection(kept)))
    }
}
