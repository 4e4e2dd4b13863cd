import PlanCore

/// The build side of a hash join: row indices by key. Single integer-like keys (the
/// common case: surrogate keys, dates) hash the raw `Int64`; other keys hash the values.
/// Rows with a NULL in any key column are never inserted (NULL keys never match).
/// Rows with equal keys are chained (`head` → `next` …) in ascending row order.
struct JoinHashTable {
    private var intHeads = PartitionedHeads<Int64>()
    private var multiHeads = PartitionedHeads<GroupKeyEncoder.SmallKey>()
    private var valueHeads: [[ScalarValue]: Int] = [:]
    private var next: [Int]
    let integerKeys: Bool
    /// Two to four integer-like keys, hashed as one fixed-size struct.
    let multiIntegerKeys: Bool
    private(set) var hasNullKey = false
    /// Two integer keys packed into one 64-bit key (both fit in 32 bits, no NULLs on the
    /// build side): hashed in `intHeads`.
    private var packedPairs = false
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

    /// Hashes `rowCount` build rows by `keys`; large builds are split by hash into
    /// partitions that `workers` threads fill at once.
    /// A join key column as 64-bit integers: integer-like columns as they are, decimals
    /// by their unscaled values (both sides of a key have one type, so one scale), with
    /// `misfits` marking decimal rows too large for 64 bits (nil when there are none).
    static func keyIntegers(_ c: ColumnVector) -> (values: [Int64], misfits: [Bool]?)? {
        if let ints = integers(c) { return (ints, nil) }
        // (A NUMERIC column's packed values carry their scales: 1.5 and 1.50 differ there.)
        guard case .decimal(let a) = c.values, c.dataType != .numeric else { return nil }
        var misfits: [Bool]?
        let values = a.enumerated().map { r, v -> Int64 in
            if let x = Int64(exactly: v) { return x }
            if misfits == nil { misfits = [Bool](repeating: false, count: a.count) }
            misfits?[r] = true
            return 0
        }
        return (values, misfits)
    }

    /// Key columns as integers when every one is integer-like and every build value fits.
    private static func buildIntegers(_ keys: [ColumnVector]) -> [[Int64]]? {
        var out: [[Int64]] = []
        for k in keys {
            guard let (values, misfits) = keyIntegers(k), misfits == nil else { return nil }
            out.append(values)
        }
        return out
    }

    init(keys: [ColumnVector], rowCount: Int, workers: Int = 1) {
        next = Array(repeating: -1, count: rowCount)
        let built = keys.count <= 4 ? JoinHashTable.buildIntegers(keys) : nil
        let allInts: [[Int64]?] = keys.count >= 2 ? built.map { $0.map(Optional.some) } ?? [] : []
        if allInts.count == 2, case let columns = allInts.compactMap({ $0 }), columns.count == 2,
           let packed = GroupKeyEncoder.packed(columns, keys) {
            integerKeys = false
            multiIntegerKeys = false
            packedPairs = true
            intHeads = PartitionedHeads(rowCount: rowCount, workers: workers, next: &next) { packed[$0] }
            uniqueKeys = !next.contains { $0 >= 0 }
        } else if !allInts.isEmpty, allInts.allSatisfy({ $0 != nil }) {
            integerKeys = false
            multiIntegerKeys = true
            let columns = allInts.compactMap { $0 }
            let nulls = (0..<rowCount).map { r in keys.contains { $0.isNull(r) } }
            hasNullKey = nulls.contains(true)
            multiHeads = PartitionedHeads(rowCount: rowCount, workers: workers, next: &next) { r in
                nulls[r] ? nil : JoinHashTable.smallKey(columns, r)
            }
            uniqueKeys = !next.contains { $0 >= 0 }
        } else if keys.count == 1, let ints = built?.first {
            multiIntegerKeys = false
            integerKeys = true
            let validity = keys[0].validity
            hasNullKey = keys[0].nullCount > 0
            intHeads = PartitionedHeads(rowCount: rowCount, workers: workers, next: &next) { r in
                if let validity, !validity[r] { return nil }
                return ints[r]
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
    /// is set for probe rows with a NULL key. With `firstOnly` only each probe row's
    /// first match is appended (semi and anti joins that only ask whether one exists).
    func probe(_ keys: [ColumnVector], rowCount: Int, li: inout [Int], ri: inout [Int], nullKey: inout [Bool],
               firstOnly: Bool = false) {
        // First every row's chain head, in a loop whose lookups do not depend on one
        // another (so the processor overlaps their cache misses), then the pairs.
        var heads = [Int](repeating: -1, count: rowCount)
        let probeInts = integerKeys || multiIntegerKeys || packedPairs ? keys.compactMap(JoinHashTable.keyIntegers) : []
        let columns = probeInts.map(\.values)
        if packedPairs, columns.count == 2 {
            // A probe key that does not fit the packing matches nothing.
            for l in 0..<rowCount {
                if keys[0].isNull(l) || keys[1].isNull(l) { nullKey[l] = true; continue }
                guard let x = Int32(exactly: columns[0][l]), let y = Int32(exactly: columns[1][l]) else { continue }
                heads[l] = intHeads.value(Int64(x) << 32 | Int64(UInt32(bitPattern: y)))
            }
        } else if multiIntegerKeys, columns.count == keys.count {
            heads.withUnsafeMutableBufferPointer { h in
                let ahead = PartitionedHeads<Int64>.lookahead
                for l in 0..<min(ahead, rowCount) { multiHeads.prefetch(JoinHashTable.smallKey(columns, l)) }
                for l in 0..<rowCount {
                    if l + ahead < rowCount { multiHeads.prefetch(JoinHashTable.smallKey(columns, l + ahead)) }
                    h[l] = multiHeads.value(JoinHashTable.smallKey(columns, l))
                }
            }
            for l in 0..<rowCount where keys.contains(where: { $0.isNull(l) }) { nullKey[l] = true; heads[l] = -1 }
        } else if integerKeys, let ints = columns.first {
            heads.withUnsafeMutableBufferPointer { h in
                ints.withUnsafeBufferPointer { k in
                    // Lookups a few rows ahead are prefetched, so their cache misses overlap.
                    let ahead = PartitionedHeads<Int64>.lookahead
                    for l in 0..<min(ahead, rowCount) { intHeads.prefetch(k[l]) }
                    for l in 0..<rowCount {
                        if l + ahead < rowCount { intHeads.prefetch(k[l + ahead]) }
                        h[l] = intHeads.value(k[l])
                    }
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
        // Decimal probe values too large for 64 bits equal no build value.
        for case let (_, misfits?) in probeInts { for l in 0..<rowCount where misfits[l] { heads[l] = -1 } }
        li.reserveCapacity(li.count + rowCount)
        ri.reserveCapacity(ri.count + rowCount)
        if uniqueKeys || firstOnly {
            for l in 0..<rowCount where heads[l] >= 0 { li.append(l); ri.append(heads[l]) }
            return
        }
        for l in 0..<rowCount {
            var r = heads[l]
            while r >= 0 { li.append(l); ri.append(r); r = next[r] }
        }
    }
}

/// The chain heads of a join's build side: one ``FlatHashMap`` per partition of the
/// hash's top bits, so that several threads can each fill their own.
struct PartitionedHeads<Key: FlatKey> {
    private var parts: [FlatHashMap<Key>] = [FlatHashMap()]
    private var shift: UInt64 = 64

    init() {}

    /// Inserts rows `0..<rowCount` (`key(r)` nil: not inserted), chaining rows with
    /// equal keys through `next` in ascending order.
    init(rowCount: Int, workers: Int, next: inout [Int], key: @escaping (Int) -> Key?) {
        var bits: UInt64 = 0
        if workers > 1 && rowCount >= 200_000 { while 1 << bits < workers * 2 { bits += 1 } }
        let count = 1 << Int(bits)
        shift = 64 - bits
        let shift = self.shift
        // Keys repeat (a foreign key side): start at a quarter of the rows and grow.
        let capacity = (rowCount / count) / 4
        // Which rows each partition takes, in ascending order.
        var rows = [[Int32]](repeating: [], count: count)
        if count > 1 {
            for r in 0..<rowCount { if let k = key(r) { rows[Int(k.flatHash >> shift)].append(Int32(r)) } }
        }
        var built = [FlatHashMap<Key>](repeating: FlatHashMap(), count: count)
        next.withUnsafeMutableBufferPointer { chain in
            let shared = UncheckedSendable(chain)
            let fill = { (p: Int) -> FlatHashMap<Key> in
                var map = FlatHashMap<Key>(capacity: capacity)
                // Last row first, so that each chain runs in ascending order.
                if count == 1 {
                    for r in stride(from: rowCount - 1, through: 0, by: -1) {
                        if let k = key(r) { shared.value[r] = map.exchange(k, r) }
                    }
                } else {
                    for r in rows[p].reversed() {
                        if let k = key(Int(r)) { shared.value[Int(r)] = map.exchange(k, Int(r)) }
                    }
                }
                return map
            }
            let helpers = (1..<count).map { p in ExecutionRuntime.shared.start { UncheckedSendable(fill(p)) } }
            built[0] = fill(0)
            for (i, h) in helpers.enumerated() {
                // Filling cannot fail; should the pool not run a task, fill it here.
                built[i + 1] = (try? h.wait())?.value ?? fill(i + 1)
            }
        }
        parts = built
    }

    /// The chain head for `key`, or -1.
    @inline(__always) func value(_ key: Key) -> Int {
        parts.count == 1 ? parts[0].value(key) : parts[Int(key.flatHash >> shift)].value(key)
    }

    @inline(__always) func prefetch(_ key: Key) {
        if parts.count == 1 { parts[0].prefetch(key) } else { parts[Int(key.flatHash >> shift)].prefetch(key) }
    }

    /// How many rows ahead probe loops prefetch.
    static var lookahead: Int { 16 }
}
