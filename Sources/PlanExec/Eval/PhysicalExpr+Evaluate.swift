import PlanCore

extension PhysicalExpr {
    /// Evaluates the expression for every row of `batch`, its subqueries' results kept
    /// for this call only: for an expression evaluated once, or one without subqueries.
    public func evaluate(_ batch: RecordBatch) throws -> ColumnVector {
        var cache = SubqueryCache()
        return try evaluate(batch, cache: &cache)
    }

    /// Evaluates the expression for every row of `batch`; subqueries' results are looked
    /// up in, and added to, `cache` (the calling stream's).
    public func evaluate(_ batch: RecordBatch, cache: inout SubqueryCache) throws -> ColumnVector {
        let n = batch.rowCount
        switch kind {
        case .column(let i):
            return batch.columns[i]
        case .literal(let v):
            return ColumnVector.constant(try ScalarOps.cast(v, to: dataType), type: dataType, count: n)
        case .logical(let op, let operands):
            // Left to right, each operand evaluated only on the rows still open.
            var result = try operands[0].evaluate(batch, cache: &cache)
            for r in operands.dropFirst() { result = try Self.evaluateLogical(op, result, r, batch, cache: &cache) }
            return result
        case .binary(let op, let l, let r):
            // `column op literal` (either way round) without spreading the literal over a column.
            if op.isComparison, l.dataType == r.dataType {
                if case .literal(let v) = r.kind {
                    let left = try l.evaluate(batch, cache: &cache)
                    if let fast = Kernels.compare(op, left, constant: try ScalarOps.cast(v, to: r.dataType)) { return fast }
                    return try evaluateBinary(op, left, try r.evaluate(batch, cache: &cache))
                }
                if case .literal(let v) = l.kind, let swapped = op.swapped {
                    let right = try r.evaluate(batch, cache: &cache)
                    if let fast = Kernels.compare(swapped, right, constant: try ScalarOps.cast(v, to: l.dataType)) { return fast }
                    return try evaluateBinary(op, try l.evaluate(batch, cache: &cache), right)
                }
            }
            return try evaluateBinary(op, try l.evaluate(batch, cache: &cache), try r.evaluate(batch, cache: &cache))
        case .not(let e):
            let v = try e.evaluate(batch, cache: &cache)
            if case .boolean(let values) = v.values {
                return ColumnVector(.boolean, .boolean(values.map { !$0 }), validity: v.validity)
            }
            return try map1(v) { (a) throws(PlanError) in
                if case .boolean(let b) = a { return .boolean(!b) }
                return .null
            }
        case .negative(let e):
            return try map1(try e.evaluate(batch, cache: &cache)) { (a) throws(PlanError) in try ScalarOps.negate(a) }
        case .isTest(let e, let test):
            let v = try e.evaluate(batch, cache: &cache)
            var out = [Bool](repeating: false, count: n)
            for i in 0..<n {
                let x = v.value(i)
                switch test {
                case .isNull: out[i] = x.isNull
                case .isNotNull: out[i] = !x.isNull
                case .isTrue: out[i] = x == .boolean(true)
                case .isNotTrue: out[i] = x != .boolean(true)
                case .isFalse: out[i] = x == .boolean(false)
                case .isNotFalse: out[i] = x != .boolean(false)
                case .isUnknown: out[i] = x.isNull
                case .isNotUnknown: out[i] = !x.isNull
                }
            }
            return ColumnVector(.boolean, .boolean(out))
        case .like(let e, let matcher, let patternExpr, let like):
            let v = try e.evaluate(batch, cache: &cache)
            if let matcher, case .string(let strings) = v.values, !like.caseInsensitive {
                var out = [Bool](repeating: false, count: n)
                var failure: RowFailure?
                strings.withUnsafeLayout { layout in
                    for i in 0..<n where !v.isNull(i) {
                        do throws(PlanError) {
                            out[i] = try matcher.evaluate(layout.string(i)) != like.negated
                        } catch {
                            failure = RowFailure(row: i, error: error)
                            return
                        }
                    }
                }
                if let failure { throw failure }
                return ColumnVector(.boolean, .boolean(out), validity: v.validity)
            }
            let patterns = try patternExpr.evaluate(batch, cache: &cache)
            return try map2(v, patterns) { (s, p) throws(PlanError) in
                guard case .string(let text) = s, case .string(let pattern) = p else { return .null }
                let m: LikeMatcher
                if let matcher { m = matcher } else {
                    m = try LikeMatcher(pattern: pattern, escape: like.escape, caseInsensitive: like.caseInsensitive)
                }
                return .boolean(try m.evaluate(text) != like.negated)
            }
        case .inList(let e, let items, let negated, let constants):
            let v = try e.evaluate(batch, cache: &cache)
            if let constants {
                if let fast = StringKernels.inList(v, constants, negated: negated) { return fast }
                var out = [Bool](repeating: false, count: n)
                for i in 0..<n where !v.isNull(i) {
                    out[i] = constants.contains(PhysicalExpr.normalizeKey(v.value(i))) != negated
                }
                return ColumnVector(.boolean, .boolean(out), validity: v.validity)
            }
            let columns = try items.map { try $0.evaluate(batch, cache: &cache) }
            var b = ColumnBuilder(.boolean, capacity: n)
            for i in 0..<n {
                let x = v.value(i)
                if x.isNull { b.appendNull(); continue }
                var found = false, sawNull = false
                for c in columns {
                    let y = c.value(i)
                    if y.isNull { sawNull = true; continue }
                    if ScalarOps.compare(x, y) == 0 { found = true; break }
                }
                if found { b.append(.boolean(!negated)) } else if sawNull { b.appendNull() } else { b.append(.boolean(negated)) }
            }
            return b.finish()
        case .caseWhen(let operand, let branches, let elseExpr):
            return try evaluateCase(operand, branches, elseExpr, batch, cache: &cache)
        case .cast(let e):
            let v = try e.evaluate(batch, cache: &cache)
            if v.dataType == dataType { return v }
            if let fast = Kernels.cast(v, to: dataType) { return fast }
            return try map1(v) { (a) throws(PlanError) in try ScalarOps.cast(a, to: dataType) }
        case .function(.coalesce, let args):
            return try evaluateCoalesce(args, batch, cache: &cache)
        case .function(let f, let args):
            let columns = try args.map { try $0.evaluate(batch, cache: &cache) }
            if f == .substr, let fast = try StringKernels.substr(columns, resultType: dataType) { return fast }
            var b = ColumnBuilder(dataType, capacity: n)
            var values = [ScalarValue](repeating: .null, count: columns.count)
            for i in 0..<n {
                for (k, c) in columns.enumerated() { values[k] = c.value(i) }
                do { b.append(try ScalarOps.function(f, values, resultType: dataType)) } catch { throw RowFailure(row: i, error: error) }
            }
            return b.finish()
        case .regex(let f, let args, let regex):
            return try evaluateRegex(f, args, regex, batch, cache: &cache)
        case .subquery(let expr, let schema, let probe):
            return try evaluateSubquery(expr, schema: schema, probe: probe, batch, cache: &cache)
        }
    }

    /// Applies `f` to each row's value; NULLs are passed to `f`.
    /// `left op right` on two evaluated columns: a typed kernel, or row by row.
    private func evaluateBinary(_ op: BinaryOperator, _ left: ColumnVector, _ right: ColumnVector) throws -> ColumnVector {
        if let fast = try Kernels.binary(op, left, right, resultType: dataType) { return fast }
        return try map2(left, right) { (a, b) throws(PlanError) in try ScalarOps.binary(op, a, b, resultType: dataType) }
    }

    func map1(_ v: ColumnVector, _ f: (ScalarValue) throws(PlanError) -> ScalarValue) throws -> ColumnVector {
        var b = ColumnBuilder(dataType, capacity: v.count)
        for i in 0..<v.count {
            do { b.append(try f(v.value(i))) } catch { throw RowFailure(row: i, error: error) }
        }
        return b.finish()
    }

    func map2(_ l: ColumnVector, _ r: ColumnVector, _ f: (ScalarValue, ScalarValue) throws(PlanError) -> ScalarValue) throws -> ColumnVector {
        var b = ColumnBuilder(dataType, capacity: l.count)
        for i in 0..<l.count {
            do { b.append(try f(l.value(i), r.value(i))) } catch { throw RowFailure(row: i, error: error) }
        }
        return b.finish()
    }

    /// AND/OR of an evaluated left side with `r`, evaluating `r` only on rows the left
    /// side does not decide, so an error `r` would raise on those rows is never raised.
    static func evaluateLogical(_ op: LogicalOperator, _ left: ColumnVector, _ r: PhysicalExpr, _ batch: RecordBatch,
                                cache: inout SubqueryCache) throws -> ColumnVector {
        if let fast = try Self.logical(op, left, r, batch, cache: &cache) { return fast }
        let n = batch.rowCount
        let decided: Bool = op == .or
        var pending: [Int] = []
        for i in 0..<n {
            if case .boolean(let b) = left.value(i), b == decided { continue }
            pending.append(i)
        }
        if pending.isEmpty { return left }
        let right: ColumnVector
        let rightIndex: [Int]?
        if pending.count == n {
            right = try r.evaluate(batch, cache: &cache)
            rightIndex = nil
        } else {
            right = try Self.evaluate(r, rows: pending, of: batch, cache: &cache)
            rightIndex = pending
        }
        var b = ColumnBuilder(.boolean, capacity: n)
        var k = 0
        for i in 0..<n {
            let a = left.value(i)
            if let rightIndex {
                if k < rightIndex.count, rightIndex[k] == i {
                    b.append(ScalarOps.logical(op, [a, right.value(k)]))
                    k += 1
                } else {
                    b.append(a)
                }
            } else {
                b.append(ScalarOps.logical(op, [a, right.value(i)]))
            }
        }
        return b.finish()
    }

    /// AND/OR over boolean arrays (three-valued): the right side is evaluated on the
    /// whole batch when it cannot fail, otherwise only on the rows the left side leaves
    /// open; nil when a side is not a boolean column (the value path decides).
    static func logical(_ op: LogicalOperator, _ left: ColumnVector, _ r: PhysicalExpr, _ batch: RecordBatch,
                        cache: inout SubqueryCache) throws -> ColumnVector? {
        guard case .boolean(let lv) = left.values else { return nil }
        let n = batch.rowCount
        let decided = op == .or
        var open: [Int] = []
        open.reserveCapacity(n)
        for i in 0..<n where !(lv[i] == decided && !left.isNull(i)) { open.append(i) }
        if open.isEmpty { return left }
        let whole = open.count == n || r.source.cannotFail
        let right = whole ? try r.evaluate(batch, cache: &cache) : try Self.evaluate(r, rows: open, of: batch, cache: &cache)
        guard case .boolean(let rv) = right.values else { return nil }
        var values = lv
        var nulls: [Int] = []
        for (k, i) in open.enumerated() {
            let j = whole ? i : k
            let a: Bool? = left.isNull(i) ? nil : lv[i]
            let b: Bool? = right.isNull(j) ? nil : rv[j]
            // Kleene logic: a deciding value wins, then NULL, then the other value.
            if a == decided || b == decided { values[i] = decided; continue }
            if a == nil || b == nil { values[i] = false; nulls.append(i); continue }
            values[i] = !decided
        }
        // Rows the left side decided keep its value (never NULL).
        var validity: Bitmap?
        if !nulls.isEmpty {
            var v = Bitmap(count: n, value: true)
            for i in nulls { v.set(i, false) }
            validity = v
        }
        return ColumnVector(.boolean, .boolean(values), validity: validity)
    }

    /// `e` evaluated on rows `rows` (ascending) of `batch` only; a row failure names the
    /// row of `batch`.
    static func evaluate(_ e: PhysicalExpr, rows: [Int], of batch: RecordBatch, cache: inout SubqueryCache) throws -> ColumnVector {
        if rows.count == batch.rowCount { return try e.evaluate(batch, cache: &cache) }
        do { return try e.evaluate(batch.gather(rows), cache: &cache) } catch let f as RowFailure {
            throw RowFailure(row: rows[f.row], error: f.error)
        }
    }

    /// COALESCE evaluating each argument only on the rows every earlier one left NULL
    /// (PostgreSQL's order: `coalesce(1, 1/0)` is 1).
    func evaluateCoalesce(_ args: [PhysicalExpr], _ batch: RecordBatch, cache: inout SubqueryCache) throws -> ColumnVector {
        let n = batch.rowCount
        let first = try args[0].evaluate(batch, cache: &cache)
        var remaining: [Int] = []
        for i in 0..<n where first.isNull(i) { remaining.append(i) }
        if remaining.isEmpty || args.count == 1 {
            if first.dataType == dataType { return first }
            return try map1(first) { (a) throws(PlanError) in try ScalarOps.cast(a, to: dataType) }
        }
        var result = [ScalarValue](repeating: .null, count: n)
        for i in 0..<n where !first.isNull(i) { result[i] = first.value(i) }
        for arg in args.dropFirst() where !remaining.isEmpty {
            let values = try Self.evaluate(arg, rows: remaining, of: batch, cache: &cache)
            var still: [Int] = []
            for (k, row) in remaining.enumerated() {
                let v = values.value(k)
                if v.isNull { still.append(row) } else { result[row] = v }
            }
            remaining = still
        }
        var b = ColumnBuilder(dataType, capacity: n)
        for (i, v) in result.enumerated() {
            do { b.append(try ScalarOps.cast(v, to: dataType)) } catch { throw RowFailure(row: i, error: error) }
        }
        return b.finish()
    }

    /// CASE evaluating each THEN (and ELSE) only on the rows that reach it.
    func evaluateCase(_ operand: PhysicalExpr?, _ branches: [(PhysicalExpr, PhysicalExpr)], _ elseExpr: PhysicalExpr?,
                      _ batch: RecordBatch, cache: inout SubqueryCache) throws -> ColumnVector {
        let n = batch.rowCount
        var result = [ScalarValue](repeating: .null, count: n)
        var remaining = Array(0..<n)
        let operandValues = try operand?.evaluate(batch, cache: &cache)
        for (when, then) in branches where !remaining.isEmpty {
            let w = try Self.evaluate(when, rows: remaining, of: batch, cache: &cache)
            var hit: [Int] = [], hitRows: [Int] = [], miss: [Int] = []
            for (k, row) in remaining.enumerated() {
                let matched: Bool
                if let operandValues {
                    let o = operandValues.value(row), x = w.value(k)
                    matched = !o.isNull && !x.isNull && ScalarOps.compare(o, x) == 0
                } else {
                    matched = ScalarOps.isTrue(w.value(k))
                }
                if matched { hit.append(k); hitRows.append(row) } else { miss.append(row) }
            }
            if !hitRows.isEmpty {
                let values = try Self.evaluate(then, rows: hitRows, of: batch, cache: &cache)
                for (k, row) in hitRows.enumerated() { result[row] = values.value(k) }
            }
            remaining = miss
        }
        if let elseExpr, !remaining.isEmpty {
            let values = try Self.evaluate(elseExpr, rows: remaining, of: batch, cache: &cache)
            for (k, row) in remaining.enumerated() { result[row] = values.value(k) }
        }
        var b = ColumnBuilder(dataType, capacity: n)
        for v in result { b.append(try ScalarOps.cast(v, to: dataType)) }
        return b.finish()
    }
}
