import PlanCore
import PlanManifest
import PlanSQL

/// What a session plans with, as one typed value: which planners are on (by default and
/// one by one) and the planning settings' values. A session's settings are read into a
/// policy and a policy is written into a session's settings; ``surface(from:)`` is the
/// one translation from a policy to the planning surface the SQL planner consults.
public struct PlanningPolicy: Sendable, Equatable {
    /// Whether planners not named in ``planners`` are on.
    public var defaultFeatures: Bool
    /// Planners switched on or off one by one, by kind and name.
    public var planners: [Key: Bool]
    /// Planning settings other than planner switches, by name (`optimizer.max_passes`,
    /// `optimizer.rule.push_down_filter`, `optimizer.rulepack`), as typed values.
    public var config: [String: SettingValue]

    public struct Key: Hashable, Sendable, Comparable {
        public let kind: PlanningSurface.Kind
        public let name: String
        public init(_ kind: PlanningSurface.Kind, _ name: String) {
            self.kind = kind
            self.name = name
        }
        public static func < (a: Key, b: Key) -> Bool { (a.kind.rawValue, a.name) < (b.kind.rawValue, b.name) }
    }

    public init(defaultFeatures: Bool = true, planners: [Key: Bool] = [:], config: [String: SettingValue] = [:]) {
        self.defaultFeatures = defaultFeatures
        self.planners = planners
        self.config = config
    }

    /// Whether the planner `name` of `kind` is on under this policy.
    public func isOn(_ kind: PlanningSurface.Kind, _ name: String) -> Bool {
        planners[Key(kind, name)] ?? defaultFeatures
    }

    /// The planning surface: the extensions this policy switches on, and what the others
    /// would provide (for errors that say how to switch them on).
    public func surface(from extensions: [PlanningExtension]) -> PlanningSurface {
        var surface = PlanningSurface()
        for e in extensions {
            if isOn(e.kind, e.name) { e.install(on: &surface) }
            else { surface.addSwitchedOff(.init(kind: e.kind, name: e.name, provides: e.provides)) }
        }
        return surface
    }

    /// The policy a manifest describes: exactly its planners on, its planning settings,
    /// its rulepack and rule switches — each value read as its setting's domain says (a
    /// setting this planscope does not have, or a value it does not take, is an error
    /// naming the manifest's key).
    public init(manifest: PlanningSurfaceManifest) throws(PlanError) {
        var planners: [Key: Bool] = [:]
        for e in manifest.relationPlanners { planners[Key(.relation, e.name)] = true }
        for e in manifest.expressionPlanners { planners[Key(.expression, e.name)] = true }
        for e in manifest.typePlanners { planners[Key(.type, e.name)] = true }
        var config: [String: SettingValue] = [:]
        for (name, text) in manifest.config {
            guard let declaration = Settings.declaration(named: name) else {
                throw PlanError(.config, "planning_config.\(name): " + Settings.unknownMessage(name))
            }
            guard let value = declaration.domain.parse(text) else {
                throw PlanError(.config, "planning_config.\(name): invalid value '\(text)' (\(declaration.domain.expected))")
            }
            config[declaration.name] = value
        }
        config[Settings.rulepack.name] = .text(manifest.rulepack)
        for rule in manifest.rules { config[Settings.rule(rule.name).name] = .boolean(rule.enabled) }
        self.init(defaultFeatures: false, planners: planners, config: config)
    }
}
