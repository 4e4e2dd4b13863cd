import PlanCore
import PlanExec
import PlanSQL
import Synchronization

/// The session's tables and views. Names are stored normalized (lower case unless they
/// were quoted).
public final class EngineCatalog: CatalogLookup, Sendable {
    private struct State {
        var tables: [String: any TableProvider] = [:]
        var views: [String: ViewDefinition] = [:]
        var planners: [String: any RelationPlanner] = [:]
    }
    private let state = Mutex(State())

    public init() {}

    public func table(named name: String) -> (any TableSource)? { provider(named: name) }
    public func provider(named name: String) -> (any TableProvider)? { state.withLock { $0.tables[name] } }
    public func view(named name: String) -> ViewDefinition? { state.withLock { $0.views[name] } }

    public var relationNames: [String] { state.withLock { Array($0.tables.keys) + Array($0.views.keys) }.sorted() }
    public var tableNames: [String] { state.withLock { Array($0.tables.keys) }.sorted() }
    public var viewNames: [String] { state.withLock { Array($0.views.keys) }.sorted() }

    public func exists(_ name: String) -> Bool { state.withLock { $0.tables[name] != nil || $0.views[name] != nil } }

    public func register(table name: String, _ provider: any TableProvider) {
        state.withLock { $0.tables[name] = provider }
    }

    /// Registers a relation planner for custom FROM items.
    public func register(planner: any RelationPlanner) {
        state.withLock { $0.planners[planner.name] = planner }
    }

    public func relationPlanner(named name: String) -> (any RelationPlanner)? { state.withLock { $0.planners[name] } }
    public var relationPlannerNames: [String] { state.withLock { Array($0.planners.keys) }.sorted() }

    public func register(view: ViewDefinition) {
        state.withLock { $0.views[view.name] = view }
    }

    @discardableResult
    public func dropTable(_ name: String) -> Bool { state.withLock { $0.tables.removeValue(forKey: name) != nil } }
    @discardableResult
    public func dropView(_ name: String) -> Bool { state.withLock { $0.views.removeValue(forKey: name) != nil } }
}
