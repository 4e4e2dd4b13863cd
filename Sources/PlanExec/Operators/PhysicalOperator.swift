import PlanCore
import Dispatch

/// Counters one operator keeps while it runs, for EXPLAIN ANALYZE.
public final class OperatorMetrics: @unchecked Sendable {
    public var outputRows = 0
    public var outputBatches = 0
    /// Nanoseconds spent in this operator's `next()`, including its inputs.
    public var elapsedNanos: UInt64 = 0
    /// Largest number of bytes the operator held at once (materializing operators).
    public var peakBytes = 0
    /// The planner's estimate of the rows this operator produces (from the logical node
    /// it was planned from), for EXPLAIN and EXPLAIN ANALYZE to show beside the actual count.
    public var estimatedRows: Double?

    public init() {}

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
        defer { metrics.elapsedNanos += DispatchTime.now().uptimeNanoseconds - start }
        guard let b = try inner.next() else { return nil }
        metrics.outputRows += b.rowCount
        metrics.outputBatches += 1
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
        // Materializing operators do their work in execute(); count it too.
        let start = DispatchTime.now().uptimeNanoseconds
        let stream = try execute(context)
        metrics.elapsedNanos += DispatchTime.now().uptimeNanoseconds - start
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
    public var byteSize: Int {
        columns.reduce(0) { acc, c in
            switch c.values {
            case .null: acc
            case .boolean(let a): acc + a.count
            case .int16(let a): acc + a.count * 2
            case .int32(let a), .date(let a): acc + a.count * 4
            case .int64(let a), .timestamp(let a): acc + a.count * 8
            case .float32(let a): acc + a.count * 4
            case .float64(let a): acc + a.count * 8
            case .decimal(let a): acc + a.count * 16
            case .string(let s): acc + s.bytes.count + s.offsets.count * 4
            case .interval(let a): acc + a.count * 16
            }
        }
    }

    /// The same columns under another schema (names/qualifiers change, types do not).
    public func withSchema(_ schema: Schema) -> RecordBatch {
        RecordBatch(schema: schema, columns: columns, rowCount: rowCount)
    }
}

extension PhysicalOperator {
    /// Evaluates `expr` on `batch`; a failure becomes one line naming this operator, the
    /// row (counted from the operator's first input row) and the expression.
    func evaluate(_ expr: PhysicalExpr, _ batch: RecordBatch, rowOffset: Int) throws -> ColumnVector {
        do {
            return try expr.evaluate(batch)
        } catch let failure as RowFailure {
            throw PlanError(.execution, "\(failure.error.message) in \(expr.source.sqlText) (row \(rowOffset + failure.row + 1))", origin: name)
        } catch let error as PlanError where error.origin == nil && error.kind != .cancelled {
            throw PlanError(.execution, "\(error.message) in \(expr.source.sqlText)", origin: name)
        }
    }
}
