import PlanCore
import PlanExec
import PlanSQL

/// `interval_align(left, right [, join => 'inner'|'left'] [, match => 'overlaps'|'contains']
/// [, left_columns => 'a,b'] [, right_columns => 'c,d'] [, suffix => '_right'])`: rows of
/// two tables with span columns `path`, `bstart`, `bend` aligned where the spans, on the
/// same path, overlap (`match => 'overlaps'`, the default) or the left one contains the
/// right one (`match => 'contains'`).
///
/// The first relation planner. Its relations are bound by the caller's binder and it
/// returns an ``IntervalAlignNode`` over them, which runs in the caller's plan.
public struct IntervalAlignPlanner: RelationPlanner {
    public let name = "interval_align"
    public let summary = "align rows of two tables whose (path, bstart, bend) spans overlap or contain one another"

    public init() {}

    public let documentation = """
        interval_align(left, right [, join => 'inner'|'left'] [, match => 'overlaps'|'contains']
                       [, left_columns => 'a,b'] [, right_columns => 'c,d'] [, suffix => '_right']) [AS alias]

        Rows of two relations (tables, views or CTEs) that each have span columns path,
        bstart, bend, paired where the spans lie on the same path and overlap
        (bstart < other.bend AND other.bstart < bend; the default) or where the left span
        contains the right one (match => 'contains'). join => 'left' keeps left rows
        without a partner, padded with NULLs. The output has the left columns, then the
        right ones; a right column whose name is taken gets the suffix (default _right).
        left_columns / right_columns choose columns ('*' = all).

        Pushdown: a filter on left columns only is Exact (moved into the left input and
        dropped above); on right columns only Inexact (moved into the right input, kept
        above, which keeps LEFT semantics); on both sides Unsupported. EXPLAIN shows the
        IntervalAlign node with left_filters, right_filters and unsupported_filters.

        Example:
          SELECT read_id, gene FROM interval_align(reads, genes, join => 'left') AS a
          WHERE quality > 30 AND gene = 'g07';
        """

    static let options: Set<String> = ["join", "match", "left_columns", "right_columns", "suffix"]

    public func plan(positional: [RelationArgument], named: [String: RelationArgument], alias: String) throws(PlanError) -> LogicalPlan {
        guard positional.count == 2, case .relation(let leftName, let left) = positional[0],
              case .relation(let rightName, let right) = positional[1] else {
            throw PlanError(.arity, "interval_align takes two relations (left, right) and named options")
        }
        for key in named.keys where !Self.options.contains(key) {
            throw PlanError(.unsupported, "interval_align has no option '\(key)' (options: \(Self.options.sorted().joined(separator: ", ")))")
        }
        func text(_ key: String, _ fallback: String) throws(PlanError) -> String {
            guard let arg = named[key] else { return fallback }
            guard case .value(.string(let s)) = arg else { throw PlanError(.typeMismatch, "interval_align option '\(key)' must be a string") }
            return s
        }
        let join = try text("join", "inner").lowercased()
        guard join == "inner" || join == "left" else { throw PlanError(.invalidPlan, "interval_align join must be 'inner' or 'left', got '\(join)'") }
        let match = try text("match", "overlaps").lowercased()
        guard match == "overlaps" || match == "contains" else {
            throw PlanError(.invalidPlan, "interval_align match must be 'overlaps' or 'contains', got '\(match)'")
        }
        func columns(_ key: String, _ plan: LogicalPlan) throws(PlanError) -> [Field] {
            let spec = try text(key, "*")
            if spec == "*" { return plan.schema.fields }
            var out: [Field] = []
            for name in spec.split(separator: ",").map({ String($0).trimmingSpaces() }) {
                // Names as unquoted identifiers: any case.
                guard case .found(let i) = plan.schema.lookup(NameReference(name, exact: false), relation: nil) else {
                    throw PlanError(.unknownName, "interval_align \(key): no column '\(name)' in \(key == "left_columns" ? leftName : rightName)")
                }
                out.append(plan.schema.fields[i])
            }
            return out
        }
        for (plan, name) in [(left, leftName), (right, rightName)] {
            for column in ["path", "bstart", "bend"] where !plan.schema.fields.contains(where: { $0.name == column }) {
                throw PlanError(.unknownName, "interval_align needs a '\(column)' column in \(name)")
            }
        }
        if !left.schema.qualifiedNames.isDisjoint(with: right.schema.qualifiedNames) {
            throw PlanError(.ambiguousName, "interval_align: \(leftName) and \(rightName) share column names; alias one of them")
        }
        let suffix = try text("suffix", "_right")
        var outputs: [IntervalAlignNode.Output] = []
        var names = Set<String>()
        for f in try columns("left_columns", left) {
            names.insert(f.name)
            outputs.append(.init(field: Field(qualifier: alias, name: f.name, dataType: f.dataType, nullable: f.nullable),
                                 source: f.column, fromLeft: true))
        }
        for f in try columns("right_columns", right) {
            var name = f.name
            if names.contains(name) { name += suffix }
            if names.contains(name) { throw PlanError(.ambiguousName, "interval_align: column '\(name)' would appear twice; choose another suffix") }
            names.insert(name)
            outputs.append(.init(field: Field(qualifier: alias, name: name, dataType: f.dataType, nullable: true),
                                 source: f.column, fromLeft: false))
        }
        return .extension(Extension(IntervalAlignNode(left: left, right: right, leftJoin: join == "left",
                                                      contains: match == "contains", outputs: outputs)))
    }
}
