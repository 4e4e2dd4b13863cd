import Foundation
import PlanEngine
import PlanManifest
import PlanscopeCommands
import PlanscopeTUI
import PlanTesting
import Testing

/// Every pane rendered from real engine values into the cell grid, at 120×40 (all panes)
/// and 80×24 (one pane at a time), text and roles both compared with `Snapshots/`.
@Suite struct SnapshotTests {
    /// The demo pipeline with `open_orders` inspected, its trace at step 9
    /// (push_down_filter, which moved the filter into the scan), and a manifest diff with
    /// a planner switched off and a setting changed.
    static func scene(width: Int, height: Int) throws -> AppState {
        var (state, session, pipeline) = try Support.demoState(width: width, height: height)
        _ = state.update(.resize(width: width, height: height), env: Environment())
        state.subject = .view("open_orders")
        state.lists[.graph] = ListState(selected: try #require(state.pipeline?.rows.firstIndex { $0.name == "open_orders" }), top: 0)
        try Support.perform([.inspect(subject: .view("open_orders"), analyze: false)], on: &state, session: session, pipeline: pipeline)
        let before = session.manifest
        try session.set("planner.expression.span", "off")
        try session.set("optimizer.max_passes", "5")
        let shown = ManifestDiffInView(diff: ManifestDiff(from: before, to: session.manifest), title: "baseline.json ↔ session")
        _ = state.update(.ran(Outcome(state: CommandState(manifestDiff: shown)), statement: nil), env: Environment())
        state.focus = .trace
        try Support.press(Array(repeating: .char("]"), count: 9), on: &state, session: session, pipeline: pipeline)
        return state
    }

    @Test func allPanesAt120x40() throws {
        let state = try Self.scene(width: 120, height: 40)
        let frame = Screen.render(state)
        try Support.assertSnapshot(frame, "all-panes-120x40")
        // The step's change is highlighted: the changed scan in the changed role.
        let row = try #require(frame.grid.lines.firstIndex { $0.contains("~     TableScan: orders partial_filters") })
        let col = try #require(frame.grid.lines[row].range(of: "~     TableScan")).lowerBound.utf16Offset(in: frame.grid.lines[row])
        #expect(frame.grid[col, row].role == .changed)
    }

    @Test(arguments: [PaneID.graph, .trace, .pushdown, .manifest, .result])
    func eachPaneAt80x24(_ pane: PaneID) throws {
        var state = try Self.scene(width: 80, height: 24)
        state.focus = pane
        if pane == .result { state.showPhysical = true }
        try Support.assertSnapshot(Screen.render(state), "\(pane.rawValue)-80x24")
    }

    /// The plan focused at push_down_filter, its cursor on the changed scan and lines
    /// wrapped: the roles show the cursor and the change.
    @Test func thePlanFocusedAndWrappedAt80x24() throws {
        var state = try Self.scene(width: 80, height: 24)
        for key: Key in [.enter, .char("j"), .char("j"), .char("w")] { _ = state.update(.key(key), env: Environment()) }
        try Support.assertSnapshot(Screen.render(state), "trace-plan-wrapped-80x24")
    }

    @Test func pushdownClassesAreDrawnInTheirRoles() throws {
        var state = try Self.scene(width: 120, height: 40)
        state.focus = .pushdown
        let grid = Screen.render(state).grid
        let row = try #require(grid.lines.firstIndex { $0.contains("Inexact      orders.o_orderstatus") })
        let col = try #require(grid.lines[row].range(of: "Inexact")).lowerBound.utf16Offset(in: grid.lines[row])
        #expect(grid[col, row].role == .inexact)
    }

    @Test func helpAndTooSmall() throws {
        var state = try Self.scene(width: 80, height: 24)
        state.showHelp = true
        try Support.assertSnapshot(Screen.render(state), "help-80x24")
        _ = state.update(.resize(width: 50, height: 12), env: Environment())
        let small = Screen.render(state)
        #expect(small.grid.text.contains("enlarge the window"))
        #expect(small.grid.text.contains("planscope needs 60×16, have 50×12"))
    }

    @Test func aCycleIsShownOnTheCycle() throws {
        var state = AppState(width: 80, height: 24, header: HeaderInfo(source: "cycle.json", rulepack: "default", rulepackFingerprint: "", manifestFingerprint: ""))
        state.pipeline = Workspace.model(failed: .graph(.cycle(["a", "b", "c", "a"])), name: "cycle.json")
        let grid = Screen.render(state).grid
        // a → b → c → a: b reads a, c reads b, a reads c.
        #expect(grid.text.contains("↺ b reads a"))
        #expect(grid.text.contains("↺ a reads c"))
        let row = try #require(grid.lines.firstIndex { $0.contains("↺ b reads a") })
        #expect(grid.styleLines[row].contains("!"))
    }
}
