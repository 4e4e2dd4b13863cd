import PlanCore
import PlanOptimizer

/// Typed session settings, changed with `SET name = value` and read with `SHOW`.
///
/// Every setting is declared here with its default and a validator: an unknown name or
/// a bad value is an error that lists what is accepted.
public struct SessionConfig: Sendable, Equatable {
    public struct Setting: Sendable {
        public let name: String
        public let summary: String
        public let defaultValue: String
        /// Normalizes a value or returns a message saying what is accepted.
        let validate: @Sendable (String) -> Result<String, PlanError>
    }

    public private(set) var values: [String: String]

    public init() {
        values = Dictionary(uniqueKeysWithValues: SessionConfig.settings.map { ($0.name, $0.defaultValue) })
    }

    /// All settings, by name.
    public static let settings: [Setting] = [
        Setting(name: "explain.format", summary: "plan display of EXPLAIN: indent, tree or json", defaultValue: "indent",
                validate: oneOf(["indent", "tree", "json"])),
        Setting(name: "explain.physical", summary: "EXPLAIN also shows the physical plan (on/off)", defaultValue: "on",
                validate: boolean),
        Setting(name: "optimizer.rulepack", summary: "the optimizer rules in use: \(Rulepack.packs.map(\.name).joined(separator: ", "))",
                defaultValue: "default", validate: oneOf(Rulepack.packs.map(\.name))),
        Setting(name: "optimizer.max_passes", summary: "passes over the rules before the optimizer stops without a fixpoint",
                defaultValue: "3", validate: { v in
                    guard let n = Int(v), n >= 1, n <= 100 else {
                        return .failure(PlanError(.config, "invalid value '\(v)' (expected an integer from 1 to 100)"))
                    }
                    return .success(String(n))
                }),
        Setting(name: "pushdown.enforcement", summary: "pushdown contract violations: strict (error), warn (warning), disabled",
                defaultValue: "warn", validate: oneOf(["strict", "warn", "disabled"])),
        Setting(name: "pushdown.verify", summary: "re-check Exact filters on the rows providers return (on/off)",
                defaultValue: "off", validate: boolean),
        Setting(name: "optimizer.skip_failing_rules", summary: "skip (and report) a rule that fails instead of failing the query",
                defaultValue: "on", validate: boolean),
    ]

    /// `optimizer.rule.<name>` settings switch single rules on or off.
    public static let rulePrefix = "optimizer.rule."

    /// Rules switched off with `SET optimizer.rule.<name> = off`.
    public var disabledRules: Set<String> {
        Set(values.compactMap { k, v in k.hasPrefix(SessionConfig.rulePrefix) && v == "off" ? String(k.dropFirst(SessionConfig.rulePrefix.count)) : nil })
    }

    public static func setting(_ name: String) -> Setting? { settings.first { $0.name == name } }

    public func value(_ name: String) -> String? { values[name] }

    public func bool(_ name: String) -> Bool { values[name] == "on" }

    public mutating func set(_ name: String, _ value: String) throws(PlanError) {
        if name.hasPrefix(SessionConfig.rulePrefix) {
            let rule = String(name.dropFirst(SessionConfig.rulePrefix.count))
            guard Rulepack.allRuleNames.contains(rule) else {
                var message = "unknown optimizer rule '\(rule)'"
                if let hint = closestName(to: rule, in: Rulepack.allRuleNames) { message += " (did you mean '\(hint)'?)" }
                throw PlanError(.config, message)
            }
            switch SessionConfig.boolean(value) {
            case .success(let v): values[name] = v
            case .failure(let e): throw e
            }
            return
        }
        guard let setting = SessionConfig.setting(name) else {
            var message = "unknown setting '\(name)'"
            if let hint = closestName(to: name, in: SessionConfig.settings.map(\.name)) { message += " (did you mean '\(hint)'?)" }
            throw PlanError(.config, message)
        }
        switch setting.validate(value) {
        case .success(let v): values[name] = v
        case .failure(let e): throw e
        }
    }

    static func oneOf(_ options: [String]) -> @Sendable (String) -> Result<String, PlanError> {
        { value in
            let v = value.lowercased()
            return options.contains(v) ? .success(v)
                : .failure(PlanError(.config, "invalid value '\(value)' (expected \(options.joined(separator: ", ")))"))
        }
    }

    static let boolean: @Sendable (String) -> Result<String, PlanError> = { value in
        switch value.lowercased() {
        case "on", "true", "1", "yes": .success("on")
        case "off", "false", "0", "no": .success("off")
        default: .failure(PlanError(.config, "invalid value '\(value)' (expected on or off)"))
        }
    }

    public static func == (a: SessionConfig, b: SessionConfig) -> Bool { a.values == b.values }
}
