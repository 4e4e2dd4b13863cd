import Foundation
import PlanCore
import PlanEngine
import PlanExec
import PlanSupport
import PlanscopeCommands
import PlanscopeTUI
import Testing

/// A query followed while it runs: the engine's `.planned` fills the Trace and Pushdown
/// panes before any row, `.progress` gives the Analyze view each operator's rows so far,
/// and a cancelled run keeps its plan and the rows it reached on screen.
@Suite(.serialized) struct LiveRunTests {
    static let slow = "SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 100000) b"

    final class Events: Sendable {
        let list = Locked<[ExecutionEvent]>([])
        var all: [ExecutionEvent] { list.withLock { $0 } }
    }

    /// The events of `sql` run on `session`, cancelled (with `cancel`) once the cross join
    /// has produced more rows than any scan below it (the run then ends with the error).
    static func events(_ sql: String, session: Session, cancel: Bool) -> (events: [ExecutionEvent], results: [StatementResult], error: StatementError?) {
        let events = Events(), handle = Cancellation()
        var results: [StatementResult] = []
        var failure: StatementError?
        do throws(StatementError) {
            try session.execute(sql, cancellation: handle, events: { event in
                events.list.withLock { $0.append(event) }
                if cancel, case .progress(let p) = event, crossJoinRows(p) > 200_000 { handle.cancel() }
            }) { results.append($0) }
        } catch { failure = error }
        return (events.all, results, failure)
    }

    static func rows(_ p: PhysicalPlanSnapshot) -> [Int] { [p.metrics?.outputRows ?? 0] + p.children.flatMap(rows) }

    static func crossJoinRows(_ p: PhysicalPlanSnapshot) -> Int {
        p.name == "CrossJoinExec" ? p.metrics?.outputRows ?? 0 : p.children.map(crossJoinRows).max() ?? 0
    }

    static func action(_ event: ExecutionEvent, _ subject: Subject) -> Action {
        switch event {
        case .planned(let inspection): .planned(subject: subject, inspection)
        case .progress(let snapshot): .progress(subject: subject, snapshot)
        }
    }

    /// The demo state with `sql` typed after `:` and Enter pressed (the app now runs it).
    static func typed(_ sql: String) throws -> (AppState, Session) {
        var (state, session, _) = try Support.demoState(width: 120, height: 40)
        _ = state.update(.key(.char(":")), env: Environment())
        for c in sql { _ = state.update(.key(.char(c)), env: Environment()) }
        #expect(state.update(.key(.enter), env: Environment()) == [.run(sql)])
        #expect(state.busy != nil)
        return (state, session)
    }

    @Test func plannedFillsTraceAndPushdownWhileTheQueryRuns() throws {
        let sql = "SELECT o_orderkey, c_name FROM orders JOIN customer ON o_custkey = c_custkey WHERE o_totalprice > 1000"
        var (state, session) = try Self.typed(sql)
        #expect(state.subject == .view("open_orders"))
        let run = Self.events(sql, session: session, cancel: false)
        guard case .planned(let planned)? = run.events.first else { Issue.record("no .planned first"); return }
        _ = state.update(.planned(subject: .query(sql), planned), env: Environment())
        // Before any row: the query's trace and its two scans, marked running.
        #expect(state.subject == .query(sql))
        #expect(state.inspection?.trace.final == planned.trace.final && state.inspection?.trace.steps.count == planned.trace.steps.count)
        #expect(state.live?.stoppedNanos == nil)
        let text = Screen.render(state).grid.text
        #expect(text.contains("Optimizer trace · query"))
        #expect(text.contains("Pushdown · query · 2 scans · running"))
        #expect(text.contains("▶orders (") && text.contains(" customer ("))
        // Its result replaces the live run; the trace stays at the step it was on.
        _ = state.update(.key(.tab), env: Environment())
        _ = state.update(.key(.char("]")), env: Environment())
        let step = state.selectedStep
        for event in run.events.dropFirst() { _ = state.update(Self.action(event, .query(sql)), env: Environment()) }
        let runner = CommandRunner(context: CommandContext(session: session, write: { _ in }, writeError: { _ in }))
        _ = state.update(.ran(runner.outcome(sql: sql, results: run.results, error: nil, settingsChanged: false, state.commands),
                              statement: Workspace.statement(run.results)), env: Environment())
        _ = state.update(.finished, env: Environment())
        #expect(state.live == nil)
        #expect(state.inspection?.analyzed == true)
        #expect(state.selectedStep == step)
        #expect(Screen.render(state).grid.text.contains("Pushdown · query · 2 scans · ran"))
    }

    @Test func theAnalyzeViewShowsRowsSoFarAndAfterACancelTheRowsReached() throws {
        var (state, session) = try Self.typed(Self.slow)
        let subject = Subject.query(Self.slow)
        let run = Self.events(Self.slow, session: session, cancel: true)
        #expect(run.error?.kind == .cancelled)
        let progress = run.events.compactMap { if case .progress(let p) = $0 { p } else { nil } }
        let reached = try #require(progress.last.map(Self.crossJoinRows))
        #expect(reached > 200_000)
        #expect(progress.last.map(Self.rows)?.max() == reached)
        for event in run.events.dropLast() { _ = state.update(Self.action(event, subject), env: Environment()) }
        // `a` while it runs: the figures so far, not a second run.
        #expect(state.update(.key(.char("a")), env: Environment()).isEmpty)
        #expect(state.showsAnalysis && state.focus == .result)
        var text = Screen.render(state).grid.text
        #expect(text.contains("Analyze · query · running · so far"))
        #expect(text.contains("CrossJoinExec"))
        // Estimates are not flagged against rows still to come.
        #expect(state.profile.map { p in p.operators.allSatisfy { AnalyzeTreeRenderer.columns($0, partial: true).estimate.hasSuffix("×") == false } } == true)
        // The last figures, then the cancelled outcome: the plan and the rows reached stay.
        if let last = run.events.last { _ = state.update(Self.action(last, subject), env: Environment()) }
        let runner = CommandRunner(context: CommandContext(session: session, write: { _ in }, writeError: { _ in }))
        _ = state.update(.ran(runner.outcome(sql: Self.slow, results: run.results, error: run.error, settingsChanged: false, state.commands),
                              statement: Workspace.statement(run.results)), env: Environment())
        _ = state.update(.finished, env: Environment())
        #expect(state.busy == nil)
        #expect(state.live?.stoppedNanos != nil)
        #expect(state.subject == subject)
        #expect(state.showsAnalysis)
        #expect(state.profile?.operators.map(\.rows).max() == reached)
        text = Screen.render(state).grid.text
        #expect(text.contains("Analyze · query · stopped · reached"))
        #expect(text.contains(grouped(reached) + " rows"))
        #expect(text.contains("Optimizer trace · query"))
        #expect(text.contains("Pushdown · query · 2 scans · stopped"))
        #expect(state.messages.contains { $0.text == "error: query cancelled" })
        #expect(state.messages.last?.text.contains("CrossJoinExec reached \(grouped(reached) + " rows")") == true)
        // p: the messages; p again: the rows reached.
        _ = state.update(.key(.char("p")), env: Environment())
        #expect(Screen.render(state).grid.text.contains("error: query cancelled"))
    }

    @Test func figuresOfARunNoLongerInViewAreDropped() throws {
        var (state, session) = try Self.typed(Self.slow)
        let subject = Subject.query(Self.slow)
        let run = Self.events("SELECT count(*) FROM orders", session: session, cancel: false)
        guard case .planned(let planned)? = run.events.first, case .progress(let last)? = run.events.last else {
            Issue.record("no events"); return
        }
        _ = state.update(.planned(subject: subject, planned), env: Environment())
        // Enter on a view of the graph: it comes into view while the query still runs.
        #expect(state.focus == .graph)
        #expect(state.update(.key(.enter), env: Environment()) == [.inspect(subject: .view("open_orders"), analyze: false)])
        _ = state.update(.progress(subject: subject, last), env: Environment())
        #expect(state.profile == nil)
        #expect(!Screen.render(state).grid.text.contains("CrossJoinExec"))
    }
}
