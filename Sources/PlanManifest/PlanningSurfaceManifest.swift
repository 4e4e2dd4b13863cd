import Foundation
import PlanCore

/// The planning surface as a versioned document: what the SQL planner consults and how it
/// is configured — relation planners, table factories (file formats), the planning
/// settings, the rulepack and its fingerprint, the engine version. Its canonical JSON's
/// SHA-256 is the ``fingerprint`` the determinism contract's envelope uses.
public struct PlanningSurfaceManifest: Sendable, Equatable {
    /// The manifest format this planscope writes and reads.
    public static let version = 2

    /// A registered extension (planner or factory) with its version.
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let version: String
        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }

    public let engineVersion: String
    public let relationPlanners: [Entry]
    public let expressionPlanners: [Entry]
    public let typePlanners: [Entry]
    public let tableFactories: [Entry]
    /// Planning settings, name → value (display and execution settings are not here).
    public let config: [String: String]
    public let rulepack: String
    public let rulepackFingerprint: String
    /// The rules of the rulepack, in order, with whether each is on.
    public let rules: [(name: String, enabled: Bool)]

    public init(engineVersion: String, relationPlanners: [Entry], expressionPlanners: [Entry] = [], typePlanners: [Entry] = [],
                tableFactories: [Entry], config: [String: String], rulepack: String, rulepackFingerprint: String,
                rules: [(name: String, enabled: Bool)]) {
        self.engineVersion = engineVersion
        self.relationPlanners = relationPlanners.sorted { $0.name < $1.name }
        self.expressionPlanners = expressionPlanners.sorted { $0.name < $1.name }
        self.typePlanners = typePlanners.sorted { $0.name < $1.name }
        self.tableFactories = tableFactories.sorted { $0.name < $1.name }
        self.config = config
        self.rulepack = rulepack
        self.rulepackFingerprint = rulepackFingerprint
        self.rules = rules
        fingerprint = Fingerprint(canonicalBytes: canonicalBytes)
    }

    public static func == (a: Self, b: Self) -> Bool { a.fingerprint == b.fingerprint }

    /// The JSON form (keys sorted when hashed; entry lists sorted by name).
    public var json: JSONValue {
        func entries(_ list: [Entry]) -> JSONValue {
            .array(list.map { .object([("name", .string($0.name)), ("version", .string($0.version))]) })
        }
        return .object([
            ("schema_version", .int(Int64(Self.version))),
            ("manifest_version", .int(Int64(Self.version))),
            ("engine_version", .string(engineVersion)),
            ("relation_planners", entries(relationPlanners)),
            ("expression_planners", entries(expressionPlanners)),
            ("type_planners", entries(typePlanners)),
            ("table_factories", entries(tableFactories)),
            ("planning_config", .object(config.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("rulepack", .object([("name", .string(rulepack)), ("fingerprint", .string(rulepackFingerprint)),
                                  ("rules", .array(rules.map { .object([("name", .string($0.name)), ("enabled", .bool($0.enabled))]) }))])),
        ])
    }

    /// SHA-256 of the canonical JSON, computed once when the manifest is made (a
    /// manifest is an immutable value).
    public private(set) var fingerprint = Fingerprint(hex: "")

    /// ``json``'s canonical form (keys sorted, no whitespace), written straight from the
    /// fields: the same bytes as `json.canonicalBytes` (a test holds them equal) without
    /// building and sorting the tree, so large manifests fingerprint in a few milliseconds.
    public var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 * (relationPlanners.count + expressionPlanners.count + typePlanners.count + tableFactories.count
                                  + config.count + rules.count) + 256)
        func raw(_ s: String) { out.append(contentsOf: s.utf8) }
        func key(_ k: String) { JSONValue.quote(k, into: &out); out.append(UInt8(ascii: ":")) }
        func entries(_ list: [Entry]) {
            raw("[")
            for (i, e) in list.enumerated() {
                if i > 0 { raw(",") }
                raw("{"); key("name"); JSONValue.quote(e.name, into: &out); raw(","); key("version"); JSONValue.quote(e.version, into: &out); raw("}")
            }
            raw("]")
        }
        raw("{")
        key("engine_version"); JSONValue.quote(engineVersion, into: &out); raw(",")
        key("expression_planners"); entries(expressionPlanners); raw(",")
        key("manifest_version"); raw(String(Self.version)); raw(",")
        key("planning_config"); raw("{")
        for (i, k) in config.keys.sorted().enumerated() {
            if i > 0 { raw(",") }
            key(k); JSONValue.quote(config[k] ?? "", into: &out)
        }
        raw("}"); raw(",")
        key("relation_planners"); entries(relationPlanners); raw(",")
        key("rulepack"); raw("{"); key("fingerprint"); JSONValue.quote(rulepackFingerprint, into: &out); raw(",")
        key("name"); JSONValue.quote(rulepack, into: &out); raw(","); key("rules"); raw("[")
        for (i, r) in rules.enumerated() {
            if i > 0 { raw(",") }
            raw("{"); key("enabled"); raw(r.enabled ? "true" : "false"); raw(","); key("name"); JSONValue.quote(r.name, into: &out); raw("}")
        }
        raw("]}"); raw(",")
        key("schema_version"); raw(String(Self.version)); raw(",")
        key("table_factories"); entries(tableFactories); raw(",")
        key("type_planners"); entries(typePlanners)
        raw("}")
        return out
    }

    /// Reads the manifest in the file at `path`; every failure is one line naming the file.
    public static func read(file path: String) throws(ManifestError) -> PlanningSurfaceManifest {
        let text: String
        do { text = try TextFile.read(path) } catch { throw ManifestError("cannot read manifest '\(path)': \(error.reason)") }
        let json: JSONValue
        do { json = try JSONValue.parse(text) } catch {
            throw ManifestError("\(path): not valid JSON: \(error)")
        }
        do { return try PlanningSurfaceManifest(json: json) } catch { throw ManifestError("\(path): \(error.message)") }
    }

    /// The sections every manifest holds (``json`` writes them all), with the JSON kind
    /// each must be.
    static let requiredSections: [(key: String, kind: String)] = [
        ("engine_version", "string"), ("relation_planners", "array"), ("expression_planners", "array"),
        ("type_planners", "array"), ("table_factories", "array"), ("planning_config", "object"), ("rulepack", "object"),
    ]

    /// Reads a manifest back, validating it: a missing, newer or unknown version is an error
    /// naming both; missing sections (or sections of the wrong kind) are an error naming them.
    public init(json: JSONValue) throws(ManifestError) {
        guard json.objectValue != nil else { throw ManifestError("not a planning-surface manifest (expected a JSON object, got \(json.kindName))") }
        guard let version = json["manifest_version"]?.intValue ?? json["schema_version"]?.intValue else {
            throw ManifestError("not a planning-surface manifest (no manifest_version)")
        }
        guard version == Self.version else {
            throw ManifestError("manifest version \(version) cannot be read by this planscope (it reads version \(Self.version))")
        }
        let missing = Self.requiredSections.map(\.key).filter { json[$0] == nil }
        if !missing.isEmpty {
            throw ManifestError("manifest is missing required section\(missing.count == 1 ? "" : "s") \(missing.map { "'\($0)'" }.joined(separator: ", "))")
        }
        for (key, kind) in Self.requiredSections {
            if let value = json[key], value.kindName != kind {
                throw ManifestError("manifest section '\(key)' must be a JSON \(kind), got \(value.kindName)")
            }
        }
        func entries(_ key: String) throws(ManifestError) -> [Entry] {
            var out: [Entry] = []
            for (i, e) in (json[key]?.arrayValue ?? []).enumerated() {
                guard let name = e["name"]?.stringValue else { throw ManifestError("\(key)[\(i)]: missing name") }
                out.append(Entry(name: name, version: e["version"]?.stringValue ?? ""))
            }
            return out
        }
        var config: [String: String] = [:]
        for (k, v) in json["planning_config"]?.objectValue ?? [] { config[k] = v.stringValue ?? v.compact }
        let pack = json["rulepack"]
        guard let packName = pack?["name"]?.stringValue else { throw ManifestError("manifest section 'rulepack' is missing 'name'") }
        guard let packRules = pack?["rules"]?.arrayValue else { throw ManifestError("manifest section 'rulepack' is missing 'rules'") }
        var rules: [(name: String, enabled: Bool)] = []
        for (i, r) in packRules.enumerated() {
            guard let name = r["name"]?.stringValue else { throw ManifestError("rulepack.rules[\(i)]: missing name") }
            rules.append((name, r["enabled"]?.boolValue ?? true))
        }
        self.init(engineVersion: json["engine_version"]?.stringValue ?? "", relationPlanners: try entries("relation_planners"),
                  expressionPlanners: try entries("expression_planners"), typePlanners: try entries("type_planners"),
                  tableFactories: try entries("table_factories"), config: config,
                  rulepack: packName, rulepackFingerprint: pack?["fingerprint"]?.stringValue ?? "",
                  rules: rules)
    }
}

/// A manifest that cannot be read.
public struct ManifestError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
