import PlanCore

/// The extension point the SQL planner consults for operator and function syntax the
/// built-in binder does not know: `doc ->> 'name'`, `span_contains(lo, hi, x)`. A
/// planner claims operators and function names; the binder binds the operands in the
/// caller's scope and asks the planner for the expression they mean. Planners are
/// consulted before the built-in functions, so a planner may give a built-in function a
/// better plan (one the optimizer can push down, say).
public protocol ExpressionPlanner: Sendable {
    /// The planner's name in manifests, settings (`planner.expression.<name>`) and listings.
    var name: String { get }
    /// Its version, as manifests state it.
    var version: String { get }
    /// One line for listings.
    var summary: String { get }
    /// The binary operators it plans (`->`).
    var operators: [String] { get }
    /// The function names it plans (lower case).
    var functions: [String] { get }
    /// One statement that uses the planner, run by the test suite.
    var example: String { get }
    /// The expression `left op right` means.
    func plan(operator op: String, _ left: Expr, _ right: Expr) throws(PlanError) -> Expr
    /// The expression `name(arguments)` means.
    func plan(function name: String, _ arguments: [Expr]) throws(PlanError) -> Expr
}

extension ExpressionPlanner {
    public var operators: [String] { [] }
    public var functions: [String] { [] }
    public func plan(operator op: String, _ left: Expr, _ right: Expr) throws(PlanError) -> Expr {
        throw PlanError(.unsupported, "expression planner '\(name)' does not plan operator '\(op)'")
    }
    public func plan(function name: String, _ arguments: [Expr]) throws(PlanError) -> Expr {
        throw PlanError(.unsupported, "expression planner '\(self.name)' does not plan function '\(name)'")
    }
}

/// The extension point for SQL type names the built-in types do not cover (`JSON`): a
/// planner claims type names and says which engine type each denotes.
public protocol TypePlanner: Sendable {
    var name: String { get }
    var version: String { get }
    var summary: String { get }
    /// The type names it plans (upper case).
    var typeNames: [String] { get }
    var example: String { get }
    /// The engine type `type` denotes.
    func plan(_ type: TypeName) throws(PlanError) -> DataType
}
