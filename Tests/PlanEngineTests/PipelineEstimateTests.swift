import Foundation
import PlanCore
import PlanEngine
import PlanPipeline
import Testing

/// The task graph's row estimates are the ones EXPLAIN shows: per view the estimate at its
/// plan's root, per input the table's count.
@Suite struct PipelineEstimateTests {
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/demo/pipeline.json").path

    @Test func everyViewsGraphEstimateIsItsExplainEstimate() throws {
        let session = Session()
        let pipeline = try session.loadPipeline(file: Self.demo)
        var compared = 0
        for node in pipeline.graph.nodes where node.kind == .view {
            let plan = try #require(pipeline.plans[node.name])
            let explained = try session.inspection(of: plan, analyze: false).physical.estimatedRows
            let shown = pipeline.view.rows[node.id].map { Int($0) }
            #expect(shown == explained, "\(node.name): task graph \(String(describing: shown)), EXPLAIN \(String(describing: explained))")
            compared += 1
        }
        #expect(compared == 10)
    }

    @Test func inputsFromSmallFilesEstimateTheirRecordsExactly() throws {
        let session = Session()
        let pipeline = try session.loadPipeline(file: Self.demo)
        func rows(_ name: String) -> Double? {
            pipeline.graph.nodes.first { $0.name == name && $0.kind == .input }.flatMap { pipeline.view.rows[$0.id] }
        }
        #expect(rows("region") == 5)
        #expect(rows("nation") == 25)
        #expect(rows("orders") == 1500)
        #expect(rows("events") == 240)  // a partitioned directory: its files' records added up
    }

    @Test func aViewOverAnUnknownInputIsUnknownAndShownAsAQuestionMark() throws {
        let graph = try TaskGraph.build(try SpecParser.parse("""
            {"version": 1,
             "input_relations": [{"logical_name": "a", "format": "inline", "columns": [{"name": "n", "type": "INTEGER"}], "rows": [[1]]}],
             "view_definitions": [{"name": "v", "sql": "SELECT n FROM a", "view_dependencies": ["a"]}]}
            """, baseDirectory: NSTemporaryDirectory()))
        let view = TaskGraphView(graph: graph, rows: [nil, nil], contract: nil)
        #expect(view.rowsText(0) == "?")
        #expect(view.dot.contains("\\n? rows"))
        #expect(view.json.compact.contains("\"estimated_rows\":null"))
    }
}
