import PlanPipeline

extension PipelineModel {
    /// A run's figures: each view's time window and rows, each output's write time, and
    /// the critical path again, now by time (a view weighs its run time, an output its
    /// write time) on the task graph's one order.
    public mutating func ran(_ report: PipelineRunReport) {
        runs = Dictionary(report.views.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        outputMillis = Dictionary(report.outputs.map { ($0.tableName, $0.millis) }, uniquingKeysWith: { a, _ in a })
        runElapsedMillis = report.elapsedMillis
        guard let graph else { return }
        let runs = runs, outputs = outputMillis
        let path = graph.criticalPath { node in
            switch node.kind {
            case .input: 0
            case .view: runs[node.name].map { $0.endMillis - $0.startMillis } ?? 0
            case .output: outputs[node.name] ?? 0
            }
        }
        critical = Self.positions(of: path.path, in: graph)
    }

    /// The rows (positions in the graph's order) of node ids.
    static func positions(of ids: [Int], in graph: TaskGraph) -> Set<Int> {
        var row = [Int](repeating: 0, count: graph.nodes.count)
        for (i, id) in graph.order.enumerated() { row[id] = i }
        return Set(ids.map { row[$0] })
    }
}
