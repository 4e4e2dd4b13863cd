import PlanCore
import PlanExec

/// The plan node `interval_align(…)` produces: rows of `left` and `right` on the same
/// `path` whose `[bstart, bend)` spans overlap (or where the left span contains the right
/// one), inner or left-outer.
///
///     IntervalAlign: join=left match=contains left=[r.path, …] right=[g.name, …]
///       <left input>
///       <right input>
///
/// Filters offered from above are classified per side:
/// - on left-side columns only: Exact (moved into the left input and dropped above);
/// - on right-side columns only: Inexact (moved into the right input; the Filter above
///   stays, which also keeps LEFT-mode semantics right);
/// - mixed or other: Unsupported (they stay above).
public struct IntervalAlignNode: ExecutableLogicalNode, Hashable {
    public let left: LogicalPlan
    public let right: LogicalPlan
    public let leftJoin: Bool
    public let contains: Bool
    /// Output fields, each reading one input column (`fromLeft` says which input).
    public struct Output: Hashable, Sendable {
        public let field: Field
        public let source: Column
        public let fromLeft: Bool
    }
    public let outputs: [Output]
    /// Filters offered from above with their classes, in the order offered.
    public let offered: [ScanFilter]
    public let schema: Schema

    init(left: LogicalPlan, right: LogicalPlan, leftJoin: Bool, contains: Bool, outputs: [Output], offered: [ScanFilter] = []) {
        self.left = left
        self.right = right
        self.leftJoin = leftJoin
        self.contains = contains
        self.outputs = outputs
        self.offered = offered
        schema = Schema(outputs.map(\.field))
    }

    public var name: String { "IntervalAlign" }
    public var inputs: [LogicalPlan] { [left, right] }
    public var expressions: [Expr] { offered.map(\.expr) }
    public var offeredFilters: [ScanFilter] { offered }

    public var detail: String {
        var s = "join=\(leftJoin ? "left" : "inner") match=\(contains ? "contains" : "overlaps") on=[path]"
        func list(_ p: FilterPushdown) -> String { offered.filter { $0.pushdown == p }.map(\.expr.description).joined(separator: ", ") }
        for (label, p) in [("left_filters", FilterPushdown.exact), ("right_filters", .inexact), ("unsupported_filters", .unsupported)] {
            let l = list(p)
            if !l.isEmpty { s += " \(label)=[\(l)]" }
        }
        return s
    }

    public func withInputs(_ inputs: [LogicalPlan]) throws(PlanError) -> any UserDefinedLogicalNode {
        guard inputs.count == 2 else { throw PlanError(.invalidPlan, "IntervalAlign rebuilt with \(inputs.count) inputs, expected 2") }
        for o in outputs {
            let input = o.fromLeft ? inputs[0] : inputs[1]
            guard input.schema.index(of: o.source) != nil else {
                throw PlanError(.invalidPlan, "IntervalAlign input lost column \(o.source)")
            }
        }
        return IntervalAlignNode(left: inputs[0], right: inputs[1], leftJoin: leftJoin, contains: contains, outputs: outputs, offered: offered)
    }

    /// Which side a filter reads: true = left only, false = right only, nil = both/none.
    func side(_ f: Expr) -> Bool? {
        let cols = f.columnRefs
        guard !cols.isEmpty, !f.containsSubquery else { return nil }
        var sides = Set<Bool>()
        for c in cols {
            guard let i = schema.index(of: c) else { return nil }
            sides.insert(outputs[i].fromLeft)
        }
        return sides.count == 1 ? sides.first : nil
    }

    public func offer(_ filter: Expr) -> FilterOffer? {
        guard !offered.contains(where: { $0.expr == filter }) else { return nil }
        let pushdown: FilterPushdown
        var rewritten: Expr?
        switch side(filter) {
        case true?: pushdown = .exact
        case false?: pushdown = .inexact
        case nil: pushdown = .unsupported
        }
        if pushdown != .unsupported {
            var map: [Column: Expr] = [:]
            for (f, o) in zip(schema.fields, outputs) { map[f.column] = .column(o.source) }
            rewritten = filter.replacingColumns(map)
        }
        let node = IntervalAlignNode(left: left, right: right, leftJoin: leftJoin, contains: contains, outputs: outputs,
                                     offered: offered + [ScanFilter(filter, pushdown)])
        return FilterOffer(input: pushdown == .exact ? 0 : pushdown == .inexact ? 1 : nil, rewritten: rewritten, pushdown: pushdown, node: node)
    }

    /// A hash join on `path` with the span condition as its filter, then the outputs.
    public func lowered() throws(PlanError) -> LogicalPlan {
        func col(_ plan: LogicalPlan, _ name: String) -> Expr {
            .column(plan.schema.fields.first { $0.name == name }?.column ?? Column(name: name))
        }
        let l = left, r = right
        let span: Expr = contains
            ? Expr.binary(col(l, "bstart"), .ltEq, col(r, "bstart")).and(.binary(col(r, "bend"), .ltEq, col(l, "bend")))
            : Expr.binary(col(l, "bstart"), .lt, col(r, "bend")).and(.binary(col(r, "bstart"), .lt, col(l, "bend")))
        let join = try Join(left: l, right: r, joinType: leftJoin ? .left : .inner,
                            on: [JoinKey(col(l, "path"), col(r, "path"))], filter: span)
        return .projection(try Projection(outputs.map { Expr.column($0.source).alias($0.field.name) }, input: .join(join)))
    }

    /// Only the outputs needed above (and those the filters offered to it read); each
    /// input keeps the columns of its kept outputs and the ones the match reads (`path`,
    /// `bstart`, `bend`).
    public func narrowed(to required: Set<Column>) -> NarrowedNode? {
        let offeredColumns = Set(offered.flatMap(\.expr.columnRefs))
        var kept = outputs.filter { required.contains($0.field.column) || offeredColumns.contains($0.field.column) }
        if kept.isEmpty, let first = outputs.first { kept = [first] }  // a row still needs a column
        func columns(_ plan: LogicalPlan, fromLeft: Bool) -> Set<Column> {
            var out = Set(kept.filter { $0.fromLeft == fromLeft }.map(\.source))
            for name in ["path", "bstart", "bend"] {
                if let f = plan.schema.fields.first(where: { $0.name == name }) { out.insert(f.column) }
            }
            return out
        }
        let node = IntervalAlignNode(left: left, right: right, leftJoin: leftJoin, contains: contains, outputs: kept, offered: offered)
        return NarrowedNode(node: node, inputColumns: [columns(left, fromLeft: true), columns(right, fromLeft: false)])
    }

    /// In LEFT mode every left row gives at least one row, so a LIMIT of n needs at most n
    /// left rows; an inner match may drop any row, so nothing is bounded there.
    public func inputLimits(forRows rows: Int) -> [Int?] { leftJoin ? [rows, nil] : [nil, nil] }

    public func isEqual(to other: any UserDefinedLogicalNode) -> Bool {
        guard let o = other as? IntervalAlignNode else { return false }
        return self == o
    }
}
