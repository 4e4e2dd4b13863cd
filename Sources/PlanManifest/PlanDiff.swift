import PlanCore

/// What changed between two logical plans, node by node: nodes are matched by structure
/// (operator kind and the relations under them), not by line, so a filter pushed below a
/// join shows as one removed Filter, one changed scan and a moved predicate — not as a
/// reshuffled page of text. Used by `\step`/`\next`, the trace pane and
/// `manifest diff --query`.
public struct PlanDiff: Sendable, Equatable {
    public enum Mark: String, Sendable {
        case same, added, removed, changed
    }

    /// One line of the diff, in the new plan's order with removed nodes where they were.
    public struct Line: Sendable, Equatable {
        public let mark: Mark
        /// Nesting depth for display (removed wrappers take the depth of what replaced them).
        public let depth: Int
        /// The node's line (the old one for a removed node, the new one otherwise).
        public let text: String
        /// The old line of a changed node.
        public let oldText: String?
        /// Index path in the old plan (`0/1`: the root's second input), when the node is there.
        public let oldPath: String?
        /// Index path in the new plan, when the node is there.
        public let newPath: String?
    }

    /// A predicate that left one node and arrived at another.
    public struct Move: Sendable, Equatable {
        public let predicate: String
        public let from: String
        public let to: String

        public init(predicate: String, from: String, to: String) {
            self.predicate = predicate
            self.from = from
            self.to = to
        }
    }

    public let lines: [Line]
    public let moves: [Move]

    public var hasChanges: Bool { lines.contains { $0.mark != .same } }

    public func count(_ mark: Mark) -> Int { lines.count { $0.mark == mark } }

    public init(from old: LogicalPlan, to new: LogicalPlan) {
        self.init(from: old.planTree, to: new.planTree)
    }

    /// The diff of two plan trees (from any engine's plans).
    public init(from old: PlanTree, to new: PlanTree) {
        var builder = Builder()
        builder.match(Node(old, path: "0"), Node(new, path: "0"), depth: 0)
        lines = builder.lines
        moves = builder.moves()
    }

    // MARK: - Output

    /// `  ` same, `- ` removed, `+ ` added, `~ ` changed (with the old line below), then
    /// the moved predicates and a count.
    public var text: String {
        var out: [String] = []
        for line in lines {
            let pad = String(repeating: "  ", count: line.depth)
            switch line.mark {
            case .same: out.append("  " + pad + line.text)
            case .added: out.append("+ " + pad + line.text)
            case .removed: out.append("- " + pad + line.text)
            case .changed:
                out.append("~ " + pad + line.text)
                out.append("  " + pad + "  was: " + (line.oldText ?? ""))
            }
        }
        for m in moves { out.append("moved \(m.predicate): \(m.from) → \(m.to)") }
        out.append(summary)
        return out.joined(separator: "\n")
    }

    /// `plan unchanged` or `2 nodes changed, 1 removed, 0 added; 1 predicate moved`.
    public var summary: String {
        guard hasChanges else { return "plan unchanged" }
        var s = "\(counted(count(.changed), "node")) changed, \(count(.removed)) removed, \(count(.added)) added"
        if !moves.isEmpty { s += "; \(counted(moves.count, "predicate")) moved" }
        return s
    }

    public var json: JSONValue {
        .object([
            ("schema_version", .int(1)),
            ("changed", .bool(hasChanges)),
            ("nodes", .array(lines.map { line in
                var fields: [(String, JSONValue)] = [("op", .string(line.mark.rawValue)), ("depth", .int(Int64(line.depth)))]
                if let p = line.oldPath { fields.append(("old_path", .string(p))) }
                if let p = line.newPath { fields.append(("new_path", .string(p))) }
                if let o = line.oldText { fields.append(("old", .string(o))) }
                fields.append((line.mark == .changed ? "new" : "node", .string(line.text)))
                return .object(fields)
            })),
            ("moves", .array(moves.map { .object([("predicate", .string($0.predicate)), ("from", .string($0.from)), ("to", .string($0.to))]) })),
            ("summary", .string(summary)),
        ])
    }

    // MARK: - Matching

    /// A plan tree's node at its index path.
    struct Node {
        let tree: PlanTree
        let path: String

        init(_ tree: PlanTree, path: String) {
            self.tree = tree
            self.path = path
        }

        var line: String { tree.line }
        var kind: String { tree.kind }
        var leaves: Set<String> { tree.relations }
        var predicates: [String] { tree.predicates }
        var children: [Node] { tree.labelledChildren.map { Node($0.child, path: path + "/" + $0.label) } }
        /// The short name used in "moved" lines: `Filter`, `TableScan: orders`, `Inner Join`.
        var shortName: String { kind }
    }

    struct Builder {
        var lines: [Line] = []
        var removedPredicates: [(predicate: String, node: String)] = []
        var addedPredicates: [(predicate: String, node: String)] = []

        mutating func match(_ a: Node, _ b: Node, depth: Int) {
            if a.kind == b.kind {
                pair(a, b, depth: depth)
                return
            }
            if a.leaves == b.leaves {
                let aWraps = a.children.count == 1 && a.children[0].leaves == b.leaves
                let bWraps = b.children.count == 1 && b.children[0].leaves == a.leaves
                if aWraps && (a.children[0].kind == b.kind || !bWraps) {
                    // a wrapped what b is: a removed node (a filter pushed away, say).
                    removed(a, depth: depth)
                    match(a.children[0], b, depth: depth)
                } else if bWraps {
                    // b wraps what a is: an added node.
                    added(b, depth: depth)
                    match(a, b.children[0], depth: depth + 1)
                } else {
                    // The same relations under another operator (a join's type, a cross
                    // join turned inner): a changed node.
                    pair(a, b, depth: depth)
                }
                return
            }
            removedSubtree(a, depth: depth)
            addedSubtree(b, depth: depth)
        }

        mutating func pair(_ a: Node, _ b: Node, depth: Int) {
            let changed = a.line != b.line
            lines.append(Line(mark: changed ? .changed : .same, depth: depth, text: b.line, oldText: changed ? a.line : nil,
                              oldPath: a.path, newPath: b.path))
            if changed {
                let before = Set(b.predicates), after = Set(a.predicates)
                for p in a.predicates where !before.contains(p) { removedPredicates.append((p, a.shortName)) }
                for p in b.predicates where !after.contains(p) { addedPredicates.append((p, b.shortName)) }
            }
            alignChildren(a.children, b.children, depth: depth + 1)
        }

        /// Children matched by the relations under them, in the new plan's order; a
        /// child of the old plan with no partner is removed where it stood.
        mutating func alignChildren(_ a: [Node], _ b: [Node], depth: Int) {
            var used = Set<Int>()
            var partner: [Int?] = Array(repeating: nil, count: b.count)
            // Same position first when the relations agree, then any unused overlap.
            for j in b.indices where j < a.count && a[j].leaves == b[j].leaves { partner[j] = j; used.insert(j) }
            for j in b.indices where partner[j] == nil {
                if let i = a.indices.first(where: { !used.contains($0) && a[$0].leaves == b[j].leaves }) { partner[j] = i; used.insert(i) }
            }
            for j in b.indices where partner[j] == nil {
                if let i = a.indices.first(where: { !used.contains($0) && !a[$0].leaves.isDisjoint(with: b[j].leaves) }) {
                    partner[j] = i; used.insert(i)
                }
            }
            if a.count == b.count {
                for j in b.indices where partner[j] == nil && !used.contains(j) { partner[j] = j; used.insert(j) }
            }
            var nextOld = 0
            for j in b.indices {
                if let i = partner[j] {
                    while nextOld < i { if !used.contains(nextOld) { removedSubtree(a[nextOld], depth: depth) }; nextOld += 1 }
                    if nextOld == i { nextOld += 1 }
                    match(a[i], b[j], depth: depth)
                } else {
                    addedSubtree(b[j], depth: depth)
                }
            }
            while nextOld < a.count { if !used.contains(nextOld) { removedSubtree(a[nextOld], depth: depth) }; nextOld += 1 }
        }

        mutating func added(_ n: Node, depth: Int) {
            lines.append(Line(mark: .added, depth: depth, text: n.line, oldText: nil, oldPath: nil, newPath: n.path))
            for p in n.predicates { addedPredicates.append((p, n.shortName)) }
        }

        mutating func removed(_ n: Node, depth: Int) {
            lines.append(Line(mark: .removed, depth: depth, text: n.line, oldText: nil, oldPath: n.path, newPath: nil))
            for p in n.predicates { removedPredicates.append((p, n.shortName)) }
        }

        mutating func addedSubtree(_ n: Node, depth: Int) {
            added(n, depth: depth)
            for c in n.children { addedSubtree(c, depth: depth + 1) }
        }

        mutating func removedSubtree(_ n: Node, depth: Int) {
            removed(n, depth: depth)
            for c in n.children { removedSubtree(c, depth: depth + 1) }
        }

        /// Predicates removed in one place and added in another.
        func moves() -> [Move] {
            var added = addedPredicates
            var out: [Move] = []
            for r in removedPredicates {
                guard let i = added.firstIndex(where: { $0.predicate == r.predicate && $0.node != r.node }) else { continue }
                out.append(Move(predicate: r.predicate, from: r.node, to: added[i].node))
                added.remove(at: i)
            }
            return out
        }
    }
}
