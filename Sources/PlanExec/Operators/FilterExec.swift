import PlanCore

/// Keeps rows whose predicate is true.
public final class FilterExec: PhysicalOperator {
    public let name = "FilterExec"
    public let metrics = OperatorMetrics()
    let input: any PhysicalOperator
    let predicate: Expr
    public var schema: Schema { input.schema }
    public var children: [any PhysicalOperator] { [input] }
    public var detail: String { predicate.description }

    init(_ predicate: Expr, input: any PhysicalOperator) {
        self.predicate = predicate
        self.input = input
    }

    /// The predicate's conjuncts (the residual filter, when this sits on a scan).
    public var predicateConjuncts: [Expr] { predicate.conjuncts }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        let compiled = try PhysicalExpr.compile(predicate, schema: input.schema, context: context)
        let stream = try input.run(context)
        var seen = 0
        var cache = SubqueryCache()
        return ClosureStream { [self] in
            while let b = try stream.next() {
                let mask = try evaluate(compiled, b, rowOffset: seen, cache: &cache)
                seen += b.rowCount
                let keep = FilterExec.selection(mask)
                if keep.count == b.rowCount { return b }
                if keep.isEmpty { continue }
                return b.gather(keep)
            }
            return nil
        }
    }

    public func morsels(_ context: ExecutionContext) throws -> Morsels? {
        guard let input = try input.morsels(context) else { return nil }
        let compiled = try PhysicalExpr.compile(predicate, schema: self.input.schema, context: context)
        let rows = MorselRows(count: input.count), name = self.name
        let caches = SubqueryCaches()
        return input.then(metrics) { b, i in
            rows.record(i, b.rowCount)
            let mask = try caches.with { cache in try rows.evaluate(compiled, b, morsel: i, operator: name, cache: &cache) }
            let keep = FilterExec.selection(mask)
            return keep.count == b.rowCount ? b : b.gather(keep)
        }
    }

    /// Row indices where a boolean column is true.
    public static func selection(_ mask: ColumnVector) -> [Int] {
        guard case .boolean(var values) = mask.values else { return [] }
        // A NULL answer keeps no row.
        if let validity = mask.validity { for i in values.indices where !validity[i] { values[i] = false } }
        return Selection.indices(of: values)
    }
}
