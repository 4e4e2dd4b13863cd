/// Rows of a row group a scan reads: sorted, disjoint, non-empty ranges. Page pruning
/// makes one from the page index; every column then reads only the pages that overlap it.
public struct RowSelection: Sendable, Equatable {
    public private(set) var ranges: [Range<Int>]

    /// `ranges` sorted and merged.
    public init(_ ranges: [Range<Int>]) {
        var merged: [Range<Int>] = []
        for r in ranges.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, r.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        self.ranges = merged
    }

    public static func all(_ rows: Int) -> RowSelection { RowSelection([0..<rows]) }

    public var count: Int { ranges.reduce(0) { $0 + $1.count } }
    public var isEmpty: Bool { ranges.isEmpty }

    /// Rows in both.
    public func intersection(_ other: RowSelection) -> RowSelection {
        var out: [Range<Int>] = []
        var i = 0, j = 0
        while i < ranges.count, j < other.ranges.count {
            let a = ranges[i], b = other.ranges[j]
            let lo = max(a.lowerBound, b.lowerBound), hi = min(a.upperBound, b.upperBound)
            if lo < hi { out.append(lo..<hi) }
            if a.upperBound < b.upperBound { i += 1 } else { j += 1 }
        }
        return RowSelection(out)
    }

    /// Whether any selected row lies in `range`.
    public func overlaps(_ range: Range<Int>) -> Bool { ranges.contains { $0.overlaps(range) } }
}
