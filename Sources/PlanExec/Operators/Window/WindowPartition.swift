import PlanCore

/// One partition of a window's input in its sorted order: `rows[j]` is the input row at
/// position `j`; peers (rows equal on the ORDER BY keys) form numbered groups.
struct WindowPartition {
    /// Input rows in window order.
    let rows: ArraySlice<Int>
    /// Per position: its peer group's number (0, 1, …).
    let group: [Int]
    /// Where each group starts, by group number, and one past the last position.
    let groupBounds: [Int]

    /// Where position `j`'s peer group starts.
    @inline(__always) func groupStart(_ j: Int) -> Int { groupBounds[group[j]] }
    /// Where position `j`'s peer group ends (exclusive).
    @inline(__always) func groupEnd(_ j: Int) -> Int { groupBounds[group[j] + 1] }

    var count: Int { rows.count }

    /// The partition of `rows`; `newGroup[j]` says whether position `j` starts a peer
    /// group (its ORDER BY keys differ from the row before), read only when `ordered` (no
    /// ORDER BY: every row a peer of every other).
    init(rows: ArraySlice<Int>, newGroup: ArraySlice<Bool>, ordered: Bool) {
        self.rows = rows
        let m = rows.count
        var group = [Int](repeating: 0, count: m)
        var bounds: [Int] = m > 0 ? [0] : []
        if ordered {
            let base = newGroup.startIndex
            for j in 1..<max(1, m) {
                if newGroup[base + j] { bounds.append(j) }
                group[j] = bounds.count - 1
            }
        }
        bounds.append(m)
        self.group = group
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
