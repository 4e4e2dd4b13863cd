import Dispatch
import PlanCore
import PlanExec
import PlanOptimizer
import PlanProviders

/// A bound plan optimized (and, with `analyze`, run) for showing: the optimizer trace,
/// the physical plan (with per-operator rows, time and memory when run) and the pushdown
/// report (each scan's filter classes; rows and bytes read when run). What the TUI shows
/// for a pipeline view or a query.
public struct PlanInspection: Sendable {
    public let trace: OptimizerTrace
    public let physical: PhysicalPlanSnapshot
    public let pushdown: PushdownContractReport
    public let warnings: [RunWarning]
    /// Rows produced (when run).
    public let rows: Int?
    /// Seconds from plan to the last batch (when run).
    public let elapsed: Double?
    public var analyzed: Bool { rows != nil }

    public init(trace: OptimizerTrace, physical: PhysicalPlanSnapshot, pushdown: PushdownContractReport, warnings: [RunWarning],
                rows: Int?, elapsed: Double?) {
        self.trace = trace
        self.physical = physical
        self.pushdown = pushdown
        self.warnings = warnings
        self.rows = rows
        self.elapsed = elapsed
    }

    /// What a statement's result holds for showing: a query's (run), EXPLAIN ANALYZE's
    /// (run), EXPLAIN's (planned, not run); nil for statements without a plan.
    public init?(_ result: StatementResult) {
        guard let trace = result.trace, let physical = result.physical else { return nil }
        var rows: Int?, elapsed: Double?
        switch result.output {
        case .rows(_, let batches):
            rows = batches.reduce(0) { $0 + $1.rowCount }
            elapsed = result.elapsed
        case .explain(let e) where e.analyze:
            rows = physical.metrics?.outputRows
            elapsed = e.elapsed
        default: break
        }
        self.init(trace: trace, physical: physical, pushdown: result.pushdown ?? PushdownContractReport(scans: []),
                  warnings: result.warnings, rows: rows, elapsed: elapsed)
    }
}

extension Session {
    /// Optimizes `plan` and plans it physically; with `analyze` also runs it, reporting
    /// to `events` as ``execute(_:cancellation:events:)`` does.
    public func inspection(of plan: LogicalPlan, analyze: Bool, cancellation: Cancellation? = nil,
                           events: ExecutionEventSink? = nil) throws(StatementError) -> PlanInspection {
        let config = self.config
        do {
            if analyze {
                let start = DispatchTime.now().uptimeNanoseconds
                let run = try runQuery(plan, config: config, cancellation: cancellation ?? Cancellation(), events: events)
                return PlanInspection(trace: run.trace, physical: run.physical, pushdown: run.pushdown, warnings: run.warnings,
                                      rows: run.batches.reduce(0) { $0 + $1.rowCount },
                                      elapsed: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            let trace = try optimize(plan, config: config)
            let physical = try PhysicalPlanner(pruning: config.pruning).plan(trace.final)
            return PlanInspection(trace: trace, physical: PhysicalPlanSnapshot(physical, executed: false),
                                  pushdown: PushdownContractReport.collect(physical, context: nil), warnings: [], rows: nil, elapsed: nil)
        } catch let error as PlanError {
            throw StatementError(error, source: "")
        } catch {
            throw StatementError(PlanError(.execution, "\(error)"), source: "")
        }
    }
}
