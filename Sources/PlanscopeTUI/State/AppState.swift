import PlanCore
import PlanEngine
import PlanExec
import PlanManifest
import PlanOptimizer
import PlanPipeline
import PlanscopeCommands

/// The panes, in Tab order.
public enum PaneID: String, CaseIterable, Sendable {
    case graph, trace, pushdown, manifest, result

    public var title: String {
        switch self {
        case .graph: "Task graph"
        case .trace: "Optimizer trace"
        case .pushdown: "Pushdown"
        case .manifest: "Manifest diff"
        case .result: "Result"
        }
    }
}

/// A list's selection and the first row shown.
public struct ListState: Equatable, Sendable {
    public var selected = 0
    public var top = 0

    public init(selected: Int = 0, top: Int = 0) {
        self.selected = selected
        self.top = top
    }

    /// Keeps the selection inside `count` rows and on screen in `height` rows.
    mutating func clamp(count: Int, height: Int) {
        selected = count == 0 ? 0 : min(max(0, selected), count - 1)
        if selected < top { top = selected }
        if height > 0, selected >= top + height { top = selected - height + 1 }
        top = max(0, min(top, max(0, count - height)))
    }
}

/// One row of the task graph: a node in schedule order.
public struct GraphRow: Equatable, Sendable {
    public let name: String
    public let kind: TaskGraph.Kind
    public let level: Int
    /// What it reads and what reads it, by name.
    public let inputs: [String]
    public let dependents: [String]
    public let estimatedRows: Double?

    public init(name: String, kind: TaskGraph.Kind, level: Int, inputs: [String], dependents: [String], estimatedRows: Double?) {
        self.name = name
        self.kind = kind
        self.level = level
        self.inputs = inputs
        self.dependents = dependents
        self.estimatedRows = estimatedRows
    }
}

/// The pipeline on screen: its graph rows in schedule order, or the cycle that kept the
/// graph from being built; and a run's per-view results once it ran.
public struct PipelineModel: Sendable {
    public var name: String
    public var rows: [GraphRow]
    /// Views in a cycle (first repeated at the end), when the graph could not be built.
    public var cycle: [String]?
    public var runs: [String: PipelineRunReport.ViewRun] = [:]
    /// Milliseconds each output took to write, by table name, once it ran.
    public var outputMillis: [String: Double] = [:]
    public var runElapsedMillis: Double?
    public var specHash: String?
    /// The task graph the rows came from (the run's critical path is found on it).
    public var graph: TaskGraph?
    /// Rows on the critical path: by estimated rows when loaded, by time after a run.
    public var critical: Set<Int>

    /// Counted once, not per frame: views, and the longest name (for the name column).
    public let viewCount: Int
    public let longestName: Int
    /// The graph laid out for drawing (`v`), made once here; nil above
    /// ``PipelineModel/maxDrawnViews`` views or for a cycle.
    public let dag: DagLayout?

    /// Above this many views `v` keeps the list (the drawing would be too wide to read).
    public static let maxDrawnViews = 2_000

    public init(name: String, rows: [GraphRow], cycle: [String]? = nil, specHash: String? = nil, graph: TaskGraph? = nil,
                critical: Set<Int> = []) {
        self.name = name
        self.rows = rows
        self.cycle = cycle
        self.specHash = specHash
        self.graph = graph
        self.critical = critical
        let views = rows.count { $0.kind == .view }
        viewCount = views
        longestName = rows.map { DisplayWidth.of($0.name) }.max() ?? 8
        dag = cycle == nil && !rows.isEmpty && views <= Self.maxDrawnViews ? DagLayout(rows: rows) : nil
    }
}

/// A line in the result area.
public struct Message: Equatable, Sendable {
    public let text: String
    public let role: Role
    public init(_ text: String, role: Role = .text) {
        self.text = text
        self.role = role
    }
}

/// Work running on a background task, shown in the status bar until it ends.
public struct Busy: Equatable, Sendable {
    public let label: String
    public let startedNanos: UInt64
}

/// A run of the subject followed through its progress events: while it runs, and after it
/// stopped without a result (cancelled, failed), when the Analyze view shows the rows
/// each operator reached.
public struct LiveRun: Equatable, Sendable {
    public var subject: Subject
    public var startedNanos: UInt64
    /// When it stopped without a result (nil while it runs).
    public var stoppedNanos: UInt64?

    public init(subject: Subject, startedNanos: UInt64, stoppedNanos: UInt64? = nil) {
        self.subject = subject
        self.startedNanos = startedNanos
        self.stoppedNanos = stoppedNanos
    }
}

/// `/` search in a pane: the text, and whether it is still being typed.
public struct Search: Equatable, Sendable {
    public var pane: PaneID
    public var text: String
    public var typing: Bool
}

/// What the header shows: where the session's plans come from.
public struct HeaderInfo: Equatable, Sendable {
    public var source: String
    public var rulepack: String
    public var rulepackFingerprint: String
    public var manifestFingerprint: String
    public init(source: String, rulepack: String, rulepackFingerprint: String, manifestFingerprint: String) {
        self.source = source
        self.rulepack = rulepack
        self.rulepackFingerprint = rulepackFingerprint
        self.manifestFingerprint = manifestFingerprint
    }
}

/// Everything on screen, as one value: ``render(_:)`` draws it, ``update(_:env:)``
/// changes it. Engine work is asked for as ``Effect``s and comes back as ``Action``s.
public struct AppState: Sendable {
    public var width: Int
    public var height: Int
    public var focus: PaneID = .graph
    public var zoomed = false
    /// How the panes share a large screen (`L` cycles).
    public var layout: PaneLayout = .balanced
    /// The task graph pane draws the graph rather than the list (`v`).
    public var graphDrawn = false
    /// A one-line answer to the last key, in the status row until the next key (why `v`
    /// keeps the list, why `L` needs a wider window).
    public var notice: Message?
    public var showHelp = false
    /// The first help line shown (the help scrolls when the screen is short).
    public var helpTop = 0
    public var ascii = false
    public var header: HeaderInfo

    public var pipeline: PipelineModel?
    /// What the trace, pushdown and result panes are about.
    public var subject: Subject?
    public var inspection: PlanInspection?
    /// Another engine's trace in view (`:\trace load FILE`: DataFusion's EXPLAIN VERBOSE,
    /// Spark's plan change log), in the trace pane in place of the subject's until a
    /// subject is inspected again; `title` is its file.
    public var importedTrace: (title: String, trace: OptimizerTrace)?
    /// The trace the trace pane steps through: an imported one, else the inspection's.
    public var trace: OptimizerTrace? { importedTrace?.trace ?? inspection?.trace }
    /// Rules that changed the plan and rules tried, in the trace in view (counted
    /// when it arrives, not per frame).
    public var traceRules = (changed: 0, tried: 0)
    /// In the trace pane, the plan beside the steps has focus (Enter on a step; Esc returns).
    public var planFocused = false
    /// The plan's node cursor and scroll position (``scroll(for:)`` reads it for a step).
    public var planScroll = PlanScroll()
    /// Two plans compared (`:\compare …`), shown in the trace pane's place until Esc.
    public var comparison: ComparisonState?
    /// The result pane shows the physical plan (after `a`, the Analyze view) rather than messages.
    public var showPhysical = false
    /// The analyzed plan's figures (self time, share, misestimate), made when it arrives —
    /// or, during a ``live`` run, from its latest progress: the figures so far.
    public var profile: AnalyzeProfile?
    /// The subject's run while it runs (its plan is in view, ``profile`` has its figures so
    /// far), and after it stopped without a result; nil once a result replaced it.
    public var live: LiveRun?
    /// The Analyze view lists operators by self time (`o`) rather than as the tree.
    public var analyzeBySelf = false
    /// The result pane shows the Analyze view.
    public var showsAnalysis: Bool { showPhysical && profile != nil }

    /// The operators in the Analyze view's order (indexes into ``profile``).
    public var analyzeOrder: [Int] {
        guard let profile else { return [] }
        return analyzeBySelf ? profile.bySelfTime : Array(profile.operators.indices)
    }

    public var manifestDiff: ManifestDiff?
    public var manifestTitle = AppState.defaultManifestTitle
    /// With `\manifest diff … --query SQL`: that query's plan diff between the manifests.
    public var manifestQuery: QueryPlanChange?
    public var manifestSideBySide = false

    public var messages: [Message] = []
    public var busy: Busy?
    public var nowNanos: UInt64 = 0

    public var lists: [PaneID: ListState] = [:]
    public var traceChangedOnly = false
    public var commandLine: LineEdit?
    public var completions: [String] = []
    public var search: Search?
    public var history: [String] = []
    public var quit = false
    /// What commands typed after `:` work on (the query and trace in view, the loaded
    /// pipeline); each command's outcome replaces it.
    public var commands = CommandState()

    public init(width: Int, height: Int, header: HeaderInfo) {
        self.width = width
        self.height = height
        self.header = header
    }

    public func list(_ pane: PaneID) -> ListState { lists[pane] ?? ListState() }

    /// Where each pane is on screen now (``Layout``; the result area is taller while it
    /// shows the Analyze view).
    public var frames: [PaneID: Rect] {
        Layout.frames(width: width, height: height, focus: focus, zoomed: zoomed, tallResult: showsAnalysis, layout: layout)
    }

    /// The steps the trace list shows (1-based step numbers; 0 is the initial plan).
    public var traceSteps: [Int] {
        guard let trace else { return [] }
        let all = Array(0...trace.steps.count)
        return traceChangedOnly ? all.filter { $0 == 0 || trace.steps[$0 - 1].changed } : all
    }

    /// The trace step selected (0: the initial plan).
    public var selectedStep: Int {
        let steps = traceSteps
        guard !steps.isEmpty else { return 0 }
        return steps[min(max(0, list(.trace).selected), steps.count - 1)]
    }

    /// The plan's cursor and scroll position for `step`: the kept one for the step it
    /// belongs to; another step starts at its top (sideways scroll and wrapping kept).
    public func scroll(for step: Int) -> PlanScroll {
        guard planScroll.step != step else { return planScroll }
        var s = planScroll
        s.step = step
        s.cursor = 0
        s.top = 0
        return s
    }

    /// The view selected in the task graph.
    public var selectedView: GraphRow? {
        guard let rows = pipeline?.rows, !rows.isEmpty else { return nil }
        return rows[min(max(0, list(.graph).selected), rows.count - 1)]
    }

    public mutating func message(_ text: String, role: Role = .text) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { messages.append(Message(String(line), role: role)) }
        if messages.count > 5000 { messages.removeFirst(messages.count - 5000) }
        guard !showsAnalysis else { return }
        var l = list(.result)
        l.selected = messages.count - 1
        lists[.result] = l
    }
}
