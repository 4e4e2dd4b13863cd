import PlanCore
import PlanExec
import PlanSubstrait
import PlanSupport

/// A table held in memory as record batches, each stored compactly (``CompactBatch``:
/// integers, dates and decimals in their narrowest width, dictionary-coded strings where
/// they fit) and decoded a morsel at a time as scans read it. Inserts append; scans see
/// a snapshot. UNIQUE and PRIMARY KEY constraints are checked on insert and update: a
/// statement that would break one changes nothing.
public final class MemoryTable: MorselScanning {
    public let schema: Schema
    public var kind: String { tableFunction ?? "memory" }
    /// Set when a table function made these rows (they are not a table that is read).
    public let tableFunction: String?
    private struct State {
        var batches: [CompactBatch] {
            didSet { distinct = [:]; expected = nil }
        }
        var keys: UniqueKeyIndex
        /// Distinct counts worked out so far, by column (cleared when the rows change).
        var distinct: [Int: Int] = [:]
        /// What it is expected to hold until rows are first stored or removed.
        var expected: Expectation?
    }
    /// A table not yet filled: the rows it will hold, or that nobody can say.
    private enum Expectation: Equatable {
        case rows(Int)
        case unknown
    }
    private let storage: Locked<State>

    public init(schema: Schema, batches: [RecordBatch] = [], uniqueKeys: [UniqueKey] = []) throws {
        self.schema = schema
        let kept = batches.filter { $0.rowCount > 0 }
        var keys = UniqueKeyIndex(keys: uniqueKeys, schema: schema)
        try keys.insert(kept)
        storage = Locked(State(batches: kept.map(CompactBatch.init), keys: keys))
        tableFunction = nil
    }

    /// A table with no constraints (cannot fail).
    public convenience init(schema: Schema, batches: [RecordBatch] = []) {
        self.init(schema: schema, batches: batches, tableFunction: nil)
    }

    /// The rows a table function made (`generate_series`): a scan of them is no table read.
    public init(schema: Schema, batches: [RecordBatch], tableFunction: String?) {
        self.schema = schema
        self.tableFunction = tableFunction
        storage = Locked(State(batches: batches.filter { $0.rowCount > 0 }.map(CompactBatch.init),
                               keys: UniqueKeyIndex(keys: [], schema: schema)))
    }

    /// All batches currently stored, decoded.
    public var batches: [RecordBatch] { storage.withLock { $0.batches }.map { $0.batch() } }
    /// Bytes the stored batches hold, and what they would hold decoded.
    public var storageSummary: StorageSummary? {
        let (stored, decoded) = storage.withLock { $0.batches }.reduce((0, 0)) { ($0.0 + $1.storedBytes, $0.1 + $1.byteSize) }
        return StorageSummary(storedBytes: stored, decodedBytes: decoded)
    }
    public var rowCount: Int { storage.withLock { $0.batches.reduce(0) { $0 + $1.rowCount } } }
    /// The table's UNIQUE and PRIMARY KEY constraints.
    public var uniqueKeys: [UniqueKey] { storage.withLock { $0.keys.keys } }

    /// Adds a unique key (`CREATE UNIQUE INDEX`); fails, changing nothing, if rows
    /// already clash.
    public func addUniqueKey(_ key: UniqueKey) throws {
        try storage.withLock { (state: inout State) throws in
            var index = UniqueKeyIndex(keys: state.keys.keys + [key], schema: schema)
            try index.insert(state.batches.map { $0.batch() })
            state.keys = index
        }
    }
    /// The rows held or, until rows are stored, the rows ``expect(rows:)`` said.
    public var estimatedRowCount: Int? {
        storage.withLock { state in
            switch state.expected {
            case .rows(let n): n
            case .unknown: nil
            case nil: state.batches.reduce(0) { $0 + $1.rowCount }
            }
        }
    }
    public var rowCountIsExact: Bool { storage.withLock { $0.expected == nil } }

    /// Says how many rows the table will hold before it holds them (a pipeline view's table:
    /// its view's estimate), so plans reading it are estimated with that rather than with
    /// an empty table; forgotten as soon as rows are stored or removed.
    public func expect(rows: Int?) {
        storage.withLock { $0.expected = rows.map(Expectation.rows) ?? .unknown }
    }

    /// Exact for a single-column unique key; otherwise a ``DistinctCountSketch`` of the
    /// column, worked out on first use and kept until the rows change.
    public func distinctCount(ofColumn index: Int) -> Int? {
        guard schema.fields.indices.contains(index) else { return nil }
        let (known, snapshot, unique, expecting) = storage.withLock { state in
            (state.distinct[index], state.batches, state.keys.keys.contains { $0.columns == [index] }, state.expected != nil)
        }
        if expecting { return nil }
        if let known { return known }
        let rows = snapshot.reduce(0) { $0 + $1.rowCount }
        var count = rows
        if !unique {
            var sketch = DistinctCountSketch()
            for b in snapshot { sketch.add(b.columns[index].vector()) }
            count = min(sketch.estimate, rows)
        }
        storage.withLock { state in
            // Only if the rows are still those counted.
            if state.batches.count == snapshot.count { state.distinct[index] = count }
        }
        return count
    }

    /// Exact for every filter over the table's columns without subqueries: the table
    /// evaluates them itself.
    public func supportsFiltersPushdown(_ filters: [Expr]) -> [FilterPushdown] {
        filters.map { f in
            let ok = !f.containsSubquery && !f.containsAggregate
                && !f.contains { if case .outerColumn = $0 { true } else { false } }
                && f.columnRefs.allSatisfy { schema.index(of: $0) != nil }
                && (try? f.dataType(in: schema)) == .boolean
            return ok ? .exact : .unsupported
        }
    }

    public func scan(projection: [Int]?, filters: [Expr], limit: Int?) throws -> any BatchStream {
        try scan(projection: projection, filters: filters, limit: limit, statistics: ScanStatistics())
    }

    public func scan(projection: [Int]?, filters: [Expr], limit: Int?, statistics: ScanStatistics) throws -> any BatchStream {
        let snapshot = storage.withLock { $0.batches }
        let outSchema = schema.projected(projection)
        let evaluator = try PushedFilterEvaluator(filters, schema: schema)
        var out: [RecordBatch] = []
        var budget = RowBudget(limit: limit)
        statistics.units(total: snapshot.count, pruned: 0, kind: "batches")
        for batch in snapshot where !budget.isExhausted {
            statistics.read(rows: batch.rowCount, bytes: batch.byteSize)
            let b = try batch.scanned(projection: projection, schema: outSchema, range: 0..<batch.rowCount, filter: evaluator)
            if b.rowCount > 0, let kept = budget.take(b) { out.append(kept) }
        }
        return MemoryStream(out)
    }

    /// The batches stored now (those over four times `rows` in slices of `rows`), each
    /// projected and filtered on its own.
    public func morselScan(projection: [Int]?, filters: [Expr], rows: Int, statistics: ScanStatistics) throws -> Morsels? {
        let snapshot = storage.withLock { $0.batches }
        let outSchema = schema.projected(projection)
        let evaluator = try PushedFilterEvaluator(filters, schema: schema)
        statistics.units(total: snapshot.count, pruned: 0, kind: "batches")
        // Stored batches up to four times the batch size are morsels as they are (slicing
        // copies); larger ones are cut.
        let size = max(1, rows)
        var slices: [(batch: Int, range: Range<Int>)] = []
        for (i, b) in snapshot.enumerated() {
            if b.rowCount <= 4 * size { slices.append((i, 0..<b.rowCount)); continue }
            for start in stride(from: 0, to: b.rowCount, by: size) { slices.append((i, start..<min(b.rowCount, start + size))) }
        }
        let parts = slices
        return Morsels(count: parts.count) { i in
            let (index, range) = parts[i]
            let whole = snapshot[index]
            let partial = range.count < whole.rowCount
            statistics.read(rows: range.count, bytes: partial ? whole.byteSize * range.count / whole.rowCount : whole.byteSize)
            return try whole.scanned(projection: projection, schema: outSchema, range: range, filter: evaluator)
        }
    }

    public func insert(_ batches: [RecordBatch]) throws -> Int {
        try insert(compacted: batches.filter { $0.rowCount > 0 }.map(CompactBatch.init))
    }

    /// Appends batches already in their stored form (a caller that produces many rows
    /// compacts each batch as it arrives, so the decoded rows never all exist at once).
    public func insert(compacted batches: [CompactBatch]) throws -> Int {
        let normalized = batches.filter { $0.rowCount > 0 }.map { $0.withSchema(schema) }
        try checkNotNull(normalized)
        try storage.withLock { (state: inout State) throws in
            if !state.keys.keys.isEmpty {
                var keys = state.keys
                try keys.insert(normalized.map { $0.batch() })
                state.keys = keys
            }
            state.batches.append(contentsOf: normalized)
        }
        return normalized.reduce(0) { $0 + $1.rowCount }
    }

    /// INSERT … ON CONFLICT DO NOTHING: appends the rows that repeat no key (of the table
    /// or of an earlier row) and returns how many (``UniqueKeyIndex/keptRows(_:conflict:)``).
    public func insert(compacted batches: [CompactBatch], conflict: InsertConflict) throws -> Int {
        let normalized = batches.filter { $0.rowCount > 0 }.map { $0.withSchema(schema) }
        try checkNotNull(normalized)
        return try storage.withLock { (state: inout State) throws -> Int in
            var keys = state.keys
            let kept = try keys.keptRows(normalized.map { $0.batch() }, conflict: conflict).filter { $0.rowCount > 0 }
            state.keys = keys
            state.batches.append(contentsOf: kept.map(CompactBatch.init))
            return kept.reduce(0) { $0 + $1.rowCount }
        }
    }

    public func deleteFrom(filters: [Expr]) throws -> Int {
        try storage.withLock { (state: inout State) throws -> Int in
            let (kept, deleted) = try RowRewrite.delete(state.batches.map { $0.batch() }, schema: schema, filters: filters)
            var keys = UniqueKeyIndex(keys: state.keys.keys, schema: schema)
            try keys.insert(kept)
            state = State(batches: kept.map(CompactBatch.init), keys: keys)
            return deleted
        }
    }

    public func update(assignments: [(column: String, value: Expr)], filters: [Expr]) throws -> Int {
        try storage.withLock { (state: inout State) throws -> Int in
            let (updated, count) = try RowRewrite.update(state.batches.map { $0.batch() }, schema: schema,
                                                         assignments: assignments, filters: filters)
            var keys = UniqueKeyIndex(keys: state.keys.keys, schema: schema)
            try keys.insert(updated)
            state = State(batches: updated.map(CompactBatch.init), keys: keys)
            return count
        }
    }

    private func checkNotNull(_ batches: [CompactBatch]) throws {
        for (i, f) in schema.fields.enumerated() where !f.nullable {
            for b in batches where b.columns[i].nullCount > 0 {
                throw PlanError(.execution, "NULL value in column '\(f.name)' violates NOT NULL")
            }
        }
    }
}

extension MemoryTable: SubstraitRowsSource {
    /// A table function's rows (fixed when planned), for a Substrait virtual table.
    public var substraitRows: [[ScalarValue]]? {
        guard tableFunction != nil else { return nil }
        return batches.flatMap { b in (0..<b.rowCount).map { b.row($0) } }
    }
}
