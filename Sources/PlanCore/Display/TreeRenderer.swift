/// A box-drawing tree, one node a line:
///
///     Projection: t.a
///     └── Filter: t.a > Int64(1)
///         └── TableScan: t
public enum TreeRenderer {
    public static func render(_ plan: LogicalPlan, ascii: Bool = false) -> String {
        var lines = [plan.nodeLine]
        appendChildren(of: plan, prefix: "", ascii: ascii, to: &lines)
        return lines.joined(separator: "\n")
    }

    private enum Child {
        case subquery(LogicalPlan)
        case input(LogicalPlan)
    }

    private static func appendChildren(of plan: LogicalPlan, prefix: String, ascii: Bool, to lines: inout [String]) {
        let children = plan.subqueries.map { Child.subquery($0.plan) } + plan.inputs.map { Child.input($0) }
        for (i, child) in children.enumerated() {
            let last = i == children.count - 1
            let branch = ascii ? (last ? "`-- " : "|-- ") : (last ? "└── " : "├── ")
            let carry = ascii ? (last ? "    " : "|   ") : (last ? "    " : "│   ")
            switch child {
            case .input(let p):
                lines.append(prefix + branch + p.nodeLine)
                appendChildren(of: p, prefix: prefix + carry, ascii: ascii, to: &lines)
            case .subquery(let p):
                lines.append(prefix + branch + "Subquery: " + p.nodeLine)
                appendChildren(of: p, prefix: prefix + carry, ascii: ascii, to: &lines)
            }
        }
    }
}
