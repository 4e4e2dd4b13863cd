import PlanCore

/// The build side of a hash join: row indices by key. Single integer-like keys (the
/// common case: surrogate keys, dates) hash the raw `Int64`; other keys hash the values.
/// Rows with a NULL in any key column are never inserted (NULL keys never match).
/// Rows with equal keys are chained (`head` → `next` …) in ascending row order.
struct JoinHashTable {
    private var intHeads = FlatHashMap<Int64>()
    private var multiHeads = FlatHashMap<GroupKeyEncoder.SmallKey>()
    private var valueHeads: [[ScalarValue]: Int] = [:]
    private var next: [Int]
    let integerKeys: Bool
    /// Two to four integer-like keys, hashed as one fixed-size struct.
    let multiIntegerKeys: Bool
    private(set) var hasNullKey = false
    /// No two build rows share a key (a primary key side): probes need not follow chains.
    private var uniqueKeys = false

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
        let allInts = keys.count >= 2 && keys.count <= 4 ? keys.map(JoinHashTable.integers) : []
        if !allInts.isEmpty, allInts.allSatisfy({ $0 != nil }) {
            integerKeys = false
            multiIntegerKeys = true
            let columns = allInts.compactMap { $0 }
            multiHeads = FlatHashMap(capacity: rowCount)
            // Rows go in last to first so that each key's chain runs in ascending order.
            for r in stride(from: rowCount - 1, through: 0, by: -1) {
                if keys.contains(where: { $0.isNull(r) }) { hasNullKey = true; continue }
                next[r] = multiHeads.exchange(JoinHashTable.smallKey(columns, r), r)
            }
            uniqueKeys = !next.contains { $0 >= 0 }
        } else if keys.count == 1, let ints = JoinHashTable.integers(keys[0]) {
            multiIntegerKeys = false
            integerKeys = true
            intHeads = FlatHashMap(capacity: rowCount)
            let validity = keys[0].validity
            for r in stride(from: rowCount - 1, through: 0, by: -1) {
                if let validity, !validity[r] { hasNullKey = true; continue }
                next[r] = intHeads.exchange(ints[r], r)
            }
            uniqueKeys = !next.contains { $0 >= 0 }
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
        // First every row's chain head, in a loop whose lookups do not depend on one
        // another (so the processor overlaps their cache misses), then the pairs.
        var heads = [Int](repeating: -1, count: rowCount)
        if multiIntegerKeys, case let columns = keys.compactMap(JoinHashTable.integers), columns.count == keys.count {
            heads.withUnsafeMutableBufferPointer { h in
                for l in 0..<rowCount { h[l] = multiHeads.value(JoinHashTable.smallKey(columns, l)) }
            }
            for l in 0..<rowCount where keys.contains(where: { $0.isNull(l) }) { nullKey[l] = true; heads[l] = -1 }
        } else if integerKeys, let ints = JoinHashTable.integers(keys[0]) {
            heads.withUnsafeMutableBufferPointer { h in
                ints.withUnsafeBufferPointer { k in
                    for l in 0..<rowCount { h[l] = intHeads.value(k[l]) }
                }
            }
            if let validity = keys[0].validity {
                for l in 0..<rowCount where !validity[l] { nullKey[l] = true; heads[l] = -1 }
            }
        } else {
            for l in 0..<rowCount {
                let key = keys.map { $0.value(l) }
                if key.contains(where: \.isNull) { nullKey[l] = true; continue }
                heads[l] = valueHeads[key] ?? -1
            }
        }
        li.reserveCapacity(li.count + rowCount)
        ri.reserveCapacity(ri.count + rowCount)
        if uniqueKeys {
            for l in 0..<rowCount where heads[l] >= 0 { li.append(l); ri.append(heads[l]) }
            return
        }
        for l in 0..<rowCount {
            var r = heads[l]
            while r >= 0 { li.append(l); ri.append(r); r = next[r] }
        }
    }
}
