import Foundation
import PlanCore

extension SubstraitProducer {
    /// A scalar function call with its declared anchor.
    mutating func call(_ f: SubstraitFunction, _ args: [Expression], output: SubstraitType) -> Expression {
        .scalarFunction(ScalarFunctionCall(functionReference: functionAnchor(f), arguments: args.map { FunctionArgument(value: $0) },
                                           outputType: output))
    }

    /// `e` over `schema` (the input's columns), with `outer` the enclosing queries' input
    /// schemas, innermost last.
    mutating func expr(_ e: Expr, _ schema: Schema, _ outer: [Schema]) throws(PlanError) -> Expression {
        func sub(_ x: Expr) throws(PlanError) -> Expression { try expr(x, schema, outer) }
        func out() throws(PlanError) -> SubstraitType { try type(try e.dataType(in: schema), nullable: e.nullable(in: schema)) }
        switch e {
        case .column(let c):
            guard let i = schema.index(of: c) else {
                throw PlanError(.invalidPlan, "Substrait export: column \(c) is not in its input (\(schema.names.joined(separator: ", ")))")
            }
            return .selection(.field(i))
        case .outerColumn(let c, _):
            for (steps, s) in outer.reversed().enumerated() {
                if let i = s.index(of: c) { return .selection(.outer(i, stepsOut: steps + 1)) }
            }
            throw PlanError(.invalidPlan, "Substrait export: outer column \(c) is not in any enclosing query")
        case .literal(let v):
            return .literal(try literal(v, type: v.dataType))
        case .window(let call):
            // Calls are computed by a Window node (a window relation); elsewhere they are its columns.
            throw PlanError(.invalidPlan, "Substrait export: window call \(Expr.window(call)) outside a Window node")
        case .alias(let inner, _):
            return try sub(inner)
        case .not(let x):
            return call(.not, [try sub(x)], output: try out())
        case .negative(let x):
            return call(.negate, [try sub(x)], output: try out())
        case .binary(let a, let op, let b):
            return call(.binary(op), [try sub(a), try sub(b)], output: try out())
        case .logical(let op, let operands):
            let args = try operands.map { (x: Expr) throws(PlanError) -> Expression in try sub(x) }
            return call(.logical(op), args, output: try out())
        case .isTest(let x, let test):
            return call(.isTest(test), [try sub(x)], output: try out())
        case .between(let x, let low, let high, let negated):
            let b = call(.between, [try sub(x), try sub(low), try sub(high)], output: try out())
            return negated ? call(.not, [b], output: try out()) : b
        case .like(let l):
            // The escape character always goes along ('' for none): consumers differ in their default.
            let escape = Expression.literal(literalValue { $0.string = l.escape.map(String.init) ?? "" })
            let m = call(.like(caseInsensitive: l.caseInsensitive), [try sub(l.expr), try sub(l.pattern), escape], output: try out())
            return l.negated ? call(.not, [m], output: try out()) : m
        case .inList(let x, let items, let negated):
            let list = Expression.singularOrList(SingularOrList(value: try sub(x), options: try items.map { (i: Expr) throws(PlanError) -> Expression in try sub(i) }))
            return negated ? call(.not, [list], output: try out()) : list
        case .caseWhen(let c):
            return try caseWhen(c, schema, outer)
        case .cast(let x, let t):
            return .cast(Cast(type: try type(t, nullable: true), input: try sub(x), failureBehavior: "FAILURE_BEHAVIOR_THROW_EXCEPTION"))
        case .scalarFunction(let f, let args):
            return call(.scalar(f), try args.map { (x: Expr) throws(PlanError) -> Expression in try sub(x) }, output: try out())
        case .aggregate(let call):
            throw PlanError(.invalidPlan, "Substrait export: aggregate \(call.function.rawValue) outside an aggregate node")
        case .exists(let q, let negated):
            let r = try rel(q.plan, outer: outer + [schema])
            let x = Expression.subquery(SubqueryExpression(setPredicate: .init(predicateOp: "PREDICATE_OP_EXISTS", tuples: r)))
            return negated ? call(.not, [x], output: try out()) : x
        case .inSubquery(let needle, let q, let negated):
            let r = try rel(q.plan, outer: outer + [schema])
            let x = Expression.subquery(SubqueryExpression(inPredicate: .init(needles: [try sub(needle)], haystack: r)))
            return negated ? call(.not, [x], output: try out()) : x
        case .scalarSubquery(let q):
            return .subquery(SubqueryExpression(scalar: .init(input: try rel(q.plan, outer: outer + [schema]))))
        }
    }

    /// CASE: the simple form (`CASE x WHEN 1 …`) as a switch when every WHEN is a literal,
    /// else as if-then with `x = WHEN`; the searched form as if-then.
    mutating func caseWhen(_ c: CaseWhen, _ schema: Schema, _ outer: [Schema]) throws(PlanError) -> Expression {
        let elseExpr = try c.elseExpr.map { (x: Expr) throws(PlanError) -> Expression in try expr(x, schema, outer) }
        if let operand = c.operand {
            let literals = c.branches.compactMap { b -> ScalarValue? in if case .literal(let v) = b.when, !v.isNull { v } else { nil } }
            if literals.count == c.branches.count {
                var clauses: [SwitchExpression.Clause] = []
                for (b, v) in zip(c.branches, literals) {
                    clauses.append(.init(if: try literal(v, type: v.dataType), then: try expr(b.then, schema, outer)))
                }
                return .switchExpression(SwitchExpression(match: try expr(operand, schema, outer), ifs: clauses, else: elseExpr))
            }
        }
        var clauses: [IfThen.Clause] = []
        for b in c.branches {
            let condition: Expr = c.operand.map { .binary($0, .eq, b.when) } ?? b.when
            clauses.append(.init(if: try expr(condition, schema, outer), then: try expr(b.then, schema, outer)))
        }
        return .ifThen(IfThen(ifs: clauses, else: elseExpr))
    }

    /// A literal of type `type` (a NULL's type comes from its context: `.null` when none).
    mutating func literal(_ v: ScalarValue, type t: DataType) throws(PlanError) -> Literal {
        var l = Literal()
        switch v {
        case .null: l.null = try type(t, nullable: true)
        case .boolean(let b): l.boolean = b
        case .int16(let x): l.i16 = Int(x)
        case .int32(let x): l.i32 = Int(x)
        case .int64(let x): l.i64 = ProtoInt64(x)
        case .float32(let x): l.fp32 = ProtoDouble(Double(x))
        case .float64(let x): l.fp64 = ProtoDouble(x)
        case .decimal(let u, let p, let s): l.decimal = .init(value: Self.decimalBytes(u), precision: p, scale: s)
        case .numeric(let n):
            l.userDefined = .init(typeReference: typeAnchor("numeric"), value: ProtoAnyString(n.text))
        case .string(let s): l.string = s
        case .date(let d): l.date = Int(d)
        case .timestamp(let t): l.precisionTimestamp = .init(precision: 6, value: ProtoInt64(t))
        case .timestampTZ(let t): l.precisionTimestampTz = .init(precision: 6, value: ProtoInt64(t))
        case .interval(let i):
            l.intervalCompound = .init(intervalYearToMonth: .init(years: Int(i.months / 12), months: Int(i.months % 12)),
                                       intervalDayToSecond: .init(days: Int(i.days), seconds: Int(i.micros / 1_000_000),
                                                                  precision: 6, subseconds: ProtoInt64(i.micros % 1_000_000)))
        case .binary(let b): l.binary = Data(b).base64EncodedString()
        }
        return l
    }

    /// A decimal's unscaled value as Substrait writes it: 16 bytes little-endian, base64.
    static func decimalBytes(_ u: Int128) -> String {
        let bits = UInt128(bitPattern: u)
        let bytes = (0..<16).map { UInt8(truncatingIfNeeded: bits >> (8 * $0)) }
        return Data(bytes).base64EncodedString()
    }
}
