import PlanCore

/// What every plan a rule returns must satisfy beyond its schema, checked by the harness
/// after every rule that changed the plan in debug builds and tests (as DataFusion's
/// `assert_valid_optimization`): every column an expression reads is in the schema it is
/// evaluated against (a node's input, a join's two sides, a scan's table), and an outer
/// reference (`.outerColumn`) appears only inside a subquery's plan, naming a column of a
/// query around it.
public enum PlanInvariants {
    /// The first broken invariant in `plan`, as one line; nil when all hold. `outer`: the
    /// schemas of the queries around a subquery's plan, innermost last (none at the top).
    public static func problem(in plan: LogicalPlan, outer: [Schema] = []) -> String? {
        for (expr, schema) in scopedExpressions(of: plan) {
            if let problem = problem(in: expr, schema: schema, outer: outer, node: plan) { return problem }
        }
        for child in plan.children {
            if let problem = problem(in: child, outer: outer) { return problem }
        }
        return nil
    }

    /// A node's own expressions, each with the schema it reads (nil: not checked).
    static func scopedExpressions(of plan: LogicalPlan) -> [(Expr, Schema?)] {
        switch plan {
        case .tableScan(let n): return n.filters.map { ($0.expr, n.sourceSchema) }
        case .projection(let n): return n.exprs.map { ($0, n.input.schema) }
        case .filter(let n): return [(n.predicate, n.input.schema)]
        case .aggregate(let n): return (n.groupBy + n.aggregates).map { ($0, n.input.schema) }
        case .sort(let n): return n.exprs.map { ($0.expr, n.input.schema) }
        case .window(let n): return n.windowExprs.map { ($0, n.input.schema) }
        case .join(let n):
            let both = n.left.schema.joined(with: n.right.schema)
            return n.on.flatMap { [($0.left, n.left.schema), ($0.right, n.right.schema)] } + (n.filter.map { [($0, both)] } ?? [])
        case .values(let n): return n.rows.flatMap { $0 }.map { ($0, Schema([])) }
        default: return plan.expressions.map { ($0, nil) }  // DML and extension nodes: their own scopes
        }
    }

    static func problem(in expr: Expr, schema: Schema?, outer: [Schema], node: LogicalPlan) -> String? {
        var found: String?
        _ = expr.visit { e in
            switch e {
            case .column(let c) where schema != nil && schema?.index(of: c) == nil:
                found = "column \(c.flatName) in \(node.nodeLine) is not in its input (\(schema?.fields.map(\.qualifiedName).joined(separator: ", ") ?? ""))"
            case .outerColumn(let c, _) where outer.isEmpty:
                found = "outer reference \(c.flatName) in \(node.nodeLine) is outside a subquery"
            case .outerColumn(let c, _) where !outer.contains(where: { $0.index(of: c) != nil }):
                found = "outer reference \(c.flatName) in \(node.nodeLine) names no column of a query around it"
            case .exists(let s, _), .inSubquery(_, let s, _), .scalarSubquery(let s):
                // Unchecked scopes (nil) still count as a query around the subquery.
                found = problem(in: s.plan, outer: outer + [schema ?? node.schema])
            default: break
            }
            return found == nil ? .continue : .stop
        }
        return found
    }
}
