import PlanCore

/// Computes one column per expression.
public final class ProjectionExec: PhysicalOperator {
    public let name = "ProjectionExec"
    public let metrics = OperatorMetrics()
    public let schema: Schema
    let input: any PhysicalOperator
    let exprs: [Expr]
    public var children: [any PhysicalOperator] { [input] }
    public var detail: String { "exprs=[\(exprs.map(\.description).joined(separator: ", "))]" }

    init(_ exprs: [Expr], input: any PhysicalOperator, schema: Schema) {
        self.exprs = exprs
        self.input = input
        self.schema = schema
    }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        let compiled = try exprs.map { (e: Expr) throws(PlanError) -> PhysicalExpr in
            try PhysicalExpr.compile(e, schema: input.schema, context: context)
        }
        let stream = try input.run(context)
        let schema = self.schema
        var seen = 0
        var cache = SubqueryCache()
        return ClosureStream { [self] in
            guard let b = try stream.next() else { return nil }
            defer { seen += b.rowCount }
            return RecordBatch(schema: schema, columns: try compiled.map { try evaluate($0, b, rowOffset: seen, cache: &cache) },
                               rowCount: b.rowCount)
        }
    }

    public func morsels(_ context: ExecutionContext) throws -> Morsels? {
        guard let input = try input.morsels(context) else { return nil }
        let compiled = try exprs.map { (e: Expr) throws(PlanError) -> PhysicalExpr in
            try PhysicalExpr.compile(e, schema: self.input.schema, context: context)
        }
        let rows = MorselRows(count: input.count), name = self.name, schema = self.schema
        let caches = SubqueryCaches()
        return input.then(metrics) { b, i in
            rows.record(i, b.rowCount)
            return try caches.with { cache in
                RecordBatch(schema: schema, columns: try compiled.map {
                    try rows.evaluate($0, b, morsel: i, operator: name, cache: &cache)
                }, rowCount: b.rowCount)
            }
        }
    }
}
