import PlanCore
import PlanEngine
import PlanManifest
import PlanOptimizer

/// What commands work on, as a value each front end owns and passes to every command:
/// the query in view, the optimizer trace and step in view, the loaded pipeline and the
/// manifest diff in view. A command returns the state it leaves in its ``Outcome``; the
/// front end keeps that (the REPL in a variable, the TUI in its `AppState`).
public struct CommandState: Sendable {
    /// The query `\explain` and `\pushdown` work on without arguments: the most recent
    /// one run (without its `;`).
    public var query: String?
    /// The optimizer trace `\trace`, `\step`, `\next` and `\prev` show: from the most
    /// recent query or EXPLAIN.
    public var trace: OptimizerTrace?
    /// The step `\step`, `\next` and `\prev` show (0: the initial plan).
    public var step = 0
    /// The pipeline `\pipeline graph` and `\pipeline run` work on (`\pipeline load`).
    public var pipeline: LoadedPipeline?
    /// The manifest diff `\manifest diff` computed last, with what it compared.
    public var manifestDiff: ManifestDiffInView?
    /// The plan `\substrait load FILE` read, in view in place of ``query`` until the next
    /// query runs: `\pushdown` reports on it and the TUI's panes show it.
    public var imported: ImportedPlan?

    public init(query: String? = nil, trace: OptimizerTrace? = nil, step: Int = 0, pipeline: LoadedPipeline? = nil,
                manifestDiff: ManifestDiffInView? = nil, imported: ImportedPlan? = nil) {
        self.imported = imported
        self.query = query
        self.trace = trace
        self.step = step
        self.pipeline = pipeline
        self.manifestDiff = manifestDiff
    }
}

/// A plan read from a Substrait file (`\substrait load FILE`, `planscope tui --substrait
/// FILE`) and the file it came from.
public struct ImportedPlan: Sendable, Equatable {
    public let source: String
    public let plan: LogicalPlan
    public init(source: String, plan: LogicalPlan) {
        self.source = source
        self.plan = plan
    }
}

/// A manifest diff and what it compared (`baseline.json ↔ session`).
public struct ManifestDiffInView: Sendable, Equatable {
    public let diff: ManifestDiff
    public let title: String
    /// With `--query`: the query's plan diff between the two manifests and its notes.
    public let query: QueryPlanChange?
    public init(diff: ManifestDiff, title: String, query: QueryPlanChange? = nil) {
        self.diff = diff
        self.title = title
        self.query = query
    }
}

/// One query planned under two manifests, as a pane shows it: the plan diff (nil when a
/// side failed) and the lines that say why (``PlanEngine/PlanChange/notes``).
public struct QueryPlanChange: Sendable, Equatable {
    public let query: String
    public let planDiff: PlanDiff?
    public let notes: [String]
    public init(query: String, planDiff: PlanDiff?, notes: [String]) {
        self.query = query
        self.planDiff = planDiff
        self.notes = notes
    }
}
