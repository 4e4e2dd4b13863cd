import PlanCore

/// Reads a spec from JSON, naming the JSON path of every problem it finds (it goes on
/// after the first, so one run shows them all).
public enum SpecParser {
    /// Keys each object may hold; anything else is reported (a typo should not be ignored).
    static let topKeys: Set<String> = ["version", "input_relations", "view_definitions", "output_targets", "rule_intents",
                                       "rulepack_profile", "pushdown_enforcement", "session_profile", "$schema", "description"]
    static let inputKeys: Set<String> = ["logical_name", "format", "location", "options", "partitioned_by", "columns", "rows", "description"]
    static let viewKeys: Set<String> = ["name", "sql", "view_dependencies", "description"]
    static let outputKeys: Set<String> = ["table_name", "source_view", "format", "location", "description"]
    static let intentKeys: Set<String> = ["rule", "enabled"]

    public static func parse(_ text: String, baseDirectory: String) throws(SpecErrors) -> SemanticExecutionSpec {
        let json: JSONValue
        do { json = try JSONValue.parse(text) } catch {
            throw SpecErrors([SpecError("", "not valid JSON: \(error)")])
        }
        var reader = Reader()
        let spec = reader.spec(json, baseDirectory: baseDirectory)
        if !reader.errors.isEmpty { throw SpecErrors(reader.errors) }
        return spec
    }

    struct Reader {
        var errors: [SpecError] = []

        mutating func fail(_ path: String, _ message: String) { errors.append(SpecError(path, message)) }

        // Paths are written only for an error (`@autoclosure`): a spec may hold 100,000
        // views and a million dependencies.
        mutating func object(_ v: JSONValue, _ path: @autoclosure () -> String, keys: Set<String>) -> Bool {
            guard let fields = v.objectValue else { fail(path(), "expected an object, got \(v.kindName)"); return false }
            for (k, _) in fields where !keys.contains(k) {
                var message = "unknown key '\(k)'"
                if let hint = closestName(to: k, in: Array(keys)) { message += " (did you mean '\(hint)'?)" }
                let at = path()
                fail(at.isEmpty ? k : "\(at).\(k)", message)
            }
            return true
        }

        mutating func string(_ v: JSONValue?, _ path: @autoclosure () -> String, required: Bool = true) -> String? {
            guard let v else {
                if required { fail(path(), "missing (a string is required)") }
                return nil
            }
            if v.isNull && !required { return nil }
            guard let s = v.stringValue else { fail(path(), "expected a string, got \(v.kindName)"); return nil }
            if required && s.trimmingSpaces().isEmpty { fail(path(), "must not be empty") }
            return s
        }

        mutating func array(_ v: JSONValue?, _ path: @autoclosure () -> String) -> [JSONValue] {
            guard let v, !v.isNull else { return [] }
            guard let a = v.arrayValue else { fail(path(), "expected an array, got \(v.kindName)"); return [] }
            return a
        }

        mutating func choice<E: RawRepresentable & CaseIterable>(_ v: JSONValue?, _ path: String, _: E.Type) -> E? where E.RawValue == String {
            guard let s = string(v, path) else { return nil }
            guard let e = E(rawValue: s.lowercased()) else {
                fail(path, "unknown format '\(s)' (expected \(E.allCases.map(\.rawValue).joined(separator: ", ")))")
                return nil
            }
            return e
        }

        mutating func spec(_ json: JSONValue, baseDirectory: String) -> SemanticExecutionSpec {
            var spec = SemanticExecutionSpec(baseDirectory: baseDirectory)
            guard object(json, "", keys: SpecParser.topKeys) else { return spec }
            if let v = json["version"] {
                if let n = v.intValue { spec.version = n } else { fail("version", "expected an integer, got \(v.kindName)") }
            } else {
                fail("version", "missing (the spec's version, currently \(SemanticExecutionSpec.currentVersion))")
            }
            for (i, item) in array(json["input_relations"], "input_relations").enumerated() {
                if let input = inputRelation(item, "input_relations[\(i)]") { spec.inputRelations.append(input) }
            }
            for (i, item) in array(json["view_definitions"], "view_definitions").enumerated() {
                func path() -> String { "view_definitions[\(i)]" }
                guard object(item, path(), keys: SpecParser.viewKeys) else { continue }
                let name = string(item["name"], "\(path()).name")
                let sql = string(item["sql"], "\(path()).sql")
                var deps: [String] = []
                for (j, d) in array(item["view_dependencies"], "\(path()).view_dependencies").enumerated() {
                    if let s = string(d, "\(path()).view_dependencies[\(j)]") { deps.append(s.lowercased()) }
                }
                if let name, let sql { spec.viewDefinitions.append(.init(name: name.lowercased(), sql: sql, viewDependencies: deps)) }
            }
            for (i, item) in array(json["output_targets"], "output_targets").enumerated() {
                let path = "output_targets[\(i)]"
                guard object(item, path, keys: SpecParser.outputKeys) else { continue }
                let table = string(item["table_name"], "\(path).table_name")
                let source = string(item["source_view"], "\(path).source_view")
                let format = choice(item["format"], "\(path).format", SemanticExecutionSpec.OutputTarget.Format.self)
                let location = string(item["location"], "\(path).location")
                if let table, let source, let format, let location {
                    spec.outputTargets.append(.init(tableName: table.lowercased(), sourceView: source.lowercased(), format: format, location: location))
                }
            }
            for (i, item) in array(json["rule_intents"], "rule_intents").enumerated() {
                let path = "rule_intents[\(i)]"
                guard object(item, path, keys: SpecParser.intentKeys) else { continue }
                let rule = string(item["rule"], "\(path).rule")
                var enabled = true
                if let e = item["enabled"] {
                    if let b = e.boolValue { enabled = b } else { fail("\(path).enabled", "expected true or false, got \(e.kindName)") }
                }
                if let rule { spec.ruleIntents.append(.init(rule: rule.lowercased(), enabled: enabled)) }
            }
            spec.rulepackProfile = string(json["rulepack_profile"], "rulepack_profile", required: false)?.lowercased()
            spec.pushdownEnforcement = string(json["pushdown_enforcement"], "pushdown_enforcement", required: false)?.lowercased()
            spec.sessionProfile = string(json["session_profile"], "session_profile", required: false)?.lowercased()
            return spec
        }

        mutating func inputRelation(_ item: JSONValue, _ path: String) -> SemanticExecutionSpec.InputRelation? {
            guard object(item, path, keys: SpecParser.inputKeys) else { return nil }
            let name = string(item["logical_name"], "\(path).logical_name")
            let format = choice(item["format"], "\(path).format", SemanticExecutionSpec.InputRelation.Format.self)
            let location = string(item["location"], "\(path).location", required: format != nil && format != .inline)
            var options: [String: String] = [:]
            if let o = item["options"], !o.isNull {
                if let fields = o.objectValue {
                    for (k, v) in fields {
                        switch v {
                        case .string(let s): options[k.lowercased()] = s
                        case .bool(let b): options[k.lowercased()] = b ? "true" : "false"
                        case .int, .double, .number: options[k.lowercased()] = v.canonical
                        default: fail("\(path).options.\(k)", "expected a string, number or boolean, got \(v.kindName)")
                        }
                    }
                } else {
                    fail("\(path).options", "expected an object, got \(o.kindName)")
                }
            }
            var partitions: [String] = []
            for (j, p) in array(item["partitioned_by"], "\(path).partitioned_by").enumerated() {
                if let s = string(p, "\(path).partitioned_by[\(j)]") { partitions.append(s.lowercased()) }
            }
            var columns: [(name: String, type: String)] = []
            for (j, c) in array(item["columns"], "\(path).columns").enumerated() {
                let cp = "\(path).columns[\(j)]"
                guard object(c, cp, keys: ["name", "type"]) else { continue }
                if let n = string(c["name"], "\(cp).name"), let t = string(c["type"], "\(cp).type") { columns.append((n, t)) }
            }
            var rows: [[JSONValue]] = []
            for (j, r) in array(item["rows"], "\(path).rows").enumerated() {
                guard let values = r.arrayValue else { fail("\(path).rows[\(j)]", "expected an array of values, got \(r.kindName)"); continue }
                if !columns.isEmpty, values.count != columns.count {
                    fail("\(path).rows[\(j)]", "has \(values.count) values for \(columns.count) columns")
                }
                rows.append(values)
            }
            if format == .inline && columns.isEmpty { fail("\(path).columns", "an inline relation needs its columns (name and type)") }
            if format != nil && format != .inline && !rows.isEmpty { fail("\(path).rows", "only inline relations have rows") }
            guard let name, let format else { return nil }
            return .init(logicalName: name.lowercased(), format: format, location: location, options: options,
                         partitionedBy: partitions, columns: columns, rows: rows)
        }
    }
}
