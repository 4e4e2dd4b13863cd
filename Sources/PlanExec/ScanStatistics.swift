import PlanCore
import PlanSupport

/// What one scan did, as the provider and the scan operator saw it: for pushdown contract
/// reports and EXPLAIN ANALYZE. It also carries the pruning switches the scan runs under
/// (``ScanPruning``), the one per-scan value a provider receives from the session.
public final class ScanStatistics: Sendable {
    /// One kind of unit a provider prunes (files, chunks, row groups, pages): how many it
    /// was offered, how many it skipped without reading (and by which mechanism), and how
    /// many it read.
    public struct Units: Sendable, Equatable {
        public let kind: String
        /// What happened to the units not pruned: `read` (files, row groups, pages), or
        /// `kept` for rows a scan's runtime filters passed after the provider read them.
        public let verb: String
        public var total = 0
        public var pruned = 0
        /// Units actually read (nil: the provider does not count them; then total − pruned).
        public var read: Int?
        /// Pruned units by mechanism (`statistics`, `bloom filter`, `page index`, `partition`).
        public var prunedBy: [String: Int] = [:]

        public init(kind: String, verb: String = "read", total: Int = 0, pruned: Int = 0, read: Int? = nil,
                    prunedBy: [String: Int] = [:]) {
            self.kind = kind
            self.verb = verb
            self.total = total
            self.pruned = pruned
            self.read = read
            self.prunedBy = prunedBy
        }

        /// Units read: counted, else those not pruned.
        public var readCount: Int { read ?? (total - pruned) }
    }

    struct Counts {
        var rowsRead = 0
        var bytesRead = 0
        var fileBytes = 0
        var rowsReturned = 0
        /// In the order the provider first counted each kind.
        var units: [Units] = []

        mutating func with(_ kind: String, verb: String = "read", _ change: (inout Units) -> Void) {
            if let i = units.firstIndex(where: { $0.kind == kind }) { change(&units[i]); return }
            var u = Units(kind: kind, verb: verb)
            change(&u)
            units.append(u)
        }
    }
    private let counts = Locked(Counts())
    /// The pruning mechanisms the scan may use.
    public let pruning: ScanPruning

    public init(pruning: ScanPruning = ScanPruning()) { self.pruning = pruning }

    /// Rows and bytes the provider looked at (before its own filtering).
    public func read(rows: Int, bytes: Int) { counts.withLock { $0.rowsRead += rows; $0.bytesRead += bytes } }
    public func returned(rows: Int) { counts.withLock { $0.rowsReturned += rows } }
    /// The size of a file the scan reads from (for "bytes read of the files' bytes").
    public func file(bytes: Int) { counts.withLock { $0.fileBytes += bytes } }
    /// Files or chunks the table has, and how many it skipped without reading (`verb`: what
    /// happened to the rest, `read` unless said).
    public func units(total: Int, pruned: Int, kind: String, verb: String = "read") {
        counts.withLock { $0.with(kind, verb: verb) { u in u.total += total; u.pruned += pruned } }
    }
    /// `count` units of `kind` skipped by `mechanism` (also counted in ``units(total:pruned:kind:)``'s pruned).
    public func pruned(_ count: Int, kind: String, by mechanism: String) {
        guard count > 0 else { return }
        counts.withLock { $0.with(kind) { u in u.prunedBy[mechanism, default: 0] += count } }
    }
    /// `count` units of `kind` read.
    public func unitsRead(_ count: Int, kind: String) {
        counts.withLock { $0.with(kind) { u in u.read = (u.read ?? 0) + count } }
    }

    public var rowsRead: Int { counts.withLock { $0.rowsRead } }
    public var bytesRead: Int { counts.withLock { $0.bytesRead } }
    /// Bytes of the files the scan read from (0: not counted).
    public var fileBytes: Int { counts.withLock { $0.fileBytes } }
    public var rowsReturned: Int { counts.withLock { $0.rowsReturned } }
    /// Every kind of unit counted, in the order first counted.
    public var units: [Units] { counts.withLock { $0.units } }
    /// The first kind counted (files of a directory, row groups of a file …).
    public var unitsTotal: Int { counts.withLock { $0.units.first?.total ?? 0 } }
    public var unitsPruned: Int { counts.withLock { $0.units.first?.pruned ?? 0 } }
    public var unitKind: String { counts.withLock { $0.units.first?.kind ?? "chunks" } }

    /// `row groups 2 of 10 read (8 pruned: 7 statistics, 1 bloom filter)`; empty when nothing was counted.
    public var summary: String { Self.summary(units: units, bytesRead: bytesRead, fileBytes: fileBytes) }

    /// `row groups 2 of 10 read (8 pruned: 8 statistics), pages …, bytes 1.2 MiB of 30.0 MiB`.
    public static func summary(units: [Units], bytesRead: Int, fileBytes: Int) -> String {
        var parts = units.filter { $0.total > 0 }.map(\.summary)
        if fileBytes > 0 { parts.append("bytes \(bytesText(bytesRead)) of \(bytesText(fileBytes))") }
        return parts.joined(separator: ", ")
    }
}

extension ScanStatistics.Units {
    /// `row groups 2 of 10 read (8 pruned: 7 statistics, 1 bloom filter)`.
    public var summary: String {
        var s = "\(kind) \(readCount) of \(total) \(verb)"
        if pruned > 0 {
            s += " (\(pruned) pruned"
            let by = prunedBy.filter { $0.value > 0 }.sorted { $0.key < $1.key }
            if !by.isEmpty { s += ": " + by.map { "\($0.value) \($0.key)" }.joined(separator: ", ") }
            s += ")"
        }
        return s
    }
}
/// Applies pushed filters to batches inside a provider (for providers that promise Exact).
public struct PushedFilterEvaluator: Sendable {
    private let compiled: [PhysicalExpr]

    /// Compiles `filters` (unqualified columns of `schema`).
    public init(_ filters: [Expr], schema: Schema) throws {
        let context = PhysicalPlanner.makeContext()
        compiled = try filters.map { (f: Expr) throws(PlanError) -> PhysicalExpr in
            try PhysicalExpr.compile(f, schema: schema, context: context)
        }
        cheap = filters.map(Self.isCheap)
        columns = Set(filters.flatMap(\.columnRefs).compactMap { schema.index(of: $0) })
        alone = filters.map { f in
            let read = Set(f.columnRefs.compactMap { schema.index(of: $0) })
            return read.count == 1 && f.cannotFail ? read.first : nil
        }
        var readWithOthers = Set<Int>()
        for (f, c) in zip(filters, alone) where c == nil { readWithOthers.formUnion(f.columnRefs.compactMap { schema.index(of: $0) }) }
        codable = columns.subtracting(readWithOthers)
    }

    /// Per filter: the one column it reads when it reads just one and cannot fail.
    private let alone: [Int?]
    /// Columns only filters of one column that cannot fail read: a scan whose column is
    /// dictionary-coded (without NULLs) may pass it to ``selection(_:coded:)`` as codes.
    public let codable: Set<Int>

    /// A dictionary-coded column: row `i` of the batch is `entries[codes[offset + i]]`
    /// (no row NULL).
    public struct CodedColumn {
        public let codes: [UInt8]
        public let offset: Int
        public let entries: ColumnVector

        public init(codes: [UInt8], offset: Int, entries: ColumnVector) {
            self.codes = codes
            self.offset = offset
            self.entries = entries
        }
    }

    public var isEmpty: Bool { compiled.isEmpty }
    /// Per filter: ``isCheap(_:)``.
    private let cheap: [Bool]

    /// The rows of `batch` for which every filter is true, filters taken in order. A
    /// filter that cannot fail is evaluated on the batch as it is, its mask combined with
    /// the others, while a quarter of the rows remain (for a cheap one: a comparison, IS
    /// NULL, IN list or BETWEEN over columns and literals) or half (any other) — cheaper
    /// than copying the kept rows of every column; after that, and at once for a filter
    /// that can fail (so it fails only on rows the earlier filters keep), it runs on the
    /// kept rows only.
    public func apply(_ batch: RecordBatch) throws -> RecordBatch {
        let (rows, gathered) = try select(batch)
        guard let rows else { return batch }
        return gathered ?? batch.gather(rows)
    }

    /// The columns of the scanned schema the filters read: a caller that builds batches
    /// on demand need only fill these before ``selection(_:)``.
    public let columns: Set<Int>

    /// The rows of `batch` every filter keeps, as in ``apply(_:)`` (nil: all of them).
    /// `batch` needs only ``columns`` filled; the others are not read.
    /// A filter of one column in `coded` runs on that column's dictionary entries, and
    /// each row takes its entry's answer (the column need not be in `batch`).
    public func selection(_ batch: RecordBatch, coded: [Int: CodedColumn] = [:]) throws -> [Int]? {
        try select(batch, coded: coded).rows
    }

    /// Whether each of `coded`'s entries passes filter `f` (the answer per entry).
    private func entryMask(_ f: PhysicalExpr, _ column: Int, _ coded: CodedColumn, _ batch: RecordBatch) throws -> [Bool] {
        let n = coded.entries.count
        let columns = batch.columns.indices.map { i in
            i == column ? coded.entries : ColumnVector(batch.schema.fields[i].dataType, .null(count: n))
        }
        let mask = try f.evaluate(RecordBatch(schema: batch.schema, columns: columns, rowCount: n), reportingAs: "filter pushed to the table")
        guard case .boolean(let values) = mask.values else { return [Bool](repeating: false, count: n) }
        return (0..<n).map { values[$0] && !mask.isNull($0) }
    }

    /// The kept rows (nil: all) and, when the last filter ran on them, those rows gathered.
    private func select(_ batch: RecordBatch, coded: [Int: CodedColumn] = [:]) throws -> (rows: [Int]?, gathered: RecordBatch?) {
        guard !compiled.isEmpty, batch.rowCount > 0 else { return (nil, nil) }
        // `current` holds `batch`'s rows `rows` (nil: all); `kept` marks those still kept.
        var current = batch
        var rows: [Int]?
        var kept = [Bool](repeating: true, count: batch.rowCount)
        var keptCount = batch.rowCount
        func keptRows() -> [Int] { Selection.indices(of: kept, through: rows) }
        for (fi, (f, cheap)) in zip(compiled, cheap).enumerated() {
            if keptCount == 0 { break }
            if let c = alone[fi], let d = coded[c] {
                let passes = try entryMask(f, c, d, batch)
                var remaining = 0
                Selection.bytes(passes) { p in
                    d.codes.withUnsafeBufferPointer { codes in
                        Selection.mutableBytes(&kept) { k in
                            let base = d.offset
                            if let rows {
                                for i in 0..<k.count { let keep = k[i] & p[Int(codes[base + rows[i]])]; k[i] = keep; remaining &+= Int(keep) }
                            } else {
                                for i in 0..<k.count { let keep = k[i] & p[Int(codes[base + i])]; k[i] = keep; remaining &+= Int(keep) }
                            }
                        }
                    }
                }
                keptCount = remaining
                continue
            }
            let inPlace = f.source.cannotFail && keptCount * (cheap ? 4 : 2) >= current.rowCount
            if !inPlace, keptCount < current.rowCount {
                let next = keptRows()
                rows = next
                current = batch.gather(next)
                kept = [Bool](repeating: true, count: next.count)
            }
            let mask = try f.evaluate(current, reportingAs: "filter pushed to the table")
            guard case .boolean(let values) = mask.values else { return ([], nil) }
            var remaining = 0
            Selection.bytes(values) { v in
                Selection.mutableBytes(&kept) { k in
                    if let validity = mask.validity {
                        for i in 0..<k.count {
                            let keep = k[i] & v[i] & (validity[i] ? 1 : 0)
                            k[i] = keep
                            remaining &+= Int(keep)
                        }
                    } else {
                        for i in 0..<k.count { let keep = k[i] & v[i]; k[i] = keep; remaining &+= Int(keep) }
                    }
                }
            }
            keptCount = remaining
        }
        if keptCount == current.rowCount { return (rows, rows == nil ? nil : current) }
        return (keptRows(), nil)
    }

    /// Whether evaluating `e` on every row costs about as little as one comparison.
    static func isCheap(_ e: Expr) -> Bool {
        switch e {
        case .column, .literal: return true
        case .alias(let x, _), .not(let x), .isTest(let x, _), .cast(let x, _): return isCheap(x)
        case .binary(let a, let op, let b):
            switch op {
            case .eq, .notEq, .lt, .ltEq, .gt, .gtEq: return isCheap(a) && isCheap(b)
            default: return false
            }
        case .between(let x, let low, let high, _): return isCheap(x) && isCheap(low) && isCheap(high)
        case .inList(let x, let items, _): return isCheap(x) && items.allSatisfy { if case .literal = $0 { true } else { false } }
        default: return false
        }
    }
}
