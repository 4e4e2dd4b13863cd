import PlanCore

/// What differs between two planning-surface manifests: entries addressed by path
/// (`planning_config.optimizer.max_passes`, `relation_planners.interval_align`), planner
/// and factory lists compared as sets keyed by name (reordering is no change), with old →
/// new values and both fingerprints.
public struct ManifestDiff: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
        case added(path: String, value: String)
        case removed(path: String, value: String)
        case changed(path: String, old: String, new: String)

        public var path: String {
            switch self {
            case .added(let p, _), .removed(let p, _), .changed(let p, _, _): p
            }
        }
    }

    public let changes: [Change]
    public let oldFingerprint: String
    public let newFingerprint: String

    public var isEmpty: Bool { changes.isEmpty }

    public init(from old: PlanningSurfaceManifest, to new: PlanningSurfaceManifest) {
        var changes: [Change] = []
        func scalar(_ path: String, _ a: String, _ b: String) {
            if a != b { changes.append(.changed(path: path, old: a, new: b)) }
        }
        /// Entry lists as sets keyed by name: one merge walk over the name-sorted lists.
        func entries(_ path: String, _ a: [PlanningSurfaceManifest.Entry], _ b: [PlanningSurfaceManifest.Entry]) {
            func sortedUnique(_ list: [PlanningSurfaceManifest.Entry]) -> [PlanningSurfaceManifest.Entry] {
                let sorted = list.indices.dropFirst().allSatisfy({ list[$0 - 1].name < list[$0].name }) ? list
                    : list.enumerated().sorted { ($0.element.name, $0.offset) < ($1.element.name, $1.offset) }.map(\.element)
                var out: [PlanningSurfaceManifest.Entry] = []
                for e in sorted where out.last?.name != e.name { out.append(e) }
                return out
            }
            let x = sortedUnique(a), y = sortedUnique(b)
            var i = 0, j = 0
            while i < x.count || j < y.count {
                if j == y.count || (i < x.count && x[i].name < y[j].name) {
                    changes.append(.removed(path: "\(path).\(x[i].name)", value: x[i].version)); i += 1
                } else if i == x.count || y[j].name < x[i].name {
                    changes.append(.added(path: "\(path).\(y[j].name)", value: y[j].version)); j += 1
                } else {
                    if x[i].version != y[j].version {
                        changes.append(.changed(path: "\(path).\(x[i].name).version", old: x[i].version, new: y[j].version))
                    }
                    i += 1; j += 1
                }
            }
        }
        scalar("engine_version", old.engineVersion, new.engineVersion)
        entries("relation_planners", old.relationPlanners, new.relationPlanners)
        entries("expression_planners", old.expressionPlanners, new.expressionPlanners)
        entries("type_planners", old.typePlanners, new.typePlanners)
        entries("table_factories", old.tableFactories, new.tableFactories)
        for key in Set(old.config.keys).union(new.config.keys).sorted() {
            switch (old.config[key], new.config[key]) {
            case (nil, let v?): changes.append(.added(path: "planning_config.\(key)", value: v))
            case (let v?, nil): changes.append(.removed(path: "planning_config.\(key)", value: v))
            case (let a?, let b?): scalar("planning_config.\(key)", a, b)
            default: break
            }
        }
        scalar("rulepack.name", old.rulepack, new.rulepack)
        let before = Dictionary(old.rules.map { ($0.name, $0.enabled) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new.rules.map { ($0.name, $0.enabled) }, uniquingKeysWith: { a, _ in a })
        func onOff(_ b: Bool) -> String { b ? "on" : "off" }
        for name in Set(before.keys).union(after.keys).sorted() {
            switch (before[name], after[name]) {
            case (nil, let v?): changes.append(.added(path: "rulepack.rules.\(name)", value: onOff(v)))
            case (let v?, nil): changes.append(.removed(path: "rulepack.rules.\(name)", value: onOff(v)))
            case (let a?, let b?): scalar("rulepack.rules.\(name).enabled", onOff(a), onOff(b))
            default: break
            }
        }
        let common = Set(before.keys).intersection(after.keys)
        let orderBefore = old.rules.map(\.name).filter(common.contains), orderAfter = new.rules.map(\.name).filter(common.contains)
        if orderBefore != orderAfter {
            changes.append(.changed(path: "rulepack.rules (order)", old: orderBefore.joined(separator: ", "), new: orderAfter.joined(separator: ", ")))
        }
        self.changes = changes
        oldFingerprint = old.fingerprint.description
        newFingerprint = new.fingerprint.description
    }

    /// `+ path: value`, `- path: value`, `~ path: old → new`, then both fingerprints.
    /// With `colour`, additions green, removals red, changes yellow.
    public func human(colour: Bool = false) -> String {
        func paint(_ code: String, _ s: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var lines = changes.map { c -> String in
            switch c {
            case .added(let p, let v): paint("32", "+ \(p): \(v)")
            case .removed(let p, let v): paint("31", "- \(p): \(v)")
            case .changed(let p, let a, let b): paint("33", "~ \(p): \(a) → \(b)")
            }
        }
        if changes.isEmpty { lines.append("no differences") }
        lines.append("fingerprint \(oldFingerprint)")
        lines.append(oldFingerprint == newFingerprint ? "        (same)" : "         → \(newFingerprint)")
        return lines.joined(separator: "\n")
    }

    /// One line: how many entries were added, removed, changed.
    public var brief: String {
        if changes.isEmpty { return "manifests are the same (\(oldFingerprint.prefix(23))…)" }
        var added = 0, removed = 0, changed = 0
        for c in changes {
            switch c {
            case .added: added += 1
            case .removed: removed += 1
            case .changed: changed += 1
            }
        }
        return "manifests differ: \(added) added, \(removed) removed, \(changed) changed"
    }

    public var json: JSONValue {
        .object([
            ("schema_version", .int(1)),
            ("same", .bool(changes.isEmpty)),
            ("old_fingerprint", .string(oldFingerprint)), ("new_fingerprint", .string(newFingerprint)),
            ("changes", .array(changes.map { c in
                switch c {
                case .added(let p, let v): .object([("op", .string("added")), ("path", .string(p)), ("value", .string(v))])
                case .removed(let p, let v): .object([("op", .string("removed")), ("path", .string(p)), ("value", .string(v))])
                case .changed(let p, let a, let b):
                    .object([("op", .string("changed")), ("path", .string(p)), ("old", .string(a)), ("new", .string(b))])
                }
            })),
        ])
    }
}
