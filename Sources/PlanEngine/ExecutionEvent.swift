import PlanExec

/// What a running statement reports before its result: its plans as soon as they are
/// made, then its operators' figures so far while it runs. Given to
/// ``Session/execute(_:cancellation:events:)`` and ``Session/inspection(of:analyze:cancellation:events:)``.
///
/// For each statement that runs a plan (a query, `EXPLAIN`, `EXPLAIN ANALYZE`, `COPY … TO`):
/// one ``planned(_:)`` first; while it runs, ``progress(_:)`` at most every
/// ``progressIntervalMillis``; and one last ``progress(_:)`` when the run ends — finished,
/// failed or cancelled — with the figures it reached, before the call returns or throws.
public enum ExecutionEvent: Sendable {
    /// The statement is planned and about to run: its optimizer trace, physical plan (with
    /// estimates, no metrics) and pushdown report; not run (``PlanInspection/analyzed`` is false).
    case planned(PlanInspection)
    /// The physical plan with each operator's rows, batches, time and memory so far.
    case progress(PhysicalPlanSnapshot)

    /// The least time between two ``progress(_:)`` events of a run.
    public static let progressIntervalMillis = 100
}

/// Receives a call's ``ExecutionEvent``s. It is called on the calling thread (``ExecutionEvent/planned(_:)``,
/// the last progress) and on a progress thread of its own, one event at a time and never on
/// a worker of the execution runtime: a slow sink delays the next event, not the query.
public typealias ExecutionEventSink = @Sendable (ExecutionEvent) -> Void
