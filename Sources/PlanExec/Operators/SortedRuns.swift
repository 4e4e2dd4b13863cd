/// Sorted runs merged neighbour by neighbour into one, an element of a later run placed
/// before one of an earlier run only when `before` says it sorts strictly first (ties keep
/// the earlier run's first): the last step of the parallel sorts (`SortExec`,
/// `PackedSortKeys`).
func mergeSortedRuns<T>(_ runs: [[T]], _ before: (T, T) -> Bool) -> [T] {
    var runs = runs
    while runs.count > 1 {
        var merged: [[T]] = []
        var i = 0
        while i < runs.count {
            if i + 1 == runs.count { merged.append(runs[i]); break }
            let a = runs[i], b = runs[i + 1]
            var out: [T] = []
            out.reserveCapacity(a.count + b.count)
            var x = 0, y = 0
            while x < a.count, y < b.count {
                if before(b[y], a[x]) { out.append(b[y]); y += 1 } else { out.append(a[x]); x += 1 }
            }
            out.append(contentsOf: a[x...])
            out.append(contentsOf: b[y...])
            merged.append(out)
            i += 2
        }
        runs = merged
    }
    return runs.first ?? []
}
