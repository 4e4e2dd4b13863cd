import PlanCore

/// The options a table over files is opened with (`CREATE EXTERNAL TABLE … OPTIONS (…)`,
/// `read_csv(…, header => false)`, `COPY … FROM … (DELIMITER ';')`, a pipeline input's
/// `options`), as one value with typed reads: each read checks the option's text and an
/// error names the option and what it takes. Names are compared in lower case; a factory
/// says which it knows (``check(knownTo:format:)``), so a misspelt option is an error, not
/// ignored.
public struct TableOptions: Sendable, Equatable {
    /// The options as written, by lower-case name.
    public private(set) var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = Dictionary(values.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
    }

    public var isEmpty: Bool { values.isEmpty }
    /// The names given, sorted.
    public var names: [String] { values.keys.sorted() }

    /// The text of the first of `names` given.
    public func text(_ names: String...) -> String? {
        names.lazy.compactMap { values[$0] }.first
    }

    /// A yes/no option (true/false, on/off, yes/no, 1/0) by the first of `names` given;
    /// nil when none is.
    public func flag(_ names: String..., format: String, kind: PlanError.Kind = .config) throws(PlanError) -> Bool? {
        guard let name = names.first(where: { values[$0] != nil }), let text = values[name] else { return nil }
        switch text.lowercased() {
        case "true", "on", "yes", "1": return true
        case "false", "off", "no", "0": return false
        default: throw PlanError(kind, "\(format) option \(name) must be true or false, got '\(text)'")
        }
    }

    /// A whole number of at least 1; nil when not given.
    public func positiveInteger(_ name: String, format: String) throws(PlanError) -> Int? {
        guard let text = values[name] else { return nil }
        guard let n = Int(text), n > 0 else { throw PlanError(.config, "\(format) option \(name) must be a positive integer, got '\(text)'") }
        return n
    }

    /// These options with `name` taken out (an option every file table takes, handled
    /// before the factory sees the rest), and its text.
    public func removing(_ name: String) -> (text: String?, rest: TableOptions) {
        var rest = self
        let text = rest.values.removeValue(forKey: name)
        return (text, rest)
    }

    /// These options with `defaults` for any not given.
    public func withDefaults(_ defaults: [String: String]) -> TableOptions {
        var out = self
        for (k, v) in defaults where out.values[k.lowercased()] == nil { out.values[k.lowercased()] = v }
        return out
    }

    /// An error naming the first option `known` lacks and the ones the format takes.
    public func check(knownTo known: [String], format: String, kind: PlanError.Kind = .config) throws(PlanError) {
        guard let unknown = names.first(where: { !known.contains($0) }) else { return }
        let shown = known.filter { !$0.contains(".") }
        throw PlanError(kind, shown.isEmpty ? "\(format) files take no option '\(unknown)'"
                                               : "unknown \(format) option '\(unknown)' (known: \(shown.joined(separator: ", ")))")
    }
}

extension TableOptions: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
