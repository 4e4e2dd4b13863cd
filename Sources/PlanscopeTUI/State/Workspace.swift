import Foundation
import PlanCore
import PlanEngine
import PlanManifest
import PlanPipeline
import PlanSupport
import PlanscopeCommands

/// Builds the state's engine-facing parts from a session: the header, the pipeline's
/// rows, the manifest diff against planscope's defaults.
public enum Workspace {
    /// The header for `session`, naming where its plans come from.
    public static func header(_ session: Session, source: String) -> HeaderInfo {
        let manifest = session.manifest
        return HeaderInfo(source: source, rulepack: manifest.rulepack, rulepackFingerprint: manifest.rulepackFingerprint,
                          manifestFingerprint: manifest.fingerprint.description)
    }

    /// A loaded pipeline as the task-graph pane shows it.
    public static func model(_ pipeline: LoadedPipeline, name: String) -> PipelineModel {
        let view = pipeline.view
        let rows = TaskGraphPane.rows(graph: pipeline.graph) { node in
            view.rows.indices.contains(node.id) ? view.rows[node.id] : nil
        }
        return PipelineModel(name: PathText.lastComponent(name), rows: rows, specHash: pipeline.contract.specHash, graph: pipeline.graph,
                             critical: PipelineModel.positions(of: view.criticalPath, in: pipeline.graph))
    }

    /// A pipeline that could not be loaded: its cycle, when that was the reason.
    public static func model(failed error: PipelineError, name: String) -> PipelineModel? {
        guard case .graph(.cycle(let names)) = error else { return nil }
        return PipelineModel(name: PathText.lastComponent(name), rows: [], cycle: names)
    }

    /// The last of `results` with a plan (a query, EXPLAIN, EXPLAIN ANALYZE) as the subject
    /// of the trace and pushdown panes, with that plan.
    public static func statement(_ results: [StatementResult]) -> (subject: Subject, inspection: PlanInspection)? {
        for r in results.reversed() {
            if let inspection = PlanInspection(r) { return (.query(CommandRunner.statementText(r.sql)), inspection) }
        }
        return nil
    }

    /// The session's manifest against its defaults (the engine computes both).
    public static func defaultManifestDiff(_ session: Session) -> ManifestDiff {
        session.manifestDiff(against: session.defaultManifest)
    }
}
