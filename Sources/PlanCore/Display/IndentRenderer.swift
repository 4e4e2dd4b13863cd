/// The indent format DataFusion users read: one node a line, two spaces per level;
/// a subquery inside a node's expressions is shown as a `Subquery:` child before the
/// node's inputs.
public enum IndentRenderer {
    public static func render(_ plan: LogicalPlan) -> String {
        var lines: [String] = []
        append(plan, depth: 0, to: &lines)
        return lines.joined(separator: "\n")
    }

    static func append(_ plan: LogicalPlan, depth: Int, to lines: inout [String]) {
        let pad = String(repeating: "  ", count: depth)
        lines.append(pad + plan.nodeLine)
        for sub in plan.subqueries {
            lines.append(pad + "  Subquery:")
            append(sub.plan, depth: depth + 2, to: &lines)
        }
        for input in plan.inputs { append(input, depth: depth + 1, to: &lines) }
    }

    /// The numbered form used in slt plan checks: `01)Projection: …`, `02)--Filter: …`.
    public static func numbered(_ plan: LogicalPlan) -> String {
        render(plan).split(separator: "\n").enumerated().map { i, line in
            let indent = line.prefix(while: { $0 == " " }).count
            let n = i + 1
            return (n < 10 ? "0\(n)" : "\(n)") + ")" + String(repeating: "-", count: indent) + line.dropFirst(indent)
        }.joined(separator: "\n")
    }
}
