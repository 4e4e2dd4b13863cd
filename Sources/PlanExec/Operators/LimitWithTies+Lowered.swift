import PlanCore

/// `FETCH FIRST n ROWS WITH TIES` run as window calls over its sorted input: a row is kept
/// when its `row_number()` is past the OFFSET and its `rank()` (the position of the first
/// row of its peers) is within OFFSET + n — the first n rows after the offset and every row
/// tying the last of them — and the rows come out in ORDER BY's order.
extension LimitWithTies: ExecutableLogicalNode {
    public func lowered() throws(PlanError) -> LogicalPlan {
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
