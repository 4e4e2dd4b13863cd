extension LogicalPlan: CustomStringConvertible {
    /// The indent format (one node a line, two spaces per level).
    public var description: String { IndentRenderer.render(self) }

    /// This node's own line, without its inputs: `Filter: t.a > Int64(1)`.
    public var nodeLine: String {
        func list(_ exprs: [Expr]) -> String { exprs.map(\.description).joined(separator: ", ") }
        switch self {
        case .tableScan(let n):
            var s = "TableScan: \(n.tableName)"
            if n.projection != nil { s += " projection=[\(n.schema.names.joined(separator: ", "))]" }
            let exact = n.filters.filter { $0.pushdown == .exact }.map(\.expr)
            let inexact = n.filters.filter { $0.pushdown == .inexact }.map(\.expr)
            let unsupported = n.filters.filter { $0.pushdown == .unsupported }.map(\.expr)
            if !exact.isEmpty { s += " full_filters=[\(list(exact))]" }
            if !inexact.isEmpty { s += " partial_filters=[\(list(inexact))]" }
            if !unsupported.isEmpty { s += " unsupported_filters=[\(list(unsupported))]" }
            if let f = n.fetch { s += " fetch=\(f)" }
            return s
        case .projection(let n): return "Projection: \(list(n.exprs))"
        case .filter(let n): return "Filter: \(n.predicate)"
        case .aggregate(let n): return "Aggregate: groupBy=[[\(list(n.groupBy))]], aggr=[[\(list(n.aggregates))]]"
        case .window(let n):
            var s = "Window: windowExpr=[[\(list(n.windowExprs))]]"
            if let k = n.partitionLimit { s += ", partition_limit=\(k)" }
            return s
        case .join(let n):
            var s = "\(n.joinType.rawValue) Join: \(n.on.map { "\($0.left) = \($0.right)" }.joined(separator: ", "))"
            if let f = n.filter { s += " Filter: \(f)" }
            if n.nullAware { s += " (null-aware)" }
            return s
        case .crossJoin: return "Cross Join: "
        case .sort(let n):
            var s = "Sort: \(n.exprs.map(\.description).joined(separator: ", "))"
            if let f = n.fetch { s += ", fetch=\(f)" }
            return s
        case .limit(let n): return "Limit: skip=\(n.skip), fetch=\(n.fetch.map(String.init) ?? "None")"
        case .setOperation(let n): return n.all ? "\(n.kind.rawValue) All" : n.kind.rawValue
        case .distinct: return "Distinct:"
        case .subqueryAlias(let n): return "SubqueryAlias: \(n.alias)"
        case .values(let n): return "Values: \(n.rows.map { "(\(list($0)))" }.joined(separator: ", "))"
        case .emptyRelation(let n): return n.produceOneRow ? "EmptyRelation: rows=1" : "EmptyRelation: rows=0"
        case .dml(let n):
            switch n.operation {
            case .insert:
                let conflict = n.onConflict.map { c in
                    " on_conflict=[do nothing" + (c.target.isEmpty ? "" : " (\(c.target.map { n.tableSchema.fields[$0].name }.joined(separator: ", ")))") + "]"
                } ?? ""
                return "Dml: op=[Insert Into] table=[\(n.table)]" + conflict
            case .delete(let p): return "Dml: op=[Delete] table=[\(n.table)]" + (p.map { " predicate=[\($0)]" } ?? "")
            case .update(let a, let p):
                return "Dml: op=[Update] table=[\(n.table)] set=[\(a.map { "\($0.column) = \($0.value)" }.joined(separator: ", "))]"
                    + (p.map { " predicate=[\($0)]" } ?? "")
            }
        case .ddl(let n):
            switch n {
            case .createTable(let c):
                if c.input != nil { return "CreateMemoryTable: \(c.name)" }
                var s = "CreateMemoryTable: \(c.name) (\(c.schema.fields.map { "\($0.name) \($0.dataType.sqlName)" }.joined(separator: ", ")))"
                for key in c.uniqueKeys {
                    s += " \(key.primary ? "primary_key" : "unique")=[\(key.columns.map { c.schema.fields[$0].name }.joined(separator: ", "))]"
                }
                return s
            case .createIndex(let i):
                return "CreateIndex: \(i.name) on \(i.table)" + (i.unique ? " unique" : "")
            case .createView(let name, _, _, _): return "CreateView: \(name)"
            case .createExternalTable(let e): return "CreateExternalTable: \(e.name) format=\(e.format) location=\(e.location)"
            case .dropTable(let name, _): return "DropTable: \(name)"
            case .dropView(let name, _): return "DropView: \(name)"
            case .dropIndex(let name, _): return "DropIndex: \(name)"
            }
        case .statement(let s):
            switch s {
            case .setVariable(let name, let value): return "SetVariable: \(name) = \(value)"
            case .resetVariable(let name): return "ResetVariable: \(name ?? "all")"
            case .showVariable(let name): return "ShowVariable: \(name ?? "all")"
            case .copyTo(_, let path, let o): return "CopyTo: \(path) format=\(o.format.rawValue)"
            case .copyFrom(let table, let path, let o): return "CopyFrom: \(table) ← \(path) format=\(o.format.rawValue)"
            }
        case .explain(let n): return "Explain:" + (n.analyze ? " analyze" : "") + (n.verbose ? " verbose" : "") + (n.format.map { " format=\($0.rawValue)" } ?? "")
        case .extension(let n): return n.node.line
        }
    }

    /// The subqueries inside this node's own expressions.
    public var subqueries: [Subquery] { expressions.flatMap(\.subqueries) }
}
