import Foundation
import PlanEngine
import PlanExec
import PlanManifest
import PlanPipeline
import PlanscopeCommands

/// What can happen to the TUI. Every change to the state is one of these, applied by
/// ``AppState/update(_:env:)``.
public enum Action: Sendable {
    /// The app opened: what it shows first.
    case opened(Opening)
    case key(Key)
    /// A mouse click or wheel turn.
    case mouse(MouseEvent)
    /// The terminal was handed back and taken again (after Ctrl-Z and `fg`): draw it all.
    case resumed
    case resize(width: Int, height: Int)
    /// Time passes (for the busy timer): the monotonic clock in nanoseconds.
    case tick(UInt64)
    /// A view or query was inspected (optimized, and run when `analyze`).
    case inspected(subject: Subject, PlanInspection)
    /// A statement of a running command line (or a run started by `a`) is planned: its
    /// trace and pushdown report, before any rows (``PlanEngine/ExecutionEvent/planned(_:)``).
    case planned(subject: Subject, PlanInspection)
    /// The running plan's operators' figures so far (``PlanEngine/ExecutionEvent/progress(_:)``).
    case progress(subject: Subject, PhysicalPlanSnapshot)
    /// A command line ran (a backslash command, or SQL on a background task): its outcome,
    /// and for SQL whose last statement had a plan (a query, EXPLAIN, EXPLAIN ANALYZE),
    /// that statement as the subject with its plan.
    case ran(Outcome, statement: (subject: Subject, inspection: PlanInspection)?)
    /// The session's settings changed: the header and the manifest diff as they are now.
    case sessionChanged(header: HeaderInfo, manifest: ManifestDiff)
    /// The pipeline ran.
    case pipelineRan(PipelineRunReport)
    /// Background work ended with an error (or was cancelled).
    case failed(String)
    /// A line for the result pane (the app's own news: a theme it could not load).
    case message(String, role: Role)
    /// The HTML report was written (the result pane shows the messages, which say where).
    case reported(file: String)
    /// Background work ended (clears the busy state).
    case finished
    /// Two plans to compare in the trace pane's place (a command's `showComparison`).
    case compare(PlanComparison)
    /// Back to the trace (`\compare off`).
    case closeComparison
}

/// What the TUI shows when it opens.
public struct Opening: Sendable {
    public var commands: CommandState
    /// The pipeline's task graph (or its cycle), when one was given.
    public var pipeline: PipelineModel?
    public var manifestDiff: ManifestDiff?
    public var manifestTitle: String
    public var history: [String]
    public var ascii: Bool
    /// Lines for the result pane (why a spec could not be loaded).
    public var messages: [Message]

    public init(commands: CommandState, pipeline: PipelineModel?, manifestDiff: ManifestDiff?, manifestTitle: String,
                history: [String], ascii: Bool, messages: [Message] = []) {
        self.commands = commands
        self.pipeline = pipeline
        self.manifestDiff = manifestDiff
        self.manifestTitle = manifestTitle
        self.history = history
        self.ascii = ascii
        self.messages = messages
    }
}

/// Work the TUI asks the engine for; the app runs it and answers with actions.
public enum Effect: Equatable, Sendable {
    /// A command-line entry: SQL or a backslash command, exactly as at the REPL prompt,
    /// on the state's ``CommandState``.
    case run(String)
    /// Optimize (and with `analyze`, run) a pipeline view or a query.
    case inspect(subject: Subject, analyze: Bool)
    /// Read the session's header and manifest again (its settings changed).
    case refreshSession
    case runPipeline
    /// Ctrl-Z: hand the terminal back and stop until the shell continues the job.
    case suspend
    /// `e`: write the subject's HTML report (run, traced, analyzed) to `file`.
    case report(subject: Subject, file: String)
    case cancel
    case quit
}

/// What the update needs from outside: completion and the clock.
public struct Environment {
    /// The word before the cursor and what it may become (the REPL's completer).
    public var complete: (String) -> (word: String, candidates: [String])
    public var now: () -> UInt64
    public init(complete: @escaping (String) -> (word: String, candidates: [String]) = { _ in ("", []) },
                now: @escaping () -> UInt64 = { 0 }) {
        self.complete = complete
        self.now = now
    }
}
