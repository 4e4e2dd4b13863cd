import PlanCore

/// One partition of a window's input in its sorted order: `rows[j]` is the input row at
/// position `j`; peers (rows equal on the ORDER BY keys) form numbered groups.
struct WindowPartition {
    /// Input rows in window order.
    let rows: ArraySlice<Int>
    /// Per position: its peer group's number (0, 1, …), where the group starts and ends (exclusive).
    let group: [Int]
    let groupStart: [Int]
    let groupEnd: [Int]
    /// Where each group starts, by group number, and one past the last position.
    let groupBounds: [Int]

    var count: Int { rows.count }

    /// The partition of `rows`, peers found by `order` (nil: no ORDER BY, every row a peer).
    init(rows: ArraySlice<Int>, order: SortKeyComparator?, failure: inout PlanError?) {
        self.rows = rows
        let m = rows.count
        var group = [Int](repeating: 0, count: m)
        var bounds: [Int] = m > 0 ? [0] : []
        if let order {
            var j = 1
            let base = rows.startIndex
            while j < m {
                if order.order(rows[base + j - 1], rows[base + j], failure: &failure) != 0 { bounds.append(j) }
                group[j] = bounds.count - 1
                j += 1
            }
        }
        bounds.append(m)
        var start = [Int](repeating: 0, count: m), end = [Int](repeating: m, count: m)
        for j in 0..<m {
            start[j] = bounds[group[j]]
            end[j] = bounds[group[j] + 1]
        }
        self.group = group
        groupStart = start
        groupEnd = end
        groupBounds = bounds
    }

    /// The number of peer groups.
    var groupCount: Int { groupBounds.count - 1 }
}

/// The positions of a frame: `range` less `excluded` (empty when nothing is), plus the
/// current row again when EXCLUDE TIES removed its group but keeps it.
struct FrameRanges {
    var parts: [Range<Int>]

    var count: Int { parts.reduce(0) { $0 + $1.count } }

    /// The `n`-th position (0-based) from the start, or from the end when `fromEnd`.
    func position(_ n: Int, fromEnd: Bool) -> Int? {
        var left = n
        for p in (fromEnd ? parts.reversed() : parts) {
            if left < p.count { return fromEnd ? p.upperBound - 1 - left : p.lowerBound + left }
            left -= p.count
        }
        return nil
    }
}
