import PlanCore
import PlanExec
import PlanOptimizer
import PlanProviders

/// What a command did: its verb (`INSERT`, `CREATE TABLE`, `SET`) and, for one that
/// changes or copies rows, how many.
public struct CommandTag: Sendable, Equatable, CustomStringConvertible {
    public let verb: String
    public let affectedRows: Int?

    public init(_ verb: String, affectedRows: Int? = nil) {
        self.verb = verb
        self.affectedRows = affectedRows
    }

    /// As PostgreSQL prints it: `INSERT 0 3` (the 0 is the OID PostgreSQL no longer
    /// gives), `DELETE 2`, `COPY 10`, `CREATE TABLE`.
    public var description: String {
        guard let affectedRows else { return verb }
        return verb == "INSERT" ? "INSERT 0 \(affectedRows)" : "\(verb) \(affectedRows)"
    }
}

/// Everything one statement produced, returned as one value: the bound plan, the
/// optimizer trace (whose last plan is the optimized one), the physical plan with its
/// metrics, the pushdown contract report, warnings, and the output. Nothing is read back
/// from the session afterwards, so concurrent and nested statements cannot mix results.
public struct StatementResult: Sendable {
    /// What the statement returned.
    public enum Output: Sendable {
        /// A query's rows.
        case rows(schema: Schema, batches: [RecordBatch])
        /// A command's tag: `CREATE TABLE`, `INSERT 0 3`, `SET`.
        case command(CommandTag)
        /// EXPLAIN: the plans as values (``ExplainResult/rows(format:physical:)`` renders them).
        case explain(ExplainResult)
        /// SHOW: settings and their values.
        case settings([(declaration: SettingDeclaration, value: SettingValue)])
    }

    /// The statement's own text (padded so positions match the whole input).
    public let sql: String
    /// The plan as bound, before optimization.
    public let plan: LogicalPlan
    /// The optimizer's record (queries and EXPLAIN); `trace.final` is the optimized plan.
    public let trace: OptimizerTrace?
    /// The physical plan after the run, with each operator's metrics.
    public let physical: PhysicalPlanSnapshot?
    /// Per-scan filter classification and what the scans read (queries that ran).
    public let pushdown: PushdownContractReport?
    public let warnings: [RunWarning]
    public let output: Output
    /// Wall time from SQL text to the last batch, in seconds.
    public let elapsed: Double
    /// The session's time zone after the statement: results show `TIMESTAMPTZ` values in
    /// it (``ScalarValue/sqlText(in:)``), as PostgreSQL does.
    public var timeZone: SQLTimeZone = .utc

    /// The optimized plan, when the statement was optimized.
    public var optimized: LogicalPlan? { trace?.final }

    /// Whether the statement was a query (SELECT, WITH, VALUES): it returned rows.
    public var isQuery: Bool {
        if case .rows = output { return true }
        return false
    }

    /// The tag of a command as PostgreSQL prints it (`INSERT 0 3`), nil otherwise.
    public var commandTag: String? {
        if case .command(let tag) = output { return tag.description }
        return nil
    }

    /// The rows an INSERT, DELETE, UPDATE or COPY affected; nil for other statements.
    public var affectedRows: Int? {
        if case .command(let tag) = output { return tag.affectedRows }
        return nil
    }

    /// The rows this statement yields as a table: a query's rows, EXPLAIN's
    /// `(plan_type, plan)` rows (rendered as `explain.format` was set when it ran), SHOW's
    /// `(name, value)`.
    public func table() -> (schema: Schema, batches: [RecordBatch])? {
        switch output {
        case .rows(let schema, let batches):
            return (schema, batches)
        case .command:
            return nil
        case .explain(let e):
            let schema = Explain.outputSchema
            let rows = e.rows(format: e.format, physical: e.showPhysical).map { [ScalarValue.string($0.planType), .string($0.plan)] }
            return (schema, [RecordBatch.from(rows: rows, schema: schema)])
        case .settings(let list):
            let schema = Schema([Field(name: "name", dataType: .text, nullable: false), Field(name: "value", dataType: .text, nullable: false)])
            let rows = list.map { [ScalarValue.string($0.declaration.name), .string($0.declaration.show($0.value))] }
            return (schema, [RecordBatch.from(rows: rows, schema: schema)])
        }
    }

    /// The output schema (empty for commands).
    public var schema: Schema { table()?.schema ?? .empty }
    /// The output batches (none for commands).
    public var batches: [RecordBatch] { table()?.batches ?? [] }
    public var rowCount: Int { batches.reduce(0) { $0 + $1.rowCount } }
    /// Every row as values (for tests and small results).
    public var rows: [[ScalarValue]] { batches.flatMap { b in (0..<b.rowCount).map { b.row($0) } } }
}

/// What EXPLAIN produced, as plans: rendering happens in the renderers, called by the
/// front end that shows them.
public struct ExplainResult: Sendable {
    public let verbose: Bool
    public let analyze: Bool
    /// The statement explained, as bound.
    public let plan: LogicalPlan
    /// The optimizer's record (nil for statements that are not optimized: DDL, SET …).
    public let trace: OptimizerTrace?
    /// The physical plan (after the run for ANALYZE, with metrics).
    public let physical: PhysicalPlanSnapshot?
    /// ANALYZE: wall time of the run in seconds.
    public let elapsed: Double?
    /// Per-scan filter classification of the plan (rows read when ANALYZE ran it).
    public var pushdown: PushdownContractReport? = nil
    /// How the statement's rows render (`explain.format`, `explain.physical` when it ran).
    public var format: ExplainFormat = .indent
    public var showPhysical = true

    /// The optimized plan (or the bound plan of a statement that is not optimized).
    public var optimized: LogicalPlan { trace?.final ?? plan }

    /// One JSON document (schema version 1): the optimized logical plan, with `verbose`
    /// the whole optimizer trace, with `analyze` the physical plan with its metrics.
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [("schema_version", .int(1)), ("engine_version", .string(Session.engineVersion)),
                                             ("logical_plan", PlanJSON.document(optimized))]
        let cost = optimized.joinCost
        if cost.joins > 0 {
            var costFields: [(String, JSONValue)] = [("joins", .int(Int64(cost.joins))), ("estimated_rows", .double(cost.rows.rounded()))]
            if let ordering = trace?.joinOrdering { costFields.append(("ordering", .string(ordering))) }
            fields.append(("join_cost", .object(costFields)))
        }
        if verbose, let trace { fields.append(("optimizer_trace", trace.json)) }
        if let physical, analyze || showPhysical {
            fields.append(("physical_plan", PhysicalPlanRenderer.json(physical)))
        }
        if analyze, let elapsed {
            fields.append(("elapsed_ms", .double((elapsed * 1e6).rounded() / 1e3)))
            fields.append(("output_rows", .int(Int64(physical?.outputRows ?? 0))))
        }
        return .object(fields)
    }

    /// ANALYZE: where the time went, as a tree (``AnalyzeTreeRenderer``: self time, share,
    /// rows against the estimate per operator); nil when the statement did not run.
    public var analyzeTree: String? {
        guard analyze, let physical, let profile = AnalyzeProfile(physical) else { return nil }
        return AnalyzeTreeRenderer.render(profile, rows: physical.outputRows ?? 0, wallNanos: elapsed.map { UInt64(max(0, $0) * 1e9) })
    }

    /// ``rows(format:physical:)`` with ANALYZE's physical plan and elapsed rows replaced by
    /// the ``analyzeTree`` (what `\explain analyze` and `explain --analyze --format tree` print).
    public func analyzeTreeRows(format: ExplainFormat) -> [(planType: String, plan: String)] {
        guard let tree = analyzeTree else { return rows(format: format) }
        return rows(format: format).filter { $0.planType != "physical_plan" && $0.planType != "elapsed" } + [("analyze", tree)]
    }

    /// `(plan_type, plan)` rows, DataFusion's EXPLAIN shape: the logical plan (or every
    /// optimizer step when verbose) in `format`, then the physical plan.
    public func rows(format: ExplainFormat, physical showPhysical: Bool = true) -> [(planType: String, plan: String)] {
        func render(_ p: LogicalPlan) -> String {
            switch format {
            case .tree: TreeRenderer.render(p)
            case .json: PlanJSON.document(p).pretty
            case .indent: IndentRenderer.render(p)
            }
        }
        guard let trace else { return [("logical_plan", render(plan))] }
        var rows: [(planType: String, plan: String)] = verbose ? trace.verboseRows(rendering: render).map { (planType: $0.0, plan: $0.1) }
                                                               : [("logical_plan", render(trace.final))]
        if let cost = trace.final.joinCostLine { rows.append(("join_cost", cost + (trace.joinOrdering.map { "; ordered \($0)" } ?? ""))) }
        if verbose { rows.append(("optimizer", trace.summaryLine)) }
        if let physical, analyze || showPhysical {
            if analyze && format == .json {
                let doc = JSONValue.object([
                    ("schema_version", .int(1)),
                    ("elapsed_ms", .double(((elapsed ?? 0) * 1e6).rounded() / 1e3)),
                    ("output_rows", .int(Int64(physical.outputRows ?? 0))),
                    ("plan", PhysicalPlanRenderer.json(physical)),
                ])
                rows.append(("physical_plan", doc.pretty))
            } else {
                rows.append(("physical_plan", format == .json ? PhysicalPlanRenderer.json(physical).pretty : PhysicalPlanRenderer.render(physical)))
                if analyze, let elapsed { rows.append(("elapsed", String(format: "%.3f ms", elapsed * 1000))) }
            }
        }
        return rows
    }
}

/// An error from a statement, with the SQL it came from so a front end can show the
/// line and caret.
public struct StatementError: Error, Sendable, Equatable, CustomStringConvertible {
    public let error: PlanError
    /// The whole text the position refers to.
    public let source: String

    /// A demo table's name not found says how the demo tables are loaded.
    public init(_ error: PlanError, source: String) {
        var error = error
        if let missing = error.missingRelation, DemoWorkspace.tableNames.contains(missing.lowercased()),
           !error.message.contains(DemoWorkspace.hint) {
            error.message += " (\(DemoWorkspace.hint))"
        }
        self.error = error
        self.source = source
    }

    public var kind: PlanError.Kind { error.kind }
    public var description: String { error.description }
    /// One line plus the offending SQL line and a caret.
    public var rendered: String { error.render(source: source) }
}
