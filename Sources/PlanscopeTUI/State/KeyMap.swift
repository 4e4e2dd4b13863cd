/// Where a key binding applies.
public enum KeyScope: Equatable, Sendable {
    /// Any pane (unless the focused pane binds the key itself).
    case everywhere
    /// Only while this pane has focus.
    case pane(PaneID)
    /// While the `?` overlay is open.
    case help
    /// While typing after `:` (the keys ``LineEdit`` handles, and run / close / complete).
    case commandLine
}

/// What a key does.
public enum KeyAction: Equatable, Sendable {
    case nextPane, previousPane
    case down, up, pageDown, pageUp, first, last
    case nextStep, previousStep, nextPass, previousPass, changedOnly
    case sideBySide, togglePhysical
    case zoom, openCommandLine, search, findNext, findPrevious, drill, analyze, runPipeline, cancel
    case help, quit
    /// Help overlay: scroll.
    case scrollDown, scrollUp, scrollPageDown, scrollPageUp
    /// Command line: run, close, complete, or edit the text (``LineEdit``).
    case runLine, closeLine, complete, edit
}

/// One binding: the keys, how help shows them, where they apply, what they do, the help
/// text, and the footer hint (nil: not in the footer).
public struct KeyBinding: Sendable {
    public let keys: [Key]
    public let label: String
    public let scope: KeyScope
    public let action: KeyAction
    public let help: String
    public let hint: String?
}

/// The one table of keys: key handling (``AppState/update(_:env:)``), the `?` overlay
/// and the footer hints all read it.
public enum KeyMap {
    private static func bind(_ keys: [Key], _ label: String, _ scope: KeyScope, _ action: KeyAction, _ help: String,
                             hint: String? = nil) -> KeyBinding {
        KeyBinding(keys: keys, label: label, scope: scope, action: action, help: help, hint: hint)
    }

    public static let bindings: [KeyBinding] = [
        // Everywhere
        bind([.tab], "Tab", .everywhere, .nextPane, "next pane", hint: "pane"),
        bind([.backTab], "Shift-Tab", .everywhere, .previousPane, "previous pane"),
        bind([.down, .char("j")], "↓ j", .everywhere, .down, "move the selection down", hint: "select"),
        bind([.up, .char("k")], "↑ k", .everywhere, .up, "move the selection up"),
        bind([.pageDown, .ctrl("f")], "PgDn Ctrl-F", .everywhere, .pageDown, "a page down"),
        bind([.pageUp, .ctrl("b")], "PgUp Ctrl-B", .everywhere, .pageUp, "a page up"),
        bind([.char("g"), .home], "g Home", .everywhere, .first, "first"),
        bind([.char("G"), .end], "G End", .everywhere, .last, "last"),
        bind([.enter], "Enter", .everywhere, .drill, "drill in: view → its trace → pushdown → physical plan"),
        bind([.char("/")], "/", .everywhere, .search, "search in the pane", hint: "search"),
        bind([.char("z")], "z", .everywhere, .zoom, "zoom the pane to the whole screen", hint: "zoom"),
        bind([.char("n")], "n", .everywhere, .findNext, "next match"),
        bind([.char("N")], "N", .everywhere, .findPrevious, "previous match"),
        bind([.char("a")], "a", .everywhere, .analyze, "EXPLAIN ANALYZE the view or query"),
        bind([.char("r")], "r", .everywhere, .runPipeline, "run the pipeline"),
        bind([.char(":")], ":", .everywhere, .openCommandLine, "command line: SQL, or \\commands as at the REPL prompt", hint: "command"),
        bind([.escape, .ctrl("c")], "Esc Ctrl-C", .everywhere, .cancel, "cancel running work; close search, zoom"),
        bind([.char("?")], "?", .everywhere, .help, "this help", hint: "help"),
        bind([.char("q")], "q", .everywhere, .quit, "quit", hint: "quit"),
        // Panes
        bind([.enter], "Enter", .pane(.graph), .drill, "the view's trace and pushdown", hint: "drill"),
        bind([.char("r")], "r", .pane(.graph), .runPipeline, "run the pipeline", hint: "run"),
        bind([.char("a")], "a", .pane(.graph), .analyze, "EXPLAIN ANALYZE the view", hint: "analyze"),
        bind([.char("]")], "]", .pane(.trace), .nextStep, "next step", hint: "step"),
        bind([.char("[")], "[", .pane(.trace), .previousStep, "previous step"),
        bind([.char("}")], "}", .pane(.trace), .nextPass, "next pass", hint: "pass"),
        bind([.char("{")], "{", .pane(.trace), .previousPass, "previous pass"),
        bind([.char("c")], "c", .pane(.trace), .changedOnly, "only steps that changed the plan", hint: "changed only"),
        bind([.char("a")], "a", .pane(.pushdown), .analyze, "run the plan: rows read and returned per scan", hint: "analyze"),
        bind([.char("s")], "s", .pane(.manifest), .sideBySide, "unified / side by side", hint: "side by side"),
        bind([.char("p")], "p", .pane(.result), .togglePhysical, "physical plan / messages", hint: "plan/messages"),
        // Help overlay
        bind([.down, .char("j")], "↓ j", .help, .scrollDown, "scroll down"),
        bind([.up, .char("k")], "↑ k", .help, .scrollUp, "scroll up"),
        bind([.pageDown, .char(" ")], "PgDn Space", .help, .scrollPageDown, "a page down"),
        bind([.pageUp], "PgUp", .help, .scrollPageUp, "a page up"),
        bind([.char("q")], "q", .help, .quit, "quit"),
        // Command line
        bind([.enter], "Enter", .commandLine, .runLine, "run the line"),
        bind([.escape, .ctrl("c"), .ctrl("g")], "Esc Ctrl-C Ctrl-G", .commandLine, .closeLine, "close the command line"),
        bind([.tab], "Tab", .commandLine, .complete, "complete (again: the candidates)"),
        bind([.left, .right, .home, .end], "← → Home End", .commandLine, .edit, "move the cursor"),
        bind([.ctrl("a"), .ctrl("e")], "Ctrl-A Ctrl-E", .commandLine, .edit, "to the start / end"),
        bind([.ctrl("k"), .ctrl("u"), .ctrl("w")], "Ctrl-K Ctrl-U Ctrl-W", .commandLine, .edit, "kill to the end / to the start / a word"),
        bind([.backspace, .delete, .ctrl("d")], "Backspace Delete", .commandLine, .edit, "delete before / at the cursor"),
        bind([.up, .down], "↑ ↓", .commandLine, .edit, "history (shared with the REPL)"),
    ]

    /// What `key` does in `scope`; for a pane, its own binding before an everywhere one.
    public static func action(for key: Key, in scope: KeyScope) -> KeyAction? {
        if let b = bindings.first(where: { $0.scope == scope && $0.keys.contains(key) }) { return b.action }
        if case .pane = scope { return bindings.first { $0.scope == .everywhere && $0.keys.contains(key) }?.action }
        return nil
    }

    /// The footer's hints for a pane: the first keys everywhere, the pane's own, the rest.
    public static func hints(for pane: PaneID) -> [(key: String, what: String)] {
        func hinted(_ scope: KeyScope) -> [KeyBinding] { bindings.filter { $0.scope == scope && $0.hint != nil } }
        let everywhere = hinted(.everywhere)
        let own = hinted(.pane(pane)).map { b in
            // Pairs (`[`/`]`, `{`/`}`) show both keys.
            let partner = bindings.first { $0.scope == b.scope && $0.hint == nil && $0.action == b.action.partner }
            return (key: partner.map { "\($0.label) \(b.label)" } ?? b.label, what: b.hint ?? "")
        }
        let first = everywhere.prefix(2).map { (key: $0.action == .down ? "↑↓" : $0.label, what: $0.hint ?? "") }
        return first + own + everywhere.dropFirst(2).map { (key: $0.label, what: $0.hint ?? "") }
    }

    /// The `?` overlay's sections: a title and (keys, what they do) per binding.
    public static var helpSections: [(title: String, keys: [(String, String)])] {
        var sections: [(title: String, keys: [(String, String)])] = []
        let scopes: [(KeyScope, String)] = [(.everywhere, "Everywhere")] + PaneID.allCases.map { (.pane($0), $0.title) }
            + [(.commandLine, "Command line (after :)"), (.help, "This help")]
        for (scope, title) in scopes {
            let keys = bindings.filter { $0.scope == scope }.map { ($0.label, $0.help) }
            if !keys.isEmpty { sections.append((title, keys)) }
        }
        return sections
    }
}

extension KeyAction {
    /// The other half of a pair shown as one hint (`[ ]` step, `{ }` pass).
    var partner: KeyAction? {
        switch self {
        case .nextStep: .previousStep
        case .nextPass: .previousPass
        default: nil
        }
    }
}
