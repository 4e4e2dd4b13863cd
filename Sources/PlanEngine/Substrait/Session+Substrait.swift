import Foundation
import PlanCore
import PlanOptimizer
import PlanProviders
import PlanSubstrait

/// Plans leaving and entering the process as Substrait (protobuf JSON form).
extension Session {
    /// The Substrait forms of node kinds defined above PlanCore (`interval_align`).
    public var substraitCodecs: SubstraitNodeCodecs { SubstraitNodeCodecs([IntervalAlignSubstrait()]) }

    /// `sql` planned and optimized, as a Substrait plan.
    public func substraitPlan(of sql: String) throws(StatementError) -> SubstraitPlan {
        let plan = try logicalPlan(sql)
        do throws(PlanError) {
            return try substraitPlan(optimized: try optimize(plan).final)
        } catch {
            throw StatementError(error, source: sql)
        }
    }

    /// An (optimized) plan as a Substrait plan.
    public func substraitPlan(optimized plan: LogicalPlan) throws(PlanError) -> SubstraitPlan {
        try SubstraitProducer.produce(plan, codecs: substraitCodecs)
    }

    /// `sql`'s Substrait plan as JSON text (keys sorted: the canonical text).
    public func substraitJSON(of sql: String) throws(StatementError) -> String {
        let plan = try substraitPlan(of: sql)
        do throws(PlanError) {
            return try SubstraitJSON.text(plan)
        } catch {
            throw StatementError(error, source: sql)
        }
    }

    /// A Substrait plan's JSON text read against this session's tables. `source` names the
    /// file in errors.
    public func importSubstrait(_ text: String, source: String = "plan") throws(StatementError) -> LogicalPlan {
        do throws(PlanError) {
            let plan = try SubstraitJSON.plan(text, source: source)
            do {
                return try SubstraitConsumer.consume(plan, tables: { [catalog] in catalog.table(named: $0) }, codecs: substraitCodecs)
            } catch {
                throw PlanError(error.kind, "\(source): \(error.message)")
            }
        } catch {
            throw StatementError(error, source: "")
        }
    }

    /// Runs a query plan made elsewhere (an imported Substrait plan): optimized, checked
    /// and executed as a statement's plan is; `sql` is what the result shows as its text.
    public func run(plan: LogicalPlan, sql: String, cancellation: Cancellation? = nil) throws(StatementError) -> StatementResult {
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let run = try runQuery(plan, config: config, cancellation: cancellation ?? Cancellation())
            return StatementResult(sql: sql, plan: plan, trace: run.trace, physical: run.physical, pushdown: run.pushdown,
                                   warnings: run.warnings, output: .rows(schema: plan.schema, batches: run.batches),
                                   elapsed: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        } catch let error as PlanError {
            throw StatementError(error, source: "")
        } catch {
            throw StatementError(PlanError(.execution, "\(error)"), source: "")
        }
    }
}
