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
        var values: [String: String] = [:]
        for (declaration, value) in config.all where declaration.area == .planning && !declaration.name.hasPrefix(Settings.plannerPrefix) {
            values[declaration.name] = value.description
        }
        self.init(defaultFeatures: config[Settings.defaultFeatures], planners: planners, config: values)
    }
}

extension Session {
    /// The session's planning policy: which planners are on and the planning settings.
    public var policy: PlanningPolicy { PlanningPolicy(config: config) }

    /// Makes the session plan as `policy` says: its planner switches, and every planning
    /// setting set to the policy's value (or its default when the policy has none). An
    /// unknown planner or setting, or a bad value, is an error and changes nothing.
    public func apply(_ policy: PlanningPolicy) throws(PlanError) {
        let known = Set(PlanningExtension.builtInNames.map { PlanningPolicy.Key($0.kind, $0.name) })
        for key in policy.planners.keys.sorted() where !known.contains(key) {
            throw PlanError(.config, "this planscope has no \(key.kind.rawValue) planner '\(key.name)'")
        }
        var next = config
        try next.set(Settings.defaultFeatures.name, policy.defaultFeatures ? "on" : "off")
        for key in known {
            let value: PlannerSwitch = policy.planners[key].map { $0 ? .on : .off } ?? .default
            try next.set(key.kind.setting(key.name), value.rawValue)
        }
        for declaration in Settings.all where declaration.area == .planning
            && !declaration.name.hasPrefix(Settings.plannerPrefix) && declaration.name != Settings.defaultFeatures.name {
            try next.set(declaration.name, policy.config[declaration.name] ?? declaration.defaultValue.description)
        }
        for name in policy.config.keys.sorted() where Settings.declaration(named: name)?.area != .planning {
            throw PlanError(.config, Settings.declaration(named: name) == nil ? Settings.unknownMessage(name) : "'\(name)' is not a planning setting")
        }
        replaceConfig(next)
        catalog.install(surface: policy.surface(from: extensions))
    }
}
