import PlanEngine
import PlanscopeTUI
import Testing

/// The plan's cursor stays on its node while `[`/`]` step through the optimizer trace
/// (followed through each step's tree diff), on the demo's `open_orders`.
@Suite struct FollowNodeTests {
    /// The plan row under the cursor (highlighted while the plan has focus), right of the
    /// step list.
    static func cursorRow(_ state: AppState) -> String? {
        let grid = Screen.render(state).grid
        for y in 0..<grid.height {
            let cells = (0..<grid.width).map { grid[$0, y] }
            guard let sep = cells.firstIndex(where: { $0.text == "│" }), cells.indices.contains(sep + 3),
                  cells[sep + 2].role == .selected else { continue }
            return cells[(sep + 1)...].map(\.text).joined().trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// Moves the cursor down until its row contains `text`.
    static func cursor(to text: String, _ state: inout AppState) throws {
        for _ in 0..<20 where !(cursorRow(state)?.contains(text) ?? false) { _ = state.update(.key(.char("j")), env: Environment()) }
        #expect(cursorRow(state)?.contains(text) == true, "no plan row with '\(text)'")
    }

    static func press(_ key: Key, _ state: inout AppState) { _ = state.update(.key(key), env: Environment()) }

    @Test(arguments: [(120, 40), (80, 24)])
    func theCursorKeepsItsNodeAcrossSteps(_ size: (Int, Int)) throws {
        var state = try SnapshotTests.scene(width: size.0, height: size.1)
        #expect(state.selectedStep == 9)  // push_down_filter: the filter goes into the scan
        Self.press(.char("["), &state)
        Self.press(.enter, &state)
        try Self.cursor(to: "TableScan: orders", &state)
        #expect(Self.cursorRow(state)?.contains("partial_filters") == false)
        // ] into the step that changed the scan: the cursor on the changed scan.
        Self.press(.char("]"), &state)
        #expect(state.selectedStep == 9)
        #expect(Self.cursorRow(state)?.hasPrefix("~") == true && Self.cursorRow(state)?.contains("TableScan: orders partial_filters") == true)
        // On through steps that leave it, and back.
        for _ in 0..<3 { Self.press(.char("]"), &state) }
        #expect(state.selectedStep == 12 && Self.cursorRow(state)?.contains("TableScan: orders") == true)
        for _ in 0..<4 { Self.press(.char("["), &state) }
        #expect(state.selectedStep == 8 && Self.cursorRow(state)?.contains("TableScan: orders") == true)
        // `c` (changed steps only, and back) keeps it too.
        Self.press(.char("c"), &state)
        #expect(Self.cursorRow(state)?.contains("TableScan: orders") == true)
        Self.press(.char("c"), &state)
        #expect(Self.cursorRow(state)?.contains("TableScan: orders") == true)
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func aVanishedNodeLeavesTheCursorOnItsNearestSurvivingAncestor(_ size: (Int, Int)) throws {
        // On the demo's memory tables a filter is pushed into the scan whole (Exact), and
        // push_down_filter removes the Filter node.
        var (state, session) = CompareTests.demo(size.0, size.1)
        let sql = "SELECT o_orderkey, o_totalprice FROM orders WHERE o_orderstatus = 'O'"
        state.subject = .query(sql)
        _ = state.update(.inspected(subject: .query(sql), Support.stable(try session.inspection(of: try session.logicalPlan(sql), analyze: false))),
                         env: Environment())
        let trace = try #require(state.inspection?.trace)
        let removing = try #require((1...trace.steps.count).first { k in
            trace.diff(fromStep: k - 1, toStep: k)?.lines.contains { $0.mark == .removed && $0.text.hasPrefix("Filter:") } == true
        })
        state.focus = .trace
        for _ in 1..<removing { Self.press(.char("]"), &state) }
        #expect(state.selectedStep == removing - 1)
        Self.press(.enter, &state)
        try Self.cursor(to: "Filter:", &state)
        // The step removes the filter: the cursor on the node that held it.
        Self.press(.char("]"), &state)
        let ancestor = try #require(Self.cursorRow(state))
        #expect(!ancestor.contains("Filter:") && ancestor.contains("Projection:"))
        #expect(state.notice?.text.contains("not in step \(removing)'s plan") == true)
        // The removed filter, shown where it was, leads back to it.
        try Self.cursor(to: "Filter:", &state)
        #expect(Self.cursorRow(state)?.hasPrefix("−") == true)
        Self.press(.char("["), &state)
        #expect(state.selectedStep == removing - 1 && Self.cursorRow(state)?.hasPrefix("Filter:") == true)
        // And going back from the ancestor finds the ancestor.
        Self.press(.char("]"), &state)
        Self.press(.char("g"), &state)
        let root = try #require(Self.cursorRow(state))
        Self.press(.char("["), &state)
        #expect(Self.cursorRow(state)?.hasSuffix(String(root.suffix(20))) == true)
    }
}
