import Foundation
import PlanCore
import PlanSupport

/// The checks that need no SQL binding: version, names, references between the spec's
/// own parts, formats, locations and planning choices. (Whether each view's declared
/// dependencies are the relations its SQL really reads is checked when the engine binds
/// the views, in graph order.)
public struct SpecValidator: Sendable {
    /// What the engine offers, to check the spec's planning choices against.
    public var ruleNames: [String]
    public var rulepacks: [String]
    public var enforcementModes: [String]
    public var sessionProfiles: [String]
    /// Check that input locations exist on disk.
    public var checkFiles = true

    public init(ruleNames: [String], rulepacks: [String], enforcementModes: [String], sessionProfiles: [String]) {
        self.ruleNames = ruleNames
        self.rulepacks = rulepacks
        self.enforcementModes = enforcementModes
        self.sessionProfiles = sessionProfiles
    }

    /// Every problem, in document order (empty: the spec is valid).
    public func problems(_ spec: SemanticExecutionSpec) -> [SpecError] {
        var out: [SpecError] = []
        if spec.version < SemanticExecutionSpec.minimumVersion {
            out.append(SpecError("version", "version \(spec.version) is no longer supported (the oldest supported is \(SemanticExecutionSpec.minimumVersion))"))
        } else if spec.version > SemanticExecutionSpec.currentVersion {
            out.append(SpecError("version", "version \(spec.version) is newer than this planscope reads (\(SemanticExecutionSpec.currentVersion))"))
        }
        // name -> where it is defined: input i (i ≥ 0) or view -1 - i; written as a path
        // only for an error (a spec may hold 100,000 views).
        var relations: [String: Int] = [:]
        relations.reserveCapacity(spec.inputRelations.count + spec.viewDefinitions.count)
        func definedAt(_ place: Int) -> String { place >= 0 ? "input_relations[\(place)].logical_name" : "view_definitions[\(-1 - place)].name" }
        for (i, input) in spec.inputRelations.enumerated() {
            if let first = relations[input.logicalName] {
                out.append(SpecError("input_relations[\(i)].logical_name", "'\(input.logicalName)' is already defined at \(definedAt(first))"))
            }
            relations[input.logicalName] = relations[input.logicalName] ?? i
            if let location = input.location, checkFiles, input.format != .inline {
                if !SpecValidator.exists(location, base: spec.baseDirectory) {
                    out.append(SpecError("input_relations[\(i)].location", "no file or directory matches '\(location)'"))
                }
            }
        }
        for (i, view) in spec.viewDefinitions.enumerated() {
            if let first = relations[view.name] {
                out.append(SpecError("view_definitions[\(i)].name", "'\(view.name)' is already defined at \(definedAt(first))"))
            }
            relations[view.name] = relations[view.name] ?? -1 - i
        }
        var seen = Set<String>()
        for (i, view) in spec.viewDefinitions.enumerated() {
            seen.removeAll(keepingCapacity: true)
            for (j, dep) in view.viewDependencies.enumerated() {
                func path() -> String { "view_definitions[\(i)].view_dependencies[\(j)]" }
                if dep == view.name { out.append(SpecError(path(), "view '\(view.name)' cannot depend on itself")); continue }
                if !seen.insert(dep).inserted { out.append(SpecError(path(), "'\(dep)' is listed twice")); continue }
                if relations[dep] == nil {
                    var message = "'\(dep)' is neither an input relation nor a view"
                    if let hint = closestName(to: dep, in: Array(relations.keys)) { message += " (did you mean '\(hint)'?)" }
                    out.append(SpecError(path(), message))
                }
            }
        }
        let views = Set(spec.viewDefinitions.map(\.name))
        var tables: [String: Int] = [:]
        for (i, output) in spec.outputTargets.enumerated() {
            if let first = tables[output.tableName] {
                out.append(SpecError("output_targets[\(i)].table_name", "'\(output.tableName)' is already written by output_targets[\(first)]"))
            }
            tables[output.tableName] = tables[output.tableName] ?? i
            if !views.contains(output.sourceView) {
                var message = "no view named '\(output.sourceView)'"
                if let hint = closestName(to: output.sourceView, in: Array(views)) { message += " (did you mean '\(hint)'?)" }
                out.append(SpecError("output_targets[\(i)].source_view", message))
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: SpecValidator.resolve(output.location, base: spec.baseDirectory), isDirectory: &isDirectory),
               isDirectory.boolValue {
                out.append(SpecError("output_targets[\(i)].location", "'\(output.location)' is a directory; give a file name"))
            }
        }
        for (i, intent) in spec.ruleIntents.enumerated() where !ruleNames.contains(intent.rule) {
            var message = "unknown optimizer rule '\(intent.rule)'"
            if let hint = closestName(to: intent.rule, in: ruleNames) { message += " (did you mean '\(hint)'?)" }
            out.append(SpecError("rule_intents[\(i)].rule", message))
        }
        func choice(_ value: String?, _ path: String, _ allowed: [String]) {
            if let value, !allowed.contains(value) {
                out.append(SpecError(path, "unknown value '\(value)' (expected \(allowed.joined(separator: ", ")))"))
            }
        }
        choice(spec.rulepackProfile, "rulepack_profile", rulepacks)
        choice(spec.pushdownEnforcement, "pushdown_enforcement", enforcementModes)
        choice(spec.sessionProfile, "session_profile", sessionProfiles)
        return out
    }

    /// `location` against `base` (absolute and `~/` paths stay as they are).
    public static func resolve(_ location: String, base: String) -> String {
        if location.hasPrefix("/") { return location }
        if location.hasPrefix("~/") { return FileManager.default.homeDirectoryForCurrentUser.path + location.dropFirst(1) }
        return (base as NSString).appendingPathComponent(location)
    }

    /// Whether a file, a directory or (for a glob) at least one file matches.
    static func exists(_ location: String, base: String) -> Bool {
        let path = resolve(location, base: base)
        if !location.contains("*") && !location.contains("?") { return FileManager.default.fileExists(atPath: path) }
        return !FileGlob.matches(path).isEmpty
    }
}
