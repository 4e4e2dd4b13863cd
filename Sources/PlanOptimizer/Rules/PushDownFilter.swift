import PlanCore

/// Moves filter conjuncts as close to the data as they can go while keeping results:
///
///     Filter: t.a > Int64(1)                 Projection: t.a + Int64(1) AS b
///       Projection: t.a + Int64(1) AS b ──►    Filter: t.a > Int64(1)
///         TableScan: t                           TableScan: t
///
/// - through projections (column references replaced by the projected expressions),
///   aliases (qualifiers mapped), sorts and DISTINCT;
/// - below an aggregate when they read only group keys;
/// - into join inputs: both sides of inner and cross joins, only the preserved side of
///   LEFT/RIGHT joins, never through FULL joins; equalities across a cross join turn it
///   into an inner join; single-side conjuncts of an inner join's ON move to that side;
/// - into both inputs of UNION ALL;
/// - into table scans as the provider classifies them: exact filters leave the Filter,
///   inexact ones stay in both places, unsupported ones stay above.
/// Conjuncts with subqueries stay where they are (decorrelation handles them).
public struct PushDownFilter: OptimizerRule {
    public let name = "push_down_filter"
    public var applyOrder: ApplyOrder? { .topDown }
    public init() {}

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        if case .join(let j) = plan, j.joinType == .inner, let f = j.filter {
            return try pushJoinCondition(j, f)
        }
        // In an outer join's ON, conditions on the side that gets NULL-padded can filter that
        // side first: its rows that fail them never match anyway.
        if case .join(let j) = plan, j.joinType == .left || j.joinType == .right, let f = j.filter {
            let conjuncts = f.conjuncts
            let padded = j.joinType == .left ? j.right : j.left
            let down = conjuncts.filter { !$0.containsSubquery && !$0.isCorrelated && !$0.columnRefs.isEmpty && $0.isBound(by: padded.schema) }
            if down.isEmpty { return .no(plan) }
            let rest = conjuncts.filter { !down.contains($0) }
            guard let p = Expr.conjunction(down) else { return .no(plan) }
            let filtered = LogicalPlan.filter(try Filter(p, input: padded))
            return .yes(.join(try Join(left: j.joinType == .left ? j.left : filtered, right: j.joinType == .left ? filtered : j.right,
                                       joinType: j.joinType, on: j.on, filter: Expr.conjunction(rest), nullAware: j.nullAware)))
        }
        guard case .filter(let filter) = plan else { return .no(plan) }
        let conjuncts = filter.predicate.conjuncts
        let movable = conjuncts.filter { !$0.containsSubquery && !$0.isCorrelated }
        let fixed = conjuncts.filter { $0.containsSubquery || $0.isCorrelated }
        func above(_ input: LogicalPlan, _ rest: [Expr]) throws(PlanError) -> Transformed<LogicalPlan> {
            guard let p = Expr.conjunction(rest) else { return .yes(input) }
            return .yes(.filter(try Filter(p, input: input)))
        }
        func filtered(_ input: LogicalPlan, _ preds: [Expr]) throws(PlanError) -> LogicalPlan {
            // Merge into a filter already there, without repeating a conjunct it has.
            if case .filter(let existing) = input {
                let have = existing.predicate.conjuncts
                let extra = preds.filter { !have.contains($0) }
                guard let p = Expr.conjunction(have + extra), !extra.isEmpty else { return input }
                return .filter(try Filter(p, input: existing.input))
            }
            guard let p = Expr.conjunction(preds) else { return input }
            return .filter(try Filter(p, input: input))
        }
        switch filter.input {
        case .filter(let inner):
            let have = inner.predicate.conjuncts
            let merged = have + conjuncts.filter { !have.contains($0) }
            guard let p = Expr.conjunction(merged) else { return .no(plan) }
            return .yes(.filter(try Filter(p, input: inner.input)))
        case .projection(let p) where !movable.isEmpty:
            var map: [Column: Expr] = [:]
            for (i, f) in p.schema.fields.enumerated() {
                let e = p.exprs[i].unaliased
                if e.containsAggregate || e.containsSubquery { continue }
                map[f.column] = e
            }
            var down: [Expr] = [], stay = fixed
            for c in movable {
                if c.columnRefs.allSatisfy({ map[$0] != nil }) { down.append(c.replacingColumns(map)) } else { stay.append(c) }
            }
            if down.isEmpty { return .no(plan) }
            return try above(.projection(try Projection(p.exprs, input: try filtered(p.input, down))), stay)
        case .subqueryAlias(let a) where !movable.isEmpty:
            var map: [Column: Expr] = [:]
            for (outer, inner) in zip(a.schema.fields, a.input.schema.fields) { map[outer.column] = .column(inner.column) }
            let down = movable.map { $0.replacingColumns(map) }
            return try above(.subqueryAlias(SubqueryAlias(a.alias, input: try filtered(a.input, down))), fixed)
        case .sort(let s) where !movable.isEmpty && s.fetch == nil:
            return try above(.sort(try Sort(s.exprs, input: try filtered(s.input, movable), fetch: nil)), fixed)
        case .distinct(let d) where !movable.isEmpty:
            return try above(.distinct(Distinct(input: try filtered(d.input, movable))), fixed)
        case .aggregate(let a) where !movable.isEmpty:
            var map: [Column: Expr] = [:]
            for (i, g) in a.groupBy.enumerated() { map[a.schema.fields[i].column] = g.unaliased }
            var down: [Expr] = [], stay = fixed
            for c in movable {
                if !c.columnRefs.isEmpty, c.columnRefs.allSatisfy({ map[$0] != nil }) { down.append(c.replacingColumns(map)) } else { stay.append(c) }
            }
            if down.isEmpty { return .no(plan) }
            return try above(.aggregate(try Aggregate(groupBy: a.groupBy, aggregates: a.aggregates, input: try filtered(a.input, down))), stay)
        case .crossJoin(let cj) where !movable.isEmpty:
            var (l, r, keys, rest) = split(movable, left: cj.left.schema, right: cj.right.schema)
            infer(keys, &l, &r)
            let left = try filtered(cj.left, l), right = try filtered(cj.right, r)
            if keys.isEmpty {
                if l.isEmpty && r.isEmpty { return .no(plan) }
                return try above(.crossJoin(CrossJoin(left: left, right: right)), rest + fixed)
            }
            return try above(.join(try Join(left: left, right: right, joinType: .inner, on: keys)), rest + fixed)
        case .join(let j) where !movable.isEmpty:
            var (l, r, keys, rest) = split(movable, left: j.left.schema, right: j.right.schema)
            switch j.joinType {
            case .inner:
                infer(j.on + keys, &l, &r)
                let join = try Join(left: try filtered(j.left, l), right: try filtered(j.right, r), joinType: .inner,
                                    on: j.on + keys, filter: j.filter, nullAware: j.nullAware)
                return try above(.join(join), rest + fixed)
            case .left, .leftSemi, .leftAnti:
                if l.isEmpty { return .no(plan) }
                let join = try Join(left: try filtered(j.left, l), right: j.right, joinType: j.joinType, on: j.on,
                                    filter: j.filter, nullAware: j.nullAware)
                return try above(.join(join), r + keys.map { .binary($0.left, .eq, $0.right) } + rest + fixed)
            case .right:
                if r.isEmpty { return .no(plan) }
                let join = try Join(left: j.left, right: try filtered(j.right, r), joinType: .right, on: j.on, filter: j.filter)
                return try above(.join(join), l + keys.map { .binary($0.left, .eq, $0.right) } + rest + fixed)
            case .full:
                return .no(plan)
            }
        case .setOperation(let u) where u.kind == .union && u.all && !movable.isEmpty:
            func mapped(_ side: LogicalPlan) -> [Expr] {
                var map: [Column: Expr] = [:]
                for (o, i) in zip(u.schema.fields, side.schema.fields) { map[o.column] = .column(i.column) }
                return movable.map { $0.replacingColumns(map) }
            }
            return try above(.setOperation(try SetOperation(.union, all: true, left: try filtered(u.left, mapped(u.left)),
                                                            right: try filtered(u.right, mapped(u.right)))), fixed)
        case .tableScan(let t) where !movable.isEmpty:
            let offered = movable.filter { f in !t.filters.contains { $0.expr == f } }
            if offered.isEmpty { return .no(plan) }
            let answers = t.source.source?.supportsFiltersPushdown(offered.map(\.unqualifiedColumns)) ?? offered.map { _ in .unsupported }
            var scanFilters = t.filters
            var stay = fixed
            // Every offered filter is recorded with its answer (the contract report lists them
            // all); only exact ones leave the Filter above.
            for (f, answer) in zip(offered, answers) {
                scanFilters.append(ScanFilter(f, answer))
                if answer != .exact { stay.append(f) }
            }
            if scanFilters == t.filters { return .no(plan) }
            let scan = try TableScan(tableName: t.tableName, sourceSchema: Schema(t.sourceSchema.fields.map { $0.withQualifier(nil) }),
                                     source: t.source.source, projection: t.projection, filters: scanFilters, fetch: t.fetch)
            return try above(.tableScan(scan), stay + movable.filter { f in t.filters.contains { $0.expr == f && $0.pushdown != .exact } && !stay.contains(f) })
        case .extension(let ext) where !movable.isEmpty:
            return try offer(movable, fixed, to: ext, original: plan, filtered: filtered, above: above)
        default:
            return .no(plan)
        }
    }

    /// A user-defined node (interval_align …) classifies each conjunct itself: it names
    /// the input the conjunct moves into and whether the Filter above may drop it.
    func offer(_ movable: [Expr], _ fixed: [Expr], to ext: Extension, original: LogicalPlan,
               filtered: (LogicalPlan, [Expr]) throws(PlanError) -> LogicalPlan,
               above: (LogicalPlan, [Expr]) throws(PlanError) -> Transformed<LogicalPlan>) throws(PlanError) -> Transformed<LogicalPlan> {
        var node = ext.node
        var inputs = node.inputs
        var stay = fixed
        var changed = false
        for f in movable {
            guard let answer = node.offer(f) else { stay.append(f); continue }
            changed = true
            node = answer.node
            if let i = answer.input, let r = answer.rewritten { inputs[i] = try filtered(inputs[i], [r]) }
            if answer.pushdown != .exact { stay.append(f) }
        }
        guard changed else { return .no(original) }
        return try above(.extension(Extension(try node.withInputs(inputs))), stay)
    }

    /// Single-side conjuncts of an inner join's ON condition move into that side.
    func pushJoinCondition(_ j: Join, _ f: Expr) throws(PlanError) -> Transformed<LogicalPlan> {
        let conjuncts = f.conjuncts
        let movable = conjuncts.filter { !$0.containsSubquery && !$0.isCorrelated }
        let (l, r, keys, rest) = split(movable, left: j.left.schema, right: j.right.schema)
        if l.isEmpty && r.isEmpty && keys.isEmpty { return .no(.join(j)) }
        let fixed = conjuncts.filter { $0.containsSubquery || $0.isCorrelated }
        var left = j.left, right = j.right
        if let p = Expr.conjunction(l) { left = .filter(try Filter(p, input: j.left)) }
        if let p = Expr.conjunction(r) { right = .filter(try Filter(p, input: j.right)) }
        return .yes(.join(try Join(left: left, right: right, joinType: .inner, on: j.on + keys,
                                   filter: Expr.conjunction(rest + fixed), nullAware: j.nullAware)))
    }

    /// Across `a = b` join keys, a predicate on `a` alone holds for `b` too (and back):
    /// `t.k = u.k AND t.k > 5` also gives `u.k > 5`.
    func infer(_ keys: [JoinKey], _ l: inout [Expr], _ r: inout [Expr]) {
        for key in keys {
            guard case .column(let a) = key.left, case .column(let b) = key.right else { continue }
            for c in l where c.columnRefs == [a] && !c.containsSubquery {
                let derived = c.replacingColumns([a: .column(b)])
                if !r.contains(derived) { r.append(derived) }
            }
            for c in r where c.columnRefs == [b] && !c.containsSubquery {
                let derived = c.replacingColumns([b: .column(a)])
                if !l.contains(derived) { l.append(derived) }
            }
        }
    }

    /// (left-only, right-only, equi-keys across, the rest).
    func split(_ preds: [Expr], left: Schema, right: Schema) -> ([Expr], [Expr], [JoinKey], [Expr]) {
        let split = JoinPredicates.split(preds, left: left, right: right)
        return (split.leftOnly, split.rightOnly, split.keys, split.rest)
    }

}
