import Foundation
import PlanCore
import PlanEngine
import PlanExec
import PlanscopeCommands
import PlanscopeTUI
import Testing

/// The Analyze view: `a` runs the subject and shows the physical plan with self time,
/// share (adding to 100%), rows against estimates; `!` reaches the slowest operator, `o`
/// orders by self time; estimates ≥ 10× off are in the warning role.
@Suite struct AnalyzeTests {
    static let q5 = """
        SELECT n_name, sum(l_extendedprice * (1 - l_discount)) AS revenue
        FROM customer, orders, lineitem, supplier, nation, region
        WHERE c_custkey = o_custkey AND l_orderkey = o_orderkey AND l_suppkey = s_suppkey AND c_nationkey = s_nationkey
          AND s_nationkey = n_nationkey AND n_regionkey = r_regionkey AND r_name = 'ASIA'
          AND o_orderdate >= CAST('1994-01-01' AS date) AND o_orderdate < CAST('1995-01-01' AS date)
        GROUP BY n_name ORDER BY revenue DESC
        """

    /// The demo tables, a state at `width`×`height` with `sql` in view, analyzed (times kept).
    static func analyzed(_ sql: String, width: Int = 120, height: Int = 40) throws -> AppState {
        let session = Session()
        DemoWorkspace.load(into: session)
        var state = AppState(width: width, height: height, header: Workspace.header(session, source: "demo"))
        _ = state.update(.opened(Opening(commands: CommandState(query: sql), pipeline: nil, manifestDiff: nil, manifestTitle: "", history: [],
                                         ascii: false)), env: Environment())
        let effects = state.update(.key(.char("a")), env: Environment())
        #expect(effects == [.inspect(subject: .query(sql), analyze: true)])
        let inspection = try session.inspection(of: try session.logicalPlan(sql), analyze: true)
        _ = state.update(.inspected(subject: .query(sql), inspection), env: Environment())
        _ = state.update(.finished, env: Environment())
        return state
    }

    static func selectedLine(_ state: AppState) throws -> String {
        let lines = Screen.render(state).grid.lines
        return try #require(lines.first { $0.contains("▶") && $0.contains("Exec") })
    }

    @Test func aShowsTheAnalyzeViewAndBangReachesTheSlowestOperator() throws {
        var state = try Self.analyzed(Self.q5)
        let profile = try #require(state.profile)
        #expect(state.focus == .result && state.showsAnalysis)
        let screen = Screen.render(state).grid.lines.joined(separator: "\n")
        #expect(screen.contains("Analyze · query ·") && screen.contains("Σ self") && screen.contains("%"))
        _ = state.update(.key(.char("!")), env: Environment())
        let slowest = try #require(profile.slowest)
        #expect(state.analyzeOrder[state.list(.result).selected] == slowest)
        #expect(profile.operators.allSatisfy { $0.selfNanos <= profile.operators[slowest].selfNanos })
        #expect(try Self.selectedLine(state).contains(profile.operators[slowest].name))
        // `o`: by self time, the slowest first and still selected.
        _ = state.update(.key(.char("o")), env: Environment())
        #expect(state.analyzeOrder.first == slowest && state.list(.result).selected == 0)
        #expect(Screen.render(state).grid.lines.joined().contains("by self time"))
    }

    @Test func sharesAddTo100Percent() throws {
        let state = try Self.analyzed(Self.q5)
        let profile = try #require(state.profile)
        #expect(profile.totalSelfNanos > 0)
        #expect(abs(profile.operators.reduce(0) { $0 + $1.share } - 1) < 1e-9)
        #expect(profile.operators.reduce(UInt64(0)) { $0 + $1.selfNanos } == profile.totalSelfNanos)
        // JSON has the same figures.
        let json = PhysicalPlanRenderer.json(try #require(state.inspection?.physical)).compact
        #expect(json.contains("\"self_ns\"") && json.contains("\"share\"") && json.contains("\"misestimate\""))
    }

    @Test func selfTimeIsAnOperatorsOwnTime() throws {
        // An operator's count includes its inputs'; self time takes them away.
        let state = try Self.analyzed("SELECT count(*) FROM lineitem WHERE l_quantity > 10")
        let physical = try #require(state.inspection?.physical)
        let profile = try #require(state.profile)
        let root = profile.operators[0]
        let inputs = physical.children.reduce(UInt64(0)) { $0 + ($1.metrics?.elapsedNanos ?? 0) }
        #expect(root.totalNanos == physical.metrics?.elapsedNanos)
        #expect(root.selfNanos == (root.totalNanos > inputs ? root.totalNanos - inputs : 0))
    }

    @Test func aBadEstimateIsInTheWarningRole() throws {
        // A deliberately bad estimate: the planner's estimate of the filter is far from the
        // one row it keeps.
        var state = try Self.analyzed("SELECT o_orderkey FROM orders WHERE o_orderkey = 7 OR o_orderkey < 0")
        _ = state.update(.key(.tab), env: Environment())  // the selection's highlight off the rows
        let profile = try #require(state.profile)
        let bad = try #require(profile.operators.firstIndex { $0.badlyEstimated })
        let op = profile.operators[bad]
        #expect((op.misestimate ?? 0) >= 10)
        let frame = Screen.render(state)
        let y = try #require(frame.grid.lines.firstIndex { $0.contains(op.name) && $0.contains("!") })
        let x = try #require(frame.grid.lines[y].range(of: "est ")).lowerBound.utf16Offset(in: frame.grid.lines[y])
        #expect(frame.grid[x, y].role == .warning)
        // A good estimate is not.
        if let good = profile.operators.first(where: { ($0.misestimate ?? 99) < 1.5 }),
           let gy = frame.grid.lines.firstIndex(where: { $0.contains(good.name) && $0.contains("est ") }) {
            let gx = try #require(frame.grid.lines[gy].range(of: "est ")).lowerBound.utf16Offset(in: frame.grid.lines[gy])
            #expect(frame.grid[gx, gy].role == .dim)
        }
    }

    @Test func eAsksForTheReportAndItsNewsIsShown() throws {
        var state = try Self.analyzed("SELECT r_name FROM region")
        #expect(state.update(.key(.char("e")), env: Environment()) == [.report(subject: .query("SELECT r_name FROM region"), file: "planscope-report-query.html")])
        #expect(state.busy != nil)
        _ = state.update(.reported(file: "planscope-report-query.html"), env: Environment())
        _ = state.update(.finished, env: Environment())
        #expect(!state.showsAnalysis)
        #expect(Screen.render(state).grid.lines.joined().contains("wrote planscope-report-query.html"))
    }

    @Test func misestimateFactor() {
        #expect(AnalyzeProfile.misestimate(actual: 9, estimated: 9) == 1)
        #expect(AnalyzeProfile.misestimate(actual: 0, estimated: 99) == 100)
        #expect(AnalyzeProfile.misestimate(actual: 999, estimated: 9) == 100)
    }
}
