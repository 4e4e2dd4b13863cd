import PlanCore

/// A setting's value, typed.
public enum SettingValue: Hashable, Sendable, CustomStringConvertible {
    case boolean(Bool)
    case integer(Int)
    case text(String)

    /// How `SHOW` prints it: `on`/`off`, digits, or the text.
    public var description: String {
        switch self {
        case .boolean(let b): b ? "on" : "off"
        case .integer(let i): String(i)
        case .text(let s): s
        }
    }
}

/// What values a setting accepts.
public enum SettingDomain: Hashable, Sendable {
    /// `on`/`off` (also `true`/`false`, `1`/`0`, `yes`/`no`).
    case boolean
    /// A whole number in a range.
    case integer(ClosedRange<Int>)
    /// One of a fixed list of words (compared case-insensitively).
    case choice([String])
    /// A name: letters, digits, `-` and `_` (a theme's name, say).
    case name

    /// Parses `text` into a value of this domain (nil if it is not one; ``expected``
    /// says what is accepted).
    public func parse(_ text: String) -> SettingValue? {
        let trimmed = text.trimmingSpaces()
        switch self {
        case .boolean:
            switch trimmed.lowercased() {
            case "on", "true", "1", "yes": return .boolean(true)
            case "off", "false", "0", "no": return .boolean(false)
            default: return nil
            }
        case .integer(let range):
            guard let n = Int(trimmed), range.contains(n) else { return nil }
            return .integer(n)
        case .choice(let options):
            let lower = trimmed.lowercased()
            return options.contains(lower) ? .text(lower) : nil
        case .name:
            let ok = !trimmed.isEmpty && trimmed.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            return ok ? .text(trimmed) : nil
        }
    }

    /// What is accepted, for error messages: `expected on or off`.
    public var expected: String {
        switch self {
        case .boolean: "expected on or off"
        case .integer(let r): "expected an integer from \(r.lowerBound) to \(r.upperBound)"
        case .choice(let options): "expected \(options.joined(separator: ", "))"
        case .name: "expected a name (letters, digits, - and _)"
        }
    }

    /// `on|off`, `1..100`, `indent|tree|json`: for listings.
    public var allowed: String {
        switch self {
        case .boolean: "on|off"
        case .integer(let r): "\(r.lowerBound)..\(r.upperBound)"
        case .choice(let options): options.joined(separator: "|")
        case .name: "name"
        }
    }
}

/// What a setting affects. Only planning settings enter manifests and envelope hashes.
public enum SettingArea: String, Hashable, Sendable, Codable {
    /// Changes the plans produced (optimizer, pushdown classification and enforcement).
    case planning
    /// Changes how plans run, not what they are.
    case execution
    /// Changes only how results and plans are shown.
    case display
}
