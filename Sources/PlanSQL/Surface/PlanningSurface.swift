import PlanCore

/// What the SQL planner consults beyond the built-in SQL: the relation, expression and
/// type planners a session's planning policy switched on, and what the switched-off ones
/// would have provided (so an error can say which setting brings it back). Built by
/// `PlanningPolicy` in PlanEngine — the one path from a policy to a surface.
public struct PlanningSurface: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case relation, expression, type

        /// The manifest's list for this kind (`relation_planners`).
        public var manifestKey: String { "\(rawValue)_planners" }
        /// The setting that switches a planner of this kind on or off.
        public func setting(_ name: String) -> String { "planner.\(rawValue).\(name)" }
    }

    /// A planner that is registered but switched off, with the syntax it provides.
    public struct SwitchedOff: Sendable {
        public let kind: Kind
        public let name: String
        /// Operators, function names, type names or FROM names it provides.
        public let provides: [String]
        public init(kind: Kind, name: String, provides: [String]) {
            self.kind = kind
            self.name = name
            self.provides = provides
        }
    }

    public private(set) var relationPlanners: [String: any RelationPlanner] = [:]
    public private(set) var expressionPlanners: [any ExpressionPlanner] = []
    public private(set) var typePlanners: [any TypePlanner] = []
    public private(set) var switchedOff: [SwitchedOff] = []
    private var byOperator: [String: any ExpressionPlanner] = [:]
    private var byFunction: [String: any ExpressionPlanner] = [:]
    private var byTypeName: [String: any TypePlanner] = [:]

    public init() {}

    public mutating func add(_ planner: any RelationPlanner) { relationPlanners[planner.name] = planner }

    public mutating func add(_ planner: any ExpressionPlanner) {
        expressionPlanners.append(planner)
        for op in planner.operators { byOperator[op] = planner }
        for f in planner.functions { byFunction[f.lowercased()] = planner }
    }

    public mutating func add(_ planner: any TypePlanner) {
        typePlanners.append(planner)
        for t in planner.typeNames { byTypeName[t.uppercased()] = planner }
    }

    public mutating func addSwitchedOff(_ entry: SwitchedOff) { switchedOff.append(entry) }

    public func relationPlanner(named name: String) -> (any RelationPlanner)? { relationPlanners[name] }
    public var relationPlannerNames: [String] { relationPlanners.keys.sorted() }
    public func expressionPlanner(operator op: String) -> (any ExpressionPlanner)? { byOperator[op] }
    public func expressionPlanner(function name: String) -> (any ExpressionPlanner)? { byFunction[name.lowercased()] }
    public func typePlanner(typeName: String) -> (any TypePlanner)? { byTypeName[typeName.uppercased()] }

    /// " (expression planner 'json' provides it; it is off: SET planner.expression.json = on)"
    /// when a switched-off planner of `kind` provides `what`, else "".
    public func switchedOffHint(_ kind: Kind, provides what: String) -> String {
        guard let off = switchedOff.first(where: { $0.kind == kind && $0.provides.contains(what) }) else { return "" }
        return " (\(kind.rawValue) planner '\(off.name)' provides it; it is off: SET \(kind.setting(off.name)) = on)"
    }
}
