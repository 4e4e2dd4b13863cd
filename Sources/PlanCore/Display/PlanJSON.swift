/// The JSON form of a logical plan (schema version 1):
///
///     {"node": "Filter", "detail": "t.a > Int64(1)", "schema": [...], "expressions": [...],
///      "subqueries": [...], "inputs": [...]}
public enum PlanJSON {
    public static let schemaVersion = 1

    /// A document with `schema_version` and the plan tree under `plan`.
    public static func document(_ plan: LogicalPlan) -> JSONValue {
        .object([("schema_version", .int(Int64(schemaVersion))), ("plan", node(plan))])
    }

    public static func node(_ plan: LogicalPlan) -> JSONValue {
        let line = plan.nodeLine
        let name: String
        let detail: String
        if let colon = line.firstIndex(of: ":") {
            name = String(line[..<colon])
            detail = String(line[line.index(after: colon)...]).trimmingSpaces()
        } else {
            name = line
            detail = ""
        }
        var fields: [(String, JSONValue)] = [("node", .string(name.replacingAll(" ", with: "")))]
        if !detail.isEmpty { fields.append(("detail", .string(detail))) }
        fields.append(contentsOf: extra(plan))
        fields.append(("schema", .array(plan.schema.fields.map(field))))
        let subs = plan.subqueries
        if !subs.isEmpty { fields.append(("subqueries", .array(subs.map { node($0.plan) }))) }
        fields.append(("inputs", .array(plan.inputs.map(node))))
        return .object(fields)
    }

    static func field(_ f: Field) -> JSONValue {
        var out: [(String, JSONValue)] = []
        if let q = f.qualifier { out.append(("qualifier", .string(q))) }
        out.append(("name", .string(f.name)))
        out.append(("type", .string(f.dataType.sqlName)))
        out.append(("nullable", .bool(f.nullable)))
        return .object(out)
    }

    static func exprs(_ list: [Expr]) -> JSONValue { .array(list.map { .string($0.description) }) }

    static func extra(_ plan: LogicalPlan) -> [(String, JSONValue)] {
        switch plan {
        case .tableScan(let n):
            var out: [(String, JSONValue)] = [("table", .string(n.tableName))]
            if let p = n.projection { out.append(("projection", .array(p.map { .int(Int64($0)) }))) }
            if !n.filters.isEmpty {
                out.append(("filters", .array(n.filters.map {
                    .object([("expr", .string($0.expr.description)), ("pushdown", .string($0.pushdown.rawValue))])
                })))
            }
            if let f = n.fetch { out.append(("fetch", .int(Int64(f)))) }
            return out
        case .projection(let n): return [("exprs", exprs(n.exprs))]
        case .filter(let n): return [("predicate", .string(n.predicate.description))]
        case .aggregate(let n): return [("group_by", exprs(n.groupBy)), ("aggregates", exprs(n.aggregates))]
        case .window(let n):
            var out: [(String, JSONValue)] = [("window_exprs", exprs(n.windowExprs))]
            if let k = n.partitionLimit { out.append(("partition_limit", .int(Int64(k)))) }
            return out
        case .join(let n):
            var out: [(String, JSONValue)] = [
                ("join_type", .string(n.joinType.rawValue)),
                ("on", .array(n.on.map { .array([.string($0.left.description), .string($0.right.description)]) })),
            ]
            if let f = n.filter { out.append(("filter", .string(f.description))) }
            return out
        case .sort(let n):
            var out: [(String, JSONValue)] = [("sort", .array(n.exprs.map { .string($0.description) }))]
            if let f = n.fetch { out.append(("fetch", .int(Int64(f)))) }
            return out
        case .limit(let n):
            return [("skip", .int(Int64(n.skip))), ("fetch", n.fetch.map { .int(Int64($0)) } ?? .null)]
        case .subqueryAlias(let n): return [("alias", .string(n.alias))]
        default: return []
        }
    }
}
