import Foundation
import Logging
import PlanCore
import PlanExec
import PlanOptimizer
import PlanProviders
import PlanSQL
import PlanSupport

/// The engine façade: owns the catalog, the settings and the planners, and turns SQL
/// text into plans and statement results. Front ends call nothing below it.
///
/// Every call returns its results as a value (``StatementResult``, ``ExplainResult``,
/// ``OptimizerTrace``): nothing is left in the session to read back. The API is
/// synchronous and the session is `Sendable`: its mutable state sits behind a lock, so
/// a UI can plan or run on a background task while it keeps drawing, and cancel that
/// work with a ``Cancellation`` handle.
public final class Session: Sendable {
    public let catalog = EngineCatalog()
    let logger: Logger
    private struct State {
        var config = SessionConfig()
        var baseDirectory: String
    }
    private let state: Locked<State>
    /// Handles of the calls running now, so ``cancelRunning()`` can stop them all.
    private let running = Locked<[ObjectIdentifier: Cancellation]>([:])
    /// The memory every statement and pipeline view of the session reserves from
    /// (`execution.memory_limit`).
    public let memory = MemoryPool()
    private let extensionList = Locked<[PlanningExtension]>([])
    /// Values a front end knows for a setting the engine cannot list (themes found in
    /// folders): the noun for messages and the values there are now.
    private let knownValues = Locked<[String: (noun: String, values: @Sendable () -> [String])]>([:])
    /// Every planner this session can switch on; its policy decides which are.
    public var extensions: [PlanningExtension] { extensionList.withLock { $0 } }

    /// `logger`: where the session's stage events go (parse, bind, each rule that changed
    /// the plan, execute, COPY, pipeline views and outputs, table factories registered,
    /// planners switched); by default nowhere (``silentLogger``), so a program embedding
    /// the engine prints nothing it did not ask for, whatever its logging system does.
    /// Front ends that set up logging pass ``processLogger`` (the `planscope` command:
    /// `PLANSCOPE_LOG`).
    public init(baseDirectory: String = FileManager.default.currentDirectoryPath, logger: Logger = Session.silentLogger) {
        state = Locked(State(baseDirectory: baseDirectory))
        self.logger = logger
        for factory in FileTables.builtInFactories { register(factory: factory) }
        // Files queried directly, through this session's factories; paths resolve against
        // the session's directory when used.
        let open: @Sendable (String, String, TableOptions) throws -> any TableProvider = { [weak self] format, path, options in
            guard let self else { throw PlanError(.execution, "the session is gone") }
            return try self.fileTable(format: format, location: self.resolve(path), schema: nil, options: options, partitionedBy: [])
        }
        let extensions = PlanningExtension.builtIn(open: open)
        extensionList.withLock { $0 = extensions }
        catalog.install(surface: PlanningPolicy(config: SessionConfig()).surface(from: extensions))
    }

    /// A logger that drops every event: a session's unless it is given one.
    public static var silentLogger: Logger { Logger(label: "planscope.engine") { _ in SwiftLogNoOpLogHandler() } }

    /// The `planscope.engine` logger of the process's logging system (as bootstrapped
    /// when it is made): what a front end that set up logging gives its sessions.
    public static var processLogger: Logger { Logger(label: "planscope.engine") }

    /// The process's file caches (``CacheManager``) set as `config` says: the caches are
    /// one per process, so the last `SET cache.…` of any session is what they follow.
    func applyCacheSettings(_ config: SessionConfig) {
        let switches = CacheSwitches(fileListings: config[Settings.cacheFileListings], fileStatistics: config[Settings.cacheFileStatistics],
                                     parquetFooters: config[Settings.cacheParquetFooters],
                                     parquetPageIndexes: config[Settings.cacheParquetPageIndexes])
        CacheManager.shared.configure(switches, limit: config[Settings.cacheLimit])
        logger.info("caches configured", metadata: ["switches": "\(switches)", "limit": "\(config[Settings.cacheLimit])"])
    }

    /// Each file cache of the process: entries, bytes, hits, misses (`\cache`).
    public var caches: [CacheStatistics] { CacheManager.shared.all }

    /// Empties the process's file caches and zeroes their counters (`\cache clear`).
    public func clearCaches() { CacheManager.shared.clear() }

    /// Registers a table factory for its format (`STORED AS <format>`, pipeline inputs,
    /// `FROM 'file'`), replacing one registered for that format before.
    public func register(factory: any TableFactory) {
        catalog.register(factory: factory)
        logger.debug("table factory registered", metadata: ["format": "\(factory.format)", "version": "\(factory.version)"])
    }

    // MARK: - Settings

    /// A snapshot of the settings.
    public var config: SessionConfig { state.withLock { $0.config } }

    /// Relative paths (`CREATE EXTERNAL TABLE … LOCATION`, `COPY`) resolve against this.
    public var baseDirectory: String {
        get { state.withLock { $0.baseDirectory } }
        set { state.withLock { $0.baseDirectory = newValue } }
    }

    /// Changes a setting (what `SET name = value` does). Returns warnings, such as an
    /// optimizer rule switched off that another enabled rule needs.
    @discardableResult
    public func set(_ name: String, _ value: String) throws(PlanError) -> [RunWarning] {
        if let key = Settings.declaration(named: name)?.name, let known = knownValues.withLock({ $0[key] }) {
            let values = known.values()
            guard values.contains(value) else {
                throw PlanError(.config, "no \(known.noun) '\(value)' for \(key) (the \(known.noun)s: \(values.joined(separator: ", ")))")
            }
        }
        let config = try state.withLock { (s: inout State) throws(PlanError) -> SessionConfig in
            try s.config.set(name, value)
            return s.config
        }
        return settingChanged(Settings.declaration(named: name), in: config)
    }

    /// Changes a setting to a typed value (front ends' flags, specs): checked against its
    /// declaration as `SET` text is, with the same effects and warnings.
    @discardableResult
    public func set<Value>(_ setting: Setting<Value>, _ value: Value) throws(PlanError) -> [RunWarning] {
        let config = try state.withLock { (s: inout State) throws(PlanError) -> SessionConfig in
            try s.config.set(setting, value)
            return s.config
        }
        return settingChanged(setting.declaration, in: config)
    }

    /// A setting back to its declared default (what `RESET name` and `SET name TO DEFAULT`
    /// do), with the effects and warnings of a `SET`.
    @discardableResult
    public func reset(_ name: String) throws(PlanError) -> [RunWarning] {
        guard let declaration = Settings.declaration(named: name) else {
            throw PlanError(.config, Settings.unknownMessage(name.lowercased()))
        }
        let config = state.withLock { (s: inout State) -> SessionConfig in
            s.config.reset(declaration)
            return s.config
        }
        return settingChanged(declaration, in: config)
    }

    /// Every setting back to its declared default (`RESET ALL`): each one that changed has
    /// the effects of a `SET`.
    @discardableResult
    public func resetAll() -> [RunWarning] {
        let (before, config) = state.withLock { (s: inout State) -> (SessionConfig, SessionConfig) in
            defer { s.config = SessionConfig() }
            return (s.config, SessionConfig())
        }
        let changed = Settings.all.filter { before.value(named: $0.name) != config.value(named: $0.name) }
        return changed.flatMap { settingChanged($0, in: config) }
    }

    /// What a changed setting sets off, by its family: the caches reconfigured, the planners
    /// re-installed, or the rulepack's dependencies checked (the warnings returned).
    private func settingChanged(_ declaration: SettingDeclaration?, in config: SessionConfig) -> [RunWarning] {
        let family = declaration?.family ?? .plain
        if family == .cache { applyCacheSettings(config) }
        if family.switchesPlanners, let declaration {
            catalog.install(surface: PlanningPolicy(config: config).surface(from: extensions))
            let value = config.value(named: declaration.name).map(declaration.show) ?? ""
            logger.info("planner switched", metadata: ["setting": "\(declaration.name)", "value": "\(value)"])
        }
        guard family.rule != nil || declaration?.name == Settings.rulepack.name else { return [] }
        let pack = Self.rulepack(config)
        return pack.optimizer.missingDependencies(disabled: config.disabledRules).map {
            let warning = RunWarning(code: "RULE_DEPENDENCY_OFF", stage: "config", message: "\($0.rule) requires \($0.requires), which is off")
            logger.warning("optimizer dependency disabled", metadata: ["detail": "\(warning.message)"])
            return warning
        }
    }

    /// Makes `set` refuse values of `setting` not in `values()` (asked at each `SET`), naming
    /// the ones there are: `display.theme`'s themes, which the TUI finds in folders.
    public func restrict<Value>(_ setting: Setting<Value>, to noun: String, values: @escaping @Sendable () -> [String]) {
        knownValues.withLock { $0[setting.name] = (noun, values) }
    }

    /// Replaces every setting at once (a policy applied).
    func replaceConfig(_ config: SessionConfig) { state.withLock { $0.config = config } }

    /// The active rulepack, as configured.
    public var rulepack: Rulepack { Self.rulepack(config) }

    static func rulepack(_ config: SessionConfig) -> Rulepack {
        Rulepack.named(config[Settings.rulepack]) ?? Rulepack.packs[0]
    }

    /// The optimizer context from the settings.
    public var optimizerContext: OptimizerContext { Self.optimizerContext(config) }

    static func optimizerContext(_ config: SessionConfig) -> OptimizerContext {
        OptimizerContext(maxPasses: config[Settings.maxPasses], skipFailingRules: config[Settings.skipFailingRules],
                         disabledRules: config.disabledRules)
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
        var binder = Binder(catalog: catalog, timeZone: config[Settings.timeZone])
        let plan = try binder.bind(statement)
        logger.debug("bind", metadata: ["nodes": "\(plan.nodeCount)", "micros": "\((DispatchTime.now().uptimeNanoseconds - start) / 1000)"])
        return plan
    }

    /// Runs the configured rulepack over `plan` and returns the recorded trace (its
    /// `final` is the optimized plan).
    public func optimize(_ plan: LogicalPlan) throws(PlanError) -> OptimizerTrace {
        try optimize(plan, config: config)
    }

    func optimize(_ plan: LogicalPlan, config: SessionConfig) throws(PlanError) -> OptimizerTrace {
        let pack = Self.rulepack(config)
        let context = Self.optimizerContext(config)
        let trace = try pack.optimizer.optimize(plan, context: context,
                                                rulepack: (pack.name, pack.fingerprint(disabled: context.disabledRules).description)) { [logger] event in
            if event.changed { logger.debug("optimizer rule", metadata: ["pass": "\(event.pass)", "rule": "\(event.rule)", "micros": "\(event.elapsedNanos / 1000)"]) }
        }
        logger.debug("optimize", metadata: ["passes": "\(trace.passes)", "fixpoint": "\(trace.reachedFixpoint)", "micros": "\(trace.totalNanos / 1000)"])
        return trace
    }

    // MARK: - Execution

    /// Runs every statement in `sql` in order, stopping at the first error (statements
    /// before it keep their effects). With `events`, each statement that runs a plan
    /// reports it as soon as it is planned and its operators' figures while it runs
    /// (``ExecutionEvent``).
    public func execute(_ sql: String, cancellation: Cancellation? = nil,
                        events: ExecutionEventSink? = nil) throws(StatementError) -> [StatementResult] {
        var results: [StatementResult] = []
        try execute(sql, cancellation: cancellation, events: events) { results.append($0) }
        return results
    }

    /// Runs every statement in `sql`, handing each result to `onResult` as it completes
    /// (and its ``ExecutionEvent``s to `events` before that).
    public func execute(_ sql: String, cancellation: Cancellation? = nil, events: ExecutionEventSink? = nil,
                        onResult: (StatementResult) -> Void) throws(StatementError) {
        let parsed: [ParsedStatement]
        do throws(PlanError) {
            let start = DispatchTime.now().uptimeNanoseconds
            parsed = try Parser.parse(sql)
            logger.debug("parse", metadata: ["statements": "\(parsed.count)", "micros": "\((DispatchTime.now().uptimeNanoseconds - start) / 1000)"])
        } catch {
            throw StatementError(error, source: sql)
        }
        let handle = cancellation ?? Cancellation()
        let id = registerRunning(handle)
        defer { unregisterRunning(id) }
        for statement in parsed {
            do {
                try handle.check()
                // Each statement gets the timeout in force when it starts (a SET before it counts).
                let statementHandle = statementCancellation(under: handle, config: config)
                defer { handle.release(statementHandle) }
                var result = try run(statement.statement, sql: sql, cancellation: statementHandle, events: events)
                result.timeZone = self.config[Settings.timeZone]
                onResult(result)
            } catch let error as PlanError {
                // Settings and catalog errors point at their statement.
                let located = error.kind == .config || error.kind == .catalog ? error.located(at: statement.span) : error
                throw StatementError(located, source: sql)
            } catch {
                throw StatementError(PlanError(.execution, "\(error)"), source: sql)
            }
        }
    }

    /// Runs one query and returns its result (throws if `sql` is not a single statement
    /// that returns rows).
    public func query(_ sql: String, cancellation: Cancellation? = nil) throws(StatementError) -> StatementResult {
        let results = try execute(sql, cancellation: cancellation)
        guard results.count == 1, results[0].commandTag == nil else {
            throw StatementError(PlanError(.invalidPlan, "expected one query"), source: sql)
        }
        return results[0]
    }

    /// Plans `sql` (and runs it with `analyze`), returning the plans as values.
    public func explain(_ sql: String, analyze: Bool = false, verbose: Bool = false,
                        cancellation: Cancellation? = nil) throws(StatementError) -> ExplainResult {
        let plan = try logicalPlan(sql)
        do {
            return try explain(Explain(verbose: verbose, analyze: analyze, plan: plan), config: config, cancellation: cancellation ?? Cancellation())
        } catch let error as PlanError {
            throw StatementError(error, source: sql)
        } catch {
            throw StatementError(PlanError(.execution, "\(error)"), source: sql)
        }
    }

    /// Cancels every statement running on this session now (callable from any thread).
    public func cancelRunning() {
        for handle in running.withLock({ Array($0.values) }) { handle.cancel() }
    }

    /// A handle for one statement under `handle`: cancelled with it, and with the
    /// statement-timeout error when `execution.statement_timeout` is set and passes.
    func statementCancellation(under handle: Cancellation, config: SessionConfig) -> Cancellation {
        let millis = config[Settings.statementTimeout]
        return handle.child(timeoutMillis: millis, timeoutError: PlanError(
            .cancelled, "canceling statement due to statement timeout (\(Settings.statementTimeout.name) = \(Settings.statementTimeout.declaration.show(.integer(millis))))"))
    }

    /// Makes `handle` one that ``cancelRunning()`` cancels, until ``unregisterRunning(_:)``.
    func registerRunning(_ handle: Cancellation) -> ObjectIdentifier {
        let id = ObjectIdentifier(handle)
        running.withLock { $0[id] = handle }
        return id
    }

    func unregisterRunning(_ id: ObjectIdentifier) {
        _ = running.withLock { $0.removeValue(forKey: id) }
    }

    func run(_ statement: Statement, sql: String, cancellation: Cancellation, events: ExecutionEventSink? = nil) throws -> StatementResult {
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        let plan = try bind(statement)
        func command(_ tag: CommandTag, warnings: [RunWarning] = []) -> StatementResult {
            StatementResult(sql: sql, plan: plan, trace: nil, physical: nil, pushdown: nil, warnings: warnings,
                            output: .command(tag), elapsed: elapsed())
        }
        switch plan {
        case .ddl(let ddl):
            return command(try runDDL(ddl, cancellation: cancellation))
        case .dml(let dml):
            return command(try runDML(dml, cancellation: cancellation))
        case .statement(let s):
            switch s {
            case .setVariable(let name, let value):
                // An unknown name is an error at the name, a value refused at the value.
                guard case .set(_, _, let nameSpan, let valueSpan) = statement else { return command(CommandTag("SET"), warnings: try set(name, value)) }
                guard Settings.declaration(named: name.lowercased()) != nil else {
                    throw PlanError(.config, Settings.unknownMessage(name.lowercased()), at: nameSpan)
                }
                do { return command(CommandTag("SET"), warnings: try set(name, value)) } catch { throw error.located(at: valueSpan) }
            case .resetVariable(let name):
                guard case .reset(_, let nameSpan, let verb) = statement else {
                    return command(CommandTag("RESET"), warnings: try name.map { name throws(PlanError) in try reset(name) } ?? resetAll())
                }
                guard let name else { return command(CommandTag(verb), warnings: resetAll()) }
                do { return command(CommandTag(verb), warnings: try reset(name)) } catch { throw error.located(at: nameSpan) }
            case .showVariable(let name):
                let config = self.config
                var list: [(declaration: SettingDeclaration, value: SettingValue)] = []
                if let name {
                    guard let declaration = Settings.declaration(named: name), let value = config.value(named: name) else {
                        throw PlanError(.config, Settings.unknownMessage(name.lowercased()))
                    }
                    list = [(declaration, value)]
                } else {
                    list = config.all
                }
                return StatementResult(sql: sql, plan: plan, trace: nil, physical: nil, pushdown: nil, warnings: [],
                                       output: .settings(list), elapsed: elapsed())
            case .copyTo(let input, let path, let options):
                // Rows go to the file as the query produces them (a Parquet row group at a time).
                var run: QueryRun?
                let rows = try OutputFile.write(to: resolve(path), schema: input.schema, options: options, timeZone: config[Settings.timeZone]) { put in
                    run = try withoutActuallyEscaping(put) { put in
                        try runQuery(input, config: config, cancellation: cancellation, events: events, sink: put)
                    }
                }
                guard let run else { throw PlanError(.execution, "COPY to '\(path)' ran no query") }
                logger.info("copy to", metadata: ["path": "\(path)", "rows": "\(rows)"])
                return StatementResult(sql: sql, plan: plan, trace: run.trace, physical: run.physical, pushdown: run.pushdown,
                                       warnings: run.warnings, output: .command(CommandTag("COPY", affectedRows: rows)), elapsed: elapsed())
            case .copyFrom(let name, let path, let options):
                guard let table = catalog.provider(named: name) else { throw PlanError(.catalog, "table '\(name)' does not exist") }
                var readOptions = ["header": options.header ? "true" : "false", "delimiter": options.delimiter]
                if let null = options.null { readOptions["null"] = null }
                // A CSV file is read with the table's column types, each field as CAST reads
                // it (the reader every CSV table uses, so errors name file:line:column).
                let file = try fileTable(format: options.format.rawValue, location: resolve(path),
                                         schema: options.format == .csv ? Schema(table.schema.fields.map { Field(name: $0.name, dataType: $0.dataType) }) : nil,
                                         options: TableOptions(options.format == .csv ? readOptions : [:]), partitionedBy: [])
                let stream = try file.scan(projection: nil, filters: [], limit: nil)
                var batches: [RecordBatch] = []
                while let b = try stream.next() {
                    try cancellation.check()
                    batches.append(try copyRows(b, into: table.schema, path: path))
                }
                let n = try table.insert(batches)
                logger.info("copy from", metadata: ["path": "\(path)", "table": "\(name)", "rows": "\(n)"])
                return command(CommandTag("COPY", affectedRows: n))
            }
        case .explain(let explain):
            let result = try self.explain(explain, config: config, cancellation: cancellation, events: events)
            return StatementResult(sql: sql, plan: plan, trace: result.trace, physical: result.physical, pushdown: result.pushdown,
                                   warnings: [], output: .explain(result), elapsed: elapsed())
        default:
            let run = try runQuery(plan, config: config, cancellation: cancellation, events: events)
            logger.debug("execute", metadata: ["rows": "\(run.batches.reduce(0) { $0 + $1.rowCount })", "seconds": "\(elapsed())"])
            return StatementResult(sql: sql, plan: plan, trace: run.trace, physical: run.physical, pushdown: run.pushdown,
                                   warnings: run.warnings, output: .rows(schema: plan.schema, batches: run.batches), elapsed: elapsed())
        }
    }

    /// One query's run: every value it produced.
    struct QueryRun {
        var trace: OptimizerTrace
        var physical: PhysicalPlanSnapshot
        var pushdown: PushdownContractReport
        var warnings: [RunWarning]
        var batches: [RecordBatch]
    }

    /// Optimizes, checks the pushdown contract of, and runs a query plan.
    /// With `sink`, each batch goes to it as the plan produces it and the run keeps none.
    /// With `events`, the plan is reported once planned and its figures while it runs.
    /// `statementTime`: what `now()` and `current_date` give (a pipeline run's one time for
    /// all its views); by default the time the plan is planned.
    func runQuery(_ plan: LogicalPlan, config: SessionConfig, cancellation: Cancellation,
                  events: ExecutionEventSink? = nil, sink: ((RecordBatch) throws -> Void)? = nil,
                  statementTime: Int64? = nil) throws -> QueryRun {
        try cancellation.check()
        let trace = try optimize(plan, config: config)
        try cancellation.check()
        let statementTime = statementTime ?? StatementTime.now()
        let physical = try PhysicalPlanner(pruning: config.pruning, statementTime: statementTime).plan(trace.final)
        let mode = config[Settings.pushdownEnforcement]
        // Planning: the contract is checked on the plan before it runs...
        let planned = PushdownContractReport.collect(physical, context: nil)
        var warnings = try PushdownContract.enforce(planned.violations, mode: mode, logger: logger)
        var progress: ProgressReporter?
        if let events {
            let live = LiveMetrics(physical)
            events(.planned(PlanInspection(trace: trace, physical: live.plan, pushdown: planned, warnings: warnings, rows: nil, elapsed: nil)))
            progress = ProgressReporter(live, sink: events)
        }
        // The last figures are sent however the run ends (finished, failed, cancelled).
        defer { progress?.finish() }
        memory.limit.store(config[Settings.memoryLimit], ordering: .relaxed)
        let context = PhysicalPlanner.makeContext(ExecutionOptions(
            batchSize: config[Settings.batchSize], workers: config[Settings.workers], memory: memory,
            temporaryDirectory: config[Settings.temporaryDirectory], verifyPushdown: config[Settings.pushdownVerify],
            pruning: config.pruning, statementTime: statementTime, maxRecursion: config[Settings.maxRecursion]))
        let batches = try cancellation.attach(context) { () throws -> [RecordBatch] in
            guard let sink else { return try physical.collect(context) }
            let stream = try physical.run(context)
            while let b = try stream.next() { try sink(b) }
            return []
        }
        // ...and, with verification on, on the rows providers returned.
        let report = PushdownContractReport.collect(physical, context: context)
        warnings += try PushdownContract.enforce(report.violations.filter { $0.stage == .execution }, mode: mode, logger: logger)
        return QueryRun(trace: trace, physical: PhysicalPlanSnapshot(physical, executed: true), pushdown: report,
                        warnings: warnings, batches: batches)
    }

    /// Runs a query plan and returns its rows (for statements that read a query:
    /// `CREATE TABLE AS`, `INSERT … SELECT`).
    func rows(of plan: LogicalPlan, cancellation: Cancellation) throws -> [RecordBatch] {
        try runQuery(plan, config: config, cancellation: cancellation).batches
    }

    /// Runs a query plan and appends its rows, cast to the table's types, to `table`
    /// (all or none): a memory table gets each batch compacted as it arrives, so a large
    /// `CREATE TABLE AS` never holds all its rows decoded.
    /// With `conflict` (`ON CONFLICT … DO NOTHING`, memory tables only) rows that repeat a
    /// key are skipped.
    func insert(rowsOf plan: LogicalPlan, into table: any TableProvider, conflict: InsertConflict? = nil,
                cancellation: Cancellation) throws -> Int {
        guard let memory = table as? MemoryTable else {
            if conflict != nil { throw PlanError(.unsupported, "ON CONFLICT is only supported for memory tables (table kind '\(table.kind)')") }
            return try table.insert(rows(of: plan, cancellation: cancellation).map { try conform($0, to: table.schema) })
        }
        var compacted: [CompactBatch] = []
        _ = try runQuery(plan, config: config, cancellation: cancellation, sink: { batch in
            if batch.rowCount > 0 { compacted.append(CompactBatch(try self.conform(batch, to: memory.schema))) }
        })
        if let conflict { return try memory.insert(compacted: compacted, conflict: conflict) }
        return try memory.insert(compacted: compacted)
    }

    /// EXPLAIN [ANALYZE] [VERBOSE]: the plans as values.
    func explain(_ explain: Explain, config: SessionConfig, cancellation: Cancellation,
                 events: ExecutionEventSink? = nil) throws -> ExplainResult {
        var result = try plans(of: explain, config: config, cancellation: cancellation, events: events)
        result.format = explain.format.flatMap { ExplainFormat(rawValue: $0.rawValue) } ?? config[Settings.explainFormat]
        result.showPhysical = config[Settings.explainPhysical]
        return result
    }

    func plans(of explain: Explain, config: SessionConfig, cancellation: Cancellation,
               events: ExecutionEventSink? = nil) throws -> ExplainResult {
        switch explain.plan {
        case .ddl, .dml, .statement, .explain:
            return ExplainResult(verbose: explain.verbose, analyze: false, plan: explain.plan, trace: nil, physical: nil, elapsed: nil)
        default: break
        }
        if explain.analyze {
            let start = DispatchTime.now().uptimeNanoseconds
            let run = try runQuery(explain.plan, config: config, cancellation: cancellation, events: events)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            return ExplainResult(verbose: explain.verbose, analyze: true, plan: explain.plan, trace: run.trace,
                                 physical: run.physical, elapsed: seconds, pushdown: run.pushdown)
        }
        let trace = try optimize(explain.plan, config: config)
        let physical = try PhysicalPlanner(pruning: config.pruning).plan(trace.final)
        let snapshot = PhysicalPlanSnapshot(physical, executed: false), pushdown = PushdownContractReport.collect(physical, context: nil)
        events?(.planned(PlanInspection(trace: trace, physical: snapshot, pushdown: pushdown, warnings: [], rows: nil, elapsed: nil)))
        return ExplainResult(verbose: explain.verbose, analyze: false, plan: explain.plan, trace: trace,
                             physical: snapshot, elapsed: nil, pushdown: pushdown)
    }
}
