import Foundation
import PlanCore

extension SubstraitConsumer {
    mutating func rel(_ r: Rel, outer: [Schema]) throws(PlanError) -> LogicalPlan {
        path.append(r.kindName)
        defer { path.removeLast() }
        let names = r.common?.hint?.outputNames
        switch r {
        case .read(let read):
            return try self.read(read, outer: outer)
        case .filter(let f):
            let input = try child(f.input, "input", outer: outer)
            return .filter(try Filter(try expr(f.condition, input.schema, outer), input: input))
        case .fetch(let f):
            let input = try child(f.input, "input", outer: outer)
            let offset = try count(f.offset, f.offsetExpr, what: "offset") ?? 0
            let fetch = try count(f.count, f.countExpr, what: "count")
            if case .sort(let s) = input, offset == 0, let fetch, s.fetch == nil {
                return .sort(try Sort(s.exprs, input: s.input, fetch: fetch))
            }
            return .limit(Limit(skip: offset, fetch: fetch, input: input))
        case .aggregate(let a):
            return try aggregate(a, names: names, outer: outer)
        case .sort(let s):
            let input = try child(s.input, "input", outer: outer)
            return .sort(try Sort(try sortExprs(s.sorts ?? [], input.schema, outer), input: input))
        case .join(let j):
            return try join(j, outer: outer)
        case .project(let p):
            return try project(p, names: names, outer: outer)
        case .set(let s):
            let inputs = s.inputs ?? []
            guard inputs.count >= 2 else { throw error("a set relation needs two inputs or more, has \(inputs.count)") }
            let (kind, all): (SetOperation.Kind, Bool) = switch s.op ?? "" {
            case "SET_OP_UNION_ALL": (.union, true)
            case "SET_OP_UNION_DISTINCT": (.union, false)
            case "SET_OP_INTERSECTION_MULTISET_ALL": (.intersect, true)
            case "SET_OP_INTERSECTION_MULTISET", "SET_OP_INTERSECTION_PRIMARY": (.intersect, false)
            case "SET_OP_MINUS_PRIMARY_ALL": (.except, true)
            case "SET_OP_MINUS_PRIMARY": (.except, false)
            case let op: throw error("set operation \(op.isEmpty ? "(none)" : op) is not supported")
            }
            var plan = try child(inputs[0], "inputs[0]", outer: outer)
            for i in 1..<inputs.count {
                plan = .setOperation(try SetOperation(kind, all: all, left: plan, right: try child(inputs[i], "inputs[\(i)]", outer: outer)))
            }
            return plan
        case .cross(let c):
            let left = try child(c.left, "left", outer: outer)
            return .crossJoin(CrossJoin(left: left, right: distinct(try child(c.right, "right", outer: outer), from: left)))
        case .window(let w):
            return try window(w, names: names, outer: outer)
        case .extensionSingle(let x):
            return try extensionNode(x.detail, inputs: [try child(x.input, "input", outer: outer)])
        case .extensionMulti(let x):
            var inputs: [LogicalPlan] = []
            for (i, input) in (x.inputs ?? []).enumerated() { inputs.append(try child(input, "inputs[\(i)]", outer: outer)) }
            return try extensionNode(x.detail, inputs: inputs)
        case .extensionLeaf(let x):
            return try extensionNode(x.detail, inputs: [])
        }
    }

    /// Sort fields as sort keys over `schema`.
    mutating func sortExprs(_ fields: [SortField], _ schema: Schema, _ outer: [Schema]) throws(PlanError) -> [SortExpr] {
        var exprs: [SortExpr] = []
        for f in fields {
            let e = try expr(f.expr, schema, outer)
            switch f.direction ?? "SORT_DIRECTION_ASC_NULLS_LAST" {
            case "SORT_DIRECTION_ASC_NULLS_FIRST": exprs.append(SortExpr(e, ascending: true, nullsFirst: true))
            case "SORT_DIRECTION_ASC_NULLS_LAST": exprs.append(SortExpr(e, ascending: true, nullsFirst: false))
            case "SORT_DIRECTION_DESC_NULLS_FIRST": exprs.append(SortExpr(e, ascending: false, nullsFirst: true))
            case "SORT_DIRECTION_DESC_NULLS_LAST": exprs.append(SortExpr(e, ascending: false, nullsFirst: false))
            case let d: throw error("sort direction \(d) is not supported")
            }
        }
        return exprs
    }

    mutating func child(_ r: Rel, _ key: String, outer: [Schema]) throws(PlanError) -> LogicalPlan {
        path.append(key)
        defer { path.removeLast() }
        return try rel(r, outer: outer)
    }

    /// A fetch's offset or count: a number, or a literal integer expression.
    func count(_ n: ProtoInt64?, _ e: Expression?, what: String) throws(PlanError) -> Int? {
        var value: Int64?
        if let n { value = n.value }
        if let e {
            guard case .literal(let l) = e, let v = l.i64?.value ?? l.i32.map(Int64.init) else {
                throw error("a fetch \(what) must be a literal integer")
            }
            value = v
        }
        guard let value else { return nil }
        if value == -1 && what == "count" { return nil }  // -1: all rows
        guard value >= 0, let i = Int(exactly: value) else { throw error("fetch \(what) \(value) is negative") }
        return i
    }

    mutating func read(_ r: ReadRel, outer: [Schema]) throws(PlanError) -> LogicalPlan {
        if let v = r.virtualTable {
            let rows = try virtualTable(v, schema: r.baseSchema)
            // A table function's rows: named by the alias, then the read's filters and projection.
            guard let alias = r.common?.hint?.alias else { return rows }
            var plan = LogicalPlan.subqueryAlias(SubqueryAlias(alias, input: rows))
            let conditions = try [r.filter, r.bestEffortFilter].compactMap { $0 }.map { (e: Expression) throws(PlanError) -> Expr in try expr(e, plan.schema, outer) }
            if let predicate = Expr.conjunction(conditions) { plan = .filter(try Filter(predicate, input: plan)) }
            if let items = r.projection?.select?.structItems {
                let fields = plan.schema.fields
                var columns: [Expr] = []
                for item in items {
                    guard fields.indices.contains(item.field ?? 0) else { throw error("projection field \(item.field ?? 0) is past the \(fields.count) columns") }
                    columns.append(.column(fields[item.field ?? 0].column))
                }
                plan = .projection(try Projection(columns, input: plan))
            }
            return plan
        }
        if r.extensionTable != nil { throw error("extension tables are not read") }
        let name: String
        let source: any TableSource
        if let local = r.localFiles {
            let read: [SubstraitFiles]
            switch local.files() {
            case .success(let f): read = f
            case .failure(let why): throw error(why.message)
            }
            let declared = try (r.baseSchema.map { (s: NamedStruct) throws(PlanError) -> Schema in try schema(s) }) ?? .empty
            do { source = try files(read, declared) } catch { throw self.error("file '\(read[0].path)'\(read.count > 1 ? " and \(read.count - 1) more" : ""): \(error.message)", kind: error.kind) }
            // Named as the plan's alias says, else after the (first) file (`m.csv` → `m`).
            let base = read[0].path.split(separator: "/").last.map(String.init) ?? read[0].path
            name = r.common?.hint?.alias ?? String(base.prefix { $0 != "." })
        } else {
            guard let names = r.namedTable?.names, !names.isEmpty else { throw error("a read needs a named table, a virtual table or files") }
            name = names.joined(separator: ".")
            guard let table = tables(name) else {
                throw error("table '\(name)' is not in the catalog", kind: .catalog)
            }
            source = table
        }
        // The plan's base schema must be the table's: same columns, in order.
        let declared = r.baseSchema?.names ?? []
        let tableNames = source.schema.names.map { $0.lowercased() }
        if !declared.isEmpty && declared.map({ $0.lowercased() }) != tableNames {
            throw error("table '\(name)' has columns (\(source.schema.names.joined(separator: ", "))), the plan's base schema says (\(declared.joined(separator: ", ")))")
        }
        var projection: [Int]?
        if let items = r.projection?.select?.structItems {
            projection = items.map { $0.field ?? 0 }
            for i in projection ?? [] where !source.schema.fields.indices.contains(i) {
                throw error("projection field \(i) is past table '\(name)''s \(source.schema.count) columns")
            }
        }
        let unfiltered = try TableScan(tableName: name, sourceSchema: source.schema, source: source, projection: projection)
        let base = unfiltered.sourceSchema
        var exact: [Expr] = [], inexact: [Expr] = []
        if let f = r.filter { exact = try expr(f, base, outer).conjuncts }
        if let f = r.bestEffortFilter { inexact = try expr(f, base, outer).conjuncts }
        for e in exact + inexact where e.containsSubquery || e.contains(where: { if case .outerColumn = $0 { true } else { false } }) {
            throw error("a read's filter with a subquery or an outer reference is not read (\(e)); put it in a filter relation above")
        }
        for e in exact + inexact {
            let t = try e.dataType(in: base)
            guard t == .boolean || t == .null else { throw error("a read's filter must be boolean, got \(t.sqlName)", kind: .typeMismatch) }
        }
        guard !exact.isEmpty || !inexact.isEmpty else { return .tableScan(unfiltered) }
        // The provider classifies the filters again: a filter the plan calls exact that
        // this table cannot guarantee stays as a filter above the scan.
        let all = exact + inexact
        let answers = source.supportsFiltersPushdown(all.map(\.unqualifiedColumns))
        var filters: [ScanFilter] = []
        var above: [Expr] = []
        for (i, e) in all.enumerated() {
            let answer = i < answers.count ? answers[i] : .unsupported
            if answer != .unsupported { filters.append(ScanFilter(e, answer)) }
            if i < exact.count && answer != .exact { above.append(e) }
        }
        let scan = LogicalPlan.tableScan(try TableScan(tableName: name, sourceSchema: source.schema, source: source,
                                                       projection: projection, filters: filters))
        guard let predicate = Expr.conjunction(above) else { return scan }
        // The filter above reads the scan's output: it needs the filter's columns.
        for c in predicate.columnRefs where scan.schema.index(of: c) == nil {
            throw error("table '\(name)' cannot guarantee the filter \(predicate), and its column \(c) is not projected")
        }
        return .filter(try Filter(predicate, input: scan))
    }

    /// A base schema's columns.
    func schema(_ s: NamedStruct) throws(PlanError) -> Schema {
        let names = s.names ?? []
        let types = s.struct?.types ?? []
        guard names.count == types.count else { throw error("a base schema with \(names.count) names and \(types.count) types") }
        var fields: [Field] = []
        for (n, t) in zip(names, types) { fields.append(Field(name: n, dataType: try dataType(t), nullable: nullable(t))) }
        return Schema(fields)
    }

    mutating func virtualTable(_ v: ReadRel.VirtualTable, schema named: NamedStruct?) throws(PlanError) -> LogicalPlan {
        let fields = try (named.map { (s: NamedStruct) throws(PlanError) -> Schema in try schema(s) } ?? .empty).fields
        let names = fields.map(\.name)
        let rows = v.expressions ?? []
        if rows.isEmpty { return .emptyRelation(EmptyRelation(produceOneRow: false, schema: Schema(fields))) }
        if fields.isEmpty && rows.count == 1 && (rows[0].fields ?? []).isEmpty {
            return .emptyRelation(EmptyRelation(produceOneRow: true))
        }
        var out: [[Expr]] = []
        for (i, row) in rows.enumerated() {
            let values = row.fields ?? []
            guard values.count == fields.count else {
                throw error("virtual table row \(i) has \(values.count) values for \(fields.count) columns")
            }
            out.append(try values.map { (e: Expression) throws(PlanError) -> Expr in try expr(e, .empty, []) })
        }
        let values = LogicalPlan.values(try Values(rows: out))
        return try renamed(values, to: names)
    }

    mutating func aggregate(_ a: AggregateRel, names: [String]?, outer: [Schema]) throws(PlanError) -> LogicalPlan {
        let input = try child(a.input, "input", outer: outer)
        let groupings = a.groupings ?? []
        var keys: [Expr] = []
        if groupings.count == 1, let g = groupings.first {
            // References into the relation's grouping expressions, or (the older form,
            // which DataFusion also writes beside the references) the expressions themselves.
            let shared = a.groupingExpressions ?? []
            if let references = g.expressionReferences, !references.isEmpty {
                for i in references {
                    guard shared.indices.contains(i) else { throw error("grouping expression reference \(i) is past the \(shared.count) declared") }
                    keys.append(try expr(shared[i], input.schema, outer))
                }
            } else {
                for e in g.groupingExpressions ?? [] { keys.append(try expr(e, input.schema, outer)) }
            }
        }
        var measures: [Expr] = []
        for m in a.measures ?? [] {
            let f = m.measure
            if let phase = f.phase, phase != "AGGREGATION_PHASE_INITIAL_TO_RESULT", phase != "AGGREGATION_PHASE_UNSPECIFIED" {
                throw error("aggregation phase \(phase) is not supported (only INITIAL_TO_RESULT)")
            }
            guard case .aggregate(let function) = try function(f.functionReference ?? 0) else {
                throw error("function '\(functions[f.functionReference ?? 0]?.name ?? "?")' is not an aggregate")
            }
            let args = try arguments(f.arguments ?? [], input.schema, outer)
            let distinct = f.invocation == "AGGREGATION_INVOCATION_DISTINCT"
            let filter = try m.filter.map { (e: Expression) throws(PlanError) -> Expr in try expr(e, input.schema, outer) }
            let orderBy = try sortExprs(f.sorts ?? [], input.schema, outer)
            if function.isOrderedSet, orderBy.count != 1 {
                throw error("ordered-set aggregate \(function.rawValue) needs exactly one sort (its WITHIN GROUP value), has \(orderBy.count)")
            }
            measures.append(.aggregate(AggregateCall(function, args, distinct: distinct, filter: filter, orderBy: orderBy)))
        }
        if groupings.count > 1 { return try groupingSets(a, input: input, measures: measures, names: names, outer: outer) }
        // DISTINCT: every input column as a key, no measures.
        if measures.isEmpty && !keys.isEmpty && keys == input.schema.fields.map({ .column($0.column) }) {
            return .distinct(Distinct(input: input))
        }
        let named = try self.named(keys + measures, names, input.schema)
        return .aggregate(try Aggregate(groupBy: Array(named.prefix(keys.count)), aggregates: Array(named.dropFirst(keys.count)), input: input))
    }

    /// `exprs` aliased where their output name differs from the one the plan records.
    func named(_ exprs: [Expr], _ names: [String]?, _ schema: Schema) throws(PlanError) -> [Expr] {
        guard let names, names.count == exprs.count else { return exprs }
        var out: [Expr] = []
        for (e, n) in zip(exprs, names) {
            let field = try e.outputField(in: schema)
            out.append(field.name == n ? e : e.alias(n))
        }
        return out
    }

    mutating func project(_ p: ProjectRel, names: [String]?, outer: [Schema]) throws(PlanError) -> LogicalPlan {
        let input = try child(p.input, "input", outer: outer)
        let exprs = p.expressions ?? []
        if exprs.isEmpty, let alias = p.common?.hint?.alias, p.common?.emit == nil {
            return .subqueryAlias(SubqueryAlias(alias, input: input))
        }
        // DataFusion's window functions: calls among the expressions, computed by a Window
        // node under the projection, which reads their columns.
        let (source, windowColumns) = try windowsInProject(exprs, input: input, outer: outer)
        var all = input.schema.fields.map { Expr.column($0.column) }
        for (i, e) in exprs.enumerated() {
            if let column = windowColumns[i] { all.append(.column(column)); continue }
            path.append("expressions[\(i)]")
            defer { path.removeLast() }
            all.append(try expr(e, input.schema, outer))
        }
        var chosen = all
        if let mapping = p.common?.emit?.outputMapping {
            chosen = []
            for i in mapping {
                guard all.indices.contains(i) else { throw error("emit refers to output \(i) of \(all.count)") }
                chosen.append(all[i])
            }
        }
        return .projection(try Projection(try named(chosen, names, source.schema), input: source))
    }

    mutating func join(_ j: JoinRel, outer: [Schema]) throws(PlanError) -> LogicalPlan {
        let left = try child(j.left, "left", outer: outer)
        let right = distinct(try child(j.right, "right", outer: outer), from: left)
        if j.postJoinFilter != nil { throw error("a join's postJoinFilter is not supported") }
        let type: JoinType
        switch j.type ?? "" {
        case "JOIN_TYPE_INNER": type = .inner
        case "JOIN_TYPE_LEFT": type = .left
        case "JOIN_TYPE_RIGHT": type = .right
        case "JOIN_TYPE_OUTER": type = .full
        case "JOIN_TYPE_LEFT_SEMI": type = .leftSemi
        case "JOIN_TYPE_LEFT_ANTI": type = .leftAnti
        case let t: throw error("join type \(t.isEmpty ? "(none)" : t) is not supported")
        }
        let combined = left.schema.joined(with: right.schema)
        var conjuncts: [Expr] = []
        if let e = j.expression { conjuncts = try expr(e, combined, outer).conjuncts }
        let leftWidth = left.schema.count
        func side(_ e: Expr) -> Int? {
            let indices = e.columnRefs.compactMap { combined.index(of: $0) }
            guard !indices.isEmpty, indices.count == e.columnRefs.count, !e.containsSubquery else { return nil }
            if indices.allSatisfy({ $0 < leftWidth }) { return 0 }
            if indices.allSatisfy({ $0 >= leftWidth }) { return 1 }
            return nil
        }
        var keys: [JoinKey] = []
        var rest: [Expr] = []
        var nullAware = false
        for c in conjuncts {
            if case .binary(let a, .eq, let b) = c {
                if side(a) == 0 && side(b) == 1 { keys.append(JoinKey(a, b)); continue }
                if side(a) == 1 && side(b) == 0 { keys.append(JoinKey(b, a)); continue }
            }
            // NOT IN's null-aware anti join: exactly `l = r OR l IS NULL OR r IS NULL`.
            if type == .leftAnti, !nullAware, case .logical(.or, let d) = c, d.count == 3,
               case .binary(let a, .eq, let b) = d[0], side(a) == 0, side(b) == 1,
               d[1] == .isTest(a, .isNull), d[2] == .isTest(b, .isNull) {
                keys.append(JoinKey(a, b))
                nullAware = true
                continue
            }
            if case .literal(.boolean(true)) = c { continue }
            rest.append(c)
        }
        if nullAware && keys.count != 1 { throw error("a null-aware anti join with \(keys.count) keys is not supported") }
        return .join(try Join(left: left, right: right, joinType: type, on: keys, filter: Expr.conjunction(rest), nullAware: nullAware))
    }

    /// `right` renamed when its columns would be confused with `left`'s: Substrait refers
    /// to columns by position, and a table read twice without aliases (DataFusion writes
    /// none) gives two `nation.n_name`; the right one becomes `nation_2.n_name`.
    func distinct(_ right: LogicalPlan, from left: LogicalPlan) -> LogicalPlan {
        let taken = Set(left.schema.fields.map(\.qualifiedName))
        guard right.schema.fields.contains(where: { taken.contains($0.qualifiedName) }) else { return right }
        let qualifiers = Set(left.schema.fields.compactMap(\.qualifier) + right.schema.fields.compactMap(\.qualifier))
        let base = right.schema.fields.first?.qualifier ?? "t"
        var n = 2
        while qualifiers.contains("\(base)_\(n)") { n += 1 }
        return .subqueryAlias(SubqueryAlias("\(base)_\(n)", input: right))
    }

    func extensionNode(_ detail: ProtoAnyString?, inputs: [LogicalPlan]) throws(PlanError) -> LogicalPlan {
        guard let detail, detail.type == ProtoAnyString.typeURL, let text = detail.value else {
            throw error("an extension relation's detail must be a google.protobuf.StringValue naming a planscope node (got \(detail?.type ?? "none"))")
        }
        let (name, body) = SubstraitNodeCodecs.split(text)
        guard let codec = codecs[name] else {
            throw error("extension relation '\(name)' is not known (known: \(codecs.codecs.keys.sorted().joined(separator: ", ")))")
        }
        return .extension(Extension(try codec.node(detail: body, inputs: inputs)))
    }
}
