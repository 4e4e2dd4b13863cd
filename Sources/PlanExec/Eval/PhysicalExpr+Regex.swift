import PlanCore

/// `regexp_like` and `regexp_replace` with a constant pattern (and flags): the pattern is
/// compiled once, when the expression is, not once per row (``ScalarOps`` compiles it per
/// call, for patterns read from columns).
extension PhysicalExpr {
    /// The compiled pattern of `f(args)` when its pattern and flags are constant strings;
    /// nil for other functions and for patterns that vary (or are NULL: the call is NULL).
    static func constantRegex(_ f: ScalarFunction, _ args: [Expr]) throws(PlanError) -> SQLRegex? {
        let patternIndex = 1, flagsIndex = f == .regexpLike ? 2 : 3
        guard f == .regexpLike || f == .regexpReplace, args.count > patternIndex,
              case .string(let pattern) = constant(args[patternIndex]) else { return nil }
        var flags = ""
        if args.count > flagsIndex {
            guard case .string(let written) = constant(args[flagsIndex]) else { return nil }
            flags = written
        }
        return try SQLRegex(pattern: pattern, flags: flags, function: f)
    }

    /// A literal's value, through the casts the binder may have put around it.
    private static func constant(_ e: Expr) -> ScalarValue? {
        switch e {
        case .literal(let v): v
        case .cast(.literal(let v), let t) where t.isString: v
        default: nil
        }
    }

    func evaluateRegex(_ f: ScalarFunction, _ args: [PhysicalExpr], _ regex: SQLRegex, _ batch: RecordBatch,
                       cache: inout SubqueryCache) throws -> ColumnVector {
        let text = try args[0].evaluate(batch, cache: &cache)
        let replacement = f == .regexpReplace ? try args[2].evaluate(batch, cache: &cache) : nil
        var b = ColumnBuilder(dataType, capacity: batch.rowCount)
        for i in 0..<batch.rowCount {
            let s = text.value(i)
            if s.isNull { b.append(.null); continue }
            if let replacement {
                let r = replacement.value(i)
                b.append(r.isNull ? .null : .string(regex.replacing(in: s.sqlText, with: r.sqlText)))
            } else {
                b.append(.boolean(regex.matches(s.sqlText)))
            }
        }
        return b.finish()
    }
}
