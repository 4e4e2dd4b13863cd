import Foundation
import PlanEngine
import PlanscopeCommands
import PlanscopeTUI
import Testing

/// The mouse: a click focuses the pane under it and selects the row under it; the wheel
/// scrolls; in the small layout a click on a tab focuses its pane.
@Suite struct MouseTests {
    func click(_ x: Int, _ y: Int, on state: inout AppState) -> [Effect] {
        let effects = state.update(.mouse(MouseEvent(.press, x: x, y: y)), env: Environment())
        _ = state.update(.mouse(MouseEvent(.release, x: x, y: y)), env: Environment())
        return effects
    }

    @Test func sgrReportsDecode() {
        #expect(MouseEvent.sgr(button: 0, x: 10, y: 5, release: false) == MouseEvent(.press, x: 9, y: 4))
        #expect(MouseEvent.sgr(button: 0, x: 10, y: 5, release: true) == MouseEvent(.release, x: 9, y: 4))
        #expect(MouseEvent.sgr(button: 64, x: 1, y: 1, release: false) == MouseEvent(.wheelUp, x: 0, y: 0))
        #expect(MouseEvent.sgr(button: 65, x: 1, y: 1, release: false) == MouseEvent(.wheelDown, x: 0, y: 0))
        #expect(MouseEvent.sgr(button: 32, x: 1, y: 1, release: false) == nil)  // a drag
    }

    @Test func aClickFocusesThePaneUnderItAndSelectsTheRow() throws {
        var (state, session, pipeline) = try Support.demoState(width: 120, height: 40)
        let frames = Layout.frames(width: 120, height: 40, focus: state.focus, zoomed: false)
        let pushdown = try #require(frames[.pushdown]), manifest = try #require(frames[.manifest]), graph = try #require(frames[.graph])
        #expect(click(pushdown.x + 5, pushdown.y + 3, on: &state).isEmpty)
        #expect(state.focus == .pushdown)
        #expect(Screen.render(state).grid.lines[pushdown.y].contains("┏━ Pushdown"))
        _ = click(manifest.x + 5, manifest.y + 2, on: &state)
        #expect(state.focus == .manifest)
        // A view's row in the graph: focused, selected and inspected.
        #expect(state.selectedView?.name == "open_orders")
        let row = try #require(state.pipeline?.rows.firstIndex { $0.name == "customer_totals" })
        let effects = click(graph.x + 4, graph.y + 1 + row, on: &state)
        #expect(state.focus == .graph && state.selectedView?.name == "customer_totals")
        #expect(effects == [.inspect(subject: .view("customer_totals"), analyze: false)])
        try Support.perform(effects, on: &state, session: session, pipeline: pipeline)
        // A step in the trace (under the header row), then a node in the plan beside it.
        let trace = try #require(frames[.trace])
        _ = click(trace.x + 6, trace.y + 2 + 3, on: &state)
        #expect(state.focus == .trace && state.selectedStep == 3 && !state.planFocused)
        _ = click(trace.maxX - 10, trace.y + 4, on: &state)
        #expect(state.planFocused)
    }

    @Test func theWheelScrollsThePaneUnderIt() throws {
        var (state, _, _) = try Support.demoState(width: 120, height: 40)
        let graph = try #require(Layout.frames(width: 120, height: 40, focus: state.focus, zoomed: false)[.graph])
        state.lists[.graph] = ListState(selected: 0)
        _ = state.update(.mouse(MouseEvent(.wheelDown, x: graph.x + 3, y: graph.y + 3)), env: Environment())
        #expect(state.list(.graph).selected == 3)
        _ = state.update(.mouse(MouseEvent(.wheelUp, x: graph.x + 3, y: graph.y + 3)), env: Environment())
        #expect(state.list(.graph).selected == 0)
    }

    @Test func aClickOnATabFocusesItsPane() throws {
        var (state, _, _) = try Support.demoState(width: 80, height: 24)
        let line = Screen.render(state).grid.lines[1]
        let x = try #require(line.range(of: "manifest")).lowerBound.utf16Offset(in: line)
        _ = click(x + 1, 1, on: &state)
        #expect(state.focus == .manifest)
        #expect(Screen.render(state).grid.lines[1].contains("[manifest]"))
    }

    @Test func ctrlZSuspendsFromTheKeyMap() throws {
        var (state, _, _) = try Support.demoState(width: 120, height: 40)
        #expect(state.update(.key(.ctrl("z")), env: Environment()) == [.suspend])
        _ = state.update(.key(.char(":")), env: Environment())
        #expect(state.update(.key(.ctrl("z")), env: Environment()) == [.suspend])
        #expect(KeyMap.helpSections.contains { $0.keys.contains { $0.0 == "Ctrl-Z" } })
    }
}
