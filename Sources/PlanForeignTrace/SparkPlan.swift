import Foundation
import PlanCore

/// One Spark plan as `treeString` prints it (`+- ` before a node, `:  ` or three spaces
/// per level above it) as a ``PlanCore/PlanTree``. A node's kind is its operator — the
/// first word, without an unresolved node's `'` or a whole-stage-codegen `*(1) ` — with a
/// join's type (`Join Inner`); leaves that read a table (`Relation`, `UnresolvedRelation`,
/// `FileScan`, `LocalRelation` under an alias) name it, as `scan lineitem`, so nodes
/// match across rules. Predicates: a `Filter`'s conjuncts, a join's condition, a scan's
/// `PushedFilters`. A subquery in a node's expressions (printed two levels below it, before
/// its inputs) is a `.subquery` child.
enum SparkPlan {
    /// The plan in `lines` (the first is the root), the first of them line `firstLine` of the file.
    static func tree(_ lines: [Substring], firstLine: Int) throws(ForeignTraceError) -> PlanTree {
        var parsed: [IndentedTree.Line] = []
        // A subquery of a node's expressions is printed two levels below the node (Spark's
        // inner children): the raw depths where such regions start, each shifting the
        // lines under it up one level.
        var regions: [Int] = []
        var previous = -1
        for (i, line) in lines.enumerated() {
            let (raw, text) = try split(line, at: firstLine + i)
            while let last = regions.last, raw < last { regions.removeLast() }
            var depth = raw - regions.count, edge = PlanTree.Edge.input
            if depth == previous + 2 {
                regions.append(raw)
                depth -= 1
                edge = .subquery
            }
            previous = depth
            parsed.append(IndentedTree.Line(depth: depth, text: text, source: firstLine + i, edge: edge))
        }
        return try IndentedTree.build(parsed, node: node)
    }

    /// A tree line's depth and text: each `:  ` or `   ` group before `+- `/`:- ` is a level.
    static func split(_ line: Substring, at source: Int) throws(ForeignTraceError) -> (Int, String) {
        let chars = Array(line)
        var i = 0, depth = 0
        while i + 3 <= chars.count {
            let group = String(chars[i..<(i + 3)])
            if group == "+- " || group == ":- " { return (depth + 1, String(chars[(i + 3)...]).trimmingSpaces()) }
            guard group == ":  " || group == "   " else { break }
            depth += 1
            i += 3
        }
        guard i == 0 else { throw ForeignTraceError(line: source, "a plan line whose tree prefix does not end in '+- ': '\(line)'") }
        return (0, String(line).trimmingSpaces())
    }

    static func node(_ line: String, _ children: [PlanTree]) -> PlanTree {
        var body = Substring(line)
        if body.hasPrefix("*("), let close = body.firstIndex(of: ")") { body = body[body.index(after: close)...].drop { $0 == " " } }
        if body.hasPrefix("'") { body = body.dropFirst() }
        let op = String(body.prefix { $0 != " " && $0 != "[" && $0 != "(" })
        let rest = body.dropFirst(op.count).drop { $0 == " " }
        var kind = op
        var predicates: [String] = []
        switch op {
        case "Filter":
            predicates = conjuncts(String(rest))
        case "Join", "BroadcastHashJoin", "SortMergeJoin", "ShuffledHashJoin", "BroadcastNestedLoopJoin", "CartesianProduct":
            let parts = PlanText.split(rest, at: ", ")
            if op == "Join", let type = parts.first { kind += " " + type }
            if op == "Join", parts.count > 1 {
                predicates = conjuncts(parts[1])
            }
        default:
            break
        }
        if let pushed = PlanText.bracketed(after: "PushedFilters: ", in: rest) { predicates += PlanText.split(pushed, at: ", ") }
        if children.isEmpty, let table = table(in: body) {
            return PlanTree(line: line, kind: "\(kind): \(table)", properties: ["table": table], predicates: predicates,
                            relations: ["scan \(table)"], children: children)
        }
        return PlanTree(line: line, kind: kind, predicates: predicates, children: children)
    }

    /// A condition's conjuncts, each without the parentheses Spark puts around it.
    static func conjuncts(_ condition: String) -> [String] {
        PlanText.split(Substring(PlanText.unwrapped(condition)), at: " AND ").map(PlanText.unwrapped)
    }

    /// The table a leaf reads: `spark_catalog.default.lineitem[…]` → `lineitem`,
    /// `UnresolvedRelation [lineitem]` → `lineitem`.
    static func table(in text: Substring) -> String? {
        if text.hasPrefix("UnresolvedRelation"), let names = PlanText.bracketed(after: "UnresolvedRelation ", in: text) {
            return names.split(separator: ",").last.map { String($0).trimmingSpaces() }
        }
        for word in text.split(separator: " ") {
            let name = word.prefix { $0 != "[" && $0 != "," }
            let parts = name.split(separator: ".")
            if parts.count >= 2, parts.first == "spark_catalog" || name.hasPrefix("default."), let last = parts.last { return String(last) }
        }
        return nil
    }
}
