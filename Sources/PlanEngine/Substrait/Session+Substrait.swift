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
        try SubstraitProducer.produce(plan, codecs: substraitCodecs, isCatalogTable: { [catalog] name, source in
            guard let table = catalog.table(named: name), let source else { return false }
            return (table as AnyObject) === (source as AnyObject)
        })
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
                return try SubstraitConsumer.consume(plan, tables: { [catalog] in catalog.table(named: $0) }, files: openFiles,
                                                     codecs: substraitCodecs)
            } catch {
                throw PlanError(error.kind, "\(source): \(error.message)")
            }
        } catch {
            throw StatementError(error, source: "")
        }
    }

    /// The local files a Substrait plan reads, opened as `FROM 'file'` opens them: one CSV
    /// file with the plan's column types; several as one table unioned by column name (as a
    /// glob is), which must have the plan's columns.
    func openFiles(_ files: [SubstraitFiles], declared: Schema) throws(PlanError) -> any TableSource {
        do {
            if files.count == 1, let file = files.first {
                return try fileTable(format: file.format.rawValue, location: file.path, schema: file.format == .csv ? declared : nil,
                                     options: TableOptions(file.options), partitionedBy: [])
            }
            let parts = try files.map { try fileTable(format: $0.format.rawValue, location: $0.path, schema: nil, options: TableOptions($0.options), partitionedBy: []) }
            let table = try FileSetTable(parts: parts, pattern: "the plan's \(files.count) files", paths: files.map(\.path))
            let found = table.schema.fields.map { "\($0.name) \($0.dataType.sqlName)" }
            let wanted = declared.fields.map { "\($0.name) \($0.dataType.sqlName)" }
            guard found == wanted else {
                throw PlanError(.invalidPlan, "the files have columns (\(found.joined(separator: ", "))), the plan's base schema says (\(wanted.joined(separator: ", ")))")
            }
            return table
        } catch let error as PlanError {
            throw error
        } catch {
            throw PlanError(.io, "\(error)")
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
                                   elapsed: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9,
                                   timeZone: config[Settings.timeZone])
        } catch let error as PlanError {
            throw StatementError(error, source: "")
        } catch {
            throw StatementError(PlanError(.execution, "\(error)"), source: "")
        }
    }

    /// EXPLAIN of a query plan made elsewhere (an imported Substrait plan): its optimizer
    /// trace with `verbose`, run with `analyze` for its physical plan's figures, as
    /// ``explain(_:analyze:verbose:cancellation:)`` does for SQL.
    public func explain(plan: LogicalPlan, analyze: Bool, verbose: Bool, cancellation: Cancellation? = nil) throws(StatementError) -> ExplainResult {
        do {
            return try explain(Explain(verbose: verbose, analyze: analyze, plan: plan), config: config, cancellation: cancellation ?? Cancellation())
        } catch let error as PlanError {
            throw StatementError(error, source: "")
        } catch {
            throw StatementError(PlanError(.execution, "\(error)"), source: "")
        }
    }

    /// Runs `sql` the long way, as `planscope slt --substrait-round-trip` does: a query is
    /// planned, optimized, written as Substrait JSON, read back and run from the plan read;
    /// any other statement runs as usual.
    public func queryThroughSubstrait(_ sql: String, cancellation: Cancellation? = nil) throws(StatementError) -> StatementResult {
        let plan = try logicalPlan(sql)
        switch plan {
        case .ddl, .dml, .statement, .explain:
            return try query(sql, cancellation: cancellation)
        default:
            let text = try substraitJSON(of: sql)
            let imported: LogicalPlan
            do { imported = try importSubstrait(text, source: "the exported plan") } catch {
                throw StatementError(PlanError(error.error.kind, "Substrait round trip: \(error.error.message)"), source: sql)
            }
            return try run(plan: imported, sql: sql, cancellation: cancellation)
        }
    }
}
