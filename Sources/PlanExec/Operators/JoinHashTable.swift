import PlanCore

/// The build side of a hash join: row indices by key. Single integer-like keys (the
/// common case: surrogate keys, dates) hash the raw `Int64`; other keys hash the values.
/// Rows with a NULL in any key column are never inserted (NULL keys never match).
/// Rows with equal keys are chained (`head` → `next` …) in ascending row order.
struct JoinHashTable {
    private var intHeads: [Int64: Int] = [:]
    private var multiHeads: [GroupKeyEncoder.SmallKey: Int] = [:]
    private var valueHeads: [[ScalarValue]: Int] = [:]
    private var next: [Int]
    private var tail: [Int]
    let integerKeys: Bool
    /// Two to four integer-like keys, hashed as one fixed-size struct.
    let multiIntegerKeys: Bool
    private(set) var hasNullKey = false

    /// The column's values as Int64 if it is integer-like.
    static func integers(_ c: ColumnVector) -> [Int64]? {
        switch c.values {
        case .int64(let a): a
        case .int32(let a): a.map(Int64.init)
        case .int16(let a): a.map(Int64.init)
        case .date(let a): a.map(Int64.init)
        case .timestamp(let a): a
        default: nil
        }
    }

    init(keys: [ColumnVector], rowCount: Int) {
        next = Array(repeating: -1, count: rowCount)
        tail = []
        let allInts = keys.count >= 2 && keys.count <= 4 ? keys.map(JoinHashTable.integers) : []
        if !allInts.isEmpty, allInts.allSatisfy({ $0 != nil }) {
            integerKeys = false
            multiIntegerKeys = true
            let columns = allInts.compactMap { $0 }
            var last: [GroupKeyEncoder.SmallKey: Int] = [:]
            for r in 0..<rowCount {
                if keys.contains(where: { $0.isNull(r) }) { hasNullKey = true; continue }
                let k = JoinHashTable.smallKey(columns, r)
                if let prev = last[k] { next[prev] = r } else { multiHeads[k] = r }
                last[k] = r
            }
        } else if keys.count == 1, let ints = JoinHashTable.integers(keys[0]) {
            multiIntegerKeys = false
            integerKeys = true
            intHeads.reserveCapacity(rowCount)
            var last: [Int64: Int] = [:]
            last.reserveCapacity(rowCount)
            let validity = keys[0].validity
            for r in 0..<rowCount {
                if let validity, !validity[r] { hasNullKey = true; continue }
                let k = ints[r]
                if let prev = last[k] { next[prev] = r } else { intHeads[k] = r }
                last[k] = r
            }
        } else {
            integerKeys = false
            multiIntegerKeys = false
            var last: [[ScalarValue]: Int] = [:]
            for r in 0..<rowCount {
                let key = keys.map { $0.value(r) }
                if key.contains(where: \.isNull) { hasNullKey = true; continue }
                if let prev = last[key] { next[prev] = r } else { valueHeads[key] = r }
                last[key] = r
            }
        }
    }

    static func smallKey(_ columns: [[Int64]], _ r: Int) -> GroupKeyEncoder.SmallKey {
        var k = GroupKeyEncoder.SmallKey()
        k.a = columns[0][r]
        k.b = columns[1][r]
        if columns.count > 2 { k.c = columns[2][r] }
        if columns.count > 3 { k.d = columns[3][r] }
        return k
    }

    /// Appends (probe row, build row) pairs for every probe row of a batch; `nullKey[l]`
    /// is set for probe rows with a NULL key.
    func probe(_ keys: [ColumnVector], rowCount: Int, li: inout [Int], ri: inout [Int], nullKey: inout [Bool]) {
        if multiIntegerKeys {
            let columns = keys.compactMap(JoinHashTable.integers)
            if columns.count == keys.count {
                for l in 0..<rowCount {
                    if keys.contains(where: { $0.isNull(l) }) { nullKey[l] = true; continue }
                    var r = multiHeads[JoinHashTable.smallKey(columns, l)] ?? -1
                    while r >= 0 { li.append(l); ri.append(r); r = next[r] }
                }
                return
            }
        }
        if integerKeys, let ints = JoinHashTable.integers(keys[0]) {
            let validity = keys[0].validity
            for l in 0..<rowCount {
                if let validity, !validity[l] { nullKey[l] = true; continue }
                var r = intHeads[ints[l]] ?? -1
                while r >= 0 { li.append(l); ri.append(r); r = next[r] }
            }
            return
        }
        for l in 0..<rowCount {
            let key = keys.map { $0.value(l) }
            if key.contains(where: \.isNull) { nullKey[l] = true; continue }
            var r = valueHeads[key] ?? -1
            while r >= 0 { li.append(l); ri.append(r); r = next[r] }
        }
    }
}
