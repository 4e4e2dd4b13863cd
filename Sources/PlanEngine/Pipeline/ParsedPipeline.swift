import Dispatch
import Foundation
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
        try parsePipeline(try readPipelineSpec(file: path))
    }

    /// Checks `spec` without binding: validation, each view's SQL parsed (on the shared
    /// runtime's workers) and its dependencies compared with what it reads, the task
    /// graph, the contract. The planning choices are applied to this session, as for a
    /// load, since the contract depends on them.
    public func parsePipeline(_ spec: SemanticExecutionSpec) throws(PipelineError) -> ParsedPipeline {
        let start = DispatchTime.now().uptimeNanoseconds
        logger.info("pipeline parse start", metadata: ["views": "\(spec.viewDefinitions.count)"])
        let problems = Session.specValidator.problems(spec)
        if !problems.isEmpty { throw .spec(SpecErrors(problems)) }
        let read = ViewSQL.readAll(spec.viewDefinitions)
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
        do { graph = try TaskGraph.build(spec) } catch { throw .graph(error) }
        try applyPlanningChoices(spec)
        let contract = self.contract(for: spec, sqlTokens: tokens)
        logger.info("pipeline parse end", metadata: ["views": "\(spec.viewDefinitions.count)",
                                                     "micros": "\((DispatchTime.now().uptimeNanoseconds - start) / 1000)"])
        return ParsedPipeline(spec: spec, graph: graph, view: TaskGraphView(graph: graph, rows: nil, contract: contract),
                              contract: contract)
    }
}

extension ViewSQL {
    /// Every view's SQL read, in spec order, on the shared runtime: views are independent,
    /// so they are cut into a few slices per worker and read side by side.
    static func readAll(_ views: [SemanticExecutionSpec.ViewDefinition]) -> [Result<ViewSQL, PipelineSQLError>] {
        let runtime = ExecutionRuntime.shared
        let slices = views.count < 256 ? 1 : runtime.workerCount * 4
        let size = (views.count + slices - 1) / max(1, slices)
        guard slices > 1, size > 0 else { return views.enumerated().map { ViewSQL.read($1.sql, index: $0) } }
        let pending = stride(from: 0, to: views.count, by: size).map { lower in
            let range = lower..<min(views.count, lower + size)
            let slice = Array(views[range])
            return runtime.start { slice.enumerated().map { ViewSQL.read($1.sql, index: range.lowerBound + $0) } }
        }
        var out: [Result<ViewSQL, PipelineSQLError>] = []
        out.reserveCapacity(views.count)
        for p in pending {
            // The body does not throw; `wait` rethrows only a cancelled runtime.
            guard let part = try? p.wait() else { return views.enumerated().map { ViewSQL.read($1.sql, index: $0) } }
            out += part
        }
        return out
    }
}
