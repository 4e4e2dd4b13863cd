import Foundation
import Logging
import PlanCore
import PlanExec
import PlanOptimizer
import PlanProviders
import PlanSQL
import Synchronization

/// The engine façade: owns the catalog, the configuration and the planners, and turns SQL
/// text into plans and statement results. Front ends call nothing below it.
public final class Session: @unchecked Sendable {
    public let catalog = EngineCatalog()
    public var config = SessionConfig()
    /// Relative paths in `CREATE EXTERNAL TABLE … LOCATION` resolve against this directory.
    public var baseDirectory: String
    let logger: Logger
    private let running = Mutex<ExecutionContext?>(nil)
    /// The optimizer trace of the last statement that was optimized.
    public private(set) var lastTrace: OptimizerTrace?
    /// The pushdown contract report of the last query that ran.
    public private(set) var lastPushdownReport: PushdownContractReport?
    /// Warnings of the last statement.
    public private(set) var lastWarnings: [RunWarning] = []

    public init(baseDirectory: String = FileManager.default.currentDirectoryPath) {
        self.baseDirectory = baseDirectory
        let logger = Logger(label: "planscope.engine")
        self.logger = logger
        // Relation planners run their plans through this session (never a private one).
        catalog.register(planner: IntervalAlignPlanner(execute: { [weak self] plan in
            guard let self else { throw PlanError(.execution, "the session that planned this relation is gone") }
            return try self.executeQuery(plan)
        }))
    }

    // MARK: - Input

    /// Complete statements in `text` (each ending at a top-level `;`, padded so error
    /// positions match the whole text) and the unterminated rest.
    public static func splitStatements(_ text: String) -> (complete: [String], remainder: String) {
        let (pieces, rest) = StatementSplitter.split(text)
        return (pieces.filter { !$0.isBlank }.map(\.text), rest)
    }

    // MARK: - Planning

    /// Parses and binds one statement.
    public func logicalPlan(_ sql: String) throws(StatementError) -> LogicalPlan {
        do throws(PlanError) {
            let statements = try Parser.parse(sql)
            guard let first = statements.first else { throw PlanError(.syntax, "empty statement") }
            if statements.count > 1 {
                throw PlanError(.syntax, "expected one statement, found \(statements.count)", at: statements[1].span)
            }
            return try bind(first.statement)
        } catch {
            throw StatementError(error, source: sql)
        }
    }

    func bind(_ statement: Statement) throws(PlanError) -> LogicalPlan {
        let start = DispatchTime.now().uptimeNanoseconds
        var binder = Binder(catalog: catalog)
        let plan = try binder.bind(statement)
        logger.debug("bind", metadata: ["nodes": "\(plan.nodeCount)", "micros": "\((DispatchTime.now().uptimeNanoseconds - start) / 1000)"])
        return plan
    }

    // MARK: - Execution

    /// Runs every statement in `sql` in order, stopping at the first error (statements
    /// before it keep their effects).
    public func execute(_ sql: String) throws(StatementError) -> [StatementResult] {
        var results: [StatementResult] = []
        try execute(sql) { results.append($0) }
        return results
    }

    /// Runs every statement in `sql`, handing each result to `onResult` as it completes.
    public func execute(_ sql: String, onResult: (StatementResult) -> Void) throws(StatementError) {
        let parsed: [ParsedStatement]
        do throws(PlanError) {
            let start = DispatchTime.now().uptimeNanoseconds
            parsed = try Parser.parse(sql)
            logger.debug("parse", metadata: ["statements": "\(parsed.count)", "micros": "\((DispatchTime.now().uptimeNanoseconds - start) / 1000)"])
        } catch {
            throw StatementError(error, source: sql)
        }
        for statement in parsed {
            do {
                onResult(try run(statement.statement))
            } catch let error as PlanError {
                // Settings and catalog errors point at their statement.
                let located = error.kind == .config || error.kind == .catalog ? error.located(at: statement.span) : error
                throw StatementError(located, source: sql)
            } catch {
                throw StatementError(PlanError(.execution, "\(error)"), source: sql)
            }
        }
    }

    /// Runs a query and returns its rows (throws if `sql` is not a single query).
    public func query(_ sql: String) throws(StatementError) -> QueryResult {
        let results = try execute(sql)
        guard results.count == 1, case .rows(let r) = results[0] else {
            throw StatementError(PlanError(.invalidPlan, "expected one query"), source: sql)
        }
        return r
    }

    /// Cancels the statement currently running, if any (callable from another thread).
    public func cancelRunning() {
        running.withLock { $0?.cancel() }
    }

    func run(_ statement: Statement) throws -> StatementResult {
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        let plan = try bind(statement)
        switch plan {
        case .ddl(let ddl):
            return .command(tag: try runDDL(ddl), elapsed: elapsed())
        case .dml(let dml):
            return .command(tag: try runDML(dml), elapsed: elapsed())
        case .statement(let s):
            switch s {
            case .setVariable(let name, let value):
                try config.set(name, value)
                var tag = "SET"
                if name.hasPrefix(SessionConfig.rulePrefix) || name == "optimizer.rulepack" {
                    let missing = rulepack.optimizer.missingDependencies(disabled: config.disabledRules)
                    if !missing.isEmpty {
                        tag += " (warning: " + missing.map { "\($0.rule) requires \($0.requires), which is off" }.joined(separator: "; ") + ")"
                        logger.warning("optimizer dependency disabled", metadata: ["detail": "\(tag)"])
                    }
                }
                return .command(tag: tag, elapsed: elapsed())
            case .showVariable(let name):
                let names = name.map { [$0] } ?? SessionConfig.settings.map(\.name)
                var rows: [[ScalarValue]] = []
                for n in names {
                    guard let v = config.value(n) else { throw PlanError(.config, "unknown setting '\(n)'") }
                    rows.append([.string(n), .string(v)])
                }
                let schema = Schema([Field(name: "name", dataType: .text, nullable: false), Field(name: "value", dataType: .text, nullable: false)])
                return .rows(QueryResult(schema: schema, batches: [RecordBatch.from(rows: rows, schema: schema)], plan: plan, elapsed: elapsed()))
            }
        case .explain(let explain):
            let rows = try explainRows(explain)
            let batch = RecordBatch.from(rows: rows.map { [.string($0.0), .string($0.1)] }, schema: explain.schema)
            return .rows(QueryResult(schema: explain.schema, batches: [batch], plan: plan, elapsed: elapsed()))
        default:
            let batches = try executeQuery(plan)
            logger.debug("execute", metadata: ["rows": "\(batches.reduce(0) { $0 + $1.rowCount })", "seconds": "\(elapsed())"])
            return .rows(QueryResult(schema: plan.schema, batches: batches, plan: plan, elapsed: elapsed(), warnings: lastWarnings))
        }
    }

    /// Optimizes then runs a query plan to completion.
    public func executeQuery(_ plan: LogicalPlan) throws -> [RecordBatch] {
        let optimized = try optimize(plan).final
        let physical = try PhysicalPlanner().plan(optimized)
        let mode = EnforcementMode(rawValue: config.value("pushdown.enforcement") ?? "warn") ?? .warn
        // Planning: the contract is checked on the plan before it runs...
        var warnings = try PushdownContract.enforce(PushdownContractReport.collect(physical, context: nil).violations,
                                                    mode: mode, logger: logger)
        let batches = try withContext { context in
            context.verifyPushdown.store(config.bool("pushdown.verify"), ordering: .relaxed)
            let out = try physical.collect(context)
            // ...and, with verification on, on the rows providers returned.
            let report = PushdownContractReport.collect(physical, context: context)
            lastPushdownReport = report
            warnings += try PushdownContract.enforce(report.violations.filter { $0.stage == .execution }, mode: mode, logger: logger)
            return out
        }
        lastWarnings = warnings
        return batches
    }

    /// Runs a query and returns the pushdown contract report of its scans.
    public func pushdownReport(_ sql: String) throws(StatementError) -> PushdownContractReport {
        _ = try query(sql)
        guard let report = lastPushdownReport else {
            throw StatementError(PlanError(.invalidPlan, "the statement has no scans"), source: sql)
        }
        return report
    }

    /// The active rulepack, as configured.
    public var rulepack: Rulepack { Rulepack.named(config.value("optimizer.rulepack") ?? "default") ?? Rulepack.packs[0] }

    /// The optimizer context from the configuration.
    public var optimizerContext: OptimizerContext {
        OptimizerContext(maxPasses: Int(config.value("optimizer.max_passes") ?? "3") ?? 3,
                         skipFailingRules: config.bool("optimizer.skip_failing_rules"),
                         disabledRules: config.disabledRules)
    }

    /// Runs the configured rulepack over `plan`, recording every step; the trace is
    /// kept as ``lastTrace``.
    @discardableResult
    public func optimize(_ plan: LogicalPlan) throws(PlanError) -> OptimizerTrace {
        let pack = rulepack
        let context = optimizerContext
        let trace = try pack.optimizer.optimize(plan, context: context,
                                                rulepack: (pack.name, pack.fingerprint(disabled: context.disabledRules).description)) { [logger] event in
            if event.changed { logger.debug("optimizer rule", metadata: ["pass": "\(event.pass)", "rule": "\(event.rule)", "micros": "\(event.elapsedNanos / 1000)"]) }
        }
        logger.debug("optimize", metadata: ["passes": "\(trace.passes)", "fixpoint": "\(trace.reachedFixpoint)", "micros": "\(trace.totalNanos / 1000)"])
        lastTrace = trace
        return trace
    }

    func withContext<T>(_ body: (ExecutionContext) throws -> T) throws -> T {
        let context = PhysicalPlanner.makeContext()
        // Nested runs (a relation planner's plan inside a query) restore the outer one.
        let previous = running.withLock { (r: inout ExecutionContext?) -> ExecutionContext? in
            let old = r
            r = context
            return old
        }
        defer { running.withLock { $0 = previous } }
        return try body(context)
    }
}
