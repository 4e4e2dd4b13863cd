import PlanCore

/// Compares two rows of a batch by sort keys without making values: each key column
/// gets a typed comparison (integers, dates, decimals, doubles, strings by bytes) with
/// its direction and NULL placement; other types compare through ``ScalarOps``.
struct SortKeyComparator {
    // Per key, in plain arrays read by index (no column or expression copied per comparison).
    private let columns: [ColumnVector]
    private let ascending: [Bool]
    private let nullsFirst: [Bool]
    private let hasNulls: [Bool]
    private let typed: [((Int, Int) -> Int)?]

    init(columns: [ColumnVector], keys: [SortExpr]) {
        let n = min(columns.count, keys.count)
        self.columns = Array(columns.prefix(n))
        ascending = keys.prefix(n).map(\.ascending)
        nullsFirst = keys.prefix(n).map(\.nullsFirst)
        hasNulls = self.columns.map { $0.nullCount > 0 }
        typed = self.columns.map(SortKeyComparator.typedComparison)
    }

    /// A three-way comparison of two non-NULL rows of `column`, when its type has one.
    private static func typedComparison(_ column: ColumnVector) -> ((Int, Int) -> Int)? {
        func cmp<T: Comparable>(_ a: [T]) -> (Int, Int) -> Int {
            { i, j in a[i] < a[j] ? -1 : (a[i] == a[j] ? 0 : 1) }
        }
        switch column.values {
        case .int64(let a), .timestamp(let a): return cmp(a)
        case .int32(let a), .date(let a): return cmp(a)
        case .int16(let a): return cmp(a)
        case .decimal(let a) where column.dataType == .numeric:
            // Packed NUMERIC values (each with its own scale) compare by value.
            return { i, j in NumericValue.compare(NumericValue(packed: a[i]), NumericValue(packed: a[j])) }
        case .decimal(let a): return cmp(a)
        case .string(let s) where column.dataType.isString: return { i, j in s.compare(i, s, j) }
        default: return nil
        }
    }

    /// Where row `a` sorts against row `b`: negative before, positive after, zero for
    /// a tie; `failure` is set when two values cannot be ordered.
    func order(_ a: Int, _ b: Int, failure: inout PlanError?) -> Int {
        for k in 0..<typed.count {
            if hasNulls[k] {
                let nullA = columns[k].isNull(a), nullB = columns[k].isNull(b)
                if nullA || nullB {
                    if nullA && nullB { continue }
                    return nullA == nullsFirst[k] ? -1 : 1
                }
            }
            let c: Int
            if let compare = typed[k] {
                c = compare(a, b)
            } else {
                let x = columns[k].value(a), y = columns[k].value(b)
                guard let order = ScalarOps.compare(x, y) else {
                    failure = PlanError(.execution, "cannot order \(x.dataType.sqlName) against \(y.dataType.sqlName)")
                    return 0
                }
                c = order
            }
            if c != 0 { return ascending[k] ? c : -c }
        }
        return 0
    }
}
