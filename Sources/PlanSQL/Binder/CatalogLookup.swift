import PlanCore

/// A view as the catalog keeps it: its SQL, re-bound on every use so it always sees the
/// current tables.
public struct ViewDefinition: Sendable {
    public var name: String
    public var sql: String
    /// Column names given in `CREATE VIEW v (a, b)`; empty when the query's own are used.
    public var columns: [String]
    public init(name: String, sql: String, columns: [String] = []) {
        self.name = name
        self.sql = sql
        self.columns = columns
    }
}

/// What the binder asks the catalog. `PlanEngine`'s catalog conforms; tests may use a
/// dictionary.
public protocol CatalogLookup: Sendable {
    func table(named name: String) -> (any TableSource)?
    func view(named name: String) -> ViewDefinition?
    /// Every table and view name, for "did you mean" suggestions.
    var relationNames: [String] { get }
    /// The table and view names whose lower-case form is `folded`, sorted: the names an
    /// unquoted relation name can mean. (A catalog that keeps many relations answers
    /// from an index; the default looks at every name.)
    func relationNames(foldingTo folded: String) -> [String]
    /// The planners the binder consults for custom FROM items, operators, functions and
    /// type names.
    var surface: PlanningSurface { get }
}

extension CatalogLookup {
    public func relationNames(foldingTo folded: String) -> [String] { relationNames.filter { $0.lowercased() == folded } }
    public var surface: PlanningSurface { PlanningSurface() }
    /// The planner for a custom FROM item (`interval_align(…)`), if switched on.
    public func relationPlanner(named name: String) -> (any RelationPlanner)? { surface.relationPlanner(named: name) }
    /// Names of the relation planners switched on.
    public var relationPlannerNames: [String] { surface.relationPlannerNames }
}
