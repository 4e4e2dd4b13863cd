import Foundation
import PlanCore

extension SubstraitConsumer {
    /// The function an anchor declares, or an error naming its extension and name.
    func function(_ anchor: Int) throws(PlanError) -> SubstraitFunction {
        guard let (urn, name) = functions[anchor] else { throw error("function anchor \(anchor) is not declared") }
        guard let f = SubstraitFunction.byName[name] else { throw error("function '\(name)' of \(urn) is not known") }
        return f
    }

    mutating func arguments(_ args: [FunctionArgument], _ schema: Schema, _ outer: [Schema]) throws(PlanError) -> [Expr] {
        var out: [Expr] = []
        for (i, a) in args.enumerated() {
            guard let v = a.value else { throw error("argument \(i) is an enum or a type; only value arguments are read") }
            out.append(try expr(v, schema, outer))
        }
        return out
    }

    mutating func expr(_ e: Expression, _ schema: Schema, _ outer: [Schema]) throws(PlanError) -> Expr {
        switch e {
        case .selection(let r):
            guard r.directReference?.structField?.child == nil else { throw error("nested field references are not supported") }
            guard let segment = r.directReference else { throw error("only direct field references are read") }
            let i = segment.structField?.field ?? 0
            if let o = r.outerReference {
                let steps = o.stepsOut ?? 0
                guard steps >= 1, steps <= outer.count else {
                    throw error("outer reference \(steps) steps out, with \(outer.count) enclosing queries", kind: .invalidPlan)
                }
                let s = outer[outer.count - steps]
                guard s.fields.indices.contains(i) else {
                    throw error("outer field reference \(i) is past the enclosing input's \(s.count) columns", kind: .invalidPlan)
                }
                return .outerColumn(s.fields[i].column, s.fields[i].dataType)
            }
            guard schema.fields.indices.contains(i) else {
                throw error("field reference \(i) is past the input's \(schema.count) columns", kind: .invalidPlan)
            }
            return .column(schema.fields[i].column)
        case .literal(let l):
            return try literal(l)
        case .scalarFunction(let call):
            let f = try function(call.functionReference ?? 0)
            let args = try arguments(call.arguments ?? [], schema, outer)
            return try apply(f, args)
        case .ifThen(let x):
            var branches: [CaseWhen.Branch] = []
            for c in x.ifs ?? [] { branches.append(.init(when: try expr(c.if, schema, outer), then: try expr(c.then, schema, outer))) }
            guard !branches.isEmpty else { throw error("an if-then needs at least one clause", kind: .invalidPlan) }
            let elseExpr = try x.else.map { (y: Expression) throws(PlanError) -> Expr in try expr(y, schema, outer) }
            return .caseWhen(CaseWhen(branches: branches, elseExpr: elseExpr))
        case .switchExpression(let x):
            var branches: [CaseWhen.Branch] = []
            for c in x.ifs ?? [] { branches.append(.init(when: try literal(c.if), then: try expr(c.then, schema, outer))) }
            guard !branches.isEmpty else { throw error("a switch needs at least one clause", kind: .invalidPlan) }
            let elseExpr = try x.else.map { (y: Expression) throws(PlanError) -> Expr in try expr(y, schema, outer) }
            return .caseWhen(CaseWhen(operand: try expr(x.match, schema, outer), branches: branches, elseExpr: elseExpr))
        case .singularOrList(let x):
            var items: [Expr] = []
            for o in x.options ?? [] { items.append(try expr(o, schema, outer)) }
            return .inList(try expr(x.value, schema, outer), items, negated: false)
        case .cast(let x):
            return .cast(try expr(x.input, schema, outer), try dataType(x.type))
        case .subquery(let s):
            path.append("subquery")
            defer { path.removeLast() }
            if let q = s.scalar {
                return .scalarSubquery(subquery(try child(q.input, "input", outer: outer + [schema])))
            }
            if let q = s.inPredicate {
                let needles = q.needles ?? []
                guard needles.count == 1 else { throw error("an IN subquery with \(needles.count) needles (planscope compares one)") }
                let needle = try expr(needles[0], schema, outer)
                return .inSubquery(needle, subquery(try child(q.haystack, "haystack", outer: outer + [schema])), negated: false)
            }
            if let q = s.setPredicate {
                guard q.predicateOp == "PREDICATE_OP_EXISTS" else { throw error("set predicate \(q.predicateOp ?? "(none)") is not supported") }
                return .exists(subquery(try child(q.tuples, "tuples", outer: outer + [schema])), negated: false)
            }
            throw error("this kind of subquery (set comparison) is not supported")
        case .nested:
            throw error("nested (struct, list, map) expressions are not supported")
        case .windowFunction:
            throw error("a window function is read as a project relation's own expression or in a window relation, not inside another expression or relation")
        }
    }

    /// A subquery over `plan`, with the enclosing queries' columns it reads.
    func subquery(_ plan: LogicalPlan) -> Subquery {
        var refs: [Column] = []
        func gather(_ p: LogicalPlan) {
            for e in p.expressions {
                _ = e.visit { x in
                    if case .outerColumn(let c, _) = x, !refs.contains(c) { refs.append(c) }
                    return .continue
                }
                for s in e.subqueries { gather(s.plan) }
            }
            for i in p.inputs { gather(i) }
        }
        gather(plan)
        return Subquery(plan: plan, outerReferences: refs)
    }

    /// The planscope expression for a function applied to `args`, checking arity.
    func apply(_ f: SubstraitFunction, _ args: [Expr]) throws(PlanError) -> Expr {
        func need(_ n: Int) throws(PlanError) {
            guard args.count == n else { throw error("function '\(f.name)' takes \(n) arguments, got \(args.count)", kind: .arity) }
        }
        switch f {
        case .binary(let op):
            try need(2)
            return .binary(args[0], op, args[1])
        case .logical(let op):
            guard let e = Expr.chain(op, args) else { throw error("function '\(f.name)' needs arguments", kind: .arity) }
            return e
        case .not:
            try need(1)
            // The negated forms planscope writes as not(…).
            switch args[0] {
            case .inList(let x, let items, false): return .inList(x, items, negated: true)
            case .between(let x, let low, let high, false): return .between(x, low: low, high: high, negated: true)
            case .like(var l) where !l.negated: l.negated = true; return .like(l)
            case .exists(let q, false): return .exists(q, negated: true)
            case .inSubquery(let x, let q, false): return .inSubquery(x, q, negated: true)
            default: return .not(args[0])
            }
        case .negate:
            try need(1)
            return .negative(args[0])
        case .isTest(let t):
            try need(1)
            return .isTest(args[0], t)
        case .between:
            try need(3)
            return .between(args[0], low: args[1], high: args[2], negated: false)
        case .like(let ci):
            guard args.count == 2 || args.count == 3 else { throw error("function '\(f.name)' takes 2 or 3 arguments, got \(args.count)", kind: .arity) }
            var escape: Character? = Like.defaultEscape
            if args.count == 3 {
                switch args[2] {
                case .literal(.string(let s)) where s.count <= 1: escape = s.first
                // A NULL escape (DataFusion's "none given"): the default.
                case .literal(.null), .cast(.literal(.null), _): escape = Like.defaultEscape
                default: throw error("a LIKE escape must be a literal of at most one character")
                }
            }
            return .like(Like(args[0], args[1], caseInsensitive: ci, escape: escape))
        case .scalar(let s):
            guard s.arity.contains(args.count) else {
                throw error("function '\(f.name)' takes \(s.arity.lowerBound)…\(s.arity.upperBound) arguments, got \(args.count)", kind: .arity)
            }
            return .scalarFunction(s, args)
        case .aggregate:
            throw error("aggregate function '\(f.name)' used as a scalar function", kind: .invalidPlan)
        case .window:
            throw error("window function '\(f.name)' used as a scalar function", kind: .invalidPlan)
        }
    }

    func literal(_ l: Literal) throws(PlanError) -> Expr {
        if let t = l.null {
            let type = try dataType(t)
            return type == .null ? .literal(.null) : .cast(.literal(.null), type)
        }
        if let b = l.boolean { return .literal(.boolean(b)) }
        if let v = l.i8 ?? l.i16 {
            guard let x = Int16(exactly: v) else { throw error("i16 literal \(v) is out of range") }
            return .literal(.int16(x))
        }
        if let v = l.i32 {
            guard let x = Int32(exactly: v) else { throw error("i32 literal \(v) is out of range") }
            return .literal(.int32(x))
        }
        if let v = l.i64 { return .literal(.int64(v.value)) }
        if let v = l.fp32 { return .literal(.float32(Float(v.value))) }
        if let v = l.fp64 { return .literal(.float64(v.value)) }
        if let s = l.string ?? l.fixedChar ?? l.varChar?.value { return .literal(.string(s)) }
        if let b = l.binary {
            guard let data = Data(base64Encoded: b) else { throw error("binary literal is not base64") }
            return .literal(.binary([UInt8](data)))
        }
        if let d = l.date {
            guard let x = Int32(exactly: d) else { throw error("date literal \(d) is out of range") }
            return .literal(.date(x))
        }
        if let t = l.timestamp { return .literal(.timestamp(t.value)) }
        if let t = l.timestampTz { return .literal(.timestampTZ(t.value)) }
        if let t = l.precisionTimestamp ?? l.precisionTimestampTz {
            let p = t.precision ?? 6
            guard (0...9).contains(p) else { throw error("timestamp precision \(p) is not supported") }
            let v = t.value?.value ?? 0
            let micros = p <= 6 ? v.multipliedReportingOverflow(by: pow10(6 - p)) : (v / pow10(p - 6), false)
            guard !micros.1 else { throw error("timestamp literal \(v) is out of range") }
            return .literal(l.precisionTimestamp != nil ? .timestamp(micros.0) : .timestampTZ(micros.0))
        }
        if let d = l.decimal {
            guard let text = d.value, let data = Data(base64Encoded: text), data.count == 16 else {
                throw error("decimal literal must be 16 bytes in base64")
            }
            var bits: UInt128 = 0
            for (i, byte) in data.enumerated() { bits |= UInt128(byte) << (8 * i) }
            let t = DataType.decimal(precision: d.precision ?? 0, scale: d.scale ?? 0)
            if let problem = t.argumentProblem { throw error("decimal literal: \(problem)") }
            return .literal(.decimal(Int128(bitPattern: bits), precision: d.precision ?? 0, scale: d.scale ?? 0))
        }
        if l.intervalCompound != nil || l.intervalDayToSecond != nil || l.intervalYearToMonth != nil {
            return .literal(.interval(try interval(l)))
        }
        if let u = l.userDefined {
            guard typeNames[u.typeReference ?? 0] == "numeric", let text = u.value?.value,
                  let n = try NumericValue.parse(text) else {
                throw error("user-defined literal of type \(typeNames[u.typeReference ?? 0] ?? "(undeclared)") is not known")
            }
            return .literal(.numeric(n))
        }
        throw error("a literal of a kind planscope has no value for")
    }

    func interval(_ l: Literal) throws(PlanError) -> Interval {
        let ym = l.intervalCompound?.intervalYearToMonth ?? l.intervalYearToMonth
        let ds = l.intervalCompound?.intervalDayToSecond ?? l.intervalDayToSecond
        let outOfRange = error("interval literal is out of range")
        // Every part within Int32 first, so the sums below cannot overflow Int64.
        guard let years = Int32(exactly: ym?.years ?? 0), let monthsPart = Int32(exactly: ym?.months ?? 0),
              let seconds = Int32(exactly: ds?.seconds ?? 0), let d = Int32(exactly: ds?.days ?? 0) else { throw outOfRange }
        let months = Int64(years) * 12 + Int64(monthsPart)
        var micros = Int64(seconds) * 1_000_000
        if let sub = ds?.subseconds?.value {
            let p = ds?.precision ?? 6
            guard (0...9).contains(p) else { throw error("interval precision \(p) is not supported") }
            let scaled = p <= 6 ? sub.multipliedReportingOverflow(by: pow10(6 - p)) : (sub / pow10(p - 6), false)
            let sum = micros.addingReportingOverflow(scaled.0)
            guard !scaled.1, !sum.overflow else { throw outOfRange }
            micros = sum.partialValue
        } else if let m = ds?.microseconds {
            guard let x = Int32(exactly: m) else { throw outOfRange }
            micros += Int64(x)
        }
        guard let m = Int32(exactly: months) else { throw outOfRange }
        return Interval(months: m, days: d, micros: micros)
    }

    func pow10(_ n: Int) -> Int64 {
        var r: Int64 = 1
        for _ in 0..<n { r *= 10 }
        return r
    }
}
