import PlanCore
import PlanSQL

extension PlanningPolicy {
    /// The policy a session's settings describe.
    public init(config: SessionConfig) {
        var planners: [Key: Bool] = [:]
        for (kind, name) in PlanningExtension.builtInNames {
            switch config[Settings.planner(kind, name)] {
            case .on: planners[Key(kind, name)] = true
            case .off: planners[Key(kind, name)] = false
            case .default: break
            }
        }
        var values: [String: SettingValue] = [:]
        for (declaration, value) in config.all where declaration.area == .planning && !declaration.family.switchesPlanners {
            values[declaration.name] = value
        }
        self.init(defaultFeatures: config[Settings.defaultFeatures], planners: planners, config: values)
    }
}

extension SessionConfig {
    /// These settings with the planning ones replaced by `policy`'s: its planner switches,
    /// and every planning setting set to the policy's value (or its default when the
    /// policy has none); execution and display settings stay. An unknown planner or
    /// setting, or a bad value, is an error.
    public func applying(_ policy: PlanningPolicy) throws(PlanError) -> SessionConfig {
        let known = Set(PlanningExtension.builtInNames.map { PlanningPolicy.Key($0.kind, $0.name) })
        for key in policy.planners.keys.sorted() where !known.contains(key) {
            throw PlanError(.config, "this planscope has no \(key.kind.rawValue) planner '\(key.name)'")
        }
        for name in policy.config.keys.sorted() where Settings.declaration(named: name)?.area != .planning {
            throw PlanError(.config, Settings.declaration(named: name) == nil ? Settings.unknownMessage(name) : "'\(name)' is not a planning setting")
        }
        var next = self
        try next.set(Settings.defaultFeatures, policy.defaultFeatures)
        for key in known {
            let value: PlannerSwitch = policy.planners[key].map { $0 ? .on : .off } ?? .default
            try next.set(key.kind.setting(key.name), value.rawValue)
        }
        for declaration in Settings.all where declaration.area == .planning && !declaration.family.switchesPlanners {
            try next.set(declaration, to: policy.config[declaration.name] ?? declaration.defaultValue)
        }
        return next
    }
}

extension Session {
    /// The session's planning policy: which planners are on and the planning settings.
    public var policy: PlanningPolicy { PlanningPolicy(config: config) }

    /// Makes the session plan as `policy` says (see ``SessionConfig/applying(_:)``); on
    /// an error nothing changes.
    public func apply(_ policy: PlanningPolicy) throws(PlanError) {
        replaceConfig(try config.applying(policy))
        catalog.install(surface: policy.surface(from: extensions))
    }

    /// The optimized plan of one query under `policy`, over this session's tables, without
    /// changing the session.
    public func optimizedPlan(_ sql: String, under policy: PlanningPolicy) throws(StatementError) -> LogicalPlan {
        do throws(PlanError) {
            let config = try self.config.applying(policy)
            let statements = try Parser.parse(sql)
            guard statements.count == 1, let first = statements.first else {
                throw PlanError(.syntax, "expected one statement, found \(statements.count)")
            }
            var binder = Binder(catalog: PolicyCatalog(base: catalog, surface: policy.surface(from: extensions)),
                                timeZone: (try? SessionConfig().applying(policy))?[Settings.timeZone] ?? .utc)
            let plan = try binder.bind(first.statement)
            return try optimize(plan, config: config).final
        } catch {
            throw StatementError(error, source: sql)
        }
    }
}

/// The session's tables and views seen through another planning surface.
struct PolicyCatalog: CatalogLookup {
    let base: EngineCatalog
    let surface: PlanningSurface
    func table(named name: String) -> (any TableSource)? { base.table(named: name) }
    func view(named name: String) -> ViewDefinition? { base.view(named: name) }
    var relationNames: [String] { base.relationNames }
    func relationNames(foldingTo folded: String) -> [String] { base.relationNames(foldingTo: folded) }
}
