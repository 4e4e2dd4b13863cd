/// Computes window calls over its input's rows. Output: the input's columns, then one
/// column per window expression (each a ``Expr/window(_:)``, possibly aliased). The rows
/// are those of the input, in no particular order.
///
/// With `partitionLimit` k (set by `window_topk_per_partition`), only the first k rows of
/// each partition by the calls' shared order are kept before the calls are computed: the
/// rows a filter `row_number() … <= k` above keeps, so every row it passes is computed the
/// same.
public struct Window: Hashable, Sendable {
    public let windowExprs: [Expr]
    public let input: LogicalPlan
    public let partitionLimit: Int?
    public let schema: Schema

    public init(_ windowExprs: [Expr], input: LogicalPlan, partitionLimit: Int? = nil) throws(PlanError) {
        guard !windowExprs.isEmpty else { throw PlanError(.invalidPlan, "Window node without window expressions") }
        var calls: [WindowCall] = []
        for e in windowExprs {
            guard case .window(let w) = e.unaliased else {
                throw PlanError(.invalidPlan, "window expression expected, got \(e)")
            }
            calls.append(w)
        }
        if let k = partitionLimit {
            guard k >= 0, let first = calls.first, calls.allSatisfy({ $0.spec == first.spec }) else {
                throw PlanError(.invalidPlan, "a Window's partition limit needs calls sharing one partition and order")
            }
        }
        self.windowExprs = windowExprs
        self.input = input
        self.partitionLimit = partitionLimit
        var fields = input.schema.fields
        for e in windowExprs { fields.append(try e.outputField(in: input.schema)) }
        schema = Schema(fields).withDistinctNames()
    }

    /// The calls, without their aliases.
    public var calls: [WindowCall] {
        windowExprs.compactMap { if case .window(let w) = $0.unaliased { w } else { nil } }
    }
}
