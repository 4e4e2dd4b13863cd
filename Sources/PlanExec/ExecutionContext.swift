import PlanCore
import Synchronization

/// Shared state of one query's execution: cancellation, and a way to run subqueries.
public final class ExecutionContext: Sendable {
    private let cancelled = Atomic<Bool>(false)
    /// Runs a (sub)plan to completion; provided by the physical planner.
    let runner: @Sendable (LogicalPlan, ExecutionContext) throws -> [RecordBatch]

    public init(runner: @escaping @Sendable (LogicalPlan, ExecutionContext) throws -> [RecordBatch]) {
        self.runner = runner
    }

    /// Asks the query to stop; operators notice between batches.
    public func cancel() { cancelled.store(true, ordering: .relaxed) }
    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Throws if the query was cancelled.
    public func checkCancelled() throws {
        if isCancelled { throw PlanError(.execution, "query cancelled") }
    }

    func run(_ plan: LogicalPlan) throws -> [RecordBatch] { try runner(plan, self) }
}
