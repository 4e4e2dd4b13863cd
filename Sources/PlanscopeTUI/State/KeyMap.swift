/// Where a key binding applies.
public enum KeyScope: Equatable, Sendable {
    /// Any pane (unless the focused pane binds the key itself).
    case everywhere
    /// Only while this pane has focus.
    case pane(PaneID)
    /// While the plan beside the trace has focus (before the trace pane's own keys).
    case plan
    /// While `:\compare` shows two plans in the trace pane's place (instead of the trace
    /// pane's own keys).
    case compare
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
    /// The Analyze view: to the operator with the largest self time; by self time / as the tree.
    case slowest, bySelfTime
    /// Write the view's or query's HTML report.
    case exportReport
    /// The plan beside the trace: focus it or the steps, move the node cursor, scroll
    /// sideways, wrap.
    case focusPlan, focusSteps, nodeDown, nodeUp, nodePageDown, nodePageUp, nodeFirst, nodeLast
    case scrollLeft, scrollRight, scrollStart, scrollEnd, toggleWrap
    /// The task graph: drawn as a graph or listed; in the drawing, to the node left or
    /// right in the same layer.
    case toggleGraph, layerLeft, layerRight
    /// The next layout (balanced, plan-wide).
    case cycleLayout
    /// The plan: to the step that last changed the node under the cursor.
    case lastChange
    /// The comparison in the trace pane's place: scroll, wrap, back to the trace.
    case compare(CompareKey)
    case zoom, openCommandLine, search, findNext, findPrevious, drill, analyze, runPipeline, cancel
    case help, quit
    /// Ctrl-Z: stop the TUI as a shell job (`fg` brings it back, redrawn).
    case suspend
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
    /// How the footer names the keys when not by ``label`` (`↑↓` for a pair of bindings).
    public let hintKeys: String?
}

/// The one table of keys: key handling (``AppState/update(_:env:)``), the `?` overlay
/// and the footer hints all read it.
public enum KeyMap {
    private static func bind(_ keys: [Key], _ label: String, _ scope: KeyScope, _ action: KeyAction, _ help: String,
                             hint: String? = nil, hintKeys: String? = nil) -> KeyBinding {
        KeyBinding(keys: keys, label: label, scope: scope, action: action, help: help, hint: hint, hintKeys: hintKeys)
    }

    public static let bindings: [KeyBinding] = [
        // Everywhere
        bind([.tab], "Tab", .everywhere, .nextPane, "next pane", hint: "pane"),
        bind([.backTab], "Shift-Tab", .everywhere, .previousPane, "previous pane"),
        bind([.down, .char("j")], "↓ j", .everywhere, .down, "move the selection down", hint: "select", hintKeys: "↑↓"),
        bind([.up, .char("k")], "↑ k", .everywhere, .up, "move the selection up"),
        bind([.pageDown, .ctrl("f")], "PgDn Ctrl-F", .everywhere, .pageDown, "a page down"),
        bind([.pageUp, .ctrl("b")], "PgUp Ctrl-B", .everywhere, .pageUp, "a page up"),
        bind([.char("g"), .home], "g Home", .everywhere, .first, "first"),
        bind([.char("G"), .end], "G End", .everywhere, .last, "last"),
        bind([.enter], "Enter", .everywhere, .drill, "drill in: a view → its trace; a step → its plan; pushdown → physical plan"),
        bind([.char("/")], "/", .everywhere, .search, "search in the pane", hint: "search"),
        bind([.char("z")], "z", .everywhere, .zoom, "zoom the pane to the whole screen (one pane at a time: without the tab strip and status row)", hint: "zoom"),
        bind([.char("L")], "L", .everywhere, .cycleLayout, "next layout: balanced (the trace across the top) / plan-wide (the trace taller, pushdown and manifest under tabs); needs 100×30"),
        bind([.char("n")], "n", .everywhere, .findNext, "next match"),
        bind([.char("N")], "N", .everywhere, .findPrevious, "previous match"),
        bind([.char("a")], "a", .everywhere, .analyze, "analyze the view or query: run it, the Analyze view (self time per operator; while it runs, rows so far)"),
        bind([.char("!")], "!", .everywhere, .slowest, "Analyze view: to the operator with the largest self time"),
        bind([.char("o")], "o", .everywhere, .bySelfTime, "Analyze view: operators by self time / as the plan's tree"),
        bind([.char("e")], "e", .everywhere, .exportReport, "write the view's or query's HTML report (trace, pushdown, Analyze, manifest) to planscope-report-NAME.html"),
        bind([.char("r")], "r", .everywhere, .runPipeline, "run the pipeline"),
        bind([.char(":")], ":", .everywhere, .openCommandLine, "command line: SQL, or \\commands as at the REPL prompt", hint: "command"),
        bind([.escape, .ctrl("c")], "Esc Ctrl-C", .everywhere, .cancel, "cancel running work (its plan and rows reached stay); close search, zoom"),
        bind([.char("?")], "?", .everywhere, .help, "this help", hint: "help"),
        bind([.char("q")], "q", .everywhere, .quit, "quit", hint: "quit"),
        bind([.ctrl("z")], "Ctrl-Z", .everywhere, .suspend, "suspend to the shell (fg comes back); the mouse: a click focuses a pane and selects, the wheel scrolls"),
        // Panes
        bind([.enter], "Enter", .pane(.graph), .drill, "the view's trace and pushdown", hint: "drill"),
        bind([.char("r")], "r", .pane(.graph), .runPipeline, "run the pipeline", hint: "run"),
        bind([.char("a")], "a", .pane(.graph), .analyze, "EXPLAIN ANALYZE the view", hint: "analyze"),
        bind([.char("v")], "v", .pane(.graph), .toggleGraph, "draw the graph (layers, edges, ◆ critical path; after r each view's time) / the list", hint: "graph/list"),
        bind([.left, .char("h")], "← h", .pane(.graph), .layerLeft, "drawn graph: the node to the left in its layer"),
        bind([.right, .char("l")], "→ l", .pane(.graph), .layerRight, "drawn graph: the node to the right in its layer"),
        bind([.enter], "Enter", .pane(.trace), .focusPlan, "focus the step's plan (Esc: back to the steps)", hint: "plan"),
        bind([.char("]")], "]", .pane(.trace), .nextStep, "next step", hint: "step", hintKeys: "[ ]"),
        bind([.char("[")], "[", .pane(.trace), .previousStep, "previous step"),
        bind([.char("}")], "}", .pane(.trace), .nextPass, "next pass", hint: "pass", hintKeys: "{ }"),
        bind([.char("{")], "{", .pane(.trace), .previousPass, "previous pass"),
        bind([.char("c")], "c", .pane(.trace), .changedOnly, "only steps that changed the plan", hint: "changed only"),
        bind([.char("a")], "a", .pane(.pushdown), .analyze, "run the plan: rows read and returned per scan", hint: "analyze"),
        bind([.char("s")], "s", .pane(.manifest), .sideBySide, "unified / side by side", hint: "side by side"),
        bind([.char("p")], "p", .pane(.result), .togglePhysical, "Analyze view (physical plan) / messages", hint: "plan/messages"),
        bind([.char("!")], "!", .pane(.result), .slowest, "to the slowest operator (largest self time)", hint: "slowest"),
        bind([.char("o")], "o", .pane(.result), .bySelfTime, "by self time / as the tree", hint: "order"),
        // The plan beside the trace
        bind([.down, .char("j")], "↓ j", .plan, .nodeDown, "next node (the view follows)", hint: "node", hintKeys: "↑↓"),
        bind([.up, .char("k")], "↑ k", .plan, .nodeUp, "previous node"),
        bind([.pageDown, .ctrl("f")], "PgDn Ctrl-F", .plan, .nodePageDown, "a page down"),
        bind([.pageUp, .ctrl("b")], "PgUp Ctrl-B", .plan, .nodePageUp, "a page up"),
        bind([.char("g")], "g", .plan, .nodeFirst, "first node"),
        bind([.char("G")], "G", .plan, .nodeLast, "last node"),
        bind([.right, .char("l")], "→ l", .plan, .scrollRight, "scroll right", hint: "scroll", hintKeys: "←→"),
        bind([.left, .char("h")], "← h", .plan, .scrollLeft, "scroll left"),
        bind([.home], "Home", .plan, .scrollStart, "scroll to the lines' start"),
        bind([.end], "End", .plan, .scrollEnd, "scroll to the longest line's end"),
        bind([.char("w")], "w", .plan, .toggleWrap, "wrap long lines (indented under their node)", hint: "wrap"),
        bind([.char("b")], "b", .plan, .lastChange, "to the step that last changed the node under the cursor (the strip under the plan names it)", hint: "last change"),
        bind([.escape], "Esc", .plan, .focusSteps, "back to the steps", hint: "steps"),
        // Two plans compared (:\compare …) in the trace pane's place
        bind([.down, .char("j")], "↓ j", .compare, .compare(.down), "scroll down", hint: "scroll", hintKeys: "↑↓"),
        bind([.up, .char("k")], "↑ k", .compare, .compare(.up), "scroll up"),
        bind([.pageDown, .ctrl("f")], "PgDn Ctrl-F", .compare, .compare(.pageDown), "a page down"),
        bind([.pageUp, .ctrl("b")], "PgUp Ctrl-B", .compare, .compare(.pageUp), "a page up"),
        bind([.char("g")], "g", .compare, .compare(.first), "the first row"),
        bind([.char("G")], "G", .compare, .compare(.last), "the last row"),
        bind([.right, .char("l")], "→ l", .compare, .compare(.right), "scroll both plans right", hint: "sideways", hintKeys: "←→"),
        bind([.left, .char("h")], "← h", .compare, .compare(.left), "scroll both plans left"),
        bind([.home], "Home", .compare, .compare(.start), "scroll to the lines' start"),
        bind([.end], "End", .compare, .compare(.end), "scroll to the longest line's end"),
        bind([.char("w")], "w", .compare, .compare(.wrap), "wrap long lines in their column", hint: "wrap"),
        bind([.escape], "Esc", .compare, .compare(.close), "back to the trace (as :\\compare off)", hint: "trace"),
        // Help overlay
        bind([.down, .char("j")], "↓ j", .help, .scrollDown, "scroll down"),
        bind([.up, .char("k")], "↑ k", .help, .scrollUp, "scroll up"),
        bind([.pageDown, .char(" ")], "PgDn Space", .help, .scrollPageDown, "a page down"),
        bind([.pageUp], "PgUp", .help, .scrollPageUp, "a page up"),
        bind([.char("q")], "q", .help, .quit, "quit"),
        // Command line
        bind([.enter], "Enter", .commandLine, .runLine, "run the line"),
        bind([.ctrl("z")], "Ctrl-Z", .commandLine, .suspend, "suspend to the shell"),
        bind([.escape, .ctrl("c"), .ctrl("g")], "Esc Ctrl-C Ctrl-G", .commandLine, .closeLine, "close the command line"),
        bind([.tab], "Tab", .commandLine, .complete, "complete (again: the candidates)"),
        bind([.left, .right, .home, .end], "← → Home End", .commandLine, .edit, "move the cursor"),
        bind([.ctrl("a"), .ctrl("e")], "Ctrl-A Ctrl-E", .commandLine, .edit, "to the start / end"),
        bind([.ctrl("k"), .ctrl("u"), .ctrl("w")], "Ctrl-K Ctrl-U Ctrl-W", .commandLine, .edit, "kill to the end / to the start / a word"),
        bind([.backspace, .delete, .ctrl("d")], "Backspace Delete", .commandLine, .edit, "delete before / at the cursor"),
        bind([.up, .down], "↑ ↓", .commandLine, .edit, "history (shared with the REPL)"),
    ]

    /// What `key` does in `scope` alone.
    public static func action(for key: Key, in scope: KeyScope) -> KeyAction? {
        bindings.first { $0.scope == scope && $0.keys.contains(key) }?.action
    }

    /// What `key` does with `pane` focused (and in the trace pane, its plan or the
    /// comparison in its place): the plan's binding, then the pane's, then the one
    /// everywhere; while comparing, the comparison's and then the one everywhere.
    public static func action(for key: Key, focus pane: PaneID, planFocused: Bool, comparing: Bool = false) -> KeyAction? {
        for scope in scopes(pane, planFocused: planFocused, comparing: comparing) { if let a = action(for: key, in: scope) { return a } }
        return nil
    }

    /// The scopes whose keys apply, first first.
    static func scopes(_ pane: PaneID, planFocused: Bool, comparing: Bool) -> [KeyScope] {
        if pane == .trace && comparing { return [.compare, .everywhere] }
        return (pane == .trace && planFocused ? [.plan] : []) + [.pane(pane), .everywhere]
    }

    /// The footer's hints for a pane (or the trace's plan): the first keys everywhere, the
    /// pane's own, the rest.
    public static func hints(for pane: PaneID, planFocused: Bool = false, comparing: Bool = false) -> [(key: String, what: String)] {
        func hinted(_ scope: KeyScope) -> [KeyBinding] { bindings.filter { $0.scope == scope && $0.hint != nil } }
        let everywhere = hinted(.everywhere)
        let scope = scopes(pane, planFocused: planFocused, comparing: comparing)[0]
        func hint(_ b: KeyBinding) -> (key: String, what: String) { (b.hintKeys ?? b.label, b.hint ?? "") }
        // Keys the pane (or plan) binds itself are not hinted for what they do elsewhere.
        let own = hinted(scope), taken = Set(bindings.filter { $0.scope == scope }.flatMap(\.keys).map(\.name))
        let general = everywhere.filter { !$0.keys.contains { taken.contains($0.name) } }
        let moving = general.filter { $0.action == .nextPane || $0.action == .down }
        return moving.map(hint) + own.map(hint) + general.filter { $0.action != .nextPane && $0.action != .down }.map(hint)
    }

    /// The `?` overlay's sections: a title and (keys, what they do) per binding.
    public static var helpSections: [(title: String, keys: [(String, String)])] {
        var sections: [(title: String, keys: [(String, String)])] = []
        let scopes: [(KeyScope, String)] = [(.everywhere, "Everywhere")] + PaneID.allCases.map { (.pane($0), $0.title) }
            + [(.plan, "The plan beside the trace (Enter on a step)"), (.compare, "Two plans compared (:\\compare …, in the trace's place)"),
               (.commandLine, "Command line (after :)"), (.help, "This help")]
        for (scope, title) in scopes {
            let keys = bindings.filter { $0.scope == scope }.map { ($0.label, $0.help) }
            if !keys.isEmpty { sections.append((title, keys)) }
        }
        return sections
    }
}
