import Foundation
import PlanEngine
import PlanscopeCommands
import PlanscopeTUI
import Testing

/// `:\trace load FILE` of DataFusion's or Spark's trace shows it in the trace pane: its
/// steps, `]`/`[` step through them with each step's tree diff beside the list, and a
/// subject inspected again takes the pane back.
@Suite struct ImportedTraceTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/traces").path

    @Test(arguments: [(120, 40), (80, 24)])
    func dataFusionTraceInTheTracePane(_ size: (Int, Int)) throws {
        var (state, session) = CompareTests.demo(size.0, size.1)
        let file = "\(Self.fixtures)/datafusion/q03.txt"
        CompareTests.type("\\trace load \(file)", &state, session)
        #expect(state.importedTrace?.title == file && state.focus == .trace)
        #expect(state.traceSteps.count == 101 && state.selectedStep == 0)
        var grid = Screen.render(state).grid
        #expect(grid.text.contains("Trace · q03.txt · DataFusion EXPLAIN VERBOSE · 11 of 48 rules changed"))
        #expect(grid.text.contains("initial plan"))
        // Only the steps that changed the plan, then to push_down_filter (the 5th change).
        _ = state.update(.key(.char("c")), env: Environment())
        for _ in 0..<5 { _ = state.update(.key(.char("]")), env: Environment()) }
        #expect(state.selectedStep == 22)
        grid = Screen.render(state).grid
        #expect(grid.text.contains("after 22 push_down_filter"))
        let removed = try #require(grid.lines.firstIndex { $0.contains("−") && $0.contains("Filter: customer.c_mktsegment") })
        #expect(size.0 < 100 || grid.lines[removed].contains("AND"))
        #expect(grid.lines.contains { $0.contains("+") && $0.contains("Filter: lineitem.l_shipdate") })
        // Inspecting a subject again puts its own trace back.
        _ = state.update(.ran(Outcome(state: state.commands), statement: nil), env: Environment())
        #expect(state.importedTrace != nil)
    }

    /// `\tui` after `\trace load` at the REPL opens on that trace.
    @Test func openedFromTheREPLWithAnImportedTrace() throws {
        let (loaded, session) = CompareTests.demo(120, 40)
        var repl = loaded
        CompareTests.type("\\trace load \(Self.fixtures)/spark/q03.log", &repl, session)
        var state = AppState(width: 120, height: 40, header: Workspace.header(session, source: "demo"))
        let effects = state.update(.opened(Opening(commands: repl.commands, pipeline: nil, manifestDiff: Workspace.defaultManifestDiff(session),
                                                   manifestTitle: AppState.defaultManifestTitle, history: [], ascii: false)), env: Environment())
        #expect(effects.isEmpty && state.importedTrace?.title == "Spark plan change log" && state.focus == .trace)
        #expect(Screen.render(state).grid.text.contains("Trace · Spark plan change log · 17 of 17 rules changed · 21 steps"))
    }

    @Test func sparkTraceTitleAndBadFile() throws {
        var (state, session) = CompareTests.demo(120, 40)
        CompareTests.type("\\trace load \(Self.fixtures)/spark/q05.log", &state, session)
        let grid = Screen.render(state).grid
        #expect(grid.text.contains("Spark plan change log"))
        #expect(grid.text.contains("Trace · q05.log · Spark plan change log · 17 of 17 rules changed"))
        #expect(grid.lines.contains { $0.contains("1  1 Analyzer$Resolve… ✓") })
        #expect(grid.lines.contains { $0.contains("2  1 ResolveTimeZone   ✓") })
        CompareTests.type("\\trace load /nonexistent.log", &state, session)
        #expect(state.importedTrace?.title.hasSuffix("q05.log") == true)
        #expect(state.messages.last?.text.hasPrefix("error: ") == true)
    }
}
