import PlanCore

/// An expression compiled against an input schema: columns are indices, types known,
/// LIKE patterns and IN lists prepared. Evaluates a whole batch at a time. Immutable,
/// so every worker may evaluate one compiled expression at once; what subqueries
/// return is kept in the caller's ``SubqueryCache``, one per stream.
public final class PhysicalExpr: Sendable {
    indirect enum Kind: Sendable {
        case column(Int)
        case literal(ScalarValue)
        case binary(BinaryOperator, PhysicalExpr, PhysicalExpr)
        case logical(LogicalOperator, [PhysicalExpr])
        case not(PhysicalExpr)
        case negative(PhysicalExpr)
        case isTest(PhysicalExpr, IsTest)
        case like(PhysicalExpr, LikeMatcher?, PhysicalExpr, Like)
        case inList(PhysicalExpr, [PhysicalExpr], negated: Bool, constants: Set<ScalarValue>?)
        case caseWhen(operand: PhysicalExpr?, [(PhysicalExpr, PhysicalExpr)], PhysicalExpr?)
        case cast(PhysicalExpr)
        case function(ScalarFunction, [PhysicalExpr])
        /// `regexp_like`/`regexp_replace` whose pattern and flags are constants: compiled once.
        case regex(ScalarFunction, [PhysicalExpr], SQLRegex)
        /// EXISTS, IN or a scalar subquery over rows of `Schema`; `probe`: IN's left side.
        case subquery(Expr, Schema, probe: PhysicalExpr?)
    }

    let kind: Kind
    public let dataType: DataType
    let context: ExecutionContext

    /// The expression this was compiled from (for error messages and plans).
    public let source: Expr

    init(_ kind: Kind, _ dataType: DataType, _ context: ExecutionContext, _ source: Expr) {
        self.kind = kind
        self.dataType = dataType
        self.context = context
        self.source = source
    }

    /// Compiles `expr` for rows of `schema`.
    public static func compile(_ expr: Expr, schema: Schema, context: ExecutionContext) throws(PlanError) -> PhysicalExpr {
        try compile(expr, schema: schema, context: context, foldHere: true)
    }

    static func compile(_ expr: Expr, schema: Schema, context: ExecutionContext, foldHere: Bool) throws(PlanError) -> PhysicalExpr {
        if case .binary(.binary(_, let inner, _), let op, _) = expr, !op.comparesValues, !inner.comparesValues {
            return try compileChain(expr, schema: schema, context: context, foldHere: foldHere)
        }
        let type = try expr.dataType(in: schema)
        func sub(_ e: Expr) throws(PlanError) -> PhysicalExpr { try compile(e, schema: schema, context: context) }
        // Constant parts are evaluated once, here. One that fails is left to fail at run
        // time, on the rows that reach it (a CASE branch may never be taken).
        if foldHere, PhysicalExpr.isFoldable(expr), let value = try? PhysicalExpr.fold(expr, type: type, context: context) {
            return PhysicalExpr(.literal(value), type, context, expr)
        }
        switch expr {
        case .column(let c):
            guard let i = schema.index(of: c) else { throw PlanError(.execution, "column \(c) not found in operator input") }
            return PhysicalExpr(.column(i), type, context, expr)
        case .outerColumn(let c, _):
            throw PlanError(.execution, "outer reference \(c) was not bound before execution")
        case .literal(let v): return PhysicalExpr(.literal(v), type, context, expr)
        case .alias(let e, _): return try sub(e)
        case .not(let e): return PhysicalExpr(.not(try sub(e)), type, context, expr)
        case .negative(let e): return PhysicalExpr(.negative(try sub(e)), type, context, expr)
        case .binary(let l, let op, let r):
            // Comparisons run in the operands' common type, so kernels see equal types.
            if op.comparesValues {
                let lt = try l.dataType(in: schema), rt = try r.dataType(in: schema)
                if lt != rt, let common = DataType.commonType(lt, rt), common != .null, lt != .null, rt != .null,
                   common.isNumeric || common.isTemporal {
                    let left = lt == common ? l : Expr.cast(l, common)
                    let right = rt == common ? r : Expr.cast(r, common)
                    return PhysicalExpr(.binary(op, try sub(left), try sub(right)), type, context, expr)
                }
            }
            return arithmetic(op, try sub(l), l, try sub(r), r, type: type, context: context, expr: expr)
        case .logical(let op, let operands):
            var compiled: [PhysicalExpr] = []
            compiled.reserveCapacity(operands.count)
            for e in operands { compiled.append(try sub(e)) }
            return PhysicalExpr(.logical(op, compiled), type, context, expr)
        case .isTest(let e, let t): return PhysicalExpr(.isTest(try sub(e), t), type, context, expr)
        case .between(let e, let lo, let hi, let negated):
            let both = Expr.binary(e, .gtEq, lo).and(.binary(e, .ltEq, hi))
            return try sub(negated ? .not(both) : both)
        case .like(let l):
            var matcher: LikeMatcher?
            if case .literal(.string(let p)) = l.pattern {
                matcher = try LikeMatcher(pattern: p, escape: l.escape, caseInsensitive: l.caseInsensitive)
            }
            return PhysicalExpr(.like(try sub(l.expr), matcher, try sub(l.pattern), l), type, context, expr)
        case .inList(let e, let list, let negated):
            let left = try sub(e)
            var items: [PhysicalExpr] = []
            for item in list { items.append(try sub(item)) }
            var constants: Set<ScalarValue>?
            let leftType = left.dataType
            if list.allSatisfy({ if case .literal = $0 { true } else { false } }),
               let common = list.reduce(Optional(leftType), { acc, item in
                   acc.flatMap { DataType.commonType($0, (try? item.dataType(in: schema)) ?? .null) }
               }), common == leftType || leftType.isString || (leftType.isInteger && common.isInteger) {
                // An integer column against wider integer constants: a constant outside the
                // column's range equals none of its values, so it is left out of the set.
                let widened = common != leftType && leftType.isInteger
                var set = Set<ScalarValue>()
                for item in list {
                    if case .literal(let v) = item, !v.isNull {
                        guard let c = try? ScalarOps.cast(v, to: leftType) else {
                            if widened { continue }
                            set = []; constants = nil; break
                        }
                        set.insert(normalizeKey(c))
                    }
                }
                constants = set
                if list.contains(.literal(.null)) { constants = nil }
            }
            return PhysicalExpr(.inList(left, items, negated: negated, constants: constants), type, context, expr)
        case .caseWhen(let c):
            var branches: [(PhysicalExpr, PhysicalExpr)] = []
            for b in c.branches { branches.append((try sub(b.when), try sub(b.then))) }
            let operand = try c.operand.map { (e: Expr) throws(PlanError) -> PhysicalExpr in try sub(e) }
            let elseExpr = try c.elseExpr.map { (e: Expr) throws(PlanError) -> PhysicalExpr in try sub(e) }
            return PhysicalExpr(.caseWhen(operand: operand, branches, elseExpr), type, context, expr)
        case .cast(let e, _): return PhysicalExpr(.cast(try sub(e)), type, context, expr)
        case .scalarFunction(let f, let args) where f.isStatementTime:
            return PhysicalExpr(.literal(f.statementTimeValue(context.statementTime, arguments: args)), type, context, expr)
        case .scalarFunction(let f, let args):
            var compiled: [PhysicalExpr] = []
            for a in args { compiled.append(try sub(a)) }
            if let regex = try constantRegex(f, args) { return PhysicalExpr(.regex(f, compiled, regex), type, context, expr) }
            return PhysicalExpr(.function(f, compiled), type, context, expr)
        case .aggregate:
            throw PlanError(.execution, "aggregate \(expr) outside an Aggregate")
        case .window:
            throw PlanError(.execution, "window function \(expr) outside a Window")
        case .exists, .scalarSubquery:
            return PhysicalExpr(.subquery(expr, schema, probe: nil), type, context, expr)
        case .inSubquery(let e, _, _):
            return PhysicalExpr(.subquery(expr, schema, probe: try sub(e)), type, context, expr)
        }
    }

    /// True for an expression that reads no columns and holds no subquery or aggregate.
    /// `l op r` for arithmetic and `||` over compiled operands. Decimal arithmetic runs in
    /// the vectorized kernels when both operands are decimals of the scale the kernel needs
    /// (integers are exact decimals): operands are widened by casts first.
    static func arithmetic(_ op: BinaryOperator, _ left: PhysicalExpr, _ l: Expr, _ right: PhysicalExpr, _ r: Expr,
                           type: DataType, context: ExecutionContext, expr: Expr) -> PhysicalExpr {
        if case .decimal(_, let scale) = type, op == .plus || op == .minus || op == .multiply {
            let lt = left.dataType, rt = right.dataType
            func widen(_ p: PhysicalExpr, _ e: Expr, _ t: DataType) -> PhysicalExpr {
                let target: DataType?
                switch (op, t) {
                case (.multiply, _) where t.isInteger: target = .decimal(precision: 19, scale: 0)
                case (.plus, .decimal(_, let s)), (.minus, .decimal(_, let s)):
                    target = s == scale ? nil : .decimal(precision: DataType.maxDecimalPrecision, scale: scale)
                case (.plus, _), (.minus, _):
                    target = t.isInteger ? .decimal(precision: DataType.maxDecimalPrecision, scale: scale) : nil
                default: target = nil
                }
                guard let target else { return p }
                return PhysicalExpr(.cast(p), target, context, .cast(e, target))
            }
            if (lt.isDecimal || lt.isInteger) && (rt.isDecimal || rt.isInteger) && (lt.isInteger || rt.isInteger || op != .multiply) {
                return PhysicalExpr(.binary(op, widen(left, l, lt), widen(right, r, rt)), type, context, expr)
            }
        }
        return PhysicalExpr(.binary(op, left, right), type, context, expr)
    }

    /// A left-deep chain of arithmetic and `||` (`a + b - c || …`) compiled bottom-up
    /// without recursion down its spine, each node's type from its operands' (typing each
    /// node's whole subtree would make a chain of N terms O(N²)). As node by node, the
    /// highest constant node of the chain is folded once.
    static func compileChain(_ expr: Expr, schema: Schema, context: ExecutionContext, foldHere: Bool) throws(PlanError) -> PhysicalExpr {
        var spine: [Expr] = []  // top first
        var leftmost = expr
        while case .binary(let l, let op, _) = leftmost, !op.comparesValues {
            spine.append(leftmost)
            leftmost = l
        }
        // Nodes from the bottom that are constant: the chain's foldable prefix.
        var foldableUpTo = isFoldable(leftmost) ? 0 : -1  // index from the bottom, -1 for none
        for (k, node) in spine.reversed().enumerated() {
            guard foldableUpTo == k, case .binary(_, _, let r) = node, isFoldable(r) else { break }
            foldableUpTo = k + 1
        }
        // Operands fold wherever they are constant; the top node only when `foldHere`.
        let folded = foldHere ? foldableUpTo : min(foldableUpTo, spine.count - 1)
        var left: PhysicalExpr
        var start = 0
        if folded > 0 {
            // The highest constant node, compiled whole and evaluated once; one that fails
            // is left to fail at run time, on the rows that reach it.
            let node = spine[spine.count - folded]
            left = try compile(node, schema: schema, context: context, foldHere: false)
            if let value = try? PhysicalExpr.run(left, type: left.dataType) {
                left = PhysicalExpr(.literal(value), left.dataType, context, node)
            }
            start = folded
        } else {
            left = try compile(leftmost, schema: schema, context: context)
        }
        for node in spine.reversed().dropFirst(start) {
            guard case .binary(let l, let op, let r) = node else { continue }
            let right = try compile(r, schema: schema, context: context)
            let type = try Expr.binaryType(left.dataType, op, right.dataType)
            left = arithmetic(op, left, l, right, r, type: type, context: context, expr: node)
        }
        return left
    }

    static func isFoldable(_ e: Expr) -> Bool {
        if case .literal = e { return false }
        return !e.contains { x in
            switch x {
            case .column, .outerColumn, .aggregate, .window, .exists, .inSubquery, .scalarSubquery: true
            default: false
            }
        }
    }

    static func fold(_ e: Expr, type: DataType, context: ExecutionContext) throws -> ScalarValue {
        try run(try compile(e.unaliased, schema: .empty, context: context, foldHere: false), type: type)
    }

    /// A compiled constant expression's value, as `type`.
    static func run(_ compiled: PhysicalExpr, type: DataType) throws -> ScalarValue {
        let one = RecordBatch(schema: .empty, columns: [], rowCount: 1)
        return try ScalarOps.cast(compiled.evaluate(one).value(0), to: type)
    }

    var literalValue: ScalarValue { if case .literal(let v) = kind { v } else { .null } }

    /// Integers compare equal across widths in hash sets.
    static func normalizeKey(_ v: ScalarValue) -> ScalarValue {
        switch v {
        case .int16(let x): .int64(Int64(x))
        case .int32(let x): .int64(Int64(x))
        default: v
        }
    }
}

/// An evaluation error at a row of the batch being evaluated; operators turn it into a
/// message naming themselves, the row and the expression.
public struct RowFailure: Error, CustomStringConvertible {
    public let row: Int
    public let error: PlanError
    public var description: String { "\(error.message) at row \(row + 1)" }
}

extension PhysicalExpr {
    /// Evaluates, turning a row failure into one line naming `what`, the row and the
    /// expression (for callers outside operators: providers, DML).
    public func evaluate(_ batch: RecordBatch, reportingAs what: String) throws -> ColumnVector {
        var cache = SubqueryCache()
        return try evaluate(batch, cache: &cache, reportingAs: what)
    }

    /// As ``evaluate(_:reportingAs:)``, keeping subqueries' results in `cache` (a caller
    /// that evaluates batch after batch keeps one for them all).
    public func evaluate(_ batch: RecordBatch, cache: inout SubqueryCache, reportingAs what: String) throws -> ColumnVector {
        do { return try evaluate(batch, cache: &cache) } catch let f as RowFailure {
            throw PlanError(.execution, "\(f.error.message) in \(source.sqlText) (row \(f.row + 1), \(what))", origin: what)
        } catch let e as PlanError where e.origin == nil && e.kind != .cancelled {
            throw PlanError(.execution, "\(e.message) in \(source.sqlText) (\(what))", origin: what)
        }
    }
}
