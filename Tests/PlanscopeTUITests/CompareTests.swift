import Foundation
import PlanEngine
import PlanscopeCommands
import PlanscopeTUI
import Testing

/// `:\compare …` in the trace pane's place: the command's comparison, as an effect, becomes
/// an action and the state shows it; keys scroll it; Esc or `\compare off` go back.
@Suite struct CompareTests {
    static let query = "SELECT o_orderkey, o_totalprice FROM orders WHERE o_totalprice > 1000 AND o_orderstatus = 'O'"

    /// The demo tables (`tui --demo`) in a session, and a state on them.
    static func demo(_ width: Int, _ height: Int) -> (AppState, Session) {
        let session = Session()
        DemoWorkspace.load(into: session)
        var state = AppState(width: width, height: height, header: Workspace.header(session, source: "demo"))
        _ = state.update(.opened(Opening(commands: CommandState(), pipeline: nil, manifestDiff: Workspace.defaultManifestDiff(session),
                                         manifestTitle: AppState.defaultManifestTitle, history: [], ascii: false)), env: Environment())
        return (state, session)
    }

    /// A backslash command typed after `:`, its outcome given to the state as the app does.
    static func type(_ line: String, _ state: inout AppState, _ session: Session) {
        let runner = CommandRunner(context: CommandContext(session: session, write: { _ in }, writeError: { _ in }))
        _ = state.update(.ran(runner.runCommand(line, state.commands), statement: nil), env: Environment())
    }

    /// The screen's rows that show a node on both sides (`X │ Y`), split at the separator.
    static func pairs(_ grid: CellGrid) -> [(left: String, right: String)] {
        grid.lines.compactMap { row in
            let cells = Array(row)
            guard let sep = cells.indices.dropFirst().first(where: { cells[$0] == "│" && cells[$0 - 1] == " " }) else { return nil }
            return (String(cells[1..<sep]), String(cells[(sep + 1)...]))
        }
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func theComparisonTakesTheTracePanesPlace(_ size: (Int, Int)) throws {
        var (state, session) = Self.demo(size.0, size.1)
        let small = size.0 < 100
        Self.type("\\compare rulepack default none \(Self.query)", &state, session)
        let shown = try #require(state.comparison)
        #expect(shown.comparison.left.label == "rulepack default" && shown.comparison.right.label == "rulepack none")
        #expect(state.focus == .trace && state.zoomed == small)
        let grid = Screen.render(state).grid
        #expect(grid.text.contains("Compare · rulepack default | rulepack none"))
        #expect(!grid.text.contains("Optimizer trace"))
        // The scan is changed: marked ~ on both sides, in the changed role; the filter the
        // none rulepack keeps is added on the right.
        let row = try #require(grid.lines.firstIndex { $0.contains("~   TableScan: orders") && $0.contains("~     TableScan: orders") })
        for x in 0..<grid.width where grid[x, row].text == "~" { #expect(grid[x, row].role == .changed) }
        #expect(grid.lines[row].filter { $0 == "~" }.count == 2)
        let filter = try #require(grid.lines.firstIndex { $0.contains("+   Filter: orders.o_totalprice") })
        let plus = try #require(Array(grid.lines[filter]).firstIndex(of: "+"))
        #expect(grid[plus, filter].role == .added)
        // Each node beside its match: the projection on one row, the unmatched filter blank on the left.
        let projection = try #require(Self.pairs(grid).first { $0.left.contains("Projection:") })
        #expect(projection.right.contains("Projection:"))
        #expect(Self.pairs(grid).contains { $0.left.trimmingCharacters(in: .whitespaces).isEmpty && $0.right.contains("Filter:") })
        #expect(grid.text.contains("moved orders.o_orderstatus"))
        #expect(grid.text.contains("1 node changed, 0 removed, 1 added; 1 predicate moved"))
        // The result pane says so in one line rather than repeating the plans.
        #expect(state.messages.contains { $0.text.hasPrefix("rulepack default | rulepack none: 1 node changed") })
        #expect(!state.messages.contains { $0.text.contains("│ rulepack none") })
        // Esc: back to the trace, with the zoom it had.
        _ = state.update(.key(.escape), env: Environment())
        #expect(state.comparison == nil && !state.zoomed)
        #expect(Screen.render(state).grid.text.contains("Optimizer trace"))
        // \compare off too.
        Self.type("\\compare rulepack default none \(Self.query)", &state, session)
        #expect(state.comparison != nil)
        Self.type("\\compare off", &state, session)
        #expect(state.comparison == nil && !state.zoomed)
    }

    @Test func theComparisonIsAnAction() throws {
        var (state, session) = Self.demo(120, 40)
        let comparison = try session.compare(Self.query, rulepacks: "default", "none")
        _ = state.update(.compare(comparison), env: Environment())
        #expect(state.comparison?.comparison == comparison && state.focus == .trace)
        _ = state.update(.closeComparison, env: Environment())
        #expect(state.comparison == nil)
        // A query run after it shows its own trace.
        _ = state.update(.compare(comparison), env: Environment())
        var statement: (subject: Subject, inspection: PlanInspection)?
        _ = try session.execute(Self.query + ";") { statement = Workspace.statement([$0]) }
        let ran = try #require(statement)
        _ = state.update(.ran(Outcome(state: state.commands), statement: ran), env: Environment())
        #expect(state.comparison == nil && state.subject == .query(Self.query))
    }

    @Test func aSideThatCannotBePlannedShowsItsError() throws {
        var (state, session) = Self.demo(120, 40)
        state.commands = CommandState(query: Self.query)
        Self.type("\\compare SELECT o_orderkey FROM nowhere", &state, session)
        let grid = Screen.render(state).grid
        #expect(grid.text.contains("Compare · A | B") && grid.text.contains("one side could not be planned"))
        let row = try #require(Self.pairs(grid).first { $0.left.contains("Projection:") })
        #expect(row.right.contains("error:") && row.right.contains("nowhere"))
        let y = try #require(grid.lines.firstIndex { $0.contains("error:") })
        let cells = Array(grid.lines[y])
        let x = try #require(cells.indices.first { String(cells[$0...].prefix(6)) == "error:" })
        #expect(grid[x, y].role == .error)
    }

    @Test func linesAreCutScrolledSidewaysAndWrapped() throws {
        var (state, session) = Self.demo(80, 24)
        Self.type("\\compare rulepack default none \(Self.query)", &state, session)
        let scan = try #require(state.comparison?.comparison.left.outcome.plan).description
            .split(separator: "\n").first { $0.contains("TableScan") }.map { $0.trimmingCharacters(in: .whitespaces) }
        let whole = try #require(scan)
        let tail = String(whole.suffix(12))
        var grid = Screen.render(state).grid
        // Cut at the column's edge, with …
        let cut = try #require(Self.pairs(grid).first { $0.left.contains("TableScan: orders projection") })
        #expect(cut.left.trimmingCharacters(in: .whitespaces).hasSuffix("…"))
        #expect(!grid.text.contains(tail))
        // → scrolls both columns; text left of the view is marked …
        _ = state.update(.key(.right), env: Environment())
        grid = Screen.render(state).grid
        #expect(grid.text.contains("Compare · rulepack default | rulepack none · →"))
        #expect(Self.pairs(grid).contains { $0.left.hasPrefix("…") })
        _ = state.update(.key(.end), env: Environment())
        #expect(Screen.render(state).grid.text.contains(tail))
        _ = state.update(.key(.home), env: Environment())
        #expect(!Screen.render(state).grid.text.contains(tail))
        // w wraps each side in its column: the scan's line whole over several rows.
        _ = state.update(.key(.char("w")), env: Environment())
        grid = Screen.render(state).grid
        let left = Self.pairs(grid).map { $0.left.trimmingCharacters(in: .whitespaces) }
        let start = try #require(left.firstIndex { $0.hasPrefix("~ TableScan: orders") || $0.contains("TableScan: orders") })
        let joined = left[start...].prefix(12).joined().replacingOccurrences(of: " ", with: "")
        #expect(joined.contains(whole.replacingOccurrences(of: " ", with: "")))
        #expect(grid.text.contains("· wrapped"))
    }

    @Test func longComparisonsScroll() throws {
        var (state, session) = Self.demo(80, 24)
        // TPC-H Q5's join order under the two rulepacks: more rows than the pane.
        let q5 = """
            SELECT n_name, sum(l_extendedprice * (1 - l_discount)) AS revenue FROM customer, orders, lineitem, supplier, nation, region \
            WHERE c_custkey = o_custkey AND l_orderkey = o_orderkey AND l_suppkey = s_suppkey AND c_nationkey = s_nationkey \
            AND s_nationkey = n_nationkey AND n_regionkey = r_regionkey AND r_name = 'ASIA' AND o_orderdate >= DATE '1994-01-01' \
            AND o_orderdate < DATE '1995-01-01' GROUP BY n_name ORDER BY revenue DESC
            """
        Self.type("\\compare rulepack default none \(q5)", &state, session)
        let first = Screen.render(state).grid.text
        #expect(first.contains("▐"))  // the scroll bar
        _ = state.update(.key(.char("G")), env: Environment())
        let last = Screen.render(state).grid.text
        #expect(last != first && (state.comparison?.top ?? 0) > 0)
        #expect(last.contains("TableScan: region"))
        _ = state.update(.key(.char("g")), env: Environment())
        #expect(state.comparison?.top == 0)
        _ = state.update(.key(.pageDown), env: Environment())
        #expect((state.comparison?.top ?? 0) > 1)
        _ = state.update(.key(.char("k")), env: Environment())
        _ = state.update(.key(.char("g")), env: Environment())
        // The wheel over the pane scrolls it too.
        _ = state.update(.mouse(MouseEvent(.wheelDown, x: 10, y: 5)), env: Environment())
        #expect(state.comparison?.top == 3)
    }

    @Test func theKeysAreInTheKeyMap() throws {
        var (state, session) = Self.demo(120, 40)
        Self.type("\\compare rulepack default none \(Self.query)", &state, session)
        let footer = Screen.render(state).grid.lines.last ?? ""
        #expect(footer.contains("←→ sideways") && footer.contains("w wrap") && footer.contains("Esc trace"))
        // The trace's own keys wait: ] does not step the hidden trace.
        let step = state.selectedStep
        _ = state.update(.key(.char("]")), env: Environment())
        #expect(state.selectedStep == step)
        #expect(KeyMap.helpSections.contains { $0.title.hasPrefix("Two plans compared") && $0.keys.contains { $0.0 == "w" } })
    }
}
