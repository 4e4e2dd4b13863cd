import PlanCore

/// An argument of a custom FROM item, bound: a relation (a table, view or CTE named by
/// the argument) or a constant value.
public enum RelationArgument: Sendable {
    case relation(name: String, plan: LogicalPlan)
    case value(ScalarValue)
}

/// The extension point the SQL planner consults for custom FROM items
/// (`FROM interval_align(reads, genes, match => 'overlaps')`). A planner gets its
/// arguments already bound by the caller's binder (so relations come from the caller's
/// catalog) and returns the relation's logical plan.
public protocol RelationPlanner: Sendable {
    /// The name used in FROM (lower case).
    var name: String { get }
    /// Its version, as manifests state it.
    var version: String { get }
    /// One line for `\df`-style listings.
    var summary: String { get }
    /// Several lines for `\help NAME`: syntax, arguments, pushdown, an example.
    var documentation: String { get }
    /// Plans the relation. `positional` and `named` hold the bound arguments; `alias` is
    /// the relation's name in the query.
    func plan(positional: [RelationArgument], named: [String: RelationArgument], alias: String) throws(PlanError) -> LogicalPlan
    /// Whether the relation is one value a row (a function returning a scalar, as
    /// `generate_series`): then `FROM f(…) AS g` names its column `g`, as PostgreSQL does.
    var returnsScalar: Bool { get }
}

extension RelationPlanner {
    public var returnsScalar: Bool { false }
    public var documentation: String { summary }
    public var version: String { "1" }
}
