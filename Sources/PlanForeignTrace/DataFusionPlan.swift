import Foundation
import PlanCore

/// One DataFusion plan (its indent format, logical or physical) as a ``PlanCore/PlanTree``.
/// A node's kind is the operator before `:` (`Projection`, `Inner Join`, `HashJoinExec`);
/// a scan's kind and relation name its table (`TableScan: orders`; a `DataSourceExec` the
/// file its `file_groups` read, `lineitem.csv` → `lineitem`), so nodes match across steps
/// as planscope's own do. Predicates: a `Filter`'s conjuncts, a join's `on` pairs and
/// filter, a scan's `partial_filters`/`full_filters`, a `FilterExec`'s conjuncts.
enum DataFusionPlan {
    /// The plan in `text` (two spaces a level), whose first line is line `firstLine` of the file.
    static func tree(_ text: String, firstLine: Int) throws(ForeignTraceError) -> PlanTree {
        var lines: [IndentedTree.Line] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let spaces = raw.prefix { $0 == " " }.count
            let body = raw.dropFirst(spaces)
            if body.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
            guard spaces % 2 == 0 else {
                throw ForeignTraceError(line: firstLine + i, "plan line indented by \(spaces) spaces (DataFusion indents by 2)")
            }
            let end = body.lastIndex { $0 != " " && $0 != "\r" }.map(body.index(after:)) ?? body.startIndex
            lines.append(IndentedTree.Line(depth: spaces / 2, text: String(body[..<end]), source: firstLine + i))
        }
        return try IndentedTree.build(lines, node: node)
    }

    static func node(_ line: String, _ children: [PlanTree]) -> PlanTree {
        let colon = line.firstIndex(of: ":")
        let op = String(line[..<(colon ?? line.endIndex)])
        let rest = colon.map { line[line.index(after: $0)...].drop { $0 == " " } } ?? ""
        switch op {
        case "TableScan":
            let table = String(rest.prefix { $0 != " " && $0 != "," })
            let filters = ["partial_filters=", "full_filters=", "filters="].flatMap { key in
                PlanText.bracketed(after: key, in: rest).map { PlanText.split($0, at: ", ") } ?? []
            }
            return PlanTree(line: line, kind: "TableScan: \(table)", properties: ["table": table], predicates: filters,
                            relations: ["scan \(table)"], children: children)
        case "Filter":
            return PlanTree(line: line, kind: op, predicates: PlanText.split(rest, at: " AND "), children: children)
        case "FilterExec":
            let predicate = rest.range(of: ", projection=[").map { rest[..<$0.lowerBound] } ?? rest
            return PlanTree(line: line, kind: op, predicates: PlanText.split(predicate, at: " AND "), children: children)
        case "DataSourceExec":
            guard let groups = PlanText.bracketed(after: "file_groups=", in: rest),
                  let file = groups.split(whereSeparator: { "[], ".contains($0) }).last(where: { $0.contains(".") }) else { break }
            let table = String(file.split(separator: "/").last?.split(separator: ".").first ?? file)
            return PlanTree(line: line, kind: "DataSourceExec: \(table)", properties: ["table": table], relations: ["scan \(table)"],
                            children: children)
        default:
            if op.hasSuffix(" Join") {
                let marker = rest.hasPrefix("Filter: ") ? rest.range(of: "Filter: ") : rest.range(of: " Filter: ")
                let on = marker.map { rest[..<$0.lowerBound] } ?? rest
                let filter = marker.map { rest[$0.upperBound...] }
                return PlanTree(line: line, kind: op, predicates: PlanText.split(on, at: ", ") + (filter.map { PlanText.split($0, at: " AND ") } ?? []),
                                children: children)
            }
        }
        return PlanTree(line: line, kind: op, children: children)
    }
}
