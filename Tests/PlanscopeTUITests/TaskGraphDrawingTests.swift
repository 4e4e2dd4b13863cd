import Foundation
import PlanEngine
import PlanPipeline
import PlanscopeCommands
@testable import PlanscopeTUI
import Testing

/// The task graph drawn as a graph (`v`), the layouts (`L`, `z` one pane at a time) and
/// the step that last changed a plan node (`b`).
@Suite struct TaskGraphDrawingTests {
    static func row(_ name: String, _ kind: TaskGraph.Kind, _ level: Int, reads: [String] = []) -> GraphRow {
        GraphRow(name: name, kind: kind, level: level, inputs: reads, dependents: [], estimatedRows: nil)
    }

    @Test func everyEdgeJoinsNeighbouringLayersThroughDummies() throws {
        let (state, _, pipeline) = try Support.demoState(width: 120, height: 40)
        let model = try #require(state.pipeline)
        let dag = try #require(model.dag)
        // Layers are the task graph's levels (its one sort), one layer per level.
        for (i, row) in model.rows.enumerated() { #expect(dag.nodes[dag.nodeOfRow[i]].layer == row.level) }
        #expect(dag.layers.count == (pipeline.graph.levels.max() ?? 0) + 1)
        // No edge skips a layer: a longer dependency goes through one dummy per level between.
        for e in dag.edges { #expect(dag.nodes[e.lower].layer == dag.nodes[e.upper].layer + 1) }
        let dummies = dag.nodes.filter { $0.row == nil }
        let span = pipeline.graph.nodes.reduce(0) { total, n in
            total + n.dependencies.reduce(0) { $0 + pipeline.graph.levels[n.id] - pipeline.graph.levels[$1] - 1 }
        }
        #expect(dummies.count == span && span > 0)
        // Every dependency is a chain from the node read down to the node reading it.
        for (i, row) in model.rows.enumerated() {
            let above = TaskGraphDrawing.realNeighbours(dag, of: dag.nodeOfRow[i], up: true).compactMap { dag.nodes[$0].row }
            #expect(above.map { model.rows[$0].name }.sorted() == row.inputs.sorted(), "\(row.name)")
        }
        // Nodes of a layer do not overlap, and no line runs through a name.
        for layer in dag.layers {
            for (a, b) in zip(layer, layer.dropFirst()) { #expect(dag.nodes[a].x + dag.nodes[a].width < dag.nodes[b].x) }
        }
        #expect(dag.cells.count == dag.width * dag.height)
        for node in dag.nodes where node.row != nil {
            for x in node.x..<(node.x + node.width) { #expect(dag.line(x: x, y: node.y) == 0, "a line through \(model.rows[node.row ?? 0].name)") }
        }
        // A line leaving a cell downwards arrives in the cell below (from above), and so on.
        for y in 0..<dag.height {
            for x in 0..<dag.width {
                let bits = dag.line(x: x, y: y)
                if bits & DagLayout.Way.right != 0 { #expect(dag.line(x: x + 1, y: y) & DagLayout.Way.left != 0) }
                if bits & DagLayout.Way.down != 0, dag.node(atX: x, y: y + 1) == nil { #expect(dag.line(x: x, y: y + 1) & DagLayout.Way.up != 0) }
            }
        }
    }

    @Test func barycentricOrderingRemovesACrossing() {
        // Schedule order puts a before b and x before y; x reads b and y reads a: one crossing
        // until y moves left of x.
        let rows = [Self.row("a", .input, 0), Self.row("b", .input, 0), Self.row("x", .view, 1, reads: ["b"]), Self.row("y", .view, 1, reads: ["a"])]
        let dag = DagLayout(rows: rows)
        #expect(dag.initialCrossings == 1)
        #expect(dag.crossings == 0)
        #expect(dag.layers[1].compactMap { dag.nodes[$0].row }.map { rows[$0].name } == ["y", "x"])
        // Each view sits under what it reads.
        #expect(dag.nodes[3].x == dag.nodes[0].x && dag.nodes[2].x == dag.nodes[1].x)
    }

    @Test func vDrawsTheGraphAndBack() throws {
        // One pane at a time, so the graph has the width.
        var (state, session, pipeline) = try Support.demoState(width: 80, height: 24)
        state.focus = .graph
        state.lists[.graph] = ListState(selected: try #require(state.pipeline?.rows.firstIndex { $0.name == "customer_totals" }))
        try Support.press([.char("v")], on: &state, session: session, pipeline: pipeline)
        #expect(state.graphDrawn)
        let text = Screen.render(state).grid.text
        #expect(text.contains("◆ critical path"))
        #expect(text.contains("customer_totals"))
        // Edges in box-drawing characters between the layers, and the view's input marked.
        #expect(text.contains("│") && (text.contains("┘") || text.contains("└") || text.contains("┴")))
        #expect(text.contains("←"))
        // ← / → move along the layer; j/k along the schedule as in the list.
        let before = state.selectedView?.name
        try Support.press([.right], on: &state, session: session, pipeline: pipeline)
        let dag = try #require(state.pipeline?.dag)
        #expect(state.selectedView?.name != before)
        #expect(dag.nodes[dag.nodeOfRow[state.list(.graph).selected]].layer == state.selectedView?.level)
        try Support.press([.char("v")], on: &state, session: session, pipeline: pipeline)
        #expect(!state.graphDrawn)
        #expect(Screen.render(state).grid.text.contains("L1"))
    }

    @Test func aRunShowsTimesAsBarsAndTheCriticalPathByTime() throws {
        var (state, session, _) = try Support.demoState(width: 80, height: 24)
        let pipeline = try session.loadPipeline(file: Support.root.appendingPathComponent("examples/demo/pipeline.json").path)
        let report = try session.runPipeline(pipeline, writeOutputs: false)
        _ = state.update(.pipelineRan(report), env: Environment())
        state.graphDrawn = true
        let slowest = try #require(report.views.max { $0.endMillis - $0.startMillis < $1.endMillis - $1.startMillis })
        state.lists[.graph] = ListState(selected: try #require(state.pipeline?.rows.firstIndex { $0.name == slowest.name }))
        let text = Screen.render(state).grid.text
        #expect(text.contains("█"))
        #expect(text.contains("ms"))
        // The critical path is now by time: its views' run times and its outputs' write
        // times together weigh at least as much as the slowest view alone. (Its views alone
        // need not: on a loaded machine an output's write can take longer than a view, and
        // the path goes through that output.)
        let model = try #require(state.pipeline)
        let views = model.critical.filter { model.rows[$0].kind == .view }
        let took = model.critical.reduce(0.0) { total, r in
            let row = model.rows[r]
            return total + (row.kind == .output ? model.outputMillis[row.name] ?? 0 : model.runs[row.name].map { $0.endMillis - $0.startMillis } ?? 0)
        }
        #expect(!views.isEmpty && took >= slowest.endMillis - slowest.startMillis)
    }

    /// The run above with times set by hand: every view 1 ms but spring_shipments (5 ms, no
    /// output), the gene_coverage output 20 ms. The critical path goes through that output,
    /// and its views alone (2 ms) took less than the slowest view: what a loaded machine can
    /// give any run.
    @Test func theCriticalPathByTimeWeighsOutputsToo() throws {
        var (state, session, _) = try Support.demoState(width: 80, height: 24)
        let pipeline = try session.loadPipeline(file: Support.root.appendingPathComponent("examples/demo/pipeline.json").path)
        var report = try session.runPipeline(pipeline, writeOutputs: false)
        for i in report.views.indices {
            report.views[i].startMillis = 0
            report.views[i].endMillis = report.views[i].name == "spring_shipments" ? 5 : 1
        }
        for i in report.outputs.indices { report.outputs[i].millis = report.outputs[i].tableName == "gene_coverage" ? 20 : 0.5 }
        _ = state.update(.pipelineRan(report), env: Environment())
        let model = try #require(state.pipeline)
        let critical = model.critical.map { "\(model.rows[$0].kind) \(model.rows[$0].name)" }.sorted()
        #expect(critical == ["input reads", "output gene_coverage", "view gene_coverage", "view read_genes"], "\(critical)")
    }

    @Test func aLargePipelineKeepsTheListAndSaysWhy() {
        var state = AppState(width: 120, height: 40, header: HeaderInfo(source: "big", rulepack: "default", rulepackFingerprint: "", manifestFingerprint: ""))
        let n = PipelineModel.maxDrawnViews + 1
        state.pipeline = PipelineModel(name: "big.json", rows: (0..<n).map { Self.row("view_\($0)", .view, 0) })
        #expect(state.pipeline?.dag == nil)
        _ = state.update(.key(.char("v")), env: Environment())
        #expect(!state.graphDrawn)
        #expect(Screen.render(state).grid.lines.last?.contains("2,001 views are too many to draw") == true)
        // The notice lasts until the next key.
        _ = state.update(.key(.char("j")), env: Environment())
        #expect(state.notice == nil)
    }

    @Test func aCycleIsDrawnAsARing() throws {
        let json = """
            {"version": 1,
             "input_relations": [{"logical_name": "nums", "format": "inline", "columns": [{"name": "n", "type": "INTEGER"}], "rows": [[1]]}],
             "view_definitions": [{"name": "a", "sql": "SELECT n FROM c", "view_dependencies": ["c"]},
                                  {"name": "b", "sql": "SELECT n FROM a", "view_dependencies": ["a"]},
                                  {"name": "c", "sql": "SELECT n FROM b", "view_dependencies": ["b"]}]}
            """
        let session = Session()
        var failure: PipelineError?
        do { _ = try session.loadPipeline(try SpecParser.parse(json, baseDirectory: NSTemporaryDirectory())) } catch let e as PipelineError { failure = e }
        let error = try #require(failure)
        let model = try #require(Workspace.model(failed: error, name: "cycle.json"))
        var state = AppState(width: 120, height: 40, header: HeaderInfo(source: "c", rulepack: "default", rulepackFingerprint: "", manifestFingerprint: ""))
        state.pipeline = model
        #expect(Screen.render(state).grid.text.contains("b reads a"))
        _ = state.update(.key(.char("v")), env: Environment())
        #expect(state.graphDrawn)
        let lines = Screen.render(state).grid.lines
        // a, read by b, read by c, which a reads: the last line returns to the first.
        let a = try #require(lines.firstIndex { $0.contains("┌▶ a") })
        #expect(lines[a + 1].contains("│  ▼ read by"))
        #expect(lines[a + 2].contains("│  b"))
        #expect(lines[a + 4].contains("└─ c"))
    }

    @Test func balancedGivesThePlanTheRoomAndLSwitchesToPlanWide() throws {
        var state = try SnapshotTests.scene(width: 120, height: 40)
        let frames = state.frames
        #expect(try #require(frames[.graph]).width <= 30)
        #expect(TracePane.listWidth(state) <= 30)
        #expect(try #require(TracePane.planLayout(state)).rect.width >= 70)
        _ = state.update(.key(.char("L")), env: Environment())
        #expect(state.layout == .planWide)
        #expect(try #require(state.frames[.trace]).width == 120)
        let balancedTrace = try #require(frames[.trace])
        #expect(try #require(state.frames[.trace]).height > balancedTrace.height)
        // Pushdown and the manifest share one rectangle under tabs; the focused one shows.
        #expect(state.frames[.pushdown] != nil && state.frames[.manifest] == nil)
        #expect(Screen.render(state).grid.text.contains("[pushdown] manifest"))
        state.focus = .manifest
        #expect(state.frames[.manifest] != nil)
        #expect(state.frames[.pushdown] == nil)
        _ = state.update(.key(.char("L")), env: Environment())
        #expect(state.layout == .balanced)
    }

    @Test func onePaneAtATimeZHidesTabsAndStatusAndLNeedsAWiderWindow() throws {
        var state = try SnapshotTests.scene(width: 80, height: 24)
        _ = state.update(.key(.char("L")), env: Environment())
        #expect(state.layout == .balanced)
        #expect(Screen.render(state).grid.lines.last?.contains("L: layouts need a window of at least 100×30 (this one is 80×24)") == true)
        _ = state.update(.key(.char("j")), env: Environment())
        #expect(Screen.render(state).grid.lines[1].contains("Tab switch"))
        _ = state.update(.key(.char("z")), env: Environment())
        let frame = Screen.render(state)
        #expect(state.frames[.trace] == Rect(x: 0, y: 1, width: 80, height: 23))
        #expect(!frame.grid.lines[1].contains("Tab switch"))
        // The pane's bottom border is the last row: no key hints.
        #expect(frame.grid.lines[23].hasPrefix("┗"))
        _ = state.update(.key(.char("z")), env: Environment())
        #expect(Screen.render(state).grid.lines[1].contains("Tab switch"))
    }

    @Test func bJumpsToTheStepThatLastChangedTheNode() throws {
        var state = try SnapshotTests.scene(width: 120, height: 40)
        let trace = try #require(state.inspection?.trace)
        #expect(trace.steps[8].rule == "push_down_filter" && trace.steps[8].changed)
        // A later step that leaves the scan alone.
        let later = try #require((10...trace.steps.count).first { trace.steps[$0 - 1].rule != "push_down_filter" })
        state.lists[.trace] = ListState(selected: later)
        _ = state.update(.key(.enter), env: Environment())
        #expect(state.planFocused)
        func cursorText(_ s: AppState) -> String? {
            TracePane.planLayout(s).map { $0.text.lines[s.scroll(for: s.selectedStep).cursor].nodeText }
        }
        for _ in 0..<20 where cursorText(state)?.hasPrefix("TableScan: orders") != true { _ = state.update(.key(.down), env: Environment()) }
        #expect(cursorText(state)?.hasPrefix("TableScan: orders") == true)
        let shown = Screen.render(state).grid.text
        #expect(shown.contains("last changed at step 9 push_down_filter · b jumps there"))
        _ = state.update(.key(.char("b")), env: Environment())
        #expect(state.selectedStep == 9)
        // The cursor is on the same node there.
        #expect(cursorText(state)?.hasPrefix("TableScan: orders") == true)
        #expect(Screen.render(state).grid.text.contains("changed by this step (9 push_down_filter)"))
        // The root projection was never changed by a rule: b goes to the initial plan.
        _ = state.update(.key(.char("g")), env: Environment())
        _ = state.update(.key(.char("b")), env: Environment())
        #expect(state.selectedStep == 0 || trace.steps[state.selectedStep - 1].changed)
    }
}
