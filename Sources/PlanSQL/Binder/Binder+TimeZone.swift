import PlanCore

/// The session's time zone made explicit in a bound plan.
///
/// What a `TIMESTAMPTZ` means on a wall clock depends on the session's `TimeZone`
/// (`execution.time_zone`): its casts to and from `TIMESTAMP`, `DATE` and text, interval
/// arithmetic across a daylight-saving change, `date_trunc` and `date_part`. The binder
/// writes each such operation as a call that names the zone (`timezone('Europe/Berlin',
/// t)`, `date_add(t, i, 'Europe/Berlin')`, `date_trunc('day', t, 'Europe/Berlin')`,
/// `timestamptz_in`/`timestamptz_out`), so plans show the zone they were planned in,
/// constant folding needs no session, and a plan means the same wherever it runs. The
/// zone is a planning setting for that reason.
extension LogicalPlan {
    /// The plan with every operation whose meaning depends on the session's time zone
    /// written with `zone` (output names kept).
    public func applyingTimeZone(_ zone: SQLTimeZone) throws(PlanError) -> LogicalPlan {
        guard mentionsTimeZone(zone) else { return self }
        return try transformUp { (node: LogicalPlan) throws(PlanError) -> Transformed<LogicalPlan> in
            let old = node.expressions
            if old.isEmpty { return .no(node) }
            let inputs = node.inputs
            let schema = inputs.count == 1 ? inputs[0].schema : inputs.count == 2 ? inputs[0].schema.joined(with: inputs[1].schema) : Schema.empty
            var new: [Expr] = []
            var changed = false
            for e in old {
                let z = try e.zoned(zone, schema: schema)
                if z != e { changed = true }
                new.append(z)
            }
            guard changed else { return .no(node) }
            if case .extension(let e) = node, let g = e.node as? GroupingSetsAggregate {
                // Keys keep their output names; the grouping-set aggregate is rebuilt.
                let keys = zip(g.keys.indices, new).map { i, k in k == g.keys[i] ? k : k.alias(g.schema.fields[i].name) }
                let aggregates = zip(g.aggregates.indices, new.dropFirst(g.keys.count)).map { i, a in
                    a == g.aggregates[i] ? a : a.alias(g.schema.fields[g.keys.count + i].name)
                }
                return .yes(.extension(Extension(try GroupingSetsAggregate(keys: keys, sets: g.sets, aggregates: aggregates,
                                                                           input: g.input, form: g.form))))
            }
            return .yes(try node.withExpressions(Self.keepingNames(node, old, new)))
        }.value
    }

    /// `new` with each changed expression that names an output column aliased to its old
    /// name (as `simplify_expressions` keeps them).
    static func keepingNames(_ node: LogicalPlan, _ old: [Expr], _ rewritten: [Expr]) -> [Expr] {
        var new = rewritten
        func keep(_ i: Int, _ name: String) {
            if case .alias = old[i] { return }
            new[i] = new[i].alias(name)
        }
        switch node {
        case .projection(let p):
            for i in new.indices where new[i] != old[i] { keep(i, p.schema.fields[i].name) }
        case .aggregate(let a):
            for i in new.indices where new[i] != old[i] { keep(i, a.schema.fields[i].name) }
        case .window(let w):
            let width = w.input.schema.count
            for i in new.indices where new[i] != old[i] { keep(i, w.schema.fields[width + i].name) }
        default: break
        }
        return new
    }

    /// Whether anything in the plan may depend on the zone: a `TIMESTAMPTZ` column,
    /// literal, cast or call, or (outside UTC) `current_date`.
    func mentionsTimeZone(_ zone: SQLTimeZone) -> Bool {
        contains { node in
            node.schema.fields.contains { $0.dataType == .timestampTZ }
                || node.expressions.contains { $0.mentionsTimeZone(zone) }
        }
    }
}

extension Expr {
    func mentionsTimeZone(_ zone: SQLTimeZone) -> Bool {
        contains { (e: Expr) -> Bool in
            switch e {
            case .literal(.timestampTZ), .cast(_, .timestampTZ), .outerColumn(_, .timestampTZ): true
            case .scalarFunction(let f, _):
                f == .now || f == .timezone || f == .timestamptzIn || f == .timestamptzOut || f == .dateAdd
                    || f == .dateSubtract || (f == .currentDate && !zone.isUTC)
            case .exists(let s, _), .inSubquery(_, let s, _), .scalarSubquery(let s): s.plan.mentionsTimeZone(zone)
            default: false
            }
        }
    }

    /// This expression with its zone-dependent operations written with `zone`.
    func zoned(_ zone: SQLTimeZone, schema: Schema) throws(PlanError) -> Expr {
        try transformUp { (x: Expr) throws(PlanError) -> Transformed<Expr> in
            switch x {
            case .exists(let s, let n):
                return .yes(.exists(Subquery(plan: try s.plan.applyingTimeZone(zone), outerReferences: s.outerReferences), negated: n))
            case .inSubquery(let e, let s, let n):
                return .yes(.inSubquery(e, Subquery(plan: try s.plan.applyingTimeZone(zone), outerReferences: s.outerReferences), negated: n))
            case .scalarSubquery(let s):
                return .yes(.scalarSubquery(Subquery(plan: try s.plan.applyingTimeZone(zone), outerReferences: s.outerReferences)))
            default:
                return try x.zonedNode(zone, schema: schema).map { .yes($0) } ?? .no(x)
            }
        }.value
    }

    /// One node's rewrite (its children already rewritten), nil when it has none.
    func zonedNode(_ zone: SQLTimeZone, schema: Schema) throws(PlanError) -> Expr? {
        let z = Expr.literal(.string(zone.name))
        func type(_ e: Expr) throws(PlanError) -> DataType { try e.dataType(in: schema) }
        switch self {
        case .cast(let x, let target):
            let source = try type(x)
            switch (source, target) {
            case (.timestampTZ, .timestamp), (.timestamp, .timestampTZ): return .scalarFunction(.timezone, [z, x])
            case (.timestampTZ, .date): return .cast(.scalarFunction(.timezone, [z, x]), .date)
            case (.date, .timestampTZ): return .scalarFunction(.timezone, [z, .cast(x, .timestamp)])
            case (.timestampTZ, let t) where t.isString:
                let text = Expr.scalarFunction(.timestamptzOut, [x, z])
                return t == .text ? text : .cast(text, t)
            case (let s, .timestampTZ) where s.isString: return .scalarFunction(.timestamptzIn, [x, z])
            default: return nil
            }
        case .binary(let l, let op, let r) where op == .plus || op == .minus:
            let (lt, rt) = (try type(l), try type(r))
            if lt == .timestampTZ, rt == .interval { return .scalarFunction(op == .plus ? .dateAdd : .dateSubtract, [l, r, z]) }
            if lt == .interval, rt == .timestampTZ, op == .plus { return .scalarFunction(.dateAdd, [r, l, z]) }
            return nil
        case .scalarFunction(let f, let args):
            return try Self.zonedCall(f, args, zone: zone, types: args.map(type))
        default:
            return nil
        }
    }

    /// A call given the zone it needs, nil when it needs none or has it.
    static func zonedCall(_ f: ScalarFunction, _ args: [Expr], zone: SQLTimeZone, types: [DataType]) throws(PlanError) -> Expr? {
        let z = Expr.literal(.string(zone.name))
        switch f {
        case .dateTrunc, .datePart:
            guard args.count == 2, types[1] == .timestampTZ else { return nil }
            return .scalarFunction(f, args + [z])
        case .dateAdd, .dateSubtract:
            return args.count == 2 ? .scalarFunction(f, args + [z]) : nil
        case .timestamptzIn, .timestamptzOut:
            return args.count == 1 ? .scalarFunction(f, args + [z]) : nil
        case .currentDate:
            return args.isEmpty && !zone.isUTC ? .scalarFunction(f, [z]) : nil
        case .age:
            guard types.contains(.timestampTZ) else { return nil }
            return .scalarFunction(f, zip(args, types).map { $1 == .timestampTZ ? .scalarFunction(.timezone, [z, $0]) : $0 })
        case .concat, .concatWs:
            guard types.contains(.timestampTZ) else { return nil }
            return .scalarFunction(f, zip(args, types).map { $1 == .timestampTZ ? .scalarFunction(.timestamptzOut, [$0, z]) : $0 })
        default:
            return nil
        }
    }
}
