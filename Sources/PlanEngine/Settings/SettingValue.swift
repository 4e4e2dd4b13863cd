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
    /// A length of time, kept in milliseconds: `30s`, `500ms`, `2min`, `1h`, `1d`; a bare
    /// integer is milliseconds and 0 is off (PostgreSQL's `statement_timeout`).
    case duration
    /// An amount of memory, kept in bytes: `2GiB`, `512MB`, `64kB`; a bare integer is
    /// bytes and 0 is no limit.
    case bytes
    /// A directory path (empty: the setting's default).
    case path
    /// A time zone (``SQLTimeZone``): an IANA name, kept as the zone database spells it,
    /// or a POSIX offset.
    case timeZone

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
        case .duration:
            return Self.quantity(trimmed, units: Self.durationUnits).map(SettingValue.integer)
        case .bytes:
            return Self.quantity(trimmed, units: Self.byteUnits).map(SettingValue.integer)
        case .path:
            return trimmed.contains("\0") ? nil : .text(trimmed)
        case .timeZone:
            return SQLTimeZone(trimmed).map { .text($0.name) }
        }
    }

    /// Whether `value` is one of this domain's (a typed value set from code).
    public func accepts(_ value: SettingValue) -> Bool {
        switch (self, value) {
        case (.boolean, .boolean): true
        case (.integer(let range), .integer(let n)): range.contains(n)
        case (.duration, .integer(let n)), (.bytes, .integer(let n)): n >= 0
        case (.choice(let options), .text(let s)): options.contains(s)
        case (.name, .text(let s)): !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        case (.path, .text(let s)): !s.contains("\0")
        case (.timeZone, .text(let s)): SQLTimeZone(s) != nil
        default: false
        }
    }

    /// `value` as this domain keeps it: a time zone as the zone database spells it
    /// (`europe/berlin` is `Europe/Berlin`), so one zone has one manifest entry.
    public func normalized(_ value: SettingValue) -> SettingValue {
        if case .timeZone = self, case .text(let s) = value, let zone = SQLTimeZone(s) { return .text(zone.name) }
        return value
    }

    static let durationUnits: [(String, Int)] = [("ms", 1), ("s", 1000), ("min", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
    static let byteUnits: [(String, Int)] = [
        ("b", 1), ("kb", 1 << 10), ("kib", 1 << 10), ("mb", 1 << 20), ("mib", 1 << 20),
        ("gb", 1 << 30), ("gib", 1 << 30), ("tb", 1 << 40), ("tib", 1 << 40),
    ]

    /// `<integer>[ ]<unit>` (a unit from `units`, case-insensitive) or a bare integer, as
    /// a count of the smallest unit; nil when negative, malformed or too large.
    static func quantity(_ text: String, units: [(String, Int)]) -> Int? {
        let digits = text.prefix { $0.isNumber }
        guard !digits.isEmpty, let n = Int(digits) else { return nil }
        let unit = String(text.dropFirst(digits.count)).trimmingSpaces().lowercased()
        if unit.isEmpty { return n }
        guard let scale = units.first(where: { $0.0 == unit })?.1 else { return nil }
        let (product, overflow) = n.multipliedReportingOverflow(by: scale)
        return overflow ? nil : product
    }

    /// How `SHOW` prints a value of this domain (`30s`, `2GiB`, `0` for off).
    public func show(_ value: SettingValue) -> String {
        guard case .integer(let n) = value else { return value.description }
        func largest(_ units: [(String, Int)], _ names: [String: String]) -> String {
            guard n != 0 else { return "0" }
            for (unit, scale) in units.reversed() where n % scale == 0 { return "\(n / scale)\(names[unit] ?? unit)" }
            return String(n)
        }
        switch self {
        case .duration: return largest(Self.durationUnits, [:])
        case .bytes: return largest(Self.byteUnits.filter { $0.0 == "b" || $0.0.hasSuffix("ib") },
                                    ["b": "B", "kib": "KiB", "mib": "MiB", "gib": "GiB", "tib": "TiB"])
        default: return value.description
        }
    }

    /// What is accepted, for error messages: `expected on or off`.
    public var expected: String {
        switch self {
        case .boolean: "expected on or off"
        case .integer(let r): "expected an integer from \(r.lowerBound) to \(r.upperBound)"
        case .choice(let options): "expected \(options.joined(separator: ", "))"
        case .name: "expected a name (letters, digits, - and _)"
        case .duration: "expected a duration such as 30s, 500ms, 2min or 1h (a bare number is milliseconds; 0 is off)"
        case .bytes: "expected a size such as 2GiB, 512MB or 64kB (a bare number is bytes; 0 is no limit)"
        case .path: "expected a directory"
        case .timeZone: "expected a time zone: a name such as UTC, Europe/Berlin or America/New_York, or a POSIX offset such as '+02:00' (hours west of UTC, as PostgreSQL reads it)"
        }
    }

    /// `on|off`, `1..100`, `indent|tree|json`: for listings.
    public var allowed: String {
        switch self {
        case .boolean: "on|off"
        case .integer(let r): "\(r.lowerBound)..\(r.upperBound)"
        case .choice(let options): options.joined(separator: "|")
        case .name: "name"
        case .duration: "duration"
        case .bytes: "size"
        case .path: "path"
        case .timeZone: "time zone"
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
