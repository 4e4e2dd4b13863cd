import PlanCore

/// What an aggregation table may use: its memory reservation, where it spills, and how
/// deep in the partitioning it is (level 0 reads the input; level n a partition of n − 1).
struct AggregationBudget {
    let reservation: MemoryReservation
    let directory: String
    let level: Int
}

/// The rows of groups an aggregation table had no room for, written out partitioned by
/// the hash of their group keys (16 partitions, a level's own four bits of the hash), so
/// each partition can later be aggregated on its own. The rows are written evaluated —
/// group keys, aggregate arguments, FILTER results and the row's position in the input —
/// so every evaluation error is raised while reading the input, as without spilling.
final class AggregationSpill {
    static let fanOut = 16
    /// Partitioning stops here: 16⁶ partitions, each over the limit, is an input whose
    /// groups the limit cannot hold however it is split (a limit too small for the query).
    static let maxLevel = 6

    let level: Int
    let directory: String
    let schema: Schema
    private let plan: AggregationPlan
    private var files: [SpillFile?] = Array(repeating: nil, count: fanOut)

    init(plan: AggregationPlan, level: Int, directory: String) {
        self.plan = plan
        self.level = level
        self.directory = directory
        schema = AggregationSpill.schema(plan)
    }

    /// The layout of a spilled row: keys, present arguments, present filters, position.
    static func schema(_ plan: AggregationPlan) -> Schema {
        var fields = plan.groupExprs.enumerated().map { Field(name: "g\($0.offset)", dataType: $0.element.dataType) }
        for (k, e) in plan.argExprs.enumerated() { if let e { fields.append(Field(name: "a\(k)", dataType: e.dataType)) } }
        for (k, e) in plan.filterExprs.enumerated() { if let e { fields.append(Field(name: "f\(k)", dataType: e.dataType)) } }
        for (k, keys) in plan.orderExprs.enumerated() {
            for (j, e) in keys.enumerated() { fields.append(Field(name: "o\(k)_\(j)", dataType: e.dataType)) }
        }
        fields.append(Field(name: "position", dataType: .int64, nullable: false))
        return Schema(fields)
    }

    /// Bytes written over every partition.
    var bytesWritten: Int { files.reduce(0) { $0 + ($1?.bytesWritten ?? 0) } }

    /// Partition `p`'s file (nil when no row went there).
    func partition(_ p: Int) -> SpillFile? { files[p] }

    /// Writes `rows` of an evaluated batch to their partitions.
    func write(_ parts: AggregationInput, rows: [Int]) throws {
        let hashes = AggregationSpill.hashes(parts.groups, rows: rows)
        var byPartition = [[Int]](repeating: [], count: AggregationSpill.fanOut)
        let shift = UInt64(4 * level)
        for (k, r) in rows.enumerated() { byPartition[Int((hashes[k] >> shift) & 15)].append(r) }
        for (p, selected) in byPartition.enumerated() where !selected.isEmpty {
            var columns = parts.groups.map { $0.gather(selected) }
            columns += parts.args.compactMap { $0?.gather(selected) }
            columns += parts.filters.compactMap { $0?.gather(selected) }
            columns += parts.orders.flatMap { $0.map { $0.gather(selected) } }
            columns.append(ColumnVector(.int64, .int64(selected.map { Int64(parts.position($0)) })))
            let file = try files[p] ?? SpillFile(directory: directory)
            files[p] = file
            try file.write(RecordBatch(schema: schema, columns: columns, rowCount: selected.count))
        }
    }

    /// A spilled batch back as the table's input.
    func input(_ batch: RecordBatch) -> AggregationInput {
        var i = 0
        func take() -> ColumnVector { defer { i += 1 }; return batch.columns[i] }
        let groups = plan.groupExprs.map { _ in take() }
        let args = plan.argExprs.map { e in e.map { _ in take() } }
        let filters = plan.filterExprs.map { e in e.map { _ in take() } }
        let orders = plan.orderExprs.map { keys in keys.map { _ in take() } }
        guard case .int64(let positions) = take().values else {
            return AggregationInput(groups: groups, args: args, filters: filters, orders: orders, rowCount: batch.rowCount, positions: .morsel(0))
        }
        return AggregationInput(groups: groups, args: args, filters: filters, orders: orders, rowCount: batch.rowCount,
                                positions: .explicit(positions))
    }

    /// A 64-bit hash of each row's group keys (equal keys, equal hashes: NaN with NaN,
    /// −0 with 0, as grouping compares them).
    static func hashes(_ keys: [ColumnVector], rows: [Int]) -> [UInt64] {
        var out = [UInt64](repeating: 0x9e37_79b9_7f4a_7c15, count: rows.count)
        for column in keys {
            let ints = JoinHashTable.integers(column)
            for (k, r) in rows.enumerated() {
                let h: UInt64
                if column.isNull(r) {
                    h = 0x5bd1_e995
                } else if let ints {
                    h = UInt64(bitPattern: ints[r])
                } else if case .string(let s) = column.values {
                    var f: UInt64 = 0xcbf2_9ce4_8422_2325
                    for byte in s.bytes[s.range(r)] { f = (f ^ UInt64(byte)) &* 0x100_0000_01b3 }
                    h = f
                } else {
                    h = UInt64(bitPattern: Int64(column.value(r).hashValue))
                }
                out[k] = mix64(out[k] ^ mix64(h))
            }
        }
        return out
    }
}

/// One batch's evaluated aggregation input: group keys, each aggregate's argument,
/// FILTER result (nil where it has none) and ORDER BY keys, and where each row stands in
/// the input.
struct AggregationInput {
    enum Positions {
        /// Row r of input batch `m` is at `m << 32 | r`.
        case morsel(Int)
        /// Each row's position, as spilled.
        case explicit([Int64])
    }
    var groups: [ColumnVector]
    var args: [ColumnVector?]
    var filters: [ColumnVector?]
    var orders: [[ColumnVector]]
    var rowCount: Int
    var positions: Positions

    func position(_ r: Int) -> Int {
        switch positions {
        case .morsel(let m): m << 32 | r
        case .explicit(let p): Int(p[r])
        }
    }

    /// The rows `rows`, in that order.
    func gathered(_ rows: [Int]) -> AggregationInput {
        let positions: Positions = .explicit(rows.map { Int64(position($0)) })
        return AggregationInput(groups: groups.map { $0.gather(rows) }, args: args.map { $0?.gather(rows) },
                                filters: filters.map { $0?.gather(rows) }, orders: orders.map { $0.map { $0.gather(rows) } },
                                rowCount: rows.count, positions: positions)
    }
}
