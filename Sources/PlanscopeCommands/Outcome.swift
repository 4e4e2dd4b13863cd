import PlanEngine

/// One line of a command's or statement's output, with what kind of line it is: front
/// ends route and colour by the kind, never by the text.
public struct OutputLine: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable {
        /// Results: rows, plans, tables (what `\o FILE` redirects).
        case data
        /// Confirmations and status (`Timing is on.`, `rulepack none`): shown, never redirected.
        case notice
        case warning
        case error
    }

    public let kind: Kind
    /// The line as shown (warnings and errors with their `warning:`/`error:` prefix).
    public let text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

/// Something a command asks its front end to do beyond showing lines.
public enum CommandEffect: Equatable, Sendable {
    /// `\q`: leave.
    case quit
    /// `\r`: forget the statement being typed.
    case resetInput
    /// `\tui [SPEC]`: open the full-screen UI on this session.
    case openTUI(spec: String?)
    /// The session's settings changed (`SET`, `\set`, `\rules`, a pipeline's choices): what
    /// is shown of the manifest and of plans is out of date.
    case settingsChanged
    /// `\compare`: two plans side by side, for a front end that shows them in place of the
    /// trace (the TUI; the lines say the same for the REPL).
    case showComparison(PlanComparison)
    /// `\compare off`: back to the trace.
    case closeComparison
    /// `\trace load FILE` of another engine's trace: show the outcome's trace in view
    /// (``CommandState/trace``) in the trace pane, titled by its file.
    case showTrace(title: String)
    /// `\substrait load FILE`: the imported plan in view (``CommandState/imported``) in the
    /// trace, plan and pushdown panes, titled by its file.
    case showImportedPlan(title: String)
}

/// What running a command line or SQL did, as a value: its output lines, the effects it
/// asks for, and the command state it leaves.
public struct Outcome: Sendable {
    public var lines: [OutputLine] = []
    public var effects: [CommandEffect] = []
    public var state: CommandState

    public init(state: CommandState, lines: [OutputLine] = [], effects: [CommandEffect] = []) {
        self.state = state
        self.lines = lines
        self.effects = effects
    }

    /// Whether nothing failed (no error line).
    public var succeeded: Bool { !lines.contains { $0.kind == .error } }

    /// The text of the lines of one kind, joined by newlines.
    public func text(_ kind: OutputLine.Kind) -> String {
        lines.filter { $0.kind == kind }.map(\.text).joined(separator: "\n")
    }

    /// Every line's text, joined by newlines.
    public var text: String { lines.map(\.text).joined(separator: "\n") }

    // MARK: - Building

    /// Adds `text` (split at newlines) as lines of `kind`.
    public mutating func add(_ kind: OutputLine.Kind, _ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { lines.append(OutputLine(kind, String(line))) }
    }

    public mutating func data(_ text: String) { add(.data, text) }
    public mutating func notice(_ text: String) { add(.notice, text) }
    public mutating func warning(_ message: String) { add(.warning, "warning: " + message) }
}
