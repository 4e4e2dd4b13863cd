import PlanCore
import PlanExec
import PlanProviders
import PlanSQL
import PlanSupport

/// The session's tables and views. Names are stored normalized (lower case unless they
/// were quoted).
public final class EngineCatalog: CatalogLookup, Sendable {
    private struct State {
        var tables: [String: any TableProvider] = [:]
        var views: [String: ViewDefinition] = [:]
        var surface = PlanningSurface()
        var indexes: [String: CreateIndex] = [:]
        var factories: [String: any TableFactory] = [:]
        /// Table and view names by their lower-case form: how an unquoted name finds its
        /// relation without a pass over every name (a pipeline registers 100,000 views).
        var byFoldedName: [String: Set<String>] = [:]

        /// Keeps `byFoldedName` true for `name` after its table or view changed.
        mutating func reindex(_ name: String) {
            let folded = name.lowercased()
            if tables[name] != nil || views[name] != nil {
                byFoldedName[folded, default: []].insert(name)
            } else if var names = byFoldedName[folded] {
                names.remove(name)
                byFoldedName[folded] = names.isEmpty ? nil : names
            }
        }
    }
    private let state = Locked(State())

    public init() {}

    public func table(named name: String) -> (any TableSource)? { provider(named: name) }
    public func provider(named name: String) -> (any TableProvider)? { state.withLock { $0.tables[name] } }
    public func view(named name: String) -> ViewDefinition? { state.withLock { $0.views[name] } }

    public var relationNames: [String] { state.withLock { Array($0.tables.keys) + Array($0.views.keys) }.sorted() }
    public var tableNames: [String] { state.withLock { Array($0.tables.keys) }.sorted() }
    public var viewNames: [String] { state.withLock { Array($0.views.keys) }.sorted() }

    public func relationNames(foldingTo folded: String) -> [String] {
        state.withLock { $0.byFoldedName[folded].map { Array($0) } ?? [] }.sorted()
    }

    public func exists(_ name: String) -> Bool { state.withLock { $0.tables[name] != nil || $0.views[name] != nil } }

    public func register(table name: String, _ provider: any TableProvider) {
        state.withLock {
            $0.tables[name] = provider
            $0.reindex(name)
        }
    }

    /// The planners the SQL planner consults (the session compiles them from its policy).
    public var surface: PlanningSurface { state.withLock { $0.surface } }
    func install(surface: PlanningSurface) { state.withLock { $0.surface = surface } }

    public func register(view: ViewDefinition) {
        state.withLock {
            $0.views[view.name] = view
            $0.reindex(view.name)
        }
    }

    /// Registers a table factory for its format (`STORED AS <format>`).
    public func register(factory: any TableFactory) { state.withLock { $0.factories[factory.format] = factory } }
    /// The registered table factories, by format name.
    public var tableFactories: [any TableFactory] { state.withLock { $0.factories.sorted { $0.key < $1.key }.map(\.value) } }

    /// Indexes by name (`CREATE INDEX`): recorded for DROP INDEX and listings; scans do
    /// not use them.
    public func index(named name: String) -> CreateIndex? { state.withLock { $0.indexes[name] } }
    public func register(index: CreateIndex) { state.withLock { $0.indexes[index.name] = index } }
    @discardableResult
    public func dropIndex(_ name: String) -> Bool { state.withLock { $0.indexes.removeValue(forKey: name) != nil } }

    /// Drops a table and its indexes.
    @discardableResult
    public func dropTable(_ name: String) -> Bool {
        state.withLock { s in
            guard s.tables.removeValue(forKey: name) != nil else { return false }
            s.reindex(name)
            s.indexes = s.indexes.filter { $0.value.table != name }
            return true
        }
    }
    @discardableResult
    public func dropView(_ name: String) -> Bool {
        state.withLock {
            guard $0.views.removeValue(forKey: name) != nil else { return false }
            $0.reindex(name)
            return true
        }
    }
}
