import PlanCore
import PlanExec
import PlanSQL

/// `interval_align(left, right [, join => 'inner'|'left'] [, match => 'overlaps'|'contains']
/// [, left_columns => 'a,b'] [, right_columns => 'c,d'] [, suffix => '_right'])`: rows of
/// two tables with span columns `path`, `bstart`, `bend` aligned where the spans, on the
/// same path, overlap (`match => 'overlaps'`, the default) or the left one contains the
/// right one (`match => 'contains'`).
///
/// The first relation planner. Its relations are bound by the caller's binder and its
/// plan runs through `execute`, which the caller's session provides: no private session.
public struct IntervalAlignPlanner: RelationPlanner {
    public let name = "interval_align"
    public let summary = "align rows of two tables whose (path, bstart, bend) spans overlap or contain one another"
    let execute: @Sendable (LogicalPlan) throws -> [RecordBatch]

    public init(execute: @escaping @Sendable (LogicalPlan) throws -> [RecordBatch]) {
        self.execute = execute
    }

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
            for name in spec.split(separator: ",").map({ String($0).trimmingSpaces().lowercased() }) {
                guard let f = plan.schema.fields.first(where: { $0.name == name }) else {
                    throw PlanError(.unknownName, "interval_align \(key): no column '\(name)' in \(key == "left_columns" ? leftName : rightName)")
                }
                out.append(f)
            }
            return out
        }
        let table = try IntervalAlignTable(left: left, right: right, leftName: leftName, rightName: rightName,
                                           leftJoin: join == "left", contains: match == "contains",
                                           leftColumns: try columns("left_columns", left), rightColumns: try columns("right_columns", right),
                                           suffix: try text("suffix", "_right"), execute: execute)
        return .tableScan(try TableScan(tableName: alias, sourceSchema: table.schema, source: table))
    }
}
