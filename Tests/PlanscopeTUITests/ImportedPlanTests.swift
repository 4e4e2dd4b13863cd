import Foundation
import PlanEngine
import PlanscopeCommands
import PlanscopeTUI
import Testing

/// `:\substrait load FILE` (and `planscope tui --substrait FILE`) shows the plan read from
/// a Substrait file: its optimizer trace in the trace pane, its pushdown report in the
/// Pushdown pane, titled by the file, until the next query.
@Suite struct ImportedPlanTests {
    /// The demo query exported as Substrait JSON to a file named `orders-plan.json`.
    static func exported(_ session: Session) throws -> String {
        let runner = CommandRunner(context: CommandContext(session: session, write: { _ in }, writeError: { _ in }))
        let json = runner.runCommand("\\substrait \(CompareTests.query)", CommandState()).text(.data)
        let dir = NSTemporaryDirectory() + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let file = dir + "/orders-plan.json"
        try json.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// What the app does with an `inspect` effect of the imported plan.
    static func inspect(_ effects: [Effect], _ state: inout AppState, _ session: Session) throws {
        let plan = try #require(state.commands.imported?.plan)
        for case .inspect(let subject, false) in effects {
            _ = state.update(.inspected(subject: subject, try session.inspection(of: plan, analyze: false)), env: Environment())
        }
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func theLoadedPlanFillsTheTraceAndPushdownPanes(_ size: (Int, Int)) throws {
        var (state, session) = CompareTests.demo(size.0, size.1)
        let file = try Self.exported(session)
        // A query in view first (run, as `a` runs it): its scan is of lineitem.
        let query = "SELECT count(*) FROM lineitem WHERE l_quantity > 45"
        _ = state.update(.inspected(subject: .query(query), try session.inspection(of: try session.logicalPlan(query), analyze: true)),
                         env: Environment())
        #expect(state.subject == .query(query))
        let runner = CommandRunner(context: CommandContext(session: session, write: { _ in }, writeError: { _ in }))
        let effects = state.update(.ran(runner.runCommand("\\substrait load \(file)", state.commands), statement: nil), env: Environment())
        #expect(effects == [.inspect(subject: .imported(file), analyze: false)])
        #expect(state.subject == .imported(file) && state.focus == .trace)
        try Self.inspect(effects, &state, session)
        var grid = Screen.render(state).grid
        #expect(grid.text.contains("Optimizer trace · orders-plan.json · "), "\(grid.text)")
        #expect(state.traceSteps.count > 1 && state.importedTrace == nil)
        // The Pushdown pane reports on the imported plan's scan of orders, not on lineitem.
        for _ in 0..<5 where state.focus != .pushdown { _ = state.update(.key(.tab), env: Environment()) }
        #expect(state.focus == .pushdown)
        grid = Screen.render(state).grid
        #expect(grid.text.contains("Pushdown · orders-plan.json · 1 scan"), "\(grid.text)")
        #expect(grid.text.contains("orders") && !grid.text.contains("l_quantity"))
    }

    /// `planscope tui --substrait FILE` and `\tui` after `\substrait load` open on the plan.
    @Test func openedOnAnImportedPlan() throws {
        let (_, session) = CompareTests.demo(120, 40)
        let file = try Self.exported(session)
        let plan = try session.importSubstrait(try String(contentsOfFile: file, encoding: .utf8), source: file)
        var state = AppState(width: 120, height: 40, header: Workspace.header(session, source: file))
        let effects = state.update(.opened(Opening(commands: CommandState(imported: ImportedPlan(source: file, plan: plan)), pipeline: nil,
                                                   manifestDiff: Workspace.defaultManifestDiff(session),
                                                   manifestTitle: AppState.defaultManifestTitle, history: [], ascii: false)), env: Environment())
        #expect(effects == [.inspect(subject: .imported(file), analyze: false)])
        try Self.inspect(effects, &state, session)
        let grid = Screen.render(state).grid
        #expect(grid.text.contains("Optimizer trace · orders-plan.json · ") && grid.text.contains("Pushdown · orders-plan.json · 1 scan"))

        // With a pipeline too (`tui SPEC --substrait FILE`): the plan named on the command
        // line is in view, the pipeline's graph beside it.
        var both = AppState(width: 120, height: 40, header: Workspace.header(session, source: "spec"))
        let opened = both.update(.opened(Opening(commands: CommandState(imported: ImportedPlan(source: file, plan: plan)),
                                                 pipeline: Workspace.model(try Support.queryViewPipeline(session), name: "spec.json"),
                                                 manifestDiff: Workspace.defaultManifestDiff(session),
                                                 manifestTitle: AppState.defaultManifestTitle, history: [], ascii: false)), env: Environment())
        #expect(opened == [.inspect(subject: .imported(file), analyze: false)] && both.subject == .imported(file))
    }
}
