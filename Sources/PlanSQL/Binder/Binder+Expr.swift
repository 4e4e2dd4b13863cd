import PlanCore

extension Binder {
    /// Binds a boolean condition (WHERE, HAVING, ON, FILTER).
    mutating func bindPredicate(_ e: SQLExpr, scope: Scope, clause: String, allowAggregates: Bool = false) throws(PlanError) -> Expr {
        var bound = try bindExpr(e, scope: scope, allowAggregates: allowAggregates, clause: clause)
        // An untyped literal as a condition is read as a boolean (`WHERE 'yes'`), as PostgreSQL does.
        if TypeCoercion.isUnknown(bound) {
            do { bound = try TypeCoercion.resolveUnknown(bound, as: .boolean) } catch { throw error.located(at: e.span) }
        }
        let t = try located(e.span) { () throws(PlanError) in try bound.dataType(in: scope.schema) }
        guard t == .boolean || t == .null else {
            throw PlanError(.typeMismatch, "argument of \(clause) must be boolean, got \(t.sqlName)", at: e.span)
        }
        return bound
    }

    /// Binds a scalar expression; every column becomes fully qualified, and the result is
    /// type-checked node by node so an error points at the smallest offending part.
    mutating func bindExpr(_ e: SQLExpr, scope: Scope, allowAggregates: Bool, clause: String) throws(PlanError) -> Expr {
        if case .logical(let op, let operands) = e.kind {
            return try bindLogical(op, operands, scope: scope, allowAggregates: allowAggregates, clause: clause)
        }
        if case .binary(_, let op, _) = e.kind, !op.comparesValues {
            return try bindBinaryChain(e, scope: scope, allowAggregates: allowAggregates, clause: clause)
        }
        let bound = try bindExprUnchecked(e, scope: scope, allowAggregates: allowAggregates, clause: clause)
        _ = try located(e.span) { () throws(PlanError) in try bound.dataType(in: scope.schema) }
        return bound
    }

    /// `a + b - c || …`, left-deep as written: walked down its left spine without
    /// recursion, each right operand bound and typed once and the chain's type carried up,
    /// so a chain of N terms binds in O(N) (typing every node's subtree would be O(N²))
    /// with the node-by-node check's errors at the same spans.
    private mutating func bindBinaryChain(_ e: SQLExpr, scope: Scope, allowAggregates: Bool, clause: String) throws(PlanError) -> Expr {
        var spine: [SQLExpr] = []
        var leftmost = e
        while case .binary(let l, let op, _) = leftmost.kind, !op.comparesValues {
            spine.append(leftmost)
            leftmost = l
        }
        var bound = try bindExpr(leftmost, scope: scope, allowAggregates: allowAggregates, clause: clause)
        var type = try located(leftmost.span) { () throws(PlanError) in try bound.dataType(in: scope.schema) }
        var leftSpan = leftmost.span
        for node in spine.reversed() {
            guard case .binary(_, let op, let r) = node.kind else { continue }
            var right = try bindExpr(r, scope: scope, allowAggregates: allowAggregates, clause: clause)
            var rightType = try located(r.span) { () throws(PlanError) in try right.dataType(in: scope.schema) }
            (bound, type, right, rightType) = try arithmeticOperands(bound, type, leftSpan, op, right, rightType, r.span)
            leftSpan = node.span
            let resultType = try located(node.span) { () throws(PlanError) in try Expr.binaryType(type, op, rightType) }
            let (a, b) = TypeCoercion.arithmetic(bound, type, op, right, rightType)
            bound = .binary(a, op, b)
            type = resultType
        }
        return bound
    }

    /// `a AND b AND c …` (or OR): each operand bound and typed once, an operand that is
    /// not boolean named at its own span.
    private mutating func bindLogical(_ op: LogicalOperator, _ operands: [SQLExpr], scope: Scope, allowAggregates: Bool,
                                      clause: String) throws(PlanError) -> Expr {
        var bound: [Expr] = []
        bound.reserveCapacity(operands.count)
        for operand in operands {
            let e = try bindExpr(operand, scope: scope, allowAggregates: allowAggregates, clause: clause)
            let type = try located(operand.span) { () throws(PlanError) in try e.dataType(in: scope.schema) }
            guard type == .boolean || type == .null else {
                throw PlanError(.typeMismatch, "operator \(op.rawValue) needs boolean operands, got \(type.sqlName)").located(at: operand.span)
            }
            bound.append(e)
        }
        return Expr.chain(op, bound) ?? .literal(.boolean(op == .and))
    }

    mutating func bindExprUnchecked(_ e: SQLExpr, scope: Scope, allowAggregates: Bool, clause: String) throws(PlanError) -> Expr {
        func sub(_ x: SQLExpr) throws(PlanError) -> Expr {
            try bindExpr(x, scope: scope, allowAggregates: allowAggregates, clause: clause)
        }
        switch e.kind {
        case .logical(let op, let operands):
            return try bindLogical(op, operands, scope: scope, allowAggregates: allowAggregates, clause: clause)
        case .identifier(let parts):
            return try resolveColumn(parts, scope: scope, span: e.span)
        case .number(let text):
            return .literal(try numberLiteral(text, span: e.span))
        case .string(let s):
            return .literal(.string(s))
        case .blob(let b):
            return .literal(.binary(b))
        case .boolean(let b):
            return .literal(.boolean(b))
        case .null:
            return .literal(.null)
        case .typedString(let type, let text):
            return try typedLiteral(type, text, at: e.span)
        case .interval(let text, let unit):
            return try intervalLiteral(text, unit, at: e.span)
        case .unary(let op, let operand):
            let inner = try sub(operand)
            return op == "NOT" ? .not(inner) : .negative(inner)
        case .binary(let l, let op, let r):
            let (a, b) = op.comparesValues ? try comparable(try sub(l), l.span, try sub(r), r.span, scope: scope)
                                         : (try sub(l), try sub(r))
            return .binary(a, op, b)
        case .customOperator(let l, let op, let r):
            let surface = catalog.surface
            guard let planner = surface.expressionPlanner(operator: op) else {
                throw PlanError(.unsupported, "operator '\(op)' is not defined" + surface.switchedOffHint(.expression, provides: op), at: e.span)
            }
            let expr = try located(e.span) { () throws(PlanError) in try planner.plan(operator: op, try sub(l), try sub(r)) }
            return try comparisonsCoerced(expr, span: e.span, scope: scope)
        case .isTest(let x, let test):
            return .isTest(try sub(x), test)
        case .between(let x, let lo, let hi, let negated, let symmetric):
            let (value, bounds) = try comparable(try sub(x), x.span, [(try sub(lo), lo.span), (try sub(hi), hi.span)], scope: scope)
            return try between(value, bounds[0], bounds[1], negated: negated, symmetric: symmetric, at: e.span)
        case .like(let x, let pattern, let negated, let ci, let escape):
            return .like(Like(try sub(x), try sub(pattern), negated: negated, caseInsensitive: ci, escape: try likeEscape(escape)))
        case .inList(let x, let list, let negated):
            var items: [(Expr, SourceSpan)] = []
            for item in list { items.append((try sub(item), item.span)) }
            let (value, bound) = try comparable(try sub(x), x.span, items, scope: scope)
            return .inList(value, bound, negated: negated)
        case .inSubquery(let x, let q, let negated):
            let left = try sub(x)
            let subquery = try bindSubquery(q, scope: scope)
            guard subquery.plan.schema.count == 1 else {
                throw PlanError(.invalidPlan, "subquery has too many columns (\(subquery.plan.schema.count)); IN needs one", at: q.span)
            }
            return .inSubquery(left, subquery, negated: negated)
        case .exists(let q, let negated):
            return .exists(try bindSubquery(q, scope: scope), negated: negated)
        case .subquery(let q):
            let subquery = try bindSubquery(q, scope: scope)
            guard subquery.plan.schema.count == 1 else {
                throw PlanError(.invalidPlan, "scalar subquery must return one column, got \(subquery.plan.schema.count)", at: q.span)
            }
            return .scalarSubquery(subquery)
        case .caseWhen(let operand, let branches, let elseExpr):
            return try bindCase(operand, branches, elseExpr, scope: scope, allowAggregates: allowAggregates, clause: clause)
        case .cast(let x, let type):
            return .cast(try sub(x), try resolveType(type))
        case .extract(let field, let x):
            return try bindExtract(field, x, scope: scope, allowAggregates: allowAggregates, clause: clause, span: e.span)
        case .nested(let x):
            return try sub(x)
        case .wildcard:
            throw PlanError(.syntax, "'*' is only allowed in count(*) or in the select list", at: e.span)
        case .function(let call):
            return try bindFunction(call, scope: scope, allowAggregates: allowAggregates, clause: clause, span: e.span)
        }
    }

    /// `DATE '…'`, `TIMESTAMP '…'`: the text read as `'text'::type` reads it.
    func typedLiteral(_ type: TypeName, _ text: String, at span: SourceSpan) throws(PlanError) -> Expr {
        // Read as `'text'::type` reads it (PostgreSQL's input rules, DateTimeText).
        switch type.name {
        case "DATE":
            do { return .literal(.date(try DateTimeText.date(text))) } catch { throw error.located(at: span) }
        case "TIMESTAMP":
            do { return .literal(.timestamp(try DateTimeText.timestamp(text))) } catch { throw error.located(at: span) }
        case "TIMESTAMPTZ":
            do { return .literal(.timestampTZ(try DateTimeText.timestampTZ(text, zone: timeZone))) } catch { throw error.located(at: span) }
        default:
            throw PlanError(.unsupported, "\(type.name) literals are not supported", at: span)
        }
    }

    /// `INTERVAL '…' [unit]`.
    func intervalLiteral(_ text: String, _ unit: Interval.Unit?, at span: SourceSpan) throws(PlanError) -> Expr {
        let parsed: Interval?
        do { parsed = try Interval.parse(text, unit: unit) } catch { throw error.located(at: span) }
        guard let interval = parsed else {
            throw PlanError(.typeMismatch, "invalid INTERVAL literal '\(text)'", at: span)
        }
        return .literal(.interval(interval))
    }

    /// `value [NOT] BETWEEN [SYMMETRIC] low AND high`, the operands already made comparable.
    func between(_ value: Expr, _ low: Expr, _ high: Expr, negated: Bool, symmetric: Bool, at span: SourceSpan) throws(PlanError) -> Expr {
        let ordered = Expr.between(value, low: low, high: high, negated: negated)
        guard symmetric else { return ordered }
        // As PostgreSQL rewrites it: either order of the bounds (NOT: neither order).
        // The rewrite holds each operand twice, so nesting BETWEEN SYMMETRIC in its own
        // operands doubles the expression per level: past a budget it is refused.
        var nodes = 0
        let budget = 10_000
        _ = [value, low, high].contains { part in part.contains { _ in nodes += 1; return nodes > budget } }
        if nodes > budget {
            throw PlanError(.unsupported, "BETWEEN SYMMETRIC operands too large (over \(budget) expression nodes); write the two ranges out", at: span)
        }
        let swapped = Expr.between(value, low: high, high: low, negated: negated)
        return negated ? ordered.and(swapped) : ordered.or(swapped)
    }

    /// LIKE's escape character: backslash unless ESCAPE names another character, or none
    /// (`ESCAPE ''`).
    func likeEscape(_ escape: SQLExpr?) throws(PlanError) -> Character? {
        var esc: Character? = Like.defaultEscape
        if let escape {
            guard case .string(let s) = escape.kind, s.unicodeScalars.count <= 1 else {
                throw PlanError(.typeMismatch, "invalid escape string (must be empty or one character)", at: escape.span)
            }
            esc = s.first
        }
        return esc
    }

    /// `CASE [operand] WHEN … THEN … [ELSE …] END`: the operand and WHEN values made
    /// comparable, the results unified to one type.
    mutating func bindCase(_ operand: SQLExpr?, _ branches: [(SQLExpr, SQLExpr)], _ elseExpr: SQLExpr?, scope: Scope,
                           allowAggregates: Bool, clause: String) throws(PlanError) -> Expr {
    func sub(_ x: SQLExpr) throws(PlanError) -> Expr {
        try bindExpr(x, scope: scope, allowAggregates: allowAggregates, clause: clause)
    }
        var o = try operand.map { (x: SQLExpr) throws(PlanError) -> Expr in try sub(x) }
        var whens: [(Expr, SourceSpan)] = [], thens: [Expr] = []
        for (w, t) in branches {
            whens.append((try sub(w), w.span))
            thens.append(try sub(t))
        }
        let resultSpans = branches.map { $0.1.span } + (elseExpr.map { [$0.span] } ?? [])
        var el = try elseExpr.map { (x: SQLExpr) throws(PlanError) -> Expr in try sub(x) }
        if let operand, let value = o {
            let (v, coerced) = try comparable(value, operand.span, whens, scope: scope)
            o = v
            for i in whens.indices { whens[i].0 = coerced[i] }
        }
        (thens, el) = try caseResults(thens, el, spans: resultSpans, scope: scope)
        let bound = zip(whens, thens).map { CaseWhen.Branch(when: $0.0.0, then: $0.1) }
        return .caseWhen(CaseWhen(operand: o, branches: bound, elseExpr: el))
    }

    /// `EXTRACT(field FROM x)`: a field valid for the type of `x`, as `date_part`.
    mutating func bindExtract(_ field: String, _ x: SQLExpr, scope: Scope, allowAggregates: Bool, clause: String,
                              span: SourceSpan) throws(PlanError) -> Expr {
    func sub(_ x: SQLExpr) throws(PlanError) -> Expr {
        try bindExpr(x, scope: scope, allowAggregates: allowAggregates, clause: clause)
    }
        guard ExtractField.all.contains(field) else {
            throw PlanError(.unknownName, "unknown EXTRACT field '\(field)'", at: span)
        }
        let source = try sub(x)
        let type = try located(x.span) { () throws(PlanError) in try source.dataType(in: scope.schema) }
        if let problem = ExtractField.problem(field, for: type) { throw PlanError(.typeMismatch, problem, at: span) }
        return .scalarFunction(.datePart, [.literal(.string(field)), source])
    }

    /// A numeric literal: integers are `Int64` (or DECIMAL when larger), numbers with a
    /// point are exact DECIMALs, numbers with an exponent are `Float64`.
    func numberLiteral(_ text: String, span: SourceSpan) throws(PlanError) -> ScalarValue {
        if text.contains("e") || text.contains("E") {
            guard let d = Double(text), d.isFinite else { throw PlanError(.syntax, "invalid number '\(text)'", at: span) }
            return .float64(d)
        }
        if !text.contains("."), let i = Int64(text) { return .int64(i) }
        let digits = text.hasPrefix("-") ? String(text.dropFirst()) : text
        let (p, s) = DecimalMath.literalShape(digits)
        guard p <= DataType.maxDecimalPrecision, let unscaled = DecimalMath.parse(text, precision: p, scale: s) else {
            throw PlanError(.typeMismatch, "numeric literal '\(text)' is out of range (at most \(DataType.maxDecimalPrecision) digits)", at: span)
        }
        return .decimal(unscaled, precision: p, scale: s)
    }

    mutating func bindSubquery(_ q: Query, scope: Scope) throws(PlanError) -> Subquery {
        let frame = OuterScope(scope: scope)
        outer.append(frame)
        defer { outer.removeLast() }
        let plan = try bindQuery(q)
        return Subquery(plan: plan, outerReferences: frame.references)
    }

    /// Resolves `col`, `t.col` or `schema.t.col` in the current scope, then in enclosing
    /// queries (a correlated reference).
    func resolveColumn(_ parts: [Ident], scope: Scope, span: SourceSpan) throws(PlanError) -> Expr {
        guard parts.count <= 3, let last = parts.last else {
            throw PlanError(.unknownName, "column name '\(parts.map(\.value).joined(separator: "."))' has too many parts", at: span)
        }
        let name = last.reference
        let qualifier = parts.count >= 2 ? parts[parts.count - 2].reference : nil
        // As written, for messages.
        let column = Column(relation: qualifier?.text, name: name.text)
        if qualifier == nil, let merged = scope.merged(name) { return merged }
        switch scope.schema.lookup(name, relation: qualifier) {
        case .found(let i): return .column(scope.schema.fields[i].column)
        case .ambiguous(let names):
            throw PlanError(.ambiguousName, "column reference '\(column.flatName)' is ambiguous (could be \(names.joined(separator: " or ")))", at: span)
        case .notFound: break
        }
        // QUALIFY may name a select-list alias (as DuckDB's does), when no column has the name.
        if qualifier == nil, let aliased = selectAliases.first(where: { name.matches($0.name) }) { return aliased.expr }
        for level in outer.indices.reversed() {
            let s = outer[level].scope
            var found: Expr?
            if qualifier == nil, let merged = s.merged(name) { found = merged }
            if found == nil {
                switch s.schema.lookup(name, relation: qualifier) {
                case .found(let i): found = .column(s.schema.fields[i].column)
                case .ambiguous(let names):
                    throw PlanError(.ambiguousName, "column reference '\(column.flatName)' is ambiguous (could be \(names.joined(separator: " or ")))", at: span)
                case .notFound: break
                }
            }
            guard let found else { continue }
            guard case .column(let c) = found, let field = s.schema.field(for: c) else {
                throw PlanError(.unsupported, "correlated reference to merged USING column '\(name.text)' is not supported; qualify it", at: span)
            }
            for inner in outer[level...] where !inner.references.contains(c) { inner.references.append(c) }
            return .outerColumn(c, field.dataType)
        }
        let qualifies = { (f: Field) in f.qualifier.map { qualifier?.matches($0) ?? false } ?? false }
        if let qualifier, !scope.schema.fields.contains(where: qualifies),
           !outer.contains(where: { $0.scope.schema.fields.contains(where: qualifies) }) {
            var message = "table '\(qualifier.text)' not found in FROM clause (for column '\(column.flatName)')"
            let known = Array(Set(scope.schema.fields.compactMap(\.qualifier))).sorted()
            if let hint = closestName(to: qualifier.text, in: known) { message += " (did you mean '\(hint)'?)" }
            throw PlanError(.unknownName, message, at: span)
        }
        throw unknownColumn(column.flatName, in: scope.schema, at: span)
    }

    mutating func bindFunction(_ call: FunctionCall, scope: Scope, allowAggregates: Bool, clause: String,
                               span: SourceSpan) throws(PlanError) -> Expr {
        let name = call.name.normalized
        if let over = call.over {
            return try bindWindowCall(call, over: over, scope: scope, allowAggregates: allowAggregates, clause: clause, span: span)
        }
        if call.name.parts.count == 1, name == "grouping" {
            return try bindGroupingCall(call, scope: scope, clause: clause, span: span)
        }
        if call.ignoreNulls {
            throw PlanError(.syntax, "IGNORE NULLS is only allowed for the window functions lag, lead, first_value, last_value and nth_value", at: span)
        }
        if call.name.parts.count == 1, WindowFunction.windowOnly[name] != nil {
            throw PlanError(.invalidPlan, "window function \(name) requires an OVER clause", at: span)
        }
        if call.name.parts.count == 1, let agg = AggregateFunction(sqlName: name) {
            guard allowAggregates else {
                if clause == "aggregate argument" {
                    throw PlanError(.invalidPlan, "aggregate function calls cannot be nested", at: span)
                }
                throw PlanError(.invalidPlan, "aggregate functions are not allowed in \(clause)", at: span)
            }
            return try bindAggregateCall(agg, call, scope: scope, span: span)
        }
        if !call.orderBy.isEmpty || call.withinGroup != nil {
            let what = call.withinGroup != nil ? "WITHIN GROUP" : "ORDER BY inside a call"
            throw PlanError(.syntax, "\(what) is only allowed for aggregate functions, and \(name) is not one", at: span)
        }
        if call.name.parts.count == 1, let planner = catalog.surface.expressionPlanner(function: name) {
            if call.distinct || call.filter != nil {
                throw PlanError(.syntax, "DISTINCT and FILTER are only allowed in aggregate functions", at: span)
            }
            var args: [Expr] = []
            for a in call.args { args.append(try bindExpr(a, scope: scope, allowAggregates: allowAggregates, clause: clause)) }
            let expr = try located(span) { () throws(PlanError) in try planner.plan(function: name, args) }
            return try comparisonsCoerced(expr, span: span, scope: scope)
        }
        guard call.name.parts.count == 1, let function = ScalarFunction(sqlName: name) else {
            if let unsupported = unsupportedFunction(name, at: call.name.span) { throw unsupported }
            var message = "unknown function '\(name)'"
            let names = ScalarFunction.sqlNames + AggregateFunction.allCases.map(\.rawValue)
            if let hint = closestName(to: name, in: names) { message += " (did you mean '\(hint)'?)" }
            throw PlanError(.unknownName, message, at: call.name.span)
        }
        if call.distinct { throw PlanError(.syntax, "DISTINCT is only allowed in aggregate functions", at: span) }
        if call.filter != nil { throw PlanError(.syntax, "FILTER is only allowed for aggregate functions", at: span) }
        let arity = function.arity
        guard arity.contains(call.args.count) else {
            let expected: String
            if arity.lowerBound == arity.upperBound { expected = "\(arity.lowerBound) argument\(arity.lowerBound == 1 ? "" : "s")" }
            else if arity.upperBound == Int.max { expected = "at least \(arity.lowerBound) argument\(arity.lowerBound == 1 ? "" : "s")" }
            else { expected = "\(arity.lowerBound) to \(arity.upperBound) arguments" }
            throw PlanError(.arity, "function \(name) takes \(expected), got \(call.args.count)", at: span)
        }
        var args: [Expr] = []
        for a in call.args { args.append(try bindExpr(a, scope: scope, allowAggregates: allowAggregates, clause: clause)) }
        try checkConstantArguments(function, args, spans: call.args.map(\.span))
        if function == .timezone {
            // `x AT LOCAL`: the session's zone; a date is read as the session's midnight.
            if args.count == 1 { args.insert(.literal(.string(timeZone.name)), at: 0) }
            if (try? args[1].dataType(in: scope.schema)) == .date { args[1] = .cast(args[1], .timestampTZ) }
        }
        if function == .now, name == "localtimestamp" {
            return .scalarFunction(.timezone, [.literal(.string(timeZone.name)), .scalarFunction(.now, [])])
        }
        if function == .age, args.count == 1 {
            // age(t) is the age at today's midnight (PostgreSQL), fixed per statement like current_date.
            args.insert(.cast(.scalarFunction(.currentDate, []), .timestamp), at: 0)
            return try coercedArguments(function, args, spans: [call.args[0].span] + call.args.map(\.span), scope: scope)
        }
        return try coercedArguments(function, args, spans: call.args.map(\.span), scope: scope)
    }
}
