/// A plan as the front ends read it: one node a line, what identifies the node when two
/// plans are matched (its kind and the relations under it), the predicates it applies as
/// text, and its children — a subquery in a node's expressions is a `Subquery:` child
/// before the node's inputs, as the indent format shows it.
///
/// planscope's logical plans (``LogicalPlan/planTree``) and physical plans convert to it;
/// `PlanDiff`, the node paths `\step` and the TUI's plan cursor use, and the plan panes all
/// work on it, so a plan from another engine converted to it is stepped, diffed and drawn
/// the same way.
public struct PlanTree: Hashable, Sendable {
    /// How a node hangs under its parent: as one of its inputs, or as a subquery of its
    /// expressions.
    public enum Edge: Hashable, Sendable {
        case input, subquery
    }

    /// The node's line as plans show it: `Filter: orders.o_totalprice > Int64(100)`.
    public var line: String
    /// What must agree for two nodes to be "the same node": the operator, and for a scan
    /// its table (`TableScan: orders`, `Filter`, `Inner Join`).
    public var kind: String
    /// Named facts about the node (`table` of a scan) beyond its line.
    public var properties: [String: String]
    /// The predicates the node applies, as text (a filter's conjuncts, a join's
    /// conditions, a scan's pushed filters).
    public var predicates: [String]
    /// The relations under the node (scanned tables, a VALUES list …): nodes over the same
    /// relations are candidates for a match.
    public var relations: Set<String>
    public var children: [PlanTree]
    public var edge: Edge

    public init(line: String, kind: String, properties: [String: String] = [:], predicates: [String] = [],
                relations: Set<String>? = nil, children: [PlanTree] = [], edge: Edge = .input) {
        self.line = line
        self.kind = kind
        self.properties = properties
        self.predicates = predicates
        self.relations = relations ?? (children.isEmpty ? [line] : children.reduce(into: Set<String>()) { $0.formUnion($1.relations) })
        self.children = children
        self.edge = edge
    }

    /// Each child with the label its index path gets: `0`, `1` … for inputs, `s0`, `s1` …
    /// for subqueries (a subquery's plan is then its `0`).
    public var labelledChildren: [(label: String, child: PlanTree)] {
        var inputs = 0, subqueries = 0
        return children.map { child in
            switch child.edge {
            case .input: defer { inputs += 1 }; return ("\(inputs)", child)
            case .subquery: defer { subqueries += 1 }; return ("s\(subqueries)", child)
            }
        }
    }

    /// Every node in the order the indent format prints them, with its index path (`0` the
    /// root, `0/1` its second input, `0/s0/0` the plan of its first subquery) and depth.
    public func flattened(path: String = "0", depth: Int = 0) -> [(path: String, depth: Int, node: PlanTree)] {
        var out: [(path: String, depth: Int, node: PlanTree)] = []
        var stack: [(path: String, depth: Int, node: PlanTree)] = [(path, depth, self)]
        while let top = stack.popLast() {
            out.append(top)
            for (label, child) in top.node.labelledChildren.reversed() { stack.append((top.path + "/" + label, top.depth + 1, child)) }
        }
        return out
    }

    /// The indent format: two spaces a level.
    public var indentText: String {
        flattened().map { String(repeating: "  ", count: $0.depth) + $0.node.line }.joined(separator: "\n")
    }
}

extension LogicalPlan {
    /// The plan as a ``PlanTree``.
    public var planTree: PlanTree {
        var children: [PlanTree] = subqueries.map { sub in
            let inner = sub.plan.planTree
            return PlanTree(line: "Subquery:", kind: "Subquery", relations: inner.relations, children: [inner], edge: .subquery)
        }
        children += inputs.map(\.planTree)
        let line = nodeLine
        switch self {
        case .tableScan(let n):
            return PlanTree(line: line, kind: "TableScan: \(n.tableName)", properties: ["table": n.tableName],
                            predicates: n.filters.map(\.expr.description), relations: ["scan \(n.tableName)"], children: children)
        case .filter(let n):
            return PlanTree(line: line, kind: "Filter", predicates: n.predicate.conjuncts.map(\.description), children: children)
        case .extension(let n):
            return n.node.planTree(children: children) ?? PlanTree(line: line, kind: n.node.name, children: children)
        case .join(let n):
            return PlanTree(line: line, kind: String(line.prefix { $0 != ":" }),
                            predicates: n.on.map { "\($0.left) = \($0.right)" } + (n.filter?.conjuncts.map(\.description) ?? []), children: children)
        default:
            return PlanTree(line: line, kind: String(line.prefix { $0 != ":" }), children: children)
        }
    }
}
