import Dispatch
import Foundation
import PlanCore
import PlanExec
import PlanManifest
import PlanOptimizer
import PlanPipeline
import PlanProviders
import PlanSQL
import PlanSubstrait
import PlanSupport

extension Session {
    /// What the engine offers a spec: rules, rulepacks, enforcement modes, profiles.
    public static var specValidator: SpecValidator {
        SpecValidator(ruleNames: Rulepack.allRuleNames, rulepacks: Rulepack.packs.map(\.name),
                      enforcementModes: EnforcementMode.allCases.map(\.rawValue),
                      sessionProfiles: SessionProfile.allCases.map(\.rawValue))
    }

    /// Reads, validates and loads the spec in the file at `path` (relative locations in it
    /// resolve against its folder).
    public func loadPipeline(file path: String, estimating: Bool = true) throws(PipelineError) -> LoadedPipeline {
        let start = DispatchTime.now().uptimeNanoseconds
        let spec = try readPipelineSpec(file: path)
        logger.info("pipeline spec read", metadata: ["views": "\(spec.viewDefinitions.count)", "micros": "\(PhaseClock.micros(since: start))"])
        return try loadPipeline(spec, estimating: estimating)
    }

    /// The spec in the file at `path`, read and parsed (relative locations in it resolve
    /// against its folder).
    func readPipelineSpec(file path: String) throws(PipelineError) -> SemanticExecutionSpec {
        let resolved = resolve(path)
        let data: Data
        do { data = try TextFile.data(resolved) } catch { throw .io("cannot read pipeline spec '\(path)': \(error.reason)") }
        do {
            return try SpecParser.parse(String(decoding: data, as: UTF8.self), baseDirectory: PathText.deletingLastComponent(resolved))
        } catch {
            throw .spec(error)
        }
    }

    /// Validates `spec`, applies its planning choices to this session, registers its
    /// inputs, builds its task graph and binds every view once, in graph order, checking
    /// that each view declares exactly the relations its SQL reads. With `estimating`, each
    /// view is also optimized once for its row estimate (``rowEstimates(_:plans:tables:)``);
    /// without it (a caller that wants only the contract) every estimate is unknown.
    public func loadPipeline(_ spec: SemanticExecutionSpec, estimating: Bool = true) throws(PipelineError) -> LoadedPipeline {
        var clock = PhaseClock()
        logger.info("pipeline load start", metadata: ["views": "\(spec.viewDefinitions.count)", "inputs": "\(spec.inputRelations.count)"])
        let problems = Session.specValidator.problems(spec)
        if !problems.isEmpty { throw .spec(SpecErrors(problems)) }
        clock.lap("validate")
        let graph: TaskGraph
        do { graph = try TaskGraph.build(spec) } catch { throw .graph(error) }
        clock.lap("graph")
        try applyPlanningChoices(spec)
        try registerInputs(spec)
        clock.lap("inputs")
        let (plans, tables) = try bindViews(spec, graph: graph)
        clock.lap("bind")
        let estimates = estimating ? rowEstimates(graph, plans: plans, tables: tables) : nil
        clock.lap("estimate")
        let contract = self.contract(for: spec)
        clock.lap("contract")
        logger.info("pipeline load end", metadata: clock.metadata(["views": "\(plans.count)"]))
        return LoadedPipeline(spec: spec, graph: graph, view: TaskGraphView(graph: graph, rows: estimates, contract: contract),
                              contract: contract, plans: plans, tables: tables, timeZone: config[Settings.timeZone])
    }

    /// The determinism contract of `spec` planned with this session's planning surface
    /// and planning settings.
    /// `sqlTokens`: views' canonical tokens already read (``ViewSQL``), by name.
    public func contract(for spec: SemanticExecutionSpec, sqlTokens: [String: [String]] = [:]) -> DeterminismContract {
        let config = self.config
        return DeterminismContract(spec: spec, manifestFingerprint: planningSurfaceFingerprint,
                                   planningSettings: Session.planningSettings(config),
                                   rulepackFingerprint: Self.rulepack(config).fingerprint(disabled: config.disabledRules).description,
                                   sqlTokens: sqlTokens)
    }

    /// Planning settings (not execution or display ones) as name and value, sorted.
    static func planningSettings(_ config: SessionConfig) -> [(String, String)] {
        config.all.filter { $0.declaration.area == .planning }.map { ($0.declaration.name, $0.value.description) }
            .sorted { $0.0 < $1.0 }
    }

    /// The planning-surface manifest's fingerprint (what the envelope hash uses).
    public var planningSurfaceFingerprint: String { manifest.fingerprint.description }

    /// The planning surface as a manifest: the planners switched on (by kind), table
    /// factories, planning settings (rule and planner switches are in their own lists),
    /// the rulepack, the engine version.
    public var manifest: PlanningSurfaceManifest { manifest(config: config) }

    /// The manifest this session would have with every setting at its default (its
    /// planners and table factories as registered): the baseline front ends diff against.
    public var defaultManifest: PlanningSurfaceManifest { manifest(config: SessionConfig()) }

    /// What differs between `baseline` and this session's manifest now.
    public func manifestDiff(against baseline: PlanningSurfaceManifest) -> ManifestDiff {
        ManifestDiff(from: baseline, to: manifest)
    }

    func manifest(config: SessionConfig) -> PlanningSurfaceManifest {
        let policy = PlanningPolicy(config: config)
        let pack = Self.rulepack(config)
        let disabled = config.disabledRules
        func on(_ kind: PlanningSurface.Kind) -> [PlanningSurfaceManifest.Entry] {
            extensions.filter { $0.kind == kind && policy.isOn(kind, $0.name) }.map { .init(name: $0.name, version: $0.version) }
        }
        return PlanningSurfaceManifest(
            engineVersion: Session.engineVersion,
            relationPlanners: on(.relation), expressionPlanners: on(.expression), typePlanners: on(.type),
            tableFactories: catalog.tableFactories.map { .init(name: $0.format, version: $0.version) },
            config: policy.config.filter { Self.isPlanningConfig($0.key) }.mapValues(\.description),
            rulepack: pack.name, rulepackFingerprint: pack.fingerprint(disabled: disabled).description,
            rules: pack.rules.map { ($0.name, !disabled.contains($0.name)) })
    }

    /// Whether a planning setting goes in a manifest's `planning_config` (the rulepack and
    /// its rules have their own keys).
    static func isPlanningConfig(_ name: String) -> Bool {
        guard let declaration = Settings.declaration(named: name) else { return false }
        return declaration.name != Settings.rulepack.name && declaration.family.rule == nil
    }

    /// The engine's version, as manifests and run reports state it.
    public static let engineVersion = EngineVersion.current

    // MARK: - Loading

    func applyPlanningChoices(_ spec: SemanticExecutionSpec) throws(PipelineError) {
        func set(_ name: String, _ value: String, _ path: String) throws(PipelineError) {
            do { try self.set(name, value) } catch { throw .statement(path: path, error) }
        }
        if let name = spec.sessionProfile {
            let profile: SessionProfile
            do { profile = try SessionProfile.named(name) } catch { throw .statement(path: "session_profile", error) }
            for (setting, value) in profile.settings { try set(setting, value, "session_profile") }
        }
        if let pack = spec.rulepackProfile { try set(Settings.rulepack.name, pack, "rulepack_profile") }
        if let mode = spec.pushdownEnforcement { try set(Settings.pushdownEnforcement.name, mode, "pushdown_enforcement") }
        for (i, intent) in spec.ruleIntents.enumerated() {
            try set(Settings.rule(intent.rule).name, intent.enabled ? "on" : "off", "rule_intents[\(i)]")
        }
    }

    func registerInputs(_ spec: SemanticExecutionSpec) throws(PipelineError) {
        for (i, input) in spec.inputRelations.enumerated() {
            let path = "input_relations[\(i)]"
            let table: any TableProvider
            do {
                if input.format == .inline {
                    table = try inlineTable(input, path: path)
                } else {
                    let declared = try declaredSchema(input, path: path)
                    table = try fileTable(format: input.format.rawValue,
                                          location: SpecValidator.resolve(input.location ?? "", base: spec.baseDirectory),
                                          schema: declared, options: TableOptions(input.options), partitionedBy: input.partitionedBy)
                    if declared != nil { try checkDeclaredNames(input, against: table, path: path) }
                }
            } catch let error as PipelineError {
                throw error
            } catch let error as PlanError {
                throw .statement(path: path, error)
            } catch {
                throw .statement(path: path, PlanError(.io, "\(error)"))
            }
            catalog.dropView(input.logicalName)
            catalog.register(table: input.logicalName, table)
        }
    }

    /// The columns an input declares (nil: none, the reader infers them); an unknown type
    /// is an error at its JSON path.
    func declaredSchema(_ input: SemanticExecutionSpec.InputRelation, path: String) throws(PipelineError) -> Schema? {
        guard !input.columns.isEmpty else { return nil }
        var fields: [Field] = []
        for (j, c) in input.columns.enumerated() {
            guard let type = try? Parser.dataType(c.type) else {
                throw .spec(SpecErrors([SpecError("\(path).columns[\(j)].type", "unknown type '\(c.type)'")]))
            }
            // As the binder does: DECIMAL(39,2) trapped when the first row was cast to it
            // (found by the pipeline fuzz target).
            if let problem = type.argumentProblem {
                throw .spec(SpecErrors([SpecError("\(path).columns[\(j)].type", problem)]))
            }
            fields.append(Field(name: c.name, dataType: type))
        }
        return Schema(fields)
    }

    /// Declared columns name the file's columns: a CSV file's header names in order, or
    /// keys of a JSON lines file (either as an unquoted identifier would: any case).
    func checkDeclaredNames(_ input: SemanticExecutionSpec.InputRelation, against table: any TableProvider, path: String) throws(PipelineError) {
        let files: [any TableProvider] = (table as? FileSetTable)?.parts ?? [table]
        for file in files {
            if let csv = file as? CSVTable, csv.hasHeader {
                for (j, c) in input.columns.enumerated() where j < csv.headerNames.count {
                    let header = csv.headerNames[j]
                    if header.lowercased() != c.name.lowercased() {
                        throw .spec(SpecErrors([SpecError("\(path).columns[\(j)].name",
                                                          "'\(c.name)' does not match the header of \(csv.path): column \(j + 1) is '\(header)'")]))
                    }
                }
            } else if let jsonl = file as? JSONLinesTable {
                for (j, c) in input.columns.enumerated() where !jsonl.keys.contains(where: { $0.lowercased() == c.name.lowercased() }) {
                    throw .spec(SpecErrors([SpecError("\(path).columns[\(j)].name", "no line of \(jsonl.path) has the key '\(c.name)'")]))
                }
            }
        }
    }

    func inlineTable(_ input: SemanticExecutionSpec.InputRelation, path: String) throws -> MemoryTable {
        let schema = try declaredSchema(input, path: path) ?? Schema([])
        let fields = schema.fields
        var rows: [[ScalarValue]] = []
        for (r, row) in input.rows.enumerated() {
            var values: [ScalarValue] = []
            for (c, v) in row.enumerated() where c < fields.count {
                do { values.append(try ScalarOps.cast(v.scalar, to: fields[c].dataType)) } catch {
                    throw PipelineError.spec(SpecErrors([SpecError("\(path).rows[\(r)][\(c)]", error.message)]))
                }
            }
            rows.append(values)
        }
        return MemoryTable(schema: schema, batches: rows.isEmpty ? [] : [RecordBatch.from(rows: rows, schema: schema)])
    }

    /// Binds each view once, level by level in graph order: the inputs and the views of
    /// earlier levels are in the catalog (each view as the table it will be materialized
    /// into), so the views of one level — independent of each other — are bound side by
    /// side on the shared runtime, and their results taken in graph order (the first
    /// error in that order is the one reported).
    func bindViews(_ spec: SemanticExecutionSpec, graph: TaskGraph) throws(PipelineError) -> ([String: LogicalPlan], [String: MemoryTable]) {
        let index = Dictionary(uniqueKeysWithValues: spec.viewDefinitions.enumerated().map { ($1.name, $0) })
        let specNames = Set(spec.inputRelations.map(\.logicalName) + spec.viewDefinitions.map(\.name))
        var plans: [String: LogicalPlan] = [:]
        var tables: [String: MemoryTable] = [:]
        var mismatches: [SpecError] = []
        for group in graph.levelGroups {
            let views = group.compactMap { id in graph.nodes[id].kind == .view ? index[graph.nodes[id].name] : nil }
            let bound = ExecutionRuntime.shared.map(views) { [self] i in
                Result { () throws(PlanError) in try bindView(spec.viewDefinitions[i].sql) }
            }
            for (i, result) in zip(views, bound) {
                let view = spec.viewDefinitions[i]
                let path = "view_definitions[\(i)]"
                let plan: LogicalPlan
                switch result {
                case .success(let p): plan = p
                case .failure(let error):
                    if let missing = error.missingRelation, specNames.contains(missing), !view.viewDependencies.contains(missing) {
                        throw .spec(SpecErrors(mismatches + [SpecError("\(path).view_dependencies", "the SQL reads '\(missing)', which is not declared")]))
                    }
                    throw .statement(path: "\(path).sql", error.located(at: error.span))
                }
                mismatches += ViewSQL.dependencyProblems(reads: plan.tablesRead.sorted(), view, index: i, specNames: specNames)
                let names = plan.schema.displayNames
                if let dup = duplicateName(names) {
                    mismatches.append(SpecError("\(path).sql", "the view would have two columns named '\(dup)'; alias one of them"))
                    continue
                }
                let schema = Schema(plan.schema.fields.map { Field(name: $0.displayName, dataType: $0.dataType == .null ? .text : $0.dataType, nullable: true) })
                let table = MemoryTable(schema: schema)
                catalog.dropView(view.name)
                catalog.register(table: view.name, table)
                plans[view.name] = plan
                tables[view.name] = table
            }
        }
        if !mismatches.isEmpty { throw .spec(SpecErrors(mismatches)) }
        return (plans, tables)
    }

    /// A view's SQL parsed and bound: one query, or the error.
    func bindView(_ sql: String) throws(PlanError) -> LogicalPlan {
        let statements = try Parser.parse(sql)
        guard statements.count == 1, case .query = statements[0].statement else {
            throw PlanError(.invalidPlan, statements.count == 1 ? "a view holds one query (SELECT, WITH or VALUES)"
                                                                 : "a view holds one query, found \(statements.count) statements")
        }
        return try bind(statements[0].statement)
    }

    /// The first name that appears twice, if any.
    func duplicateName(_ names: [String]) -> String? {
        var seen = Set<String>()
        return names.first { !seen.insert($0).inserted }
    }

    /// The rows each node is estimated to produce, the estimates EXPLAIN shows: an input its
    /// table's count (nil when the table cannot say); a view its optimized plan's root
    /// estimate, planned level by level with each earlier view's table expecting that
    /// view's estimate (``MemoryTable/expect(rows:)``: until a run fills it, a view's plan
    /// is estimated from what the views before it are expected to produce, not from empty
    /// tables) — the views of one level side by side on the shared runtime; an output its
    /// view's. A view whose plan rests on an unknown count is unknown.
    func rowEstimates(_ graph: TaskGraph, plans: [String: LogicalPlan], tables: [String: MemoryTable]) -> [Double?] {
        let config = self.config
        var rows = [Double?](repeating: nil, count: graph.nodes.count)
        for group in graph.levelGroups {
            let views = group.filter { graph.nodes[$0].kind == .view }
            let estimates = ExecutionRuntime.shared.map(views, minimumSlice: 16) { [self] id -> Double? in
                guard let plan = plans[graph.nodes[id].name], let final = try? optimize(plan, config: config).final,
                      final.estimateIsKnown else { return nil }
                return final.estimatedRows.rounded()
            }
            for (id, estimate) in zip(views, estimates) {
                rows[id] = estimate
                tables[graph.nodes[id].name]?.expect(rows: estimate.map { Int($0) })
            }
            for id in group {
                let n = graph.nodes[id]
                switch n.kind {
                case .input: rows[id] = catalog.provider(named: n.name)?.estimatedRowCount.map(Double.init)
                case .output: rows[id] = n.dependencies.first.flatMap { rows[$0] }
                case .view: break
                }
            }
        }
        return rows
    }

    // MARK: - Running

    /// Runs a loaded pipeline: the views level by level (the views of one level side by
    /// side on the shared runtime), each compiled just before it runs and materialized
    /// for the views after it, then the outputs, each written at once (temporary file,
    /// rename). With `writeOutputs` false nothing is written (a replay check).
    public func runPipeline(_ pipeline: LoadedPipeline, writeOutputs: Bool = true, cancellation: Cancellation? = nil,
                            onViewDone: ((PipelineRunReport.ViewRun) -> Void)? = nil) throws(PipelineError) -> PipelineRunReport {
        let handle = cancellation ?? Cancellation()
        let registration = registerRunning(handle)
        defer { unregisterRunning(registration) }
        let config = self.config
        let t0 = DispatchTime.now().uptimeNanoseconds
        func millis(_ t: UInt64) -> Double { Double(t - t0) / 1e6 }
        logger.info("pipeline run start", metadata: ["views": "\(pipeline.plans.count)"])
        var views: [String: PipelineRunReport.ViewRun] = [:]
        var warnings: [RunWarning] = []
        let graph = pipeline.graph
        // Every view of one run sees one `now()` and `current_date`: the run's start.
        let runTime = StatementTime.now()
        // A run starts from empty materializations (a second run must not append).
        for table in pipeline.tables.values { _ = try? table.deleteFrom(filters: []) }
        for (level, group) in graph.levelGroups.enumerated() {
            let names = group.filter { graph.nodes[$0].kind == .view }.map { graph.nodes[$0].name }
            if names.isEmpty { continue }
            do { try handle.check() } catch { throw .statement(path: "pipeline run", error) }
            var pending: [(String, ExecutionRuntime.Pending<(QueryRun, UInt64, UInt64)>)] = []
            for name in names {
                guard let plan = pipeline.plans[name] else { continue }
                let logger = self.logger
                pending.append((name, ExecutionRuntime.shared.start { [self] in
                    let start = DispatchTime.now().uptimeNanoseconds
                    logger.info("materialize start", metadata: ["view": "\(name)", "level": "\(level)"])
                    // The statement timeout applies to each view on its own.
                    let viewHandle = statementCancellation(under: handle, config: config)
                    defer { handle.release(viewHandle) }
                    let run = try runQuery(plan, config: config, cancellation: viewHandle, statementTime: runTime)
                    let end = DispatchTime.now().uptimeNanoseconds
                    logger.info("materialize end", metadata: ["view": "\(name)", "rows": "\(run.batches.reduce(0) { $0 + $1.rowCount })"])
                    return (run, start, end)
                }))
            }
            var failure: PipelineError?
            for (name, p) in pending {
                do {
                    let (run, start, end) = try p.wait()
                    _ = try pipeline.tables[name]?.insert(run.batches)
                    let rows = run.batches.reduce(0) { $0 + $1.rowCount }
                    let (fingerprint, native) = planFingerprint(run.trace.final)
                    let done = PipelineRunReport.ViewRun(name: name, level: level, startMillis: millis(start), endMillis: millis(end),
                                                         rows: rows, planFingerprint: fingerprint, native: native)
                    views[name] = done
                    onViewDone?(done)
                    for w in run.warnings {
                        logger.warning("pipeline warning", metadata: ["view": "\(name)", "code": "\(w.code)"])
                        warnings.append(RunWarning(code: w.code, stage: "view \(name): \(w.stage)", message: w.message))
                    }
                } catch let error as PlanError {
                    if failure == nil { failure = .statement(path: "view_definitions[\(viewIndex(pipeline, name))].sql", error) }
                } catch {
                    if failure == nil { failure = .statement(path: "view \(name)", PlanError(.execution, "\(error)")) }
                }
            }
            if let failure { throw failure }
        }
        // A cancelled run writes nothing: no output is started once the handle is cancelled.
        do { try handle.check() } catch { throw .statement(path: "pipeline run", error) }
        var outputs: [PipelineRunReport.OutputRun] = []
        for id in graph.order where graph.nodes[id].kind == .output {
            guard let (i, target) = pipeline.spec.outputTargets.enumerated().first(where: { $0.element.tableName == graph.nodes[id].name }),
                  let table = pipeline.tables[target.sourceView] else { continue }
            let start = DispatchTime.now().uptimeNanoseconds
            let batches = table.batches
            let location = SpecValidator.resolve(target.location, base: pipeline.spec.baseDirectory)
            if writeOutputs {
                let format: CopyOptions.Format = switch target.format {
                case .csv: .csv
                case .jsonl: .jsonl
                case .parquet: .parquet
                }
                do {
                    _ = try OutputFile.write(to: location, schema: table.schema, options: CopyOptions(format: format),
                                             timeZone: pipeline.timeZone, creatingFolder: true) { put in
                        for batch in batches { try put(batch) }
                    }
                } catch let error as PlanError {
                    throw .statement(path: "output_targets[\(i)].location", error)
                } catch {
                    throw .io("output_targets[\(i)].location: \(error)")
                }
            }
            let rows = batches.reduce(0) { $0 + $1.rowCount }
            logger.info("output", metadata: ["table": "\(target.tableName)", "rows": "\(rows)", "written": "\(writeOutputs)"])
            outputs.append(.init(tableName: target.tableName, sourceView: target.sourceView, format: target.format.rawValue,
                                 location: writeOutputs ? location : nil, rows: rows,
                                 millis: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6))
        }
        let ordered = pipeline.viewOrder.compactMap { views[$0] }
        let report = PipelineRunReport(contract: pipeline.contract, engineVersion: Session.engineVersion, views: ordered, outputs: outputs, warnings: warnings,
                                       elapsedMillis: millis(DispatchTime.now().uptimeNanoseconds), wroteOutputs: writeOutputs)
        let runtime = ExecutionRuntime.shared
        logger.info("pipeline run end", metadata: ["views": "\(ordered.count)", "outputs": "\(outputs.count)", "ms": "\(report.elapsedMillis)",
                                                   "runtime_tasks": "\(runtime.tasksStarted)", "run_by_waiter": "\(runtime.tasksRunByWaiter)",
                                                   "worker_blocking_waits": "\(runtime.blockingWaitsOnWorkers)"])
        return report
    }

    /// A view's plan fingerprint: over its canonical Substrait JSON when the plan has a
    /// Substrait form, else (native) over planscope's plan JSON.
    func planFingerprint(_ plan: LogicalPlan) -> (String, native: Bool) {
        if let substrait = try? substraitPlan(optimized: plan), let text = try? SubstraitJSON.text(substrait, pretty: false),
           let json = try? JSONValue.parse(text) {
            return (Fingerprint(of: json).description, false)
        }
        return (Fingerprint(of: PlanJSON.document(plan)).description, true)
    }

    /// Why two fingerprints of a view must not be compared: a native one from another
    /// engine version (or from a report that did not say its version), or one of each kind.
    static func replayRefusal(recorded: PipelineRunReport.ViewRun, engine: String, now: PipelineRunReport.ViewRun) -> String? {
        if recorded.native && engine != engineVersion {
            return "its recorded fingerprint is native to \(engine.isEmpty ? "an engine version the report does not name" : "engine \(engine)"), this is \(engineVersion): only Substrait fingerprints compare across versions"
        }
        if recorded.native != now.native {
            return "the recorded fingerprint is \(recorded.native ? "native" : "Substrait"), this run's \(now.native ? "native" : "Substrait")"
        }
        return nil
    }

    func viewIndex(_ pipeline: LoadedPipeline, _ name: String) -> Int {
        pipeline.spec.viewDefinitions.firstIndex { $0.name == name } ?? 0
    }

    /// Re-plans (and runs, writing nothing) the pipeline and compares each view's plan
    /// fingerprint and the contract with an earlier run's report.
    public func checkReplay(_ pipeline: LoadedPipeline, against recorded: PipelineRunReport,
                            cancellation: Cancellation? = nil) throws(PipelineError) -> ReplayCheck {
        let now = try runPipeline(pipeline, writeOutputs: false, cancellation: cancellation)
        let before = Dictionary(recorded.views.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        return ReplayCheck(views: now.views.map { view in
            let old = before[view.name]
            return .init(name: view.name, recorded: old?.planFingerprint, now: view.planFingerprint,
                         refused: old.flatMap { Self.replayRefusal(recorded: $0, engine: recorded.engineVersion, now: view) })
        },
                           contractMismatches: recorded.contract.mismatches(now.contract),
                           recorded: recorded.contract, now: now.contract)
    }
}
