import PlanCore

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
    ]

    public static func setting(_ name: String) -> Setting? { settings.first { $0.name == name } }

    public func value(_ name: String) -> String? { values[name] }

    public func bool(_ name: String) -> Bool { values[name] == "on" }

    public mutating func set(_ name: String, _ value: String) throws(PlanError) {
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
