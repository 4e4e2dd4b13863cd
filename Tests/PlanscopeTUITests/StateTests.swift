import Foundation
import PlanEngine
import PlanscopeCommands
import PlanscopeTUI
import Testing

/// Keys change the state as a user expects; engine work is asked for as effects.
@Suite struct StateTests {
    @Test func selectingAViewInspectsIt() throws {
        var (state, session, pipeline) = try Support.demoState(width: 120, height: 40)
        // Opening selects the first view, in view.
        let first = try #require(state.pipeline?.rows.first { $0.kind == .view })
        #expect(state.selectedView?.name == first.name && state.subject == .view(first.name))
        state.lists[.graph] = ListState(selected: 0)
        let effects = state.update(.key(.char("j")), env: Environment())
        let second = try #require(state.pipeline?.rows[1])
        #expect(second.kind == .input)
        #expect(effects.isEmpty)  // an input has no plan
        state.lists[.graph] = ListState(selected: try #require(state.pipeline?.rows.firstIndex { $0.name == "open_orders" }) - 1)
        #expect(state.update(.key(.down), env: Environment()) == [.inspect(subject: .view("open_orders"), analyze: false)])
        try Support.perform([.inspect(subject: .view("open_orders"), analyze: false)], on: &state, session: session, pipeline: pipeline)
        #expect(state.inspection?.trace.steps.isEmpty == false)
        // Enter drills into the trace.
        #expect(state.update(.key(.enter), env: Environment()) == [.inspect(subject: .view("open_orders"), analyze: false)])
        #expect(state.focus == .trace)
    }

    @Test func traceStepsPassesAndChangedOnly() throws {
        var state = try SnapshotTests.scene(width: 120, height: 40)
        #expect(state.selectedStep == 9)
        _ = state.update(.key(.char("[")), env: Environment())
        #expect(state.selectedStep == 8)
        _ = state.update(.key(.char("}")), env: Environment())
        let trace = try #require(state.inspection?.trace)
        #expect(trace.steps[state.selectedStep - 1].pass == 2)
        #expect(trace.steps[state.selectedStep - 2].pass == 1)
        _ = state.update(.key(.char("{")), env: Environment())
        #expect(state.selectedStep == 1)
        _ = state.update(.key(.char("{")), env: Environment())
        #expect(state.selectedStep == 0)
        _ = state.update(.key(.char("c")), env: Environment())
        #expect(state.traceSteps.dropFirst().allSatisfy { trace.steps[$0 - 1].changed })
        _ = state.update(.key(.char("]")), env: Environment())
        #expect(trace.steps[state.selectedStep - 1].changed)
    }

    @Test func searchMovesToTheMatch() throws {
        var state = try SnapshotTests.scene(width: 120, height: 40)
        state.focus = .graph
        for key: Key in [.char("/"), .char("g"), .char("e"), .char("n"), .char("e"), .enter] { _ = state.update(.key(key), env: Environment()) }
        // From the selection (open_orders) onwards, as in vi.
        #expect(state.selectedView?.name == "read_genes")
        _ = state.update(.key(.char("n")), env: Environment())
        #expect(state.selectedView?.name == "gene_coverage")
        _ = state.update(.key(.char("N")), env: Environment())
        #expect(state.selectedView?.name == "read_genes")
        let grid = Screen.render(state).grid
        #expect(grid.styleLines.contains { $0.contains("MMMM") })
    }

    @Test func theCommandLineEditsLikeAShell() {
        var line = LineEdit("SELECT a FROM t")
        let handled = line.apply(.ctrl("w"), history: [])
        #expect(handled)
        #expect(line.string == "SELECT a FROM ")
        _ = line.apply(.ctrl("a"), history: [])
        _ = line.apply(.char("x"), history: [])
        #expect(line.string == "xSELECT a FROM ")
        _ = line.apply(.ctrl("k"), history: [])
        #expect(line.string == "x")
        _ = line.apply(.end, history: [])
        _ = line.apply(.ctrl("u"), history: [])
        #expect(line.string.isEmpty)
        _ = line.apply(.up, history: ["one", "two"])
        #expect(line.string == "two")
        _ = line.apply(.up, history: ["one", "two"])
        #expect(line.string == "one")
        _ = line.apply(.down, history: ["one", "two"])
        _ = line.apply(.down, history: ["one", "two"])
        #expect(line.string.isEmpty)
    }

    @Test func enterRunsTheLineAndTabCompletes() throws {
        var (state, _, _) = try Support.demoState(width: 120, height: 40)
        let env = Environment(complete: { line in
            let word = String(line.split(separator: " ").last ?? "")
            return (word, ["lineitem", "linear"].filter { $0.hasPrefix(word) })
        })
        _ = state.update(.key(.char(":")), env: env)
        for c in "SELECT * FROM li" { _ = state.update(.key(.char(c)), env: env) }
        _ = state.update(.key(.tab), env: env)
        #expect(state.commandLine?.string == "SELECT * FROM line")
        #expect(state.completions == ["lineitem", "linear"])
        _ = state.update(.key(.char("i")), env: env)
        _ = state.update(.key(.tab), env: env)
        #expect(state.commandLine?.string == "SELECT * FROM lineitem")
        #expect(state.update(.key(.enter), env: env) == [.run("SELECT * FROM lineitem")])
        #expect(state.commandLine == nil)
        #expect(state.busy != nil)
        #expect(state.history == ["SELECT * FROM lineitem"])
        // Esc while busy cancels; q quits.
        #expect(state.update(.key(.escape), env: env) == [.cancel])
        _ = state.update(.finished, env: env)
        #expect(state.update(.key(.char("q")), env: env) == [.quit])
    }

    @Test func ten000RowsScrollToTheEnd() {
        var state = AppState(width: 120, height: 40, header: HeaderInfo(source: "big", rulepack: "default", rulepackFingerprint: "", manifestFingerprint: ""))
        let rows = (0..<10_000).map { GraphRow(name: "v\($0)", kind: .view, level: $0 % 7, inputs: [], dependents: [], estimatedRows: nil) }
        state.pipeline = PipelineModel(name: "big.json", rows: rows)
        _ = state.update(.key(.char("G")), env: Environment())
        #expect(state.selectedView?.name == "v9999")
        let grid = Screen.render(state).grid
        #expect(grid.text.contains("v9999"))
        _ = state.update(.key(.pageUp), env: Environment())
        #expect(state.list(.graph).selected < 9999)
    }
}

/// The plan beside the trace: focus, node cursor, sideways scrolling, wrapping; cut lines
/// say so.
@Suite struct PlanFocusTests {
    /// The changed scan line of `open_orders` at push_down_filter, whole.
    static func scanLine(_ state: AppState) throws -> String {
        let trace = try #require(state.inspection?.trace)
        let diff = try #require(trace.diff(fromStep: state.selectedStep - 1, toStep: state.selectedStep))
        return try #require(diff.lines.first { $0.text.hasPrefix("TableScan: orders partial_filters") }?.text)
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func enterFocusesThePlanAndEscReturns(_ size: (Int, Int)) throws {
        var state = try SnapshotTests.scene(width: size.0, height: size.1)
        #expect(state.focus == .trace && !state.planFocused)
        _ = state.update(.key(.enter), env: Environment())
        #expect(state.planFocused && state.focus == .trace)
        #expect(Screen.render(state).grid.lines.last?.contains("↑↓ node") == true)
        // ] still steps; Esc goes back to the steps.
        _ = state.update(.key(.char("[")), env: Environment())
        #expect(state.selectedStep == 8 && state.planFocused)
        _ = state.update(.key(.escape), env: Environment())
        #expect(!state.planFocused && state.focus == .trace)
        // Tab leaves the pane and the plan's focus.
        _ = state.update(.key(.enter), env: Environment())
        _ = state.update(.key(.tab), env: Environment())
        #expect(state.focus == .pushdown && !state.planFocused)
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func theChangedScanLineCanBeReadWhole(_ size: (Int, Int)) throws {
        var state = try SnapshotTests.scene(width: size.0, height: size.1)
        let line = try Self.scanLine(state)
        let tail = String(line.suffix(20))
        #expect(!Screen.render(state).grid.text.contains(tail))
        _ = state.update(.key(.enter), env: Environment())
        // Cut at the pane's edge: the row ends in …
        let cut = try #require(Screen.render(state).grid.lines.first { $0.contains("~     TableScan: orders") })
        #expect(cut.hasSuffix("…┃"))
        // → scrolls sideways to the end.
        for _ in 0..<8 { _ = state.update(.key(.right), env: Environment()) }
        #expect(Screen.render(state).grid.text.contains(tail))
        _ = state.update(.key(.home), env: Environment())
        #expect(!Screen.render(state).grid.text.contains(tail))
        // w wraps it, continuation rows indented under the node.
        _ = state.update(.key(.char("w")), env: Environment())
        let rows = Screen.render(state).grid.lines
        let first = try #require(rows.firstIndex { $0.contains("~     TableScan: orders") })
        let plan = rows[first...].prefix { !$0.contains("was: TableScan") }.map { row -> String in
            let cells = Array(row)
            let start = cells.lastIndex(of: "│").map { $0 + 2 }
            return String(cells[(start ?? 0)...].dropLast()).trimmingCharacters(in: .whitespaces)
        }
        #expect(plan.joined().replacingOccurrences(of: " ", with: "").contains(line.replacingOccurrences(of: " ", with: "")))
        #expect(plan.count > 1)
    }

    @Test func theNodeCursorMovesAndTheViewFollows() throws {
        var state = try SnapshotTests.scene(width: 80, height: 24)
        _ = state.update(.key(.char("g")), env: Environment())  // the initial plan
        _ = state.update(.key(.enter), env: Environment())
        let lines = try #require(state.inspection?.trace).initial.description.split(separator: "\n")
        _ = state.update(.key(.char("G")), env: Environment())
        let grid = Screen.render(state).grid
        let last = String(lines.last ?? "").trimmingCharacters(in: .whitespaces)
        let row = try #require(grid.lines.firstIndex { $0.contains(String(last.prefix(20))) })
        // The cursor's row is highlighted.
        let col = try #require(grid.lines[row].firstIndex(of: "│")).utf16Offset(in: grid.lines[row]) + 3
        #expect(grid[col, row].role == .selected)
        _ = state.update(.key(.char("k")), env: Environment())
        #expect(state.planScroll.cursor == lines.count - 2)
    }

    @Test func aCutLineEndsInAnEllipsis() {
        var grid = CellGrid(width: 10, height: 1)
        grid.put("abcdefghij", x: 0, y: 0, limit: 6)
        #expect(grid.lines[0] == "abcde…")
        var spans = CellGrid(width: 10, height: 1)
        let x = spans.put("abcd", x: 0, y: 0, limit: 4)
        spans.put("ef", x: x, y: 0, limit: 0)
        #expect(spans.lines[0] == "abc…")
        var fits = CellGrid(width: 10, height: 1)
        fits.put("abcd", x: 0, y: 0, limit: 4)
        #expect(fits.lines[0] == "abcd")
    }
}

/// Small things: the help wraps, scroll bars have their own column, the result pane
/// shows its last line.
@Suite struct SmallThingsTests {
    @Test(arguments: [(60, 16), (80, 24), (120, 40)])
    func theHelpWrapsInsteadOfCutting(_ size: (Int, Int)) throws {
        var state = try SnapshotTests.scene(width: size.0, height: size.1)
        _ = state.update(.key(.char("?")), env: Environment())
        var seen = ""
        let boxWidth = min(size.0 - 4, 78), right = (size.0 - boxWidth) / 2 + boxWidth - 1
        for _ in 0..<40 {
            let grid = Screen.render(state).grid
            // No help row is cut: nothing ends in … before the box's right edge.
            for y in 0..<grid.height where grid[right, y].text == "┃" {
                #expect(grid[right - 1, y].text != "…" && grid[right - 2, y].text != "…", "a cut help line at \(size): \(grid.lines[y])")
            }
            seen += grid.lines.joined(separator: "\n")
            _ = state.update(.key(.char("j")), env: Environment())
        }
        let longest = KeyMap.bindings.map(\.help).max { $0.count < $1.count } ?? ""
        for word in longest.split(separator: " ") { #expect(seen.contains(word), "'\(word)' of '\(longest)' not shown at \(size)") }
    }

    @Test func theScrollBarHasItsOwnColumn() {
        // One pane at a time, where the list has its kind column and its rows are cut at the bar.
        var state = AppState(width: 80, height: 24, header: HeaderInfo(source: "big", rulepack: "default", rulepackFingerprint: "", manifestFingerprint: ""))
        let long = String(repeating: "a_very_long_view_name_", count: 4)
        state.pipeline = PipelineModel(name: "big.json", rows: (0..<500).map {
            GraphRow(name: "\(long)\($0)", kind: .view, level: 0, inputs: [], dependents: [], estimatedRows: 1_000)
        })
        let lines = Screen.render(state).grid.lines
        let bar = lines.first { $0.contains("▐") } ?? ""
        // The row beside the bar keeps its text, cut with … one column left of the bar.
        #expect(bar.contains("…▐┃"))
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func theResultPaneShowsItsLastLine(_ size: (Int, Int)) throws {
        var state = try SnapshotTests.scene(width: size.0, height: size.1)
        state.focus = .result
        let lines = (1...200).map { OutputLine(.data, "row \($0)") } + [OutputLine(.data, "(200 rows)")]
        _ = state.update(.ran(Outcome(state: state.commands, lines: lines), statement: nil), env: Environment())
        #expect(Screen.render(state).grid.text.contains("(200 rows)"))
        state.focus = .graph
        if size.0 >= 100 { #expect(Screen.render(state).grid.text.contains("(200 rows)")) }
    }
}
