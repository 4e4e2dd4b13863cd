import PlanCore

/// Where a frame starts and ends for each position of a partition (`ROWS`, `RANGE`,
/// `GROUPS` with their offsets), and its ranges once EXCLUDE is applied.
struct WindowFrameBounds {
    let frame: WindowFrame
    /// The single ORDER BY key's values (RANGE with an offset), its type and direction.
    let keys: ColumnVector?
    let keyType: DataType
    let ascending: Bool
    let nullsFirst: Bool

    init(frame: WindowFrame, orderBy: [SortExpr], keys: ColumnVector?) {
        self.frame = frame
        self.keys = keys
        keyType = keys?.dataType ?? .null
        ascending = orderBy.first?.ascending ?? true
        nullsFirst = orderBy.first?.nullsFirst ?? false
    }

    /// Whether frames only move forward (start and end never decrease from one row to the
    /// next) and are one range: what the incremental aggregates need.
    var isMonotone: Bool { frame.exclusion == .noOthers }

    /// `[start, end)` positions of the frame of position `j`, before EXCLUDE.
    func range(_ j: Int, in p: WindowPartition) throws(PlanError) -> Range<Int> {
        let m = p.count
        let lo = try position(frame.start, j, p, isStart: true)
        let hi = try position(frame.end, j, p, isStart: false)
        let s = min(max(lo, 0), m), e = min(max(hi, 0), m)
        return s < e ? s..<e : s..<s
    }

    /// The frame of position `j` as ranges with EXCLUDE applied.
    func ranges(_ j: Int, in p: WindowPartition) throws(PlanError) -> FrameRanges {
        let r = try range(j, in: p)
        let cut: Range<Int>
        var keep: Int?
        switch frame.exclusion {
        case .noOthers: return FrameRanges(parts: [r])
        case .currentRow: cut = j..<(j + 1)
        case .group: cut = p.groupStart(j)..<p.groupEnd(j)
        case .ties: cut = p.groupStart(j)..<p.groupEnd(j); keep = j
        }
        var parts: [Range<Int>] = []
        let before = r.lowerBound..<min(r.upperBound, cut.lowerBound)
        let after = max(r.lowerBound, cut.upperBound)..<r.upperBound
        if !before.isEmpty { parts.append(before) }
        if let keep, r.contains(keep) { parts.append(keep..<(keep + 1)) }
        if !after.isEmpty { parts.append(after) }
        return FrameRanges(parts: parts)
    }

    /// One bound as a position: the first position in the frame (start) or one past the
    /// last (end); may fall outside the partition (clamped by the caller).
    private func position(_ b: WindowFrame.Bound, _ j: Int, _ p: WindowPartition, isStart: Bool) throws(PlanError) -> Int {
        switch b {
        case .unboundedPreceding: return 0
        case .unboundedFollowing: return p.count
        case .currentRow:
            switch frame.units {
            case .rows: return isStart ? j : j + 1
            case .range, .groups: return isStart ? p.groupStart(j) : p.groupEnd(j)
            }
        case .preceding(let v), .following(let v):
            let back: Bool
            if case .preceding = b { back = true } else { back = false }
            switch frame.units {
            case .rows:
                let n = Int(clamping: v.int64Value ?? 0)
                let (at, o) = back ? j.subtractingReportingOverflow(n) : j.addingReportingOverflow(n)
                if o { return back ? 0 : p.count }
                return isStart ? at : (at == Int.max ? at : at + 1)
            case .groups:
                let n = Int(clamping: v.int64Value ?? 0)
                let (g, o) = back ? p.group[j].subtractingReportingOverflow(n) : p.group[j].addingReportingOverflow(n)
                if o || g < 0 { return back ? 0 : (isStart ? p.count : p.count) }
                if g >= p.groupCount { return p.count }
                return isStart ? p.groupBounds[g] : p.groupBounds[g + 1]
            case .range:
                return try rangePosition(v, back: back, j, p, isStart: isStart)
            }
        }
    }

    /// RANGE `offset PRECEDING | FOLLOWING`: the first position whose key is at or past
    /// `key ∓ offset` in the window's order (start), or the first past it (end). A NULL key's
    /// frame is its peers (the NULLs), as PostgreSQL does.
    private func rangePosition(_ offset: ScalarValue, back: Bool, _ j: Int, _ p: WindowPartition, isStart: Bool) throws(PlanError) -> Int {
        guard let keys else { return isStart ? p.groupStart(j) : p.groupEnd(j) }
        let row = p.rows[p.rows.startIndex + j]
        if keys.isNull(row) { return isStart ? p.groupStart(j) : p.groupEnd(j) }
        // Moving towards earlier rows subtracts in ascending order and adds in descending.
        let subtract = back == ascending
        let key = keys.value(row)
        let resultType = try Expr.binaryType(keyType, subtract ? .minus : .plus, offset.dataType)
        let target: ScalarValue
        do {
            target = try ScalarOps.binary(subtract ? .minus : .plus, key, offset, resultType: resultType)
        } catch {
            // Past the type's range: the frame reaches the end of the non-NULL keys on that
            // side (NULL keys are never within an offset of a value, as in PostgreSQL).
            let m = p.count, base = p.rows.startIndex
            if back { return nullsFirst && m > 0 && keys.isNull(p.rows[base]) ? p.groupEnd(0) : 0 }
            return !nullsFirst && m > 0 && keys.isNull(p.rows[base + m - 1]) ? p.groupStart(m - 1) : m
        }
        // Non-NULL keys lie between the NULL group(s) at one end.
        var lo = 0, hi = p.count
        // Binary search for the first position whose key is "at or after" target (start) or
        // "after" target (end), in window order; NULLs sort by nullsFirst.
        func after(_ pos: Int) -> Bool {
            let r = p.rows[p.rows.startIndex + pos]
            if keys.isNull(r) { return !nullsFirst }
            let c = ScalarOps.compare(keys.value(r), target) ?? 0
            let ordered = ascending ? c : -c
            return isStart ? ordered >= 0 : ordered > 0
        }
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if after(mid) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
