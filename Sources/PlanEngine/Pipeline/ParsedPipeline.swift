import Dispatch
import Foundation
import Logging
import PlanCore
import PlanExec
import PlanPipeline
import PlanSupport

/// A pipeline spec checked without binding: validated, every view's SQL parsed and the
/// relations it names compared with its declared dependencies (``ViewSQL``), the task
/// graph built and ordered, and the determinism contract computed. What `planscope graph`
/// shows, in time linear in the spec. Binding — column names and types, each view's
/// output columns, row estimates — is ``Session/loadPipeline(_:estimating:)``'s work
/// (`graph --check`, `pipeline run`), which gives a ``LoadedPipeline``.
public struct ParsedPipeline: Sendable {
    public let spec: SemanticExecutionSpec
    public let graph: TaskGraph
    /// The graph for showing: no row estimates (nothing is bound), the critical path by
    /// the number of views on it.
    public let view: TaskGraphView
    public let contract: DeterminismContract
}

extension Session {
    /// Reads the spec in the file at `path` and checks it without binding
    /// (``ParsedPipeline``).
    public func parsePipeline(file path: String) throws(PipelineError) -> ParsedPipeline {
        let start = DispatchTime.now().uptimeNanoseconds
        let spec = try readPipelineSpec(file: path)
        logger.info("pipeline spec read", metadata: ["views": "\(spec.viewDefinitions.count)", "micros": "\(PhaseClock.micros(since: start))"])
        return try parsePipeline(spec)
    }

    /// Checks `spec` without binding: validation, each view's SQL parsed and its
    /// dependencies compared with what it reads, the task graph, the contract. The views
    /// are read on the shared runtime's workers and this thread, with validation and the
    /// task graph (neither needs the views' SQL) beside them; problems are reported in
    /// that order all the same: the spec's own first, then the views' SQL, then a cycle.
    /// The planning choices are applied to this session, as for a load, since the
    /// contract depends on them.
    public func parsePipeline(_ spec: SemanticExecutionSpec) throws(PipelineError) -> ParsedPipeline {
        var clock = PhaseClock()
        logger.info("pipeline parse start", metadata: ["views": "\(spec.viewDefinitions.count)"])
        let runtime = ExecutionRuntime.shared
        let validation = runtime.start { PhaseClock.timed { Session.specValidator.problems(spec) } }
        // The graph of a spec that fails validation is never used (the build takes any spec).
        let building = runtime.start { PhaseClock.timed { Result { () throws(TaskGraphError) in try TaskGraph.build(spec) } } }
        let read = ViewSQL.readAll(spec.viewDefinitions)
        clock.lap("views")
        guard let (problems, validateMicros) = try? validation.wait(),
              let (built, graphMicros) = try? building.wait() else { throw .io("pipeline parse: the runtime stopped") }
        clock.record("validate", micros: validateMicros)
        clock.record("graph", micros: graphMicros)
        if !problems.isEmpty { throw .spec(SpecErrors(problems)) }
        var mismatches: [SpecError] = []
        let specNames = Set(spec.inputRelations.map(\.logicalName) + spec.viewDefinitions.map(\.name))
        var tokens: [String: [String]] = [:]
        tokens.reserveCapacity(read.count)
        for (i, result) in read.enumerated() {
            switch result {
            case .failure(let failure): throw .statement(path: failure.path, failure.error)
            case .success(let sql):
                mismatches += sql.dependencyProblems(spec.viewDefinitions[i], index: i, specNames: specNames)
                tokens[spec.viewDefinitions[i].name] = sql.canonicalTokens
            }
        }
        if !mismatches.isEmpty { throw .spec(SpecErrors(mismatches)) }
        let graph: TaskGraph
        switch built {
        case .success(let g): graph = g
        case .failure(let error): throw .graph(error)
        }
        clock.lap("check")
        try applyPlanningChoices(spec)
        let contract = self.contract(for: spec, sqlTokens: tokens)
        clock.lap("contract")
        logger.info("pipeline parse end", metadata: clock.metadata(["views": "\(spec.viewDefinitions.count)"]))
        return ParsedPipeline(spec: spec, graph: graph, view: TaskGraphView(graph: graph, rows: nil, contract: contract),
                              contract: contract)
    }
}

extension ViewSQL {
    /// Every view's SQL read, in spec order, on the shared runtime (views are independent).
    static func readAll(_ views: [SemanticExecutionSpec.ViewDefinition]) -> [Result<ViewSQL, PipelineSQLError>] {
        ExecutionRuntime.shared.map(Array(views.enumerated())) { ViewSQL.read($0.element.sql, index: $0.offset) }
    }
}

/// Times the phases of a pipeline's load or parse, for the log line that ends it (what
/// `bench/pipeline_scale.py` prints): each phase's microseconds, and the total.
struct PhaseClock {
    private let start = DispatchTime.now().uptimeNanoseconds
    private var last = DispatchTime.now().uptimeNanoseconds
    private var phases: [(String, UInt64)] = []

    static func micros(since t: UInt64) -> UInt64 { (DispatchTime.now().uptimeNanoseconds - t) / 1000 }

    /// `body`'s result and how long it took, in microseconds (a phase run on another thread).
    static func timed<T>(_ body: () -> T) -> (T, UInt64) {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = body()
        return (result, micros(since: start))
    }

    /// A phase timed elsewhere (on another thread, beside this one's).
    mutating func record(_ name: String, micros: UInt64) { phases.append((name, micros)) }

    /// Ends the phase called `name`.
    mutating func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        phases.append((name, (now - last) / 1000))
        last = now
    }

    /// `extra`, each phase as `NAME_micros`, and `micros`: the total.
    func metadata(_ extra: Logger.Metadata) -> Logger.Metadata {
        var out = extra
        for (name, micros) in phases { out[name + "_micros"] = "\(micros)" }
        out["micros"] = "\(PhaseClock.micros(since: start))"
        return out
    }
}
