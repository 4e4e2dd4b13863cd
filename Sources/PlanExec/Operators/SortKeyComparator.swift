import PlanCore

/// Compares two rows of a batch by sort keys without making values: each key column
/// gets a typed comparison (integers, dates, decimals, doubles, strings by bytes) with
/// its direction and NULL placement; other types compare through ``ScalarOps``.
struct SortKeyComparator {
    private let keys: [(ColumnVector, SortExpr)]
    private let typed: [((Int, Int) -> Int)?]

    init(columns: [ColumnVector], keys: [SortExpr]) {
        self.keys = Array(zip(columns, keys))
        typed = columns.map(SortKeyComparator.typedComparison)
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
        case .decimal(let a): return cmp(a)
        case .string(let s) where column.dataType.isString: return { i, j in s.compare(i, s, j) }
        default: return nil
        }
    }

    /// Where row `a` sorts against row `b`: negative before, positive after, zero for
    /// a tie; `failure` is set when two values cannot be ordered.
    func order(_ a: Int, _ b: Int, failure: inout PlanError?) -> Int {
        for (k, (column, key)) in keys.enumerated() {
            let nullA = column.isNull(a), nullB = column.isNull(b)
            if nullA || nullB {
                if nullA && nullB { continue }
                return nullA == key.nullsFirst ? -1 : 1
            }
            let c: Int
            if let compare = typed[k] {
                c = compare(a, b)
            } else {
                let x = column.value(a), y = column.value(b)
                guard let order = ScalarOps.compare(x, y) else {
                    failure = PlanError(.execution, "cannot order \(x.dataType.sqlName) against \(y.dataType.sqlName)")
                    return 0
                }
                c = order
            }
            if c != 0 { return key.ascending ? c : -c }
        }
        return 0
    }
}
