import PlanCore

extension SubstraitProducer {
    /// Grouping sets as Substrait writes them: one aggregate relation over the keys (its
    /// shared grouping expressions), one grouping per set referring to them, then the
    /// measures, and — with more than one set — Substrait's trailing `i32`, the index of
    /// the set a row came from. A projection above turns that index into planscope's
    /// `__grouping_id` bitmask (a constant with one set).
    mutating func groupingSets(_ g: GroupingSetsAggregate, outer: [Schema]) throws(PlanError) -> Rel {
        let schema = g.input.schema
        let keys = try g.keys.map { (e: Expr) throws(PlanError) -> Expression in try expr(e.unaliased, schema, outer) }
        let measures = try self.measures(g.aggregates, schema, outer)
        let groupings = g.sets.map { set in
            AggregateRel.Grouping(groupingExpressions: set.map { keys[$0] }, expressionReferences: set)
        }
        let width = g.keys.count + g.aggregates.count
        var fields = Array(g.schema.fields.prefix(width))
        if g.sets.count > 1 { fields.append(Field(name: Self.groupingSetIndexName, dataType: .int32, nullable: false)) }
        let aggregate = Rel.aggregate(AggregateRel(common: RelCommon(outputNames: fields.map(\.name)), input: try rel(g.input, outer: outer),
                                                   groupings: groupings, measures: measures.isEmpty ? nil : measures,
                                                   groupingExpressions: keys))
        let id: Expr
        if let index = g.sets.count > 1 ? fields.last : nil {
            let branches = g.sets.enumerated().map { i, set in
                CaseWhen.Branch(when: .literal(.int32(Int32(i))), then: .literal(.int64(g.groupingId(of: set))))
            }
            id = .caseWhen(CaseWhen(operand: .column(index.column), branches: branches, elseExpr: .literal(.int64(0))))
        } else {
            id = .literal(.int64(g.groupingId(of: g.sets.first ?? [])))
        }
        let projected = try expr(id, Schema(fields), outer)
        let emit = Array(0..<width) + [fields.count]
        return .project(ProjectRel(common: RelCommon(emit: emit, outputNames: g.schema.names), input: aggregate, expressions: [projected]))
    }

    /// The name of Substrait's grouping-set index column.
    static let groupingSetIndexName = "__grouping_set_index"
}
