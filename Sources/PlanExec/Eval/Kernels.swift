#if canImport(Glibc)
import Glibc
#endif
import PlanCore

/// Vectorized fast paths for the hottest operations on same-typed columns. Each returns
/// `nil` when it does not apply, and the caller falls back to ``ScalarOps`` row by row.
/// Results must equal what ``ScalarOps`` would give.
enum Kernels {
    static func combinedValidity(_ a: ColumnVector, _ b: ColumnVector) -> Bitmap? {
        switch (a.validity, b.validity) {
        case (nil, nil): nil
        case (let x?, nil): x
        case (nil, let y?): y
        case (let x?, let y?): x & y
        }
    }

    static func compare<T: Comparable>(_ op: BinaryOperator, _ x: [T], _ y: [T]) -> [Bool] {
        let n = x.count
        var out = [Bool](repeating: false, count: n)
        switch op {
        case .eq: for i in 0..<n { out[i] = x[i] == y[i] }
        case .notEq: for i in 0..<n { out[i] = x[i] != y[i] }
        case .lt: for i in 0..<n { out[i] = x[i] < y[i] }
        case .ltEq: for i in 0..<n { out[i] = x[i] <= y[i] }
        case .gt: for i in 0..<n { out[i] = x[i] > y[i] }
        case .gtEq: for i in 0..<n { out[i] = x[i] >= y[i] }
        default: break
        }
        return out
    }

    static func compare<T: Comparable>(_ op: BinaryOperator, _ x: [T], _ c: T) -> [Bool] {
        let n = x.count
        var out = [Bool](repeating: false, count: n)
        x.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                switch op {
                case .eq: for i in 0..<n { o[i] = x[i] == c }
                case .notEq: for i in 0..<n { o[i] = x[i] != c }
                case .lt: for i in 0..<n { o[i] = x[i] < c }
                case .ltEq: for i in 0..<n { o[i] = x[i] <= c }
                case .gt: for i in 0..<n { o[i] = x[i] > c }
                case .gtEq: for i in 0..<n { o[i] = x[i] >= c }
                default: break
                }
            }
        }
        return out
    }

    /// `column op constant` without spreading the constant over a column first (for
    /// `constant op column`, pass the mirrored operator). Nil for a NULL constant or
    /// types that need ``ScalarOps``.
    static func compare(_ op: BinaryOperator, _ l: ColumnVector, constant c: ScalarValue) -> ColumnVector? {
        guard op.isComparison else { return nil }
        let out: [Bool]
        switch (l.values, c) {
        case (.int64(let x), .int64(let v)): out = compare(op, x, v)
        case (.int32(let x), .int32(let v)): out = compare(op, x, v)
        case (.date(let x), .date(let v)): out = compare(op, x, v)
        // A TIMESTAMPTZ column shares the timestamps' buffer: the constant's kind must match the column's type.
        case (.timestamp(let x), .timestamp(let v)) where l.dataType == .timestamp: out = compare(op, x, v)
        case (.timestamp(let x), .timestampTZ(let v)) where l.dataType == .timestampTZ: out = compare(op, x, v)
        case (.float64(let x), .float64(let v)):
            if v.isNaN || x.contains(where: \.isNaN) { return nil }
            out = compare(op, x, v)
        case (.decimal(let x), .decimal(let v, _, let scale)):
            guard case .decimal(_, let s) = l.dataType, s == scale else { return nil }
            out = compare(op, x, v)
        case (.string(let x), .string(let v)):
            out = compare(op, x, bytes: Array(v.utf8))
        default: return nil
        }
        return ColumnVector(.boolean, .boolean(out), validity: l.validity)
    }

    /// `x[i] op constant` for every string of `x`, byte-wise (`memcmp`; lengths first for = and <>).
    static func compare(_ op: BinaryOperator, _ x: StringArray, bytes constant: [UInt8]) -> [Bool] {
        let n = x.count
        var out = [Bool](repeating: false, count: n)
        let equality = op == .eq || op == .notEq
        x.withUnsafeLayout { layout in
            let off = layout.offsets, b = layout.bytes
            constant.withUnsafeBufferPointer { c in
                out.withUnsafeMutableBufferPointer { o in
                    for i in 0..<n {
                        let start = Int(off[i]), length = Int(off[i + 1]) - start
                        let common = min(length, c.count)
                        var r: Int32 = 0
                        if common > 0, let base = b.baseAddress, let cb = c.baseAddress {
                            if equality && length != c.count { o[i] = op == .notEq; continue }
                            r = memcmp(base + start, cb, common)
                        } else if equality && length != c.count {
                            o[i] = op == .notEq; continue
                        }
                        o[i] = holds(op, r != 0 ? Int(r.signum()) : (length - c.count).signum())
                    }
                }
            }
        }
        return out
    }

    /// Whether comparison `op` holds for a three-way comparison result `c` (-1, 0, 1).
    @inline(__always)
    static func holds(_ op: BinaryOperator, _ c: Int) -> Bool {
        switch op {
        case .eq: c == 0
        case .notEq: c != 0
        case .lt: c < 0
        case .ltEq: c <= 0
        case .gt: c > 0
        default: c >= 0
        }
    }

    static func binary(_ op: BinaryOperator, _ l: ColumnVector, _ r: ColumnVector, resultType: DataType) throws(PlanError) -> ColumnVector? {
        if case .null = l.values { return nil }
        if case .null = r.values { return nil }
        let validity = combinedValidity(l, r)
        if op.isComparison {
            let out: [Bool]
            switch (l.values, r.values) {
            case (.int64(let x), .int64(let y)): out = compare(op, x, y)
            case (.int32(let x), .int32(let y)): out = compare(op, x, y)
            case (.float64(let x), .float64(let y)):
                if x.contains(where: \.isNaN) || y.contains(where: \.isNaN) { return nil }
                out = compare(op, x, y)
            case (.date(let x), .date(let y)): out = compare(op, x, y)
            case (.timestamp(let x), .timestamp(let y)) where l.dataType == r.dataType: out = compare(op, x, y)
            case (.decimal(let x), .decimal(let y)):
                guard case .decimal(_, let s1) = l.dataType, case .decimal(_, let s2) = r.dataType, s1 == s2 else { return nil }
                out = compare(op, x, y)
            case (.string(let x), .string(let y)):
                var o = [Bool](repeating: false, count: l.count)
                for i in 0..<l.count {
                    o[i] = holds(op, x.compare(i, y, i))
                }
                out = o
            default: return nil
            }
            return ColumnVector(.boolean, .boolean(out), validity: validity)
        }
        guard op.isArithmetic, op != .modulo else { return nil }
        switch (l.values, r.values, resultType) {
        case (.float64(let x), .float64(let y), .float64):
            var out = [Double](repeating: 0, count: x.count)
            switch op {
            case .plus: for i in 0..<x.count { out[i] = x[i] + y[i] }
            case .minus: for i in 0..<x.count { out[i] = x[i] - y[i] }
            case .multiply: for i in 0..<x.count { out[i] = x[i] * y[i] }
            default: return nil
            }
            // An infinite or zero result may be an overflow or underflow: checked as
            // ScalarOps checks it, on the rows that are not NULL.
            for i in 0..<out.count where (out[i].isInfinite || out[i] == 0) && (validity?[i] ?? true) {
                _ = try ScalarOps.floatArithmetic(op, x[i], y[i])
            }
            return ColumnVector(.float64, .float64(out), validity: validity)
        case (.int64(let x), .int64(let y), .int64):
            var out = [Int64](repeating: 0, count: x.count)
            for i in 0..<x.count {
                let (v, o): (Int64, Bool)
                switch op {
                case .plus: (v, o) = x[i].addingReportingOverflow(y[i])
                case .minus: (v, o) = x[i].subtractingReportingOverflow(y[i])
                case .multiply: (v, o) = x[i].multipliedReportingOverflow(by: y[i])
                default: return nil
                }
                if o && (validity?[i] ?? true) { throw ScalarOps.overflow(.int64) }
                out[i] = v
            }
            return ColumnVector(.int64, .int64(out), validity: validity)
        case (.decimal(let x), .decimal(let y), .decimal(let p, let s)):
            guard case .decimal(_, let s1) = l.dataType, case .decimal(_, let s2) = r.dataType else { return nil }
            let limit = DecimalMath.maxUnscaled(precision: p)
            guard x.count == y.count else { return nil }
            switch op {
            case .plus, .minus: guard s1 == s2, s == s1 else { return nil }
            case .multiply: guard s == s1 + s2 else { return nil }
            default: return nil
            }
            // Rows past the limit that are NULL do not count; the first other one fails.
            var overflowAt = -1
            let out = x.withUnsafeBufferPointer { xs in
                y.withUnsafeBufferPointer { ys in
                    [Int128].uninitialized(capacity: xs.count) { o, initialized in
                        for i in 0..<xs.count {
                            let a = xs[i], b = ys[i]
                            let v: Int128
                            var overflow = false
                            switch op {
                            case .plus: v = a &+ b
                            case .minus: v = a &- b
                            default:
                                // Operands that fit 64 bits (nearly all) multiply exactly in one
                                // full-width step; others take the checked 128-bit multiply.
                                let a64 = Int64(truncatingIfNeeded: a), b64 = Int64(truncatingIfNeeded: b)
                                if Int128(a64) == a, Int128(b64) == b {
                                    let w = a64.multipliedFullWidth(by: b64)
                                    v = Int128(w.high) << 64 | Int128(w.low)
                                } else {
                                    let (m, o) = a.multipliedReportingOverflow(by: b)
                                    v = m
                                    overflow = o
                                }
                            }
                            if (overflow || v > limit || v < -limit), overflowAt < 0, validity?[i] ?? true { overflowAt = i }
                            o[i] = v
                        }
                        initialized = xs.count
                    }
                }
            }
            if overflowAt >= 0 { throw ScalarOps.overflow(resultType) }
            return ColumnVector(resultType, .decimal(out), validity: validity)
        default:
            return nil
        }
    }

    /// Exact widening casts that cannot fail.
    static func cast(_ v: ColumnVector, to type: DataType) -> ColumnVector? {
        switch (v.values, type) {
        case (.int64(let x), .float64): return ColumnVector(type, .float64(x.map(Double.init)), validity: v.validity)
        case (.int32(let x), .int64): return ColumnVector(type, .int64(x.map(Int64.init)), validity: v.validity)
        case (.decimal(let x), .float64):
            guard case .decimal(_, let s) = v.dataType else { return nil }
            let d = Double(DecimalMath.pow10(scale: s))
            return ColumnVector(type, .float64(x.map { Double($0) / d }), validity: v.validity)
        case (.int64(let x), .decimal(let p, let s)):
            guard p - s >= 19, let m = DecimalMath.pow10(s) else { return nil }  // safe: p, s ≤ 38
            // |x| < 2^63 and s ≤ 19 (p - s ≥ 19, p ≤ 38): |x · 10^s| < 9.3·10^37 fits.
            return ColumnVector(type, .decimal(x.map { Int128($0) * m }), validity: v.validity)  // safe: see above
        case (.decimal(let x), .decimal(let p, let s)):
            guard case .decimal(let p0, let s0) = v.dataType, s >= s0, p - s >= p0 - s0 else { return nil }
            guard let m = DecimalMath.pow10(s - s0) else { return nil }  // safe: s ≥ s0, both 0...38
            // |x| < 10^p0, so |x · 10^(s - s0)| < 10^(p0 - s0 + s) ≤ 10^p ≤ 10^38 fits.
            return ColumnVector(type, .decimal(x.map { $0 * m }), validity: v.validity)  // safe: see above
        default: return nil
        }
    }
}
