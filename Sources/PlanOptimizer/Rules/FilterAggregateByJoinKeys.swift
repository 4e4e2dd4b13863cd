import PlanCore

/// An aggregate joined on one of its group keys needs only the groups whose key the other
/// side can produce. When a small, filtered single-table input of that other side
/// determines those keys, this rule filters the aggregate's input by a semi join
/// against it, so the aggregate reads only the rows of groups that can join (a
/// correlated subquery decorrelated into `GROUP BY key` is the usual case: TPC-H Q2,
/// Q17, Q20).
///
///     Inner Join: p.k = s.k                       Inner Join: p.k = s.k
///       TableScan: p  filters=[…]                   TableScan: p  filters=[…]
///       SubqueryAlias: s                  ──►       SubqueryAlias: s
///         Aggregate: groupBy=[[l.k]] …                Aggregate: groupBy=[[l.k]] …
///           TableScan: l                                LeftSemi Join: l.k = __join_keys.k
///                                                         TableScan: l
///                                                         SubqueryAlias: __join_keys
///                                                           TableScan: p  filters=[…]
///
/// The key's values are traced down the other side: through filters, projections,
/// aliases and group keys, into either input of an inner join and the left input of a
/// semi join, and across their equality conditions (`a.k = b.k` means `a.k`'s values
/// are among `b.k`'s). The smallest filtered single-table input found is used, read a
/// second time; it must look at most a fifth of the aggregate's input, or the semi join
/// would cost more than it saves. Every group it removes has a key the join drops
/// anyway (or, for an anti join, never matches), so results are unchanged; NOT IN's
/// null-aware anti join, whose answer depends on NULL keys, is left alone.
public struct FilterAggregateByJoinKeys: OptimizerRule {
    public let name = "filter_aggregate_by_join_keys"
    public var applyOrder: ApplyOrder? { .topDown }
    public var parameters: [String: String] { ["max_source_fraction": "0.2"] }
    public init() {}

    /// The alias the key input is read under, which also marks an aggregate input already filtered.
    static let alias = "__join_keys"

    public func rewrite(_ plan: LogicalPlan, context: OptimizerContext) throws(PlanError) -> Transformed<LogicalPlan> {
        guard case .join(let join) = plan, !join.nullAware else { return .no(plan) }
        // The aggregate may sit on the right of any join that drops its unmatched rows,
        // and on the left of an inner join.
        switch join.joinType {
        case .inner, .left, .leftSemi, .leftAnti: break
        case .right, .full: return .no(plan)
        }
        for key in join.on {
            guard case .column(let leftKey) = key.left.unaliased, case .column(let rightKey) = key.right.unaliased else { continue }
            if let right = try filtered(join.right, key: rightKey, keysFrom: join.left, column: leftKey) {
                return .yes(.join(try Join(left: join.left, right: right, joinType: join.joinType, on: join.on,
                                           filter: join.filter, nullAware: join.nullAware)))
            }
            if join.joinType == .inner,
               let left = try filtered(join.left, key: leftKey, keysFrom: join.right, column: rightKey) {
                return .yes(.join(try Join(left: left, right: join.right, joinType: join.joinType, on: join.on,
                                           filter: join.filter, nullAware: join.nullAware)))
            }
        }
        return .no(plan)
    }

    /// `side` with the aggregate that produces `key` reading only rows whose key is among
    /// `column`'s values in `other`; nil when `key` is not a group key reached through
    /// aliases, projections and filters, or no input is worth it.
    private func filtered(_ side: LogicalPlan, key: Column, keysFrom other: LogicalPlan, column: Column) throws(PlanError) -> LogicalPlan? {
        switch side {
        case .subqueryAlias(let a):
            guard let i = a.schema.index(of: key),
                  let input = try filtered(a.input, key: a.input.schema.fields[i].column, keysFrom: other, column: column) else { return nil }
            return .subqueryAlias(SubqueryAlias(a.alias, input: input))
        case .projection(let p):
            guard let i = p.schema.index(of: key), case .column(let inner) = p.exprs[i].unaliased,
                  let input = try filtered(p.input, key: inner, keysFrom: other, column: column) else { return nil }
            return .projection(try Projection(p.exprs, input: input))
        case .filter(let f):
            guard let input = try filtered(f.input, key: key, keysFrom: other, column: column) else { return nil }
            return .filter(try Filter(f.predicate, input: input))
        case .aggregate(let a):
            guard let i = a.schema.index(of: key), i < a.groupBy.count,
                  case .column(let grouped) = a.groupBy[i].unaliased,
                  !Self.alreadyFiltered(a.input, on: grouped) else { return nil }
            var sources: [(plan: LogicalPlan, column: Column)] = []
            Self.keySources(other, column, into: &sources)
            let inputRows = a.input.estimatedRows
            guard let source = sources
                    .filter({ CostBasedJoinOrder.selectivity($0.plan) < 1 && $0.plan.estimatedRows * 5 <= inputRows })
                    .min(by: { $0.plan.estimatedRows < $1.plan.estimatedRows }),
                  let field = source.plan.schema.field(for: source.column) else { return nil }
            let keys = LogicalPlan.subqueryAlias(SubqueryAlias(Self.alias, input: source.plan))
            let semi = try Join(left: a.input, right: keys, joinType: .leftSemi,
                                on: [JoinKey(.column(grouped), .column(Column(relation: Self.alias, name: field.name)))])
            return .aggregate(try Aggregate(groupBy: a.groupBy, aggregates: a.aggregates, input: .join(semi)))
        default:
            return nil
        }
    }

    /// Whether a semi join this rule made already filters `plan` on `column` (it may have
    /// moved down since, into an inner join's input).
    static func alreadyFiltered(_ plan: LogicalPlan, on column: Column) -> Bool {
        switch plan {
        case .join(let j):
            if j.joinType == .leftSemi, case .subqueryAlias(let a) = j.right, a.alias == alias,
               j.on.contains(where: { $0.left == .column(column) }) { return true }
            return alreadyFiltered(j.left, on: column) || (j.joinType == .inner && alreadyFiltered(j.right, on: column))
        case .filter, .projection, .subqueryAlias:
            return plan.inputs.contains { alreadyFiltered($0, on: column) }
        default:
            return false
        }
    }

    /// Single-table inputs of `plan` (a scan under filters, projections and aliases) whose
    /// `column` values include every value `column` takes in `plan`'s output.
    static func keySources(_ plan: LogicalPlan, _ column: Column, into sources: inout [(plan: LogicalPlan, column: Column)]) {
        if isSingleTable(plan) {
            if plan.schema.index(of: column) != nil { sources.append((plan, column)) }
            return
        }
        switch plan {
        case .subqueryAlias(let a):
            guard let i = a.schema.index(of: column) else { return }
            keySources(a.input, a.input.schema.fields[i].column, into: &sources)
        case .projection(let p):
            guard let i = p.schema.index(of: column), case .column(let inner) = p.exprs[i].unaliased else { return }
            keySources(p.input, inner, into: &sources)
        case .filter(let f):
            keySources(f.input, column, into: &sources)
        case .aggregate(let a):
            guard let i = a.schema.index(of: column), i < a.groupBy.count,
                  case .column(let inner) = a.groupBy[i].unaliased else { return }
            keySources(a.input, inner, into: &sources)
        case .join(let j):
            let onLeft = j.left.schema.index(of: column) != nil
            switch j.joinType {
            case .inner:
                keySources(onLeft ? j.left : j.right, column, into: &sources)
            case .leftSemi, .left:
                guard onLeft else { return }
                keySources(j.left, column, into: &sources)
            case .right:
                guard !onLeft else { return }
                keySources(j.right, column, into: &sources)
            case .full, .leftAnti:
                if j.joinType == .leftAnti, onLeft { keySources(j.left, column, into: &sources) }
                return
            }
            // Across equalities: a row that matched has the other side's value too (not
            // for outer joins, whose unmatched rows keep theirs).
            guard j.joinType == .inner || j.joinType == .leftSemi else { return }
            for key in j.on {
                guard case .column(let l) = key.left.unaliased, case .column(let r) = key.right.unaliased else { continue }
                if onLeft, l == column { keySources(j.right, r, into: &sources) }
                if !onLeft, r == column { keySources(j.left, l, into: &sources) }
            }
        default:
            return
        }
    }

    /// A scan under any number of filters, projections and aliases, none with a subquery.
    static func isSingleTable(_ plan: LogicalPlan) -> Bool {
        switch plan {
        case .tableScan: return true
        case .filter(let f): return !f.predicate.containsSubquery && isSingleTable(f.input)
        case .projection(let p): return !p.exprs.contains(where: \.containsSubquery) && isSingleTable(p.input)
        case .subqueryAlias(let a): return isSingleTable(a.input)
        default: return false
        }
    }
}
