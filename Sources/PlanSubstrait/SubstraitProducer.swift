import Foundation
import PlanCore

/// Optimized logical plan → Substrait plan (protobuf JSON form).
///
/// Fails closed: a node, expression, type or value with no Substrait form here is an
/// error naming it and what is missing, never a plan that means something else.
public struct SubstraitProducer {
    /// Substrait's version written into `Plan.version`: the one DataFusion 55 reads.
    public static let version = SubstraitVersion(majorNumber: 0, minorNumber: 85, patchNumber: 0, gitHash: nil, producer: "planscope")

    let codecs: SubstraitNodeCodecs
    /// Whether a scan's table is the catalog's table of that name (read by name) rather than
    /// a file read by path or a table function's rows.
    let isCatalogTable: (String, (any TableSource)?) -> Bool
    var urnAnchors: [String: Int] = [:]
    var urns: [ExtensionURN] = []
    var functionAnchors: [String: Int] = [:]
    var declarations: [ExtensionDeclaration] = []
    var typeAnchors: [String: Int] = [:]

    public init(codecs: SubstraitNodeCodecs = SubstraitNodeCodecs(), isCatalogTable: @escaping (String, (any TableSource)?) -> Bool = { _, _ in true }) {
        self.codecs = codecs
        self.isCatalogTable = isCatalogTable
    }

    /// The plan with one root relation named after the plan's output columns.
    public static func produce(_ plan: LogicalPlan, codecs: SubstraitNodeCodecs = SubstraitNodeCodecs(),
                               isCatalogTable: @escaping (String, (any TableSource)?) -> Bool = { _, _ in true }) throws(PlanError) -> SubstraitPlan {
        var p = SubstraitProducer(codecs: codecs, isCatalogTable: isCatalogTable)
        let input = try p.rel(plan, outer: [])
        return SubstraitPlan(version: version, extensionUrns: p.urns.isEmpty ? nil : p.urns,
                             extensions: p.declarations.isEmpty ? nil : p.declarations,
                             relations: [PlanRel(root: RelRoot(input: input, names: plan.schema.names))])
    }

    // MARK: - Declarations

    mutating func urnAnchor(_ urn: String) -> Int {
        if let a = urnAnchors[urn] { return a }
        let a = urns.count + 1
        urnAnchors[urn] = a
        urns.append(ExtensionURN(extensionUrnAnchor: a, urn: urn))
        return a
    }

    mutating func functionAnchor(_ f: SubstraitFunction) -> Int {
        let key = f.urn + "#" + f.name
        if let a = functionAnchors[key] { return a }
        let urn = urnAnchor(f.urn)
        let a = functionAnchors.count + 1
        functionAnchors[key] = a
        declarations.append(ExtensionDeclaration(extensionFunction: .init(extensionUrnReference: urn, functionAnchor: a, name: f.name)))
        return a
    }

    mutating func typeAnchor(_ name: String) -> Int {
        if let a = typeAnchors[name] { return a }
        let urn = urnAnchor(SubstraitURN.planscope)
        let a = typeAnchors.count + 1
        typeAnchors[name] = a
        declarations.append(ExtensionDeclaration(extensionType: .init(extensionUrnReference: urn, typeAnchor: a, name: name)))
        return a
    }

    // MARK: - Types

    mutating func type(_ t: DataType, nullable: Bool) throws(PlanError) -> SubstraitType {
        typealias P = SubstraitType.Parameters
        switch t {
        case .boolean: return SubstraitType("bool", P(nullable: nullable))
        case .int16: return SubstraitType("i16", P(nullable: nullable))
        case .int32: return SubstraitType("i32", P(nullable: nullable))
        case .int64: return SubstraitType("i64", P(nullable: nullable))
        case .float32: return SubstraitType("fp32", P(nullable: nullable))
        case .float64: return SubstraitType("fp64", P(nullable: nullable))
        case .decimal(let p, let s): return SubstraitType("decimal", P(nullable: nullable, precision: p, scale: s))
        case .varchar(nil): return SubstraitType("string", P(nullable: nullable))
        case .varchar(let n?): return SubstraitType("varchar", P(nullable: nullable, length: n))
        case .char(let n): return SubstraitType("fixedChar", P(nullable: nullable, length: n))
        case .date: return SubstraitType("date", P(nullable: nullable))
        case .timestamp: return SubstraitType("precisionTimestamp", P(nullable: nullable, precision: 6))
        case .timestampTZ: return SubstraitType("precisionTimestampTz", P(nullable: nullable, precision: 6))
        case .interval: return SubstraitType("intervalCompound", P(nullable: nullable, precision: 6))
        case .binary: return SubstraitType("binary", P(nullable: nullable))
        case .numeric, .null:
            // No Substrait type: planscope's own user-defined types.
            return SubstraitType("userDefined", P(nullable: nullable, typeReference: typeAnchor(t == .numeric ? "numeric" : "null")))
        }
    }

    // MARK: - Relations

    mutating func rel(_ plan: LogicalPlan, outer: [Schema]) throws(PlanError) -> Rel {
        let names = plan.schema.names
        switch plan {
        case .tableScan(let scan):
            return try read(scan, outer: outer)
        case .window(let w):
            return try window(w, outer: outer)
        case .projection(let p):
            let input = try rel(p.input, outer: outer)
            let exprs = try p.exprs.map { (e: Expr) throws(PlanError) -> Expression in try expr(e, p.input.schema, outer) }
            let width = p.input.schema.count
            return .project(ProjectRel(common: RelCommon(emit: Array(width..<(width + exprs.count)), outputNames: names),
                                       input: input, expressions: exprs))
        case .filter(let f):
            return .filter(FilterRel(common: RelCommon(outputNames: names), input: try rel(f.input, outer: outer),
                                     condition: try expr(f.predicate, f.input.schema, outer)))
        case .aggregate(let a):
            return try aggregate(a, outer: outer)
        case .join(let j):
            return try join(j, outer: outer)
        case .crossJoin(let c):
            return .cross(CrossRel(common: RelCommon(outputNames: names), left: try rel(c.left, outer: outer), right: try rel(c.right, outer: outer)))
        case .sort(let s):
            let sorts = try sortFields(s.exprs, s.input.schema, outer)
            let sorted = Rel.sort(SortRel(common: RelCommon(outputNames: names), input: try rel(s.input, outer: outer), sorts: sorts))
            guard let fetch = s.fetch else { return sorted }
            // A top-k sort: the fetch right above the sort (the consumer folds it back in).
            return .fetch(FetchRel(common: RelCommon(outputNames: names), input: sorted, count: ProtoInt64(Int64(fetch))))
        case .limit(let l):
            // No fetch: count -1, Substrait's "all records".
            return .fetch(FetchRel(common: RelCommon(outputNames: names), input: try rel(l.input, outer: outer),
                                   offset: l.skip == 0 ? nil : ProtoInt64(Int64(l.skip)), count: ProtoInt64(l.fetch.map { Int64($0) } ?? -1)))
        case .setOperation(let s):
            let op = switch (s.kind, s.all) {
            case (.union, true): "SET_OP_UNION_ALL"
            case (.union, false): "SET_OP_UNION_DISTINCT"
            case (.intersect, true): "SET_OP_INTERSECTION_MULTISET_ALL"
            case (.intersect, false): "SET_OP_INTERSECTION_MULTISET"
            case (.except, true): "SET_OP_MINUS_PRIMARY_ALL"
            case (.except, false): "SET_OP_MINUS_PRIMARY"
            }
            return .set(SetRel(common: RelCommon(outputNames: names),
                               inputs: [try rel(s.left, outer: outer), try rel(s.right, outer: outer)], op: op))
        case .distinct(let d):
            // DISTINCT: an aggregate grouping by every column, with no measures.
            let keys = (0..<d.input.schema.count).map { Expression.selection(.field($0)) }
            return .aggregate(AggregateRel(common: RelCommon(outputNames: names), input: try rel(d.input, outer: outer),
                                           groupings: [AggregateRel.Grouping(groupingExpressions: keys)], measures: nil))
        case .subqueryAlias(let a):
            // A rename: a projection of nothing that keeps every input column, named by the hint.
            return .project(ProjectRel(common: RelCommon(alias: a.alias, outputNames: names),
                                       input: try rel(a.input, outer: outer), expressions: nil))
        case .values(let v):
            let rows = try v.rows.map { (row: [Expr]) throws(PlanError) -> NestedStruct in
                NestedStruct(fields: try row.map { (e: Expr) throws(PlanError) -> Expression in try expr(e, .empty, outer) })
            }
            return .read(ReadRel(common: RelCommon(outputNames: names), baseSchema: try namedStruct(v.schema),
                                 virtualTable: .init(expressions: rows)))
        case .emptyRelation(let e):
            let rows: [NestedStruct]? = e.produceOneRow ? [NestedStruct(fields: nil)] : nil
            return .read(ReadRel(common: RelCommon(outputNames: names), baseSchema: try namedStruct(e.schema),
                                 virtualTable: .init(expressions: rows)))
        case .extension(let x):
            if let g = x.node as? GroupingSetsAggregate { return try groupingSets(g, outer: outer) }
            // FETCH FIRST … WITH TIES in its standard form: row_number() and rank() over the
            // sorted input, a filter on them, the input's columns, sorted again.
            if let t = x.node as? LimitWithTies { return try rel(try t.windowForm(), outer: outer) }
            // Each use of a shared subplan travels as its input: the same rows, computed by
            // each use (Substrait's ReferenceRel is read by none of the peers).
            if let shared = x.node as? SharedSubplan { return try rel(shared.input, outer: outer) }
            guard let codec = codecs[x.node.name] else {
                throw PlanError(.unsupported, "Substrait export: \(x.node.name) has no Substrait form (no extension codec registered for it)")
            }
            let detail = ProtoAnyString(SubstraitNodeCodecs.detailText(node: x.node.name, body: try codec.detail(of: x.node)))
            let inputs = try x.node.inputs.map { (i: LogicalPlan) throws(PlanError) -> Rel in try rel(i, outer: outer) }
            let common = RelCommon(outputNames: names)
            switch inputs.count {
            case 0: return .extensionLeaf(ExtensionLeafRel(common: common, detail: detail))
            case 1: return .extensionSingle(ExtensionSingleRel(common: common, input: inputs[0], detail: detail))
            default: return .extensionMulti(ExtensionMultiRel(common: common, inputs: inputs, detail: detail))
            }
        case .dml, .ddl, .statement, .explain:
            throw PlanError(.unsupported, "Substrait export: only queries have a Substrait form here, not \(plan.nodeLine.prefix { $0 != ":" })")
        }
    }

    mutating func namedStruct(_ schema: Schema) throws(PlanError) -> NamedStruct {
        let types = try schema.fields.map { (f: Field) throws(PlanError) -> SubstraitType in try type(f.dataType, nullable: f.nullable) }
        return NamedStruct(names: schema.names, struct: .init(types: types, nullability: "NULLABILITY_REQUIRED"))
    }

    mutating func read(_ scan: TableScan, outer: [Schema]) throws(PlanError) -> Rel {
        // The base schema is the table's own (unqualified) columns.
        let base = Schema(scan.sourceSchema.fields.map { $0.withQualifier(nil) })
        func conjunction(_ class_: FilterPushdown) throws(PlanError) -> Expression? {
            let exprs = scan.filters.filter { $0.pushdown == class_ }.map(\.expr)
            guard let all = Expr.conjunction(exprs) else { return nil }
            return try expr(all, scan.sourceSchema, outer)
        }
        var r = ReadRel(common: RelCommon(outputNames: scan.schema.names), baseSchema: try namedStruct(base),
                        filter: try conjunction(.exact), bestEffortFilter: try conjunction(.inexact))
        if isCatalogTable(scan.tableName, scan.source.source) {
            r.namedTable = .init(names: [scan.tableName])
        } else if let files = (scan.source.source as? any SubstraitFileScan)?.substraitFiles {
            // Files read by path: the name in the plan goes as the relation's alias.
            r.localFiles = .init(files)
            r.common = RelCommon(alias: scan.tableName, outputNames: scan.schema.names)
        } else if let rows = (scan.source.source as? any SubstraitRowsSource)?.substraitRows {
            let literals = try rows.map { (row: [ScalarValue]) throws(PlanError) -> NestedStruct in
                NestedStruct(fields: try zip(row, base.fields).map { (v, f) throws(PlanError) -> Expression in .literal(try literal(v, type: f.dataType)) })
            }
            r.virtualTable = .init(expressions: literals)
            r.common = RelCommon(alias: scan.tableName, outputNames: scan.schema.names)
        } else {
            throw PlanError(.unsupported, "Substrait export: the scan of '\(scan.tableName)' (\(scan.source.source?.kind ?? "no source")) is not a catalog table, a CSV or Parquet file or a table function's rows: no Substrait read names it")
        }
        if let projection = scan.projection {
            r.projection = .init(select: .init(structItems: projection.map { .init(field: $0) }), maintainSingularStruct: true)
        }
        guard let fetch = scan.fetch else { return .read(r) }
        return .fetch(FetchRel(common: RelCommon(outputNames: scan.schema.names), input: .read(r), count: ProtoInt64(Int64(fetch))))
    }

    mutating func aggregate(_ a: Aggregate, outer: [Schema]) throws(PlanError) -> Rel {
        let schema = a.input.schema
        let keys = try a.groupBy.map { (e: Expr) throws(PlanError) -> Expression in try expr(e.unaliased, schema, outer) }
        let measures = try self.measures(a.aggregates, schema, outer)
        return .aggregate(AggregateRel(common: RelCommon(outputNames: a.schema.names), input: try rel(a.input, outer: outer),
                                       groupings: [AggregateRel.Grouping(groupingExpressions: keys)],
                                       measures: measures.isEmpty ? nil : measures))
    }

    /// Sort keys as Substrait's sort fields (a sort relation's, an ordered aggregate's).
    mutating func sortFields(_ exprs: [SortExpr], _ schema: Schema, _ outer: [Schema]) throws(PlanError) -> [SortField] {
        try exprs.map { (e: SortExpr) throws(PlanError) -> SortField in
            let direction = switch (e.ascending, e.nullsFirst) {
            case (true, true): "SORT_DIRECTION_ASC_NULLS_FIRST"
            case (true, false): "SORT_DIRECTION_ASC_NULLS_LAST"
            case (false, true): "SORT_DIRECTION_DESC_NULLS_FIRST"
            case (false, false): "SORT_DIRECTION_DESC_NULLS_LAST"
            }
            return SortField(expr: try expr(e.expr, schema, outer), direction: direction)
        }
    }

    /// An aggregate relation's measures: each aggregate call over `schema`; an ORDER BY
    /// inside the call (or an ordered-set aggregate's WITHIN GROUP) as the measure's sorts.
    mutating func measures(_ aggregates: [Expr], _ schema: Schema, _ outer: [Schema]) throws(PlanError) -> [AggregateRel.Measure] {
        try aggregates.map { (e: Expr) throws(PlanError) -> AggregateRel.Measure in
            guard case .aggregate(let call) = e.unaliased else {
                throw PlanError(.invalidPlan, "Substrait export: aggregate expression expected, got \(e)")
            }
            let f = SubstraitFunction.aggregate(call.function)
            let args = try call.args.map { (x: Expr) throws(PlanError) -> FunctionArgument in FunctionArgument(value: try expr(x, schema, outer)) }
            let out = try type(try e.dataType(in: schema), nullable: e.nullable(in: schema))
            let sorts = try sortFields(call.orderBy, schema, outer)
            let measure = AggregateFunction(functionReference: functionAnchor(f), arguments: args, outputType: out,
                                            phase: "AGGREGATION_PHASE_INITIAL_TO_RESULT",
                                            invocation: call.distinct ? "AGGREGATION_INVOCATION_DISTINCT" : "AGGREGATION_INVOCATION_ALL",
                                            sorts: sorts.isEmpty ? nil : sorts)
            return AggregateRel.Measure(measure: measure, filter: try call.filter.map { (x: Expr) throws(PlanError) -> Expression in try expr(x, schema, outer) })
        }
    }

    mutating func join(_ j: Join, outer: [Schema]) throws(PlanError) -> Rel {
        let combined = j.left.schema.joined(with: j.right.schema)
        let type = switch j.joinType {
        case .inner: "JOIN_TYPE_INNER"
        case .left: "JOIN_TYPE_LEFT"
        case .right: "JOIN_TYPE_RIGHT"
        case .full: "JOIN_TYPE_OUTER"
        case .leftSemi: "JOIN_TYPE_LEFT_SEMI"
        case .leftAnti: "JOIN_TYPE_LEFT_ANTI"
        }
        // Keys are evaluated on their own side: as expressions over both sides, the
        // right key's columns come after the left's.
        var conjuncts: [Expression] = []
        for key in j.on {
            let l = try expr(key.left, j.left.schema, outer)
            let r = try shifted(expr(key.right, j.right.schema, outer), by: j.left.schema.count)
            let eq = call(.binary(.eq), [l, r], output: try self.type(.boolean, nullable: true))
            if j.nullAware {
                // NOT IN's null-aware anti join: `l = r OR l IS NULL OR r IS NULL`.
                guard j.on.count == 1, j.joinType == .leftAnti else {
                    throw PlanError(.unsupported, "Substrait export: a null-aware \(j.joinType.rawValue) join on \(j.on.count) keys has no Substrait form (one key, anti join only)")
                }
                let boolType = try self.type(.boolean, nullable: false)
                conjuncts.append(call(.logical(.or), [eq, call(.isTest(.isNull), [l], output: boolType), call(.isTest(.isNull), [r], output: boolType)],
                                      output: try self.type(.boolean, nullable: true)))
            } else {
                conjuncts.append(eq)
            }
        }
        if let filter = j.filter { conjuncts.append(try expr(filter, combined, outer)) }
        let condition: Expression = switch conjuncts.count {
        case 0: .literal(literalValue { $0.boolean = true })
        case 1: conjuncts[0]
        default: call(.logical(.and), conjuncts, output: try self.type(.boolean, nullable: true))
        }
        return .join(JoinRel(common: RelCommon(outputNames: j.schema.names), left: try rel(j.left, outer: outer),
                             right: try rel(j.right, outer: outer), expression: condition, type: type))
    }

    /// `e` with every field reference (not outer ones) moved `by` places right.
    func shifted(_ e: Expression, by offset: Int) -> Expression {
        guard offset != 0 else { return e }
        return e.mapFieldReferences { field in field + offset }
    }

    func literalValue(_ fill: (inout Literal) -> Void) -> Literal {
        var l = Literal()
        fill(&l)
        return l
    }
}

extension Expression {
    /// The expression with each direct (not outer) field reference's index replaced
    /// (subqueries' own references are left alone).
    func mapFieldReferences(_ f: (Int) -> Int) -> Expression {
        switch self {
        case .selection(var r):
            if r.outerReference == nil, let i = r.directReference?.structField?.field ?? (r.directReference != nil ? 0 : nil) {
                r.directReference = .init(structField: .init(field: f(i)))
            }
            return .selection(r)
        case .literal, .subquery: return self
        case .scalarFunction(var c):
            c.arguments = c.arguments?.map { a in var a = a; a.value = a.value?.mapFieldReferences(f); return a }
            return .scalarFunction(c)
        case .ifThen(var x):
            x.ifs = x.ifs?.map { .init(if: $0.if.mapFieldReferences(f), then: $0.then.mapFieldReferences(f)) }
            x.else = x.else?.mapFieldReferences(f)
            return .ifThen(x)
        case .switchExpression(var x):
            x.match = x.match.mapFieldReferences(f)
            x.ifs = x.ifs?.map { .init(if: $0.if, then: $0.then.mapFieldReferences(f)) }
            x.else = x.else?.mapFieldReferences(f)
            return .switchExpression(x)
        case .singularOrList(var x):
            x.value = x.value.mapFieldReferences(f)
            x.options = x.options?.map { $0.mapFieldReferences(f) }
            return .singularOrList(x)
        case .cast(var x):
            x.input = x.input.mapFieldReferences(f)
            return .cast(x)
        case .nested(var x):
            let fields = x.struct?.fields?.map { $0.mapFieldReferences(f) }
            x.struct?.fields = fields
            return .nested(x)
        case .windowFunction(var x):
            x.arguments = x.arguments?.map { a in var a = a; a.value = a.value?.mapFieldReferences(f); return a }
            x.partitions = x.partitions?.map { $0.mapFieldReferences(f) }
            x.sorts = x.sorts?.map { s in var s = s; s.expr = s.expr.mapFieldReferences(f); return s }
            return .windowFunction(x)
        }
    }
}
