import PlanCore

/// A pull-based source of batches. `next()` returns `nil` when exhausted.
public protocol BatchStream: AnyObject {
    func next() throws -> RecordBatch?
}

/// Hands on another stream's batches, cutting those longer than `rows` into slices, one
/// slice as each is asked for (so a large batch is never held twice over).
public final class SlicedStream: BatchStream {
    let inner: any BatchStream
    let rows: Int
    /// The batch being cut, and where its next slice starts.
    private var cutting: RecordBatch?
    private var offset = 0

    public init(_ inner: any BatchStream, rows: Int) {
        self.inner = inner
        self.rows = max(1, rows)
    }

    public func next() throws -> RecordBatch? {
        if let b = cutting {
            let end = min(b.rowCount, offset + rows)
            defer { offset = end }
            if end == b.rowCount { cutting = nil }
            return b.slice(offset..<end)
        }
        guard let b = try inner.next() else { return nil }
        guard b.rowCount > rows else { return b }
        cutting = b
        offset = 0
        return try next()
    }
}

/// A stream over batches already in memory; it lets go of each batch as it hands it on.
public final class MemoryStream: BatchStream {
    /// The batches not handed on yet, the next one last.
    private var batches: [RecordBatch]
    public init(_ batches: [RecordBatch]) { self.batches = batches.reversed() }
    /// One batch handed on in slices of at most `rows` rows, each cut as it is asked for
    /// (nothing for an empty batch, as ``RecordBatch/split(every:)``).
    public static func slicing(_ batch: RecordBatch, every rows: Int) -> any BatchStream {
        SlicedStream(MemoryStream(batch.rowCount > 0 ? [batch] : []), rows: rows)
    }
    public func next() throws -> RecordBatch? { batches.popLast() }
}

/// A table that can be scanned: the planning view (`TableSource`) plus data access.
///
/// `scan` receives the columns wanted (indices into ``TableSource/schema``, `nil` = all),
/// the filters the planner offered (the provider may use them as its
/// ``TableSource/supportsFiltersPushdown(_:)`` answer promised), and a row limit hint.
/// The returned batches carry the projected schema, unqualified.
public protocol TableProvider: TableSource {
    func scan(projection: [Int]?, filters: [Expr], limit: Int?) throws -> any BatchStream
    /// The same scan, counting what it reads, returns and prunes into `statistics`.
    func scan(projection: [Int]?, filters: [Expr], limit: Int?, statistics: ScanStatistics) throws -> any BatchStream
    /// Appends rows (already in the table's schema); returns the number inserted.
    func insert(_ batches: [RecordBatch]) throws -> Int
    /// Deletes the rows for which every filter is true (all rows when none); returns how
    /// many. Filters use the table's unqualified column names.
    func deleteFrom(filters: [Expr]) throws -> Int
    /// Sets columns to expressions (over the old row) where every filter is true; returns
    /// how many rows changed.
    func update(assignments: [(column: String, value: Expr)], filters: [Expr]) throws -> Int
    /// What the table keeps in this process's memory (`\dt`'s memory column); nil for a
    /// table whose rows stay where they are (files).
    var storageSummary: StorageSummary? { get }
}

/// The bytes a table's rows take in memory: as stored (a memory table compacts them:
/// ``CompactBatch``) and as they would take decoded.
public struct StorageSummary: Hashable, Sendable {
    public let storedBytes: Int
    public let decodedBytes: Int

    public init(storedBytes: Int, decodedBytes: Int) { (self.storedBytes, self.decodedBytes) = (storedBytes, decodedBytes) }
}

/// A provider whose scans can be cut into morsels that workers read independently.
public protocol MorselScanning: TableProvider {
    /// The scan as morsels of at most `rows` rows each, every one projected and
    /// filtered as ``TableProvider/scan(projection:filters:limit:statistics:)`` would;
    /// `nil` when this scan cannot be cut up.
    func morselScan(projection: [Int]?, filters: [Expr], rows: Int, statistics: ScanStatistics) throws -> Morsels?
}

extension TableProvider {
    public func scan(projection: [Int]?, filters: [Expr], limit: Int?, statistics: ScanStatistics) throws -> any BatchStream {
        try scan(projection: projection, filters: filters, limit: limit)
    }

    public func insert(_ batches: [RecordBatch]) throws -> Int {
        throw PlanError(.unsupported, "table kind '\(kind)' does not support INSERT")
    }

    public func deleteFrom(filters: [Expr]) throws -> Int {
        throw PlanError(.unsupported, "table kind '\(kind)' does not support DELETE")
    }

    public func update(assignments: [(column: String, value: Expr)], filters: [Expr]) throws -> Int {
        throw PlanError(.unsupported, "table kind '\(kind)' does not support UPDATE")
    }

    public var storageSummary: StorageSummary? { nil }
}
