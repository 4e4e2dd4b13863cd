import PlanCore
import Dispatch
import PlanSupport

/// Counters one operator keeps while it runs, for EXPLAIN ANALYZE. Workers running the
/// operator on different morsels add to them at once (a lock per batch, never per row).
public final class OperatorMetrics: Sendable {
    private struct Counts {
        var outputRows = 0
        var outputBatches = 0
        var elapsedNanos: UInt64 = 0
        var peakBytes = 0
        var spilledBytes = 0
        var estimatedRows: Double?
        /// The same counts per thread that added them, by ``ExecutionRuntime/workerNumber``.
        var workers: [PhysicalPlanSnapshot.Metrics.Worker] = []
    }
    private let counts = Locked(Counts())

    public init() {}

    public var outputRows: Int {
        get { counts.withLock { $0.outputRows } }
        set { counts.withLock { $0.outputRows = newValue } }
    }
    public var outputBatches: Int {
        get { counts.withLock { $0.outputBatches } }
        set { counts.withLock { $0.outputBatches = newValue } }
    }
    /// Nanoseconds spent in this operator, including its inputs, summed over the workers
    /// that ran it.
    public var elapsedNanos: UInt64 {
        get { counts.withLock { $0.elapsedNanos } }
        set { counts.withLock { $0.elapsedNanos = newValue } }
    }
    /// Largest number of bytes the operator held at once (materializing operators).
    public var peakBytes: Int {
        get { counts.withLock { $0.peakBytes } }
        set { counts.withLock { $0.peakBytes = newValue } }
    }
    /// Bytes the operator wrote to spill files because its memory reservation was refused.
    public var spilledBytes: Int { counts.withLock { $0.spilledBytes } }

    /// Adds bytes written to a spill file (safe from any worker).
    func noteSpilled(_ bytes: Int) { counts.withLock { $0.spilledBytes += bytes } }

    /// The planner's estimate of the rows this operator produces (from the logical node
    /// it was planned from), for EXPLAIN and EXPLAIN ANALYZE to show beside the actual count.
    public var estimatedRows: Double? {
        get { counts.withLock { $0.estimatedRows } }
        set { counts.withLock { $0.estimatedRows = newValue } }
    }

    /// Adds one batch's worth of output and time in one step (safe from any worker).
    public func add(rows: Int, batches: Int, nanos: UInt64) {
        let worker = ExecutionRuntime.workerNumber
        counts.withLock {
            $0.outputRows += rows
            $0.outputBatches += batches
            $0.elapsedNanos += nanos
            if $0.workers.count <= worker {
                $0.workers += ($0.workers.count...worker).map { PhysicalPlanSnapshot.Metrics.Worker(worker: $0) }
            }
            $0.workers[worker].rows += rows
            $0.workers[worker].batches += batches
            $0.workers[worker].elapsedNanos += nanos
        }
    }

    /// Every counter at one instant (read under one lock, so a snapshot taken while the
    /// operator runs is consistent): the figures a run has reached so far.
    public var snapshot: PhysicalPlanSnapshot.Metrics {
        counts.withLock { c in
            PhysicalPlanSnapshot.Metrics(outputRows: c.outputRows, outputBatches: c.outputBatches, elapsedNanos: c.elapsedNanos,
                                         peakBytes: c.peakBytes, spilledBytes: c.spilledBytes,
                                         workers: c.workers.filter { $0.batches > 0 || $0.elapsedNanos > 0 })
        }
    }

    /// Raises the peak to `bytes` if it is higher.
    public func notePeak(_ bytes: Int) { counts.withLock { $0.peakBytes = max($0.peakBytes, bytes) } }

    public var elapsedMillis: Double { Double(elapsedNanos) / 1e6 }
}

/// A physical operator: produces batches of ``schema`` when executed.
public protocol PhysicalOperator: AnyObject {
    /// `FilterExec`, `HashJoinExec` …
    var name: String { get }
    /// The details shown after the name in plans.
    var detail: String { get }
    var schema: Schema { get }
    var children: [any PhysicalOperator] { get }
    var metrics: OperatorMetrics { get }
    /// Starts producing batches.
    func execute(_ context: ExecutionContext) throws -> any BatchStream
    /// The operator's output as morsels any worker can compute, when it and its inputs
    /// down to a scan are streaming operators that can run that way (`nil` otherwise).
    /// Work it must do first (a hash join's build) is done before this returns.
    func morsels(_ context: ExecutionContext) throws -> Morsels?
}

extension PhysicalOperator {
    public func morsels(_ context: ExecutionContext) throws -> Morsels? { nil }
}

/// Wraps an operator's stream to count rows, batches and time, and to honour
/// cancellation between batches.
final class MeteredStream: BatchStream {
    let inner: any BatchStream
    let metrics: OperatorMetrics
    let context: ExecutionContext

    init(_ inner: any BatchStream, _ metrics: OperatorMetrics, _ context: ExecutionContext) {
        self.inner = inner
        self.metrics = metrics
        self.context = context
    }

    func next() throws -> RecordBatch? {
        try context.checkCancelled()
        let start = DispatchTime.now().uptimeNanoseconds
        let b = try inner.next()
        metrics.add(rows: b?.rowCount ?? 0, batches: b == nil ? 0 : 1, nanos: DispatchTime.now().uptimeNanoseconds - start)
        return b
    }
}

/// A stream produced by a closure.
public final class ClosureStream: BatchStream {
    let body: () throws -> RecordBatch?
    public init(_ body: @escaping () throws -> RecordBatch?) { self.body = body }
    public func next() throws -> RecordBatch? { try body() }
}

extension PhysicalOperator {
    /// Executes with metrics.
    public func run(_ context: ExecutionContext) throws -> any BatchStream {
        // Materializing operators do their work in execute() (or morsels()); count it too.
        let start = DispatchTime.now().uptimeNanoseconds
        if let morsels = try morsels(context) {
            // The morsels' stages count their own rows and time (a join its build's too).
            return morsels.ordered(workers: context.workers, context: context)
        }
        let stream = try execute(context)
        metrics.add(rows: 0, batches: 0, nanos: DispatchTime.now().uptimeNanoseconds - start)
        return MeteredStream(stream, metrics, context)
    }

    /// Runs to completion and returns every batch.
    public func collect(_ context: ExecutionContext) throws -> [RecordBatch] {
        let stream = try run(context)
        var out: [RecordBatch] = []
        while let b = try stream.next() { out.append(b) }
        return out
    }
}

/// Pulls all batches of a stream.
func drain(_ stream: any BatchStream) throws -> [RecordBatch] {
    var out: [RecordBatch] = []
    while let b = try stream.next() { out.append(b) }
    return out
}

extension RecordBatch {
    /// Approximate bytes held by the batch's buffers.
    public var byteSize: Int { columns.reduce(0) { $0 + $1.byteSize } }

    /// The same columns under another schema (names/qualifiers change, types do not).
    public func withSchema(_ schema: Schema) -> RecordBatch {
        RecordBatch(schema: schema, columns: columns, rowCount: rowCount)
    }
}

extension ColumnVector {
    /// Approximate bytes held by the column's value buffers.
    public var byteSize: Int {
        switch values {
        case .null: 0
        case .boolean(let a): a.count
        case .int16(let a): a.count * 2
        case .int32(let a), .date(let a): a.count * 4
        case .int64(let a), .timestamp(let a): a.count * 8
        case .float32(let a): a.count * 4
        case .float64(let a): a.count * 8
        case .decimal(let a): a.count * 16
        case .string(let s): s.bytes.count + s.offsets.count * 4
        case .interval(let a): a.count * 16
        }
    }
}

extension PhysicalOperator {
    /// Evaluates `expr` on `batch` with the stream's subquery results `cache`; a failure
    /// becomes one line naming this operator, the row (counted from the operator's first
    /// input row) and the expression.
    func evaluate(_ expr: PhysicalExpr, _ batch: RecordBatch, rowOffset: Int, cache: inout SubqueryCache) throws -> ColumnVector {
        do {
            return try expr.evaluate(batch, cache: &cache)
        } catch {
            throw EvaluationFailure.describe(error, in: expr, operator: name, rowOffset: rowOffset)
        }
    }
}

enum EvaluationFailure {
    /// `error` from evaluating `expr` as the one line a user sees: the operator, the row
    /// (counted from `rowOffset`) and the expression.
    static func describe(_ error: any Error, in expr: PhysicalExpr, operator name: String, rowOffset: Int) -> any Error {
        if let failure = error as? RowFailure {
            return PlanError(.execution, "\(failure.error.message) in \(expr.source.sqlText) (row \(rowOffset + failure.row + 1))", origin: name)
        }
        if let error = error as? PlanError, error.origin == nil, error.kind != .cancelled {
            return PlanError(.execution, "\(error.message) in \(expr.source.sqlText)", origin: name)
        }
        return error
    }
}
