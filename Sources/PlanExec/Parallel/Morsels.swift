import PlanCore
import Dispatch
import PlanSupport

/// A pipeline's work cut into numbered morsels (HyPer's morsel-driven execution): morsel
/// `i` is a slice of a scan carried through the streaming operators above it (filters,
/// projections, hash-join probes). Any worker may compute any morsel, in any order; what
/// morsel `i` produces depends only on `i`, so results are the same for every number of
/// workers: ``ordered(workers:context:)`` hands them on in morsel order and
/// ``fold(workers:context:makeState:_:)`` gives each worker its own state to merge once.
public struct Morsels: Sendable {
    /// How many morsels there are.
    public let count: Int
    /// Computes morsel `i` (`nil`: no rows).
    private let produce: @Sendable (Int) throws -> RecordBatch?

    public init(count: Int, produce: @escaping @Sendable (Int) throws -> RecordBatch?) {
        self.count = count
        self.produce = produce
    }

    /// Morsel `i`'s rows (`nil` when it has none).
    public func batch(_ i: Int) throws -> RecordBatch? {
        guard let b = try produce(i), b.rowCount > 0 else { return nil }
        return b
    }

    /// These morsels with one more streaming operator applied to each: `stage` gets the
    /// rows and the morsel's number and returns the operator's output (`nil`: none).
    /// `metrics` count the operator's output rows, batches and time (its inputs'
    /// included, as a stream's are), summed over the workers.
    public func then(_ metrics: OperatorMetrics,
                     _ stage: @escaping @Sendable (RecordBatch, Int) throws -> RecordBatch?) -> Morsels {
        let input = self
        return Morsels(count: count) { i in
            let start = DispatchTime.now().uptimeNanoseconds
            var out: RecordBatch?
            defer {
                metrics.add(rows: out?.rowCount ?? 0, batches: out == nil ? 0 : 1,
                            nanos: DispatchTime.now().uptimeNanoseconds - start)
            }
            guard let b = try input.batch(i) else { return nil }
            out = try stage(b, i)
            if let o = out, o.rowCount == 0 { out = nil }
            return out
        }
    }
}

/// A failure in a morsel whose message needs what came before it (the operator's row
/// number counted from its first input row): made into the final error once every lower
/// morsel has run, so the message is the one a single worker would give.
struct MorselFailure: Error {
    let morsel: Int
    let resolve: @Sendable () -> any Error

    /// The error to report.
    static func resolved(_ error: any Error) -> any Error {
        (error as? MorselFailure)?.resolve() ?? error
    }
}

/// Input rows an operator saw in each morsel, so a row number can be counted from the
/// operator's first input row however the morsels were spread over workers.
final class MorselRows: Sendable {
    private let rows: Locked<[Int]>

    init(count: Int) { rows = Locked([Int](repeating: 0, count: count)) }

    func record(_ morsel: Int, _ count: Int) { rows.withLock { $0[morsel] = count } }

    /// Rows in every morsel before `morsel`.
    func before(_ morsel: Int) -> Int { rows.withLock { $0[..<morsel].reduce(0, +) } }
}

extension MorselRows {
    /// Evaluates `expr` on morsel `morsel`'s rows for operator `name`; a failure names the
    /// operator, the expression and the row counted from the operator's first input row.
    /// `cache`: the subquery results of the worker computing the morsel.
    func evaluate(_ expr: PhysicalExpr, _ batch: RecordBatch, morsel: Int, operator name: String,
                  cache: inout SubqueryCache) throws -> ColumnVector {
        do {
            return try expr.evaluate(batch, cache: &cache)
        } catch {
            throw MorselFailure(morsel: morsel) { [self] in
                EvaluationFailure.describe(error, in: expr, operator: name, rowOffset: before(morsel))
            }
        }
    }
}
