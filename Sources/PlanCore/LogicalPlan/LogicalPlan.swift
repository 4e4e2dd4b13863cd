/// A logical plan: an immutable value tree, one struct per node kind.
///
/// Each node validates itself and computes its output schema in its throwing `init`, so
/// a `LogicalPlan` value is always well formed. Unchanged subtrees are shared between
/// copies, which makes keeping every optimizer step cheap.
public indirect enum LogicalPlan: Hashable, Sendable {
    case tableScan(TableScan)
    case projection(Projection)
    case filter(Filter)
    case aggregate(Aggregate)
    case window(Window)
    case join(Join)
    case crossJoin(CrossJoin)
    case sort(Sort)
    case limit(Limit)
    case setOperation(SetOperation)
    case distinct(Distinct)
    case subqueryAlias(SubqueryAlias)
    case values(Values)
    case emptyRelation(EmptyRelation)
    case dml(DMLStatement)
    case ddl(DDLStatement)
    case statement(SessionStatement)
    case explain(Explain)
    /// A node kind defined outside PlanCore (relation planners' nodes).
    case `extension`(Extension)

    /// The rows' shape this node produces.
    public var schema: Schema {
        switch self {
        case .tableScan(let n): n.schema
        case .projection(let n): n.schema
        case .filter(let n): n.input.schema
        case .aggregate(let n): n.schema
        case .window(let n): n.schema
        case .join(let n): n.schema
        case .crossJoin(let n): n.schema
        case .sort(let n): n.input.schema
        case .limit(let n): n.input.schema
        case .setOperation(let n): n.schema
        case .distinct(let n): n.input.schema
        case .subqueryAlias(let n): n.schema
        case .values(let n): n.schema
        case .emptyRelation(let n): n.schema
        case .dml(let n): n.schema
        case .ddl: .empty
        case .statement: .empty
        case .explain(let n): n.schema
        case .extension(let n): n.node.schema
        }
    }

    /// Hashes the tree's shape — each node's kind, and a scan's table, in preorder — not
    /// its contents. A plan is hashed for every `Set` or `Dictionary` it keys (the
    /// optimizer's fixpoint check and join-order memo, the physical planner's shared
    /// subplans, an expression holding a subquery), and hashing every expression and every
    /// schema's names was half of planning TPC-H Q2. Equal plans have equal shapes, so equal
    /// hashes; equality tells plans of one shape apart.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(kindNumber)
        if case .tableScan(let n) = self { hasher.combine(n.tableName) }
        for input in inputs { input.hash(into: &hasher) }
    }

    /// The node's case, as a number (for ``hash(into:)``).
    private var kindNumber: Int {
        switch self {
        case .tableScan: 0
        case .projection: 1
        case .filter: 2
        case .aggregate: 3
        case .window: 4
        case .join: 5
        case .crossJoin: 6
        case .sort: 7
        case .limit: 8
        case .setOperation: 9
        case .distinct: 10
        case .subqueryAlias: 11
        case .values: 12
        case .emptyRelation: 13
        case .dml: 14
        case .ddl: 15
        case .statement: 16
        case .explain: 17
        case .extension: 18
        }
    }

    /// The node's inputs, left to right (not counting subqueries inside expressions).
    public var inputs: [LogicalPlan] {
        switch self {
        case .tableScan, .values, .emptyRelation, .statement: []
        case .projection(let n): [n.input]
        case .filter(let n): [n.input]
        case .aggregate(let n): [n.input]
        case .window(let n): [n.input]
        case .join(let n): [n.left, n.right]
        case .crossJoin(let n): [n.left, n.right]
        case .sort(let n): [n.input]
        case .limit(let n): [n.input]
        case .setOperation(let n): [n.left, n.right]
        case .distinct(let n): [n.input]
        case .subqueryAlias(let n): [n.input]
        case .dml(let n): n.input.map { [$0] } ?? []
        case .ddl(let n): n.input.map { [$0] } ?? []
        case .explain(let n): [n.plan]
        case .extension(let n): n.node.inputs
        }
    }

    /// The expressions this node evaluates, in display order.
    public var expressions: [Expr] {
        switch self {
        case .tableScan(let n): n.filters.map(\.expr)
        case .projection(let n): n.exprs
        case .filter(let n): [n.predicate]
        case .aggregate(let n): n.groupBy + n.aggregates
        case .window(let n): n.windowExprs
        case .join(let n): n.on.flatMap { [$0.left, $0.right] } + (n.filter.map { [$0] } ?? [])
        case .sort(let n): n.exprs.map(\.expr)
        case .values(let n): n.rows.flatMap { $0 }
        case .dml(let n): n.expressions
        case .extension(let n): n.node.expressions
        default: []
        }
    }
}
