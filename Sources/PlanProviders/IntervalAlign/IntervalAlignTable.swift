import PlanCore
import PlanExec

/// The relation `interval_align` plans: a join of two relations on `path` equality and
/// span overlap/containment, offered to the planner as a table so filters can be
/// classified per side:
/// - filters on left-side columns only are Exact (applied to the left input);
/// - filters on right-side columns only are Inexact (they prune the right input; the
///   Filter above stays, which also keeps LEFT-mode semantics right);
/// - mixed or other filters are Unsupported.
public final class IntervalAlignTable: TableProvider, @unchecked Sendable {
    public let schema: Schema
    public var kind: String { "interval_align" }
    let left: LogicalPlan
    let right: LogicalPlan
    let leftJoin: Bool
    let contains: Bool
    /// Output column name → the input column it reads, and which side.
    let origin: [String: (Expr, isLeft: Bool)]
    let outputs: [Expr]
    let execute: @Sendable (LogicalPlan) throws -> [RecordBatch]

    init(left: LogicalPlan, right: LogicalPlan, leftName: String, rightName: String, leftJoin: Bool, contains: Bool,
         leftColumns: [Field], rightColumns: [Field], suffix: String,
         execute: @escaping @Sendable (LogicalPlan) throws -> [RecordBatch]) throws(PlanError) {
        for (plan, name) in [(left, leftName), (right, rightName)] {
            for column in ["path", "bstart", "bend"] where !plan.schema.fields.contains(where: { $0.name == column }) {
                throw PlanError(.unknownName, "interval_align needs a '\(column)' column in \(name)")
            }
        }
        if !left.schema.qualifiedNames.isDisjoint(with: right.schema.qualifiedNames) {
            throw PlanError(.ambiguousName, "interval_align: \(leftName) and \(rightName) share column names; alias one of them")
        }
        self.left = left
        self.right = right
        self.leftJoin = leftJoin
        self.contains = contains
        self.execute = execute
        var origin: [String: (Expr, Bool)] = [:]
        var outputs: [Expr] = []
        var fields: [Field] = []
        for f in leftColumns {
            origin[f.name] = (.column(f.column), true)
            outputs.append(Expr.column(f.column).alias(f.name))
            fields.append(Field(name: f.name, dataType: f.dataType, nullable: f.nullable))
        }
        for f in rightColumns {
            var name = f.name
            if origin[name] != nil { name += suffix }
            if origin[name] != nil { throw PlanError(.ambiguousName, "interval_align: column '\(name)' would appear twice; choose another suffix") }
            origin[name] = (.column(f.column), false)
            outputs.append(Expr.column(f.column).alias(name))
            fields.append(Field(name: name, dataType: f.dataType, nullable: true))
        }
        self.origin = origin
        self.outputs = outputs
        schema = Schema(fields)
    }

    /// Which side a filter reads: true = left only, false = right only, nil = neither/both.
    func side(_ f: Expr) -> Bool? {
        let cols = f.columnRefs
        guard !cols.isEmpty, !f.containsSubquery else { return nil }
        let sides = Set(cols.compactMap { origin[$0.name]?.isLeft })
        guard sides.count == 1, cols.allSatisfy({ origin[$0.name] != nil }) else { return nil }
        return sides.first
    }

    public func supportsFiltersPushdown(_ filters: [Expr]) -> [FilterPushdown] {
        filters.map { f in
            switch side(f) {
            case true?: .exact
            case false?: .inexact
            case nil: .unsupported
            }
        }
    }

    /// The aligned plan with filters applied to their side's input.
    func plan(filters: [Expr]) throws(PlanError) -> LogicalPlan {
        var map: [Column: Expr] = [:]
        for (name, (e, _)) in origin { map[Column(name: name)] = e }
        func rewritten(_ f: Expr) -> Expr {
            (try? f.transformUp { (x: Expr) throws(PlanError) -> Transformed<Expr> in
                if case .column(let c) = x, let r = map[Column(name: c.name)] { return .yes(r) }
                return .no(x)
            }.value) ?? f
        }
        var l = left, r = right
        if let p = Expr.conjunction(filters.filter { side($0) == true }.map(rewritten)) { l = .filter(try Filter(p, input: l)) }
        if let p = Expr.conjunction(filters.filter { side($0) == false }.map(rewritten)) { r = .filter(try Filter(p, input: r)) }
        func col(_ plan: LogicalPlan, _ name: String) -> Expr {
            .column(plan.schema.fields.first { $0.name == name }?.column ?? Column(name: name))
        }
        let span: Expr = contains
            ? Expr.binary(col(l, "bstart"), .ltEq, col(r, "bstart")).and(.binary(col(r, "bend"), .ltEq, col(l, "bend")))
            : Expr.binary(col(l, "bstart"), .lt, col(r, "bend")).and(.binary(col(r, "bstart"), .lt, col(l, "bend")))
        let join = try Join(left: l, right: r, joinType: leftJoin ? .left : .inner,
                            on: [JoinKey(col(l, "path"), col(r, "path"))], filter: span)
        return .projection(try Projection(outputs, input: .join(join)))
    }

    public func scan(projection: [Int]?, filters: [Expr], limit: Int?) throws -> any BatchStream {
        let batches = try execute(try plan(filters: filters))
        let outSchema = schema.projected(projection)
        var budget = RowBudget(limit: limit)
        return MemoryStream(batches.compactMap { budget.take($0.projected(projection, schema: outSchema)) })
    }
}
