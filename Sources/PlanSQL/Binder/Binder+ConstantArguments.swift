import PlanCore

/// Function arguments the binder can check because the query writes them as constants:
/// a regular expression that does not compile is an error at the pattern (or flags) as
/// written, before any row is read.
extension Binder {
    func checkConstantArguments(_ function: ScalarFunction, _ args: [Expr], spans: [SourceSpan]) throws(PlanError) {
        guard function == .regexpLike || function == .regexpReplace else { return }
        let flagsIndex = function == .regexpLike ? 2 : 3
        guard args.count > 1, case .string(let pattern) = Self.constantValue(args[1]) else { return }
        var flags = ""
        if args.count > flagsIndex {
            guard case .string(let written) = Self.constantValue(args[flagsIndex]) else { return }
            flags = written
        }
        do {
            _ = try SQLRegex(pattern: pattern, flags: flags, function: function)
        } catch {
            // A bad flag is the flags' fault; anything else the pattern's.
            let at = error.message.hasPrefix("invalid regular expression '") || args.count <= flagsIndex ? spans[1] : spans[flagsIndex]
            throw PlanError(.invalidPlan, error.message, at: at)
        }
    }

    private static func constantValue(_ e: Expr) -> ScalarValue? {
        switch e {
        case .literal(let v): v
        case .cast(.literal(let v), let t) where t.isString: v
        default: nil
        }
    }
}
