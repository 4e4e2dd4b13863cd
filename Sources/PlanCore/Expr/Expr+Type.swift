// MARK: - Typing

extension Expr {
    /// The type this expression produces over rows of `schema`; throws when names do not
    /// resolve or operand types do not fit.
    public func dataType(in schema: Schema) throws(PlanError) -> DataType {
        switch self {
        case .column(let c):
            switch schema.lookup(c) {
            case .found(let i): return schema.fields[i].dataType
            case .notFound: throw PlanError(.unknownName, "unknown column '\(c.flatName)'")
            case .ambiguous(let names):
                throw PlanError(.ambiguousName, "column reference '\(c.flatName)' is ambiguous (\(names.joined(separator: ", ")))")
            }
        case .outerColumn(_, let t): return t
        case .literal(let v): return v.dataType
        case .alias(let e, _): return try e.dataType(in: schema)
        case .not(let e):
            try Expr.requireBoolean(e, in: schema, what: "NOT")
            return .boolean
        case .negative(let e):
            let t = try e.dataType(in: schema)
            guard t.isNumeric || t == .interval || t == .null else {
                throw PlanError(.typeMismatch, "cannot negate a value of type \(t.sqlName)")
            }
            return t
        case .binary(let l, let op, let r):
            return try Expr.binaryType(try l.dataType(in: schema), op, try r.dataType(in: schema))
        case .logical(let op, let operands):
            for e in operands {
                let t = try e.dataType(in: schema)
                guard t == .boolean || t == .null else {
                    throw PlanError(.typeMismatch, "operator \(op.rawValue) needs boolean operands, got \(t.sqlName)")
                }
            }
            return .boolean
        case .isTest(let e, let test):
            let t = try e.dataType(in: schema)
            if test != .isNull && test != .isNotNull && t != .boolean && t != .null {
                throw PlanError(.typeMismatch, "\(test.rawValue) needs a boolean, got \(t.sqlName)")
            }
            return .boolean
        case .between(let e, let low, let high, _):
            let t = try e.dataType(in: schema)
            for bound in [low, high] {
                let b = try bound.dataType(in: schema)
                guard DataType.commonType(t, b) != nil else {
                    throw PlanError(.typeMismatch, "cannot compare \(t.sqlName) with \(b.sqlName) in BETWEEN")
                }
            }
            return .boolean
        case .like(let like):
            for part in [like.expr, like.pattern] {
                let t = try part.dataType(in: schema)
                guard t.isString || t == .null else {
                    throw PlanError(.typeMismatch, "\(like.caseInsensitive ? "ILIKE" : "LIKE") needs strings, got \(t.sqlName)")
                }
            }
            return .boolean
        case .inList(let e, let list, _):
            let t = try e.dataType(in: schema)
            for item in list {
                let i = try item.dataType(in: schema)
                guard DataType.commonType(t, i) != nil else {
                    throw PlanError(.typeMismatch, "IN list item of type \(i.sqlName) cannot be compared with \(t.sqlName)")
                }
            }
            return .boolean
        case .caseWhen(let c):
            var result: DataType = .null
            let operandType = try c.operand?.dataType(in: schema)
            for branch in c.branches {
                let w = try branch.when.dataType(in: schema)
                if let operandType {
                    guard DataType.commonType(operandType, w) != nil else {
                        throw PlanError(.typeMismatch, "CASE operand \(operandType.sqlName) cannot be compared with WHEN value \(w.sqlName)")
                    }
                } else if w != .boolean && w != .null {
                    throw PlanError(.typeMismatch, "CASE WHEN condition must be boolean, got \(w.sqlName)")
                }
                result = try Expr.unify(result, try branch.then.dataType(in: schema), what: "CASE branches")
            }
            if let e = c.elseExpr { result = try Expr.unify(result, try e.dataType(in: schema), what: "CASE branches") }
            return result
        case .cast(let e, let t):
            let from = try e.dataType(in: schema)
            guard Expr.canCast(from, to: t) else {
                throw PlanError(.typeMismatch, "cannot cast \(from.sqlName) to \(t.sqlName)")
            }
            return t
        case .scalarFunction(let f, let args) where (f == .round || f == .trunc) && !args.isEmpty:
            // PostgreSQL: round(numeric[, n]) has scale n (0 by default).
            let t = try args[0].dataType(in: schema)
            if args.count == 2 { _ = try args[1].dataType(in: schema) }
            if t == .numeric { return .numeric }
            if case .decimal(let p, let s) = t {
                var digits = 0
                if args.count == 2 {
                    guard case .literal(let v) = args[1], let n = v.int64Value else {
                        throw PlanError(.typeMismatch, "\(f.rawValue)(DECIMAL, n) needs a constant n")
                    }
                    digits = Int(n)
                }
                let scale = min(max(digits, 0), s)
                return .decimal(precision: min(p - s + scale + 1, DataType.maxDecimalPrecision), scale: scale)
            }
            switch f.returnType(try args.map { (a: Expr) throws(PlanError) -> DataType in try a.dataType(in: schema) }) {
            case .success(let t): return t
            case .failure(let e): throw PlanError(.typeMismatch, e.message)
            }
        case .scalarFunction(let f, let args):
            let types = try args.map { (a: Expr) throws(PlanError) -> DataType in try a.dataType(in: schema) }
            switch f.returnType(types) {
            case .success(let t): return t
            case .failure(let e): throw PlanError(.typeMismatch, e.message)
            }
        case .aggregate(let call):
            let types = try call.signatureArgs.map { (a: Expr) throws(PlanError) -> DataType in try a.dataType(in: schema) }
            if let filter = call.filter { try Expr.requireBoolean(filter, in: schema, what: "FILTER") }
            for o in call.orderBy { _ = try o.expr.dataType(in: schema) }
            switch call.function.returnType(types) {
            case .success(let t): return t
            case .failure(let e): throw PlanError(.typeMismatch, e.message)
            }
        case .window(let w):
            let types = try w.args.map { (a: Expr) throws(PlanError) -> DataType in try a.dataType(in: schema) }
            if let filter = w.filter { try Expr.requireBoolean(filter, in: schema, what: "FILTER") }
            for e in w.partitionBy + w.orderBy.map(\.expr) { _ = try e.dataType(in: schema) }
            switch w.function.returnType(types) {
            case .success(let t): return t
            case .failure(let e): throw PlanError(.typeMismatch, e.message)
            }
        case .exists: return .boolean
        case .inSubquery(let e, let sub, _):
            let t = try e.dataType(in: schema)
            guard let f = sub.plan.schema.fields.first, sub.plan.schema.count == 1 else {
                throw PlanError(.invalidPlan, "IN subquery must return exactly one column, got \(sub.plan.schema.count)")
            }
            guard DataType.commonType(t, f.dataType) != nil else {
                throw PlanError(.typeMismatch, "cannot compare \(t.sqlName) with subquery column of type \(f.dataType.sqlName)")
            }
            return .boolean
        case .scalarSubquery(let sub):
            guard let f = sub.plan.schema.fields.first, sub.plan.schema.count == 1 else {
                throw PlanError(.invalidPlan, "scalar subquery must return exactly one column, got \(sub.plan.schema.count)")
            }
            return f.dataType
        }
    }

    /// Whether this expression may produce NULL over rows of `schema`.
    public func nullable(in schema: Schema) -> Bool {
        switch self {
        case .column(let c): return schema.field(for: c)?.nullable ?? true
        case .literal(let v): return v.isNull
        case .alias(let e, _), .not(let e), .negative(let e), .cast(let e, _): return e.nullable(in: schema)
        case .binary(_, let op, _) where op.isNullSafeComparison: return false
        case .binary(let l, _, let r): return l.nullable(in: schema) || r.nullable(in: schema)
        case .logical(_, let operands): return operands.contains { $0.nullable(in: schema) }
        case .isTest, .exists: return false
        case .aggregate(let call): return !call.function.isCount
        case .window(let w):
            switch w.function {
            case .rowNumber, .rank, .denseRank, .percentRank, .cumeDist, .aggregate(.count): return false
            default: return true
            }
        default: return true
        }
    }

    static func requireBoolean(_ e: Expr, in schema: Schema, what: String) throws(PlanError) {
        let t = try e.dataType(in: schema)
        guard t == .boolean || t == .null else {
            throw PlanError(.typeMismatch, "argument of \(what) must be boolean, got \(t.sqlName)")
        }
    }

    static func unify(_ a: DataType, _ b: DataType, what: String) throws(PlanError) -> DataType {
        guard let t = DataType.commonType(a, b) else {
            throw PlanError(.typeMismatch, "\(what) have incompatible types \(a.sqlName) and \(b.sqlName)")
        }
        return t
    }

    /// Result type of `l op r` (PostgreSQL's rules; decimal scales as documented in
    /// docs/sql-semantics.md).
    public static func binaryType(_ l: DataType, _ op: BinaryOperator, _ r: DataType) throws(PlanError) -> DataType {
        func mismatch() -> PlanError {
            PlanError(.typeMismatch, "operator \(op.rawValue) cannot be applied to \(l.sqlName) and \(r.sqlName)")
        }
        if op.comparesValues {
            guard DataType.commonType(l, r) != nil, l != .interval || r == .interval || r == .null else { throw mismatch() }
            return .boolean
        }
        if op == .concat {
            guard l.isString || r.isString || (l == .null && r == .null) else { throw mismatch() }
            return .text
        }
        // Arithmetic.
        if l == .null || r == .null {
            let other = l == .null ? r : l
            guard other.isNumeric || other == .null || other.isTemporal || other == .interval else { throw mismatch() }
            return other == .null ? .null : other
        }
        switch (l, op, r) {
        case (.date, .plus, let i) where i.isInteger, (let i, .plus, .date) where i.isInteger: return .date
        case (.date, .minus, let i) where i.isInteger: return .date
        case (.date, .minus, .date): return .int32
        case (.date, .plus, .interval), (.interval, .plus, .date), (.date, .minus, .interval): return .timestamp
        case (.timestamp, .plus, .interval), (.interval, .plus, .timestamp), (.timestamp, .minus, .interval): return .timestamp
        case (.timestamp, .minus, .timestamp), (.timestamp, .minus, .date), (.date, .minus, .timestamp): return .interval
        case (.timestampTZ, .plus, .interval), (.interval, .plus, .timestampTZ), (.timestampTZ, .minus, .interval): return .timestampTZ
        case (.timestampTZ, .minus, .timestampTZ): return .interval
        case (.interval, .plus, .interval), (.interval, .minus, .interval): return .interval
        case (.interval, .multiply, let n) where n.isNumeric, (let n, .multiply, .interval) where n.isNumeric: return .interval
        case (.interval, .divide, let n) where n.isNumeric: return .interval
        default: break
        }
        guard l.isNumeric && r.isNumeric else { throw mismatch() }
        if l.isFloat || r.isFloat {
            // PostgreSQL has no % of doubles (nor mod()).
            if op == .modulo { throw PlanError(.typeMismatch, "operator does not exist: \(l.postgresName) % \(r.postgresName)") }
            return .float64
        }
        if l.isInteger && r.isInteger { return l.integerRank >= r.integerRank ? l : r }
        // An unconstrained NUMERIC: each value's scale decides the result's (NumericValue).
        if l == .numeric || r == .numeric { return .numeric }
        guard let (p1, s1) = l.asDecimal, let (p2, s2) = r.asDecimal else { throw mismatch() }
        let maxP = DataType.maxDecimalPrecision
        switch op {
        case .plus, .minus:
            let scale = max(s1, s2)
            return .decimal(precision: min(max(p1 - s1, p2 - s2) + scale + 1, maxP), scale: scale)
        case .multiply:
            return .decimal(precision: min(p1 + p2 + 1, maxP), scale: min(s1 + s2, maxP))
        case .divide:
            // PostgreSQL keeps at least 16 significant digits; with a fixed-width decimal
            // we keep 16 fractional digits (more if an operand has more) in DECIMAL(38, s).
            return .decimal(precision: maxP, scale: min(max(16, s1, s2), maxP))
        case .modulo:
            let scale = max(s1, s2)
            return .decimal(precision: min(min(p1 - s1, p2 - s2) + scale, maxP), scale: scale)
        default: throw mismatch()
        }
    }

    /// Whether CAST(from AS to) is defined (it may still fail at run time on bad text).
    public static func canCast(_ from: DataType, to: DataType) -> Bool {
        if from == to || from == .null || from.isString || to.isString { return true }
        if from.isNumeric && to.isNumeric { return true }
        if from == .boolean && to.isInteger || from.isInteger && to == .boolean { return true }
        if from.isTemporal && to.isTemporal { return true }
        return false
    }
}
