import Foundation
import PlanEngine
import PlanscopeCommands
import PlanscopeTUI
import Testing

/// After any outcome every pane shows what the session now is: outcome → action → state,
/// with the engine work the state asks for done as the app does it.
@Suite struct InStepTests {
    /// Runs a command line as the app does: its outcome as an action, then the effects.
    static func type(_ line: String, on state: inout AppState, session: Session, pipeline: LoadedPipeline) throws {
        let runner = CommandRunner(context: CommandContext(session: session, write: { _ in }, writeError: { _ in }))
        if line.hasPrefix("\\") {
            let effects = state.update(.ran(runner.runCommand(line, state.commands), statement: nil), env: Environment())
            try Support.perform(effects, on: &state, session: session, pipeline: pipeline)
            return
        }
        let before = session.config
        var results: [StatementResult] = []
        var failure: StatementError?
        do throws(StatementError) { try session.execute(line) { results.append($0) } } catch { failure = error }
        let outcome = runner.outcome(sql: line, results: results, error: failure, settingsChanged: session.config != before, state.commands)
        let effects = state.update(.ran(outcome, statement: Workspace.statement(results)), env: Environment())
        try Support.perform(effects, on: &state, session: session, pipeline: pipeline)
    }

    @Test func aChangedSettingShowsInTheManifestAndReplansTheSubject() throws {
        var state = try SnapshotTests.scene(width: 120, height: 40)
        let (_, session, pipeline) = try Support.demoState(width: 120, height: 40)
        _ = state.update(.sessionChanged(header: Workspace.header(session, source: "demo"), manifest: Workspace.defaultManifestDiff(session)),
                         env: Environment())
        try Support.perform([.inspect(subject: .view("open_orders"), analyze: false)], on: &state, session: session, pipeline: pipeline)
        let changedBefore = try #require(state.inspection?.trace.steps.first { $0.rule == "push_down_filter" })
        #expect(changedBefore.changed)
        try Self.type("SET optimizer.rule.push_down_filter = off;", on: &state, session: session, pipeline: pipeline)
        // The manifest pane (zoomed, so its lines are whole) compares the defaults with
        // the session as it is now.
        var zoomed = state
        zoomed.focus = .manifest
        zoomed.zoomed = true
        let text = Screen.render(zoomed).grid.text
        #expect(text.contains("Manifest diff · defaults ↔ session · 1 change"))
        #expect(text.contains("push_down_filter.enabled: on → off"))
        // The trace is of the new settings: the rule no longer changes the plan; planned, not run.
        #expect(state.subject == .view("open_orders"))
        #expect(state.inspection?.trace.steps.contains { $0.rule == "push_down_filter" && $0.changed } == false)
        #expect(state.inspection?.analyzed == false)
        #expect(state.header.rulepackFingerprint == session.manifest.rulepackFingerprint)
        // \set and \rules go the same way.
        try Self.type("\\rules enable push_down_filter", on: &state, session: session, pipeline: pipeline)
        #expect(state.manifestDiff?.changes.isEmpty == true)
        #expect(state.inspection?.trace.steps.contains { $0.rule == "push_down_filter" && $0.changed } == true)
    }

    @Test func aResetSettingReplansTheSubjectAsSETDoes() throws {
        var (state, session, pipeline) = try Support.demoState(width: 120, height: 40)
        try Support.perform([.inspect(subject: .view("open_orders"), analyze: false)], on: &state, session: session, pipeline: pipeline)
        func ruleChanges() -> Bool? { state.inspection?.trace.steps.contains { $0.rule == "push_down_filter" && $0.changed } }
        #expect(ruleChanges() == true)
        for reset in ["RESET optimizer.rule.push_down_filter;", "SET optimizer.rule.push_down_filter TO DEFAULT;", "RESET ALL;"] {
            try Self.type("SET optimizer.rule.push_down_filter = off;", on: &state, session: session, pipeline: pipeline)
            #expect(ruleChanges() == false && state.manifestDiff?.changes.isEmpty == false, "\(reset)")
            try Self.type(reset, on: &state, session: session, pipeline: pipeline)
            #expect(ruleChanges() == true && state.manifestDiff?.changes.isEmpty == true, "\(reset)")
            #expect(state.header.rulepackFingerprint == session.manifest.rulepackFingerprint)
        }
    }

    @Test func aManifestDiffWithAQueryShowsTheEntriesAndThePlanDiffTheyCause() throws {
        var state = try SnapshotTests.scene(width: 120, height: 40)
        let (_, session, pipeline) = try Support.demoState(width: 120, height: 40)
        let directory = NSTemporaryDirectory() + "planscope-manifest-query-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Self.type("\\manifest save \(directory)/a.json", on: &state, session: session, pipeline: pipeline)
        try Self.type("SET optimizer.rule.push_down_filter = off;", on: &state, session: session, pipeline: pipeline)
        try Self.type("\\manifest save \(directory)/b.json", on: &state, session: session, pipeline: pipeline)
        try Self.type("\\manifest diff \(directory)/a.json \(directory)/b.json --query SELECT o_orderkey FROM orders WHERE o_totalprice > 1000",
                      on: &state, session: session, pipeline: pipeline)
        #expect(state.manifestTitle == "a.json ↔ b.json")
        #expect(state.manifestQuery?.planDiff?.hasChanges == true)
        var zoomed = state
        zoomed.focus = .manifest
        zoomed.zoomed = true
        let text = Screen.render(zoomed).grid.text
        #expect(text.contains("push_down_filter.enabled: on → off"))
        #expect(text.contains("plan of: SELECT o_orderkey FROM orders WHERE o_totalprice > 1000"))
        #expect(text.contains("why: "))
        // A diff without a query replaces it whole.
        try Self.type("\\manifest diff \(directory)/a.json \(directory)/b.json", on: &state, session: session, pipeline: pipeline)
        #expect(state.manifestQuery == nil)
    }

    @Test func explainFillsTraceAndPushdownFromItsPlan() throws {
        var (state, session, pipeline) = try Support.demoState(width: 120, height: 40)
        let join = "SELECT o_orderkey, c_name FROM orders JOIN customer ON o_custkey = c_custkey WHERE o_totalprice > 1000"
        try Self.type("EXPLAIN \(join);", on: &state, session: session, pipeline: pipeline)
        #expect(state.subject == .query("EXPLAIN \(join)"))
        #expect(state.inspection?.pushdown.scans.map(\.table).sorted() == ["customer", "orders"])
        #expect(state.inspection?.analyzed == false)
        #expect(Screen.render(state).grid.text.contains("Pushdown · query · 2 scans · planned"))
        try Self.type("EXPLAIN ANALYZE \(join);", on: &state, session: session, pipeline: pipeline)
        #expect(state.inspection?.pushdown.scans.count == 2)
        #expect(state.inspection?.analyzed == true)
        #expect(state.inspection?.pushdown.scans.allSatisfy { $0.rowsRead > 0 } == true)
        // A plain query too; a statement without a plan leaves the subject as it was.
        try Self.type("\(join);", on: &state, session: session, pipeline: pipeline)
        #expect(state.subject == .query(join) && state.inspection?.pushdown.scans.count == 2)
        try Self.type("CREATE TABLE scratch (a INT);", on: &state, session: session, pipeline: pipeline)
        #expect(state.subject == .query(join))
        // A changed setting plans the EXPLAIN's query again (its trace, not EXPLAIN's rows).
        try Self.type("EXPLAIN \(join);", on: &state, session: session, pipeline: pipeline)
        try Self.type("\\set optimizer.max_passes 1", on: &state, session: session, pipeline: pipeline)
        #expect(state.subject == .query("EXPLAIN \(join)") && state.inspection?.trace.passes == 1)
        #expect(state.inspection?.pushdown.scans.count == 2)
    }

    @Test func aViewNamedQueryIsAView() throws {
        let session = Session()
        let pipeline = try Support.queryViewPipeline(session)
        var state = AppState(width: 120, height: 40, header: Workspace.header(session, source: "q.json"))
        // Opened from the REPL after a query, on a pipeline with a view named `query`.
        let effects = state.update(.opened(Opening(commands: CommandState(query: "SELECT 42 AS answer", pipeline: pipeline),
                                                   pipeline: Workspace.model(pipeline, name: "q.json"), manifestDiff: nil,
                                                   manifestTitle: AppState.defaultManifestTitle, history: [], ascii: false)),
                                   env: Environment())
        #expect(effects == [.inspect(subject: .view("query"), analyze: false)])
        try Support.perform(effects, on: &state, session: session, pipeline: pipeline)
        #expect(state.inspection?.trace.initial.description.contains("nums") == true)
        // The REPL's query planned late is not the view's plan: it is dropped.
        let repl = try session.inspection(of: try session.logicalPlan("SELECT 42 AS answer"), analyze: false)
        _ = state.update(.inspected(subject: .query("SELECT 42 AS answer"), repl), env: Environment())
        #expect(state.subject == .view("query"))
        #expect(state.inspection?.trace.initial.description.contains("nums") == true)
    }
}
