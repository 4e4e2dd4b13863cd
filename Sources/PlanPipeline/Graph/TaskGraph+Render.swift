import Foundation
import PlanCore

/// A graph with what `pipeline graph` shows beside it: each node's estimated rows and the
/// critical path. Renders as text, JSON (schema version 1) and Graphviz DOT.
public struct TaskGraphView: Sendable, Equatable {
    public let graph: TaskGraph
    /// The rows each node is estimated to produce — a view's the estimate EXPLAIN shows at
    /// its plan's root, an input's its table's count, an output its view's — or nil where
    /// nothing is known (an input whose table cannot say how many rows it holds).
    public let rows: [Double?]
    /// Each node's weight on the critical path: the rows it handles (an input: the rows it
    /// holds; a view or output: the rows it reads; unknown counts as 0).
    public let costs: [Double]
    public let criticalPath: [Int]
    public let criticalCost: Double
    public let contract: DeterminismContract?

    /// Whether rows were estimated: false for a pipeline parsed but not bound, whose
    /// critical path counts views (each view 1) instead of rows.
    public let isEstimated: Bool

    /// `rows` nil: nothing estimated (every node's rows unknown; the critical path is the
    /// one with the most views).
    public init(graph: TaskGraph, rows: [Double?]?, contract: DeterminismContract?) {
        self.graph = graph
        self.rows = rows ?? Array(repeating: nil, count: graph.nodes.count)
        isEstimated = rows != nil
        let known = self.rows
        func produced(_ id: Int) -> Double { known.indices.contains(id) ? known[id] ?? 0 : 0 }
        let costs = graph.nodes.map { n in
            rows == nil ? (n.kind == .view ? 1 : 0) : n.kind == .input ? produced(n.id) : n.dependencies.reduce(0) { $0 + produced($1) }
        }
        self.costs = costs
        let critical = graph.criticalPath { costs[$0.id] }
        criticalPath = critical.path
        criticalCost = critical.cost
        self.contract = contract
    }

    /// A node's estimated rows as shown: `~1,234` or `?`.
    public func rowsText(_ id: Int) -> String {
        guard rows.indices.contains(id), let r = rows[id] else { return "?" }
        return "~" + grouped(Int(r.rounded()))
    }

    /// A node's unique id, as JSON, the text's lists and the critical path name it: an input's
    /// or view's name, `output:TABLE` for an output (its `table_name`, often its view's name).
    func label(_ id: Int) -> String { graph.nodes[id].kind == .output ? "output:" + graph.nodes[id].name : graph.nodes[id].name }

    public var text: String {
        var lines: [String] = []
        let views = graph.nodes.filter { $0.kind == .view }.count
        let inputs = graph.nodes.filter { $0.kind == .input }.count
        let outputs = graph.nodes.count - views - inputs
        lines.append([counted(inputs, "input"), counted(views, "view"), counted(outputs, "output"), counted(graph.edgeCount, "edge")].joined(separator: ", "))
        lines.append("order (level  kind    name  ← reads):")
        for id in graph.order {
            let n = graph.nodes[id]
            let reads = n.dependencies.map(label).joined(separator: ", ")
            lines.append("  \(String(graph.levels[id]).leftPadded(3))    \(n.kind.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0))  \(n.name)" + (reads.isEmpty ? "" : "  ← \(reads)"))
        }
        lines.append("levels (what can run side by side):")
        for (i, group) in graph.levelGroups.enumerated() {
            lines.append("  \(i): " + group.map(label).joined(separator: ", "))
        }
        if !criticalPath.isEmpty {
            let weight = isEstimated ? "\(Int(criticalCost)) estimated rows" : counted(Int(criticalCost), "view")
            lines.append("critical path (\(weight)): " + criticalPath.map(label).joined(separator: " → "))
        }
        if let contract {
            lines.append("spec \(contract.specHash)")
            lines.append("envelope \(contract.envelopeHash)")
            lines.append("rulepack \(contract.rulepackFingerprint)")
        }
        return lines.joined(separator: "\n")
    }

    /// Schema version 2: nodes have a unique `id` (``label(_:)``) that `dependencies`, `order`,
    /// `levels`, `edges` (`{"from","to"}`, one per dependency) and the critical path use.
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("schema_version", .int(2)),
            ("nodes", .array(graph.nodes.map { n in
                .object([("id", .string(label(n.id))), ("name", .string(n.name)), ("kind", .string(n.kind.rawValue)),
                         ("level", .int(Int64(graph.levels[n.id]))),
                         ("estimated_rows", rows.indices.contains(n.id) ? rows[n.id].map { .double($0.rounded()) } ?? .null : .null),
                         ("dependencies", .array(n.dependencies.map { .string(label($0)) }))])
            })),
            ("order", .array(graph.order.map { .string(label($0)) })),
            ("levels", .array(graph.levelGroups.map { .array($0.map { .string(label($0)) }) })),
            ("edges", .array(graph.nodes.flatMap { n in
                n.dependencies.map { JSONValue.object([("from", .string(label($0))), ("to", .string(label(n.id)))]) }
            })),
            ("critical_path", .object([("nodes", .array(criticalPath.map { .string(label($0)) })),
                                       ("estimated_rows", isEstimated ? .double(criticalCost) : .null),
                                       ("views", .int(Int64(criticalPath.filter { graph.nodes[$0].kind == .view }.count)))])),
        ]
        if let contract { fields.append(("contract", contract.json)) }
        return .object(fields)
    }

    /// Graphviz: one rank per level, inputs as cylinders, outputs as notes, the critical
    /// path in bold.
    public var dot: String {
        var lines = ["digraph pipeline {", "  rankdir=LR;", "  node [fontname=\"Helvetica\"];"]
        func id(_ n: Int) -> String { "n\(n)" }
        let critical = Set(zip(criticalPath, criticalPath.dropFirst()).map { "\($0.0)-\($0.1)" })
        for n in graph.nodes {
            let shape = n.kind == .input ? "cylinder" : n.kind == .output ? "note" : "box"
            var label = n.name.replacingOccurrences(of: "\"", with: "\\\"")
            if isEstimated { label += "\\n\(rowsText(n.id)) rows" }
            lines.append("  \(id(n.id)) [label=\"\(label)\", shape=\(shape)\(criticalPath.contains(n.id) ? ", penwidth=2" : "")];")
        }
        for n in graph.nodes {
            for d in n.dependencies {
                lines.append("  \(id(d)) -> \(id(n.id))\(critical.contains("\(d)-\(n.id)") ? " [penwidth=2]" : "");")
            }
        }
        for group in graph.levelGroups { lines.append("  { rank=same; " + group.map(id).joined(separator: "; ") + "; }") }
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}
