import PlanCore

/// Assigns a dense group id to each row from its key columns without building an array of
/// values per row: integer-like keys use their raw value, strings are interned by their
/// bytes, other types by value; up to four keys hash as one fixed-size struct.
struct GroupKeyEncoder {
    /// Per-key-column interning of non-integer values to codes.
    private var stringCodes: [StringInterner]
    private var valueCodes: [[ScalarValue: Int64]]
    private var small = FlatHashMap<SmallKey>()
    /// One key: its code alone (16-byte slots rather than 48), NULL as its own group.
    private var single = FlatHashMap<Int64>()
    private var nullGroup = -1
    /// Two keys whose codes fit in 32 bits each (and are never NULL) share one 64-bit
    /// code in `single` until a batch comes that does not: then every group moves to
    /// `small` for good.
    private var pairsPacked: Bool
    /// More than four keys: groups by the hash of their codes, equal hashes chained
    /// through `largeNext`, each group's codes (and NULL flags) kept in `largeCodes`.
    private var large = FlatHashMap<Int64>()
    private var largeNext: [Int] = []
    private var largeCodes: [Int64] = []
    /// The key values of each group, in id order (for the output), one builder a key.
    private var keyBuilders: [ColumnBuilder]
    private(set) var groupCount = 0
    let width: Int

    struct SmallKey: Hashable {
        var a: Int64 = 0, b: Int64 = 0, c: Int64 = 0, d: Int64 = 0
        var nulls: UInt8 = 0
    }

    /// An encoder for keys of `types`, with room for `expectedGroups` before its table grows.
    init(types: [DataType], expectedGroups: Int = 0) {
        width = types.count
        pairsPacked = types.count == 2
        if types.count <= 2 {
            single = FlatHashMap(capacity: min(expectedGroups, 1 << 22))
        } else if types.count <= 4 {
            small = FlatHashMap(capacity: min(expectedGroups, 1 << 22))
        }
        keyBuilders = types.map { ColumnBuilder($0) }
        stringCodes = Array(repeating: StringInterner(), count: width)
        valueCodes = Array(repeating: [:], count: width)
    }

    /// Each key's values, one row per group in id order.
    var keyColumns: [ColumnVector] { keyBuilders.map { $0.finish() } }

    private mutating func newGroup(_ columns: [ColumnVector], _ r: Int) {
        for k in 0..<width { keyBuilders[k].append(columns[k], row: r) }
        groupCount += 1
    }

    /// Codes for one key column (and which rows are NULL).
    private mutating func codes(_ column: ColumnVector, _ k: Int) -> [Int64] {
        if let ints = JoinHashTable.integers(column) { return ints }
        let n = column.count
        var out = [Int64](repeating: 0, count: n)
        if case .string(let s) = column.values {
            // Strings of up to seven bytes are their own code (the bytes and the length
            // packed into one non-negative integer); longer ones are interned, with
            // negative codes.
            s.withUnsafeLayout { layout in
                let b = layout.bytes, o = layout.offsets
                for i in 0..<n where !column.isNull(i) {
                    let start = Int(o[i]), length = Int(o[i + 1]) - start
                    if length <= 7 {
                        var code = UInt64(length) << 56
                        for j in 0..<length { code |= UInt64(b[start + j]) << (8 * UInt64(j)) }
                        out[i] = Int64(bitPattern: code)
                        continue
                    }
                    out[i] = -Int64(stringCodes[k].code(UnsafeBufferPointer(rebasing: b[start..<(start + length)]))) - 1
                }
            }
            return out
        }
        for i in 0..<n where !column.isNull(i) {
            let v = column.value(i)
            if let c = valueCodes[k][v] { out[i] = c } else {
                let c = Int64(valueCodes[k].count)
                valueCodes[k][v] = c
                out[i] = c
            }
        }
        return out
    }

    /// The group id of every row of a batch: new groups are created as they appear, or,
    /// with `allowNew` false (an aggregation spilling the rows of groups it has not got),
    /// rows of groups not in the table get -1.
    mutating func assign(_ columns: [ColumnVector], rowCount: Int, allowNew: Bool = true) -> [Int] {
        var ids = [Int](repeating: 0, count: rowCount)
        let perColumn = columns.enumerated().map { codes($0.element, $0.offset) }
        if width == 1 {
            let column = columns[0], codes = perColumn[0]
            // Sorted or clustered keys (a fact table's order key) repeat the row before:
            // no lookup for those.
            var lastCode: Int64 = 0, lastID = -1
            let ahead = PartitionedHeads<Int64>.lookahead
            for r in 0..<min(ahead, rowCount) { single.prefetch(codes[r]) }
            for r in 0..<rowCount {
                if r + ahead < rowCount { single.prefetch(codes[r + ahead]) }
                if column.isNull(r) {
                    if nullGroup < 0, allowNew { nullGroup = groupCount; newGroup(columns, r) }
                    ids[r] = nullGroup
                    continue
                }
                let code = codes[r]
                if lastID >= 0, code == lastCode { ids[r] = lastID; continue }
                let id = allowNew ? single.valueInserting(code, groupCount) : single.value(code)
                if id == groupCount { newGroup(columns, r) }
                ids[r] = id
                lastCode = code
                lastID = id
            }
            return ids
        }
        if pairsPacked, let packed = GroupKeyEncoder.packed(perColumn, columns) {
            var lastCode: Int64 = 0, lastID = -1
            for r in 0..<rowCount {
                let code = packed[r]
                if lastID >= 0, code == lastCode { ids[r] = lastID; continue }
                let id = allowNew ? single.valueInserting(code, groupCount) : single.value(code)
                if id == groupCount { newGroup(columns, r) }
                ids[r] = id
                lastCode = code
                lastID = id
            }
            return ids
        }
        if pairsPacked { unpackPairs() }
        if width <= 4 {
            // Every row's key first, so lookups a few rows ahead can be prefetched.
            let keys = (0..<rowCount).map { r in
                var key = SmallKey()
                for k in 0..<width {
                    let isNull = columns[k].isNull(r)
                    let v = isNull ? 0 : perColumn[k][r]
                    if isNull { key.nulls |= 1 << UInt8(k) }
                    switch k { case 0: key.a = v; case 1: key.b = v; case 2: key.c = v; default: key.d = v }
                }
                return key
            }
            let ahead = PartitionedHeads<Int64>.lookahead
            for r in 0..<min(ahead, rowCount) { small.prefetch(keys[r]) }
            for r in 0..<rowCount {
                if r + ahead < rowCount { small.prefetch(keys[r + ahead]) }
                let id = allowNew ? small.valueInserting(keys[r], groupCount) : small.value(keys[r])
                if id == groupCount { newGroup(columns, r) }
                ids[r] = id
            }
            return ids
        }
        // Wide keys: one buffer, rewritten for each row.
        var key = [Int64](repeating: 0, count: width * 2)
        for r in 0..<rowCount {
            var hash: UInt64 = 0
            for k in 0..<width {
                let isNull = columns[k].isNull(r)
                key[2 * k] = isNull ? 0 : perColumn[k][r]
                key[2 * k + 1] = isNull ? 1 : 0
                hash = mix64(hash ^ UInt64(bitPattern: key[2 * k]) ^ (isNull ? 0x5bd1_e995 : 0))
            }
            let h = Int64(bitPattern: hash)
            var g = large.value(h)
            while g >= 0, !largeCodes[(g * 2 * width)..<((g + 1) * 2 * width)].elementsEqual(key) { g = largeNext[g] }
            if g < 0, allowNew {
                g = groupCount
                largeNext.append(large.exchange(h, g))
                largeCodes.append(contentsOf: key)
                newGroup(columns, r)
            }
            ids[r] = g
        }
        return ids
    }

    /// Two columns' codes as one 64-bit code a row, when both fit in 32 bits and
    /// neither column has a NULL.
    static func packed(_ codes: [[Int64]], _ columns: [ColumnVector]) -> [Int64]? {
        guard codes.count == 2, columns.allSatisfy({ $0.nullCount == 0 }) else { return nil }
        let a = codes[0], b = codes[1]
        var out = [Int64](repeating: 0, count: a.count)
        for r in 0..<a.count {
            guard let x = Int32(exactly: a[r]), let y = Int32(exactly: b[r]) else { return nil }
            out[r] = Int64(x) << 32 | Int64(UInt32(bitPattern: y))
        }
        return out
    }

    /// Leaves packed pairs: every group so far goes into `small` under its full key.
    private mutating func unpackPairs() {
        pairsPacked = false
        let keys = keyColumns
        let perColumn = keys.enumerated().map { codes($0.element, $0.offset) }
        small = FlatHashMap(capacity: groupCount * 2)
        for g in 0..<groupCount {
            var key = SmallKey()
            key.a = perColumn[0][g]
            key.b = perColumn[1][g]
            _ = small.valueInserting(key, g)
        }
        single = FlatHashMap()
    }

    /// Makes room for `additional` more groups at once (a merge that knows how many
    /// groups may come), so the hash table does not grow step by step.
    mutating func reserve(additional: Int) {
        let wanted = groupCount + additional
        if width == 0 { return }
        if width == 1 || (width == 2 && pairsPacked) { single.reserve(wanted) } else if width <= 4 { small.reserve(wanted) } else { large.reserve(wanted) }
    }

    /// The single group of an aggregate without GROUP BY.
    mutating func addEmptyGroup() { groupCount += 1 }
}
