import PlanCore

extension SubstraitConsumer {
    /// An aggregate relation with several groupings: grouping sets over its grouping
    /// expressions (the shared list, or — the older form — each grouping's own, the
    /// distinct ones in order), giving Substrait's output — the keys, the measures, then
    /// the `i32` index of each row's set — read from the node's `__grouping_id`. Sets that
    /// repeat have no such index here and fail closed.
    mutating func groupingSets(_ a: AggregateRel, input: LogicalPlan, measures: [Expr], names: [String]?,
                               outer: [Schema]) throws(PlanError) -> LogicalPlan {
        var keys: [Expr] = []
        for e in a.groupingExpressions ?? [] { keys.append(try expr(e, input.schema, outer)) }
        let shared = !keys.isEmpty
        var sets: [[Int]] = []
        for (gi, g) in (a.groupings ?? []).enumerated() {
            var set: [Int] = []
            if shared, let references = g.expressionReferences, !references.isEmpty || (g.groupingExpressions ?? []).isEmpty {
                for i in references {
                    guard keys.indices.contains(i) else { throw error("grouping \(gi): expression reference \(i) is past the \(keys.count) declared") }
                    set.append(i)
                }
            } else {
                for e in g.groupingExpressions ?? [] {
                    let x = try expr(e, input.schema, outer)
                    if let i = keys.firstIndex(of: x) { set.append(i) } else if shared {
                        throw error("grouping \(gi): an expression not among the relation's grouping expressions")
                    } else {
                        keys.append(x)
                        set.append(keys.count - 1)
                    }
                }
            }
            sets.append(Array(Set(set)).sorted())
        }
        guard Set(sets).count == sets.count else { throw error("grouping sets that repeat a set (no set index can tell them apart here)") }
        let width = keys.count + measures.count
        let named = try self.named(keys + measures, names.map { Array($0.prefix(width)) }, input.schema)
        let node = try GroupingSetsAggregate(keys: Array(named.prefix(keys.count)), sets: sets,
                                             aggregates: Array(named.dropFirst(keys.count)), input: input, form: .groupingSets)
        var exprs = node.schema.fields.prefix(width).map { Expr.column($0.column) }
        let branches = sets.enumerated().map { i, set in
            CaseWhen.Branch(when: .literal(.int64(node.groupingId(of: set))), then: .literal(.int32(Int32(i))))
        }
        let index = Expr.caseWhen(CaseWhen(operand: .column(node.groupingIdColumn), branches: branches, elseExpr: .literal(.int32(0))))
        let indexName = names.flatMap { $0.count == width + 1 ? $0.last : nil } ?? SubstraitProducer.groupingSetIndexName
        exprs.append(index.alias(indexName))
        return .projection(try Projection(exprs, input: .extension(Extension(node))))
    }
}
