import PlanCore
import PlanManifest
import PlanSQL

/// "Why did my plan change?": one query planned under two manifests over the same tables,
/// the manifest entries that differ, the plan diff they cause, and which of the entries
/// change the plan on their own.
public struct PlanChange: Sendable {
    /// A query's plan under one manifest, or why it could not be planned.
    public enum Outcome: Sendable, Equatable {
        case planned(LogicalPlan)
        case failed(StatementError)

        public var plan: LogicalPlan? { if case .planned(let p) = self { p } else { nil } }
    }

    /// One difference between the two policies and whether, applied alone to the old
    /// policy, it changes the plan.
    public struct Cause: Sendable, Equatable {
        /// The manifest path (`expression_planners.span`, `planning_config.optimizer.max_passes`).
        public let path: String
        public let old: String
        public let new: String
        public let changesPlan: Bool

        public init(path: String, old: String, new: String, changesPlan: Bool) {
            self.path = path
            self.old = old
            self.new = new
            self.changesPlan = changesPlan
        }
    }

    public let query: String
    public let manifestDiff: ManifestDiff
    public let old: Outcome
    public let new: Outcome
    /// The plan diff, when both sides planned.
    public let planDiff: PlanDiff?
    public let causes: [Cause]

    /// Whether the query's plan (or its failing) differs between the two sides.
    public var planChanged: Bool {
        switch (old, new) {
        case (.planned, .planned): planDiff?.hasChanges ?? false
        case (.failed(let a), .failed(let b)): a.error.message != b.error.message
        default: true
        }
    }

    public var text: String {
        var out = [manifestDiff.human(), "", "plan of: \(query)"]
        if case (.planned, .planned) = (old, new) { out.append(planDiff?.text ?? "") }
        return (out + notes).joined(separator: "\n")
    }

    /// What the plan diff does not say: a side that failed (with the other side's plan)
    /// and which manifest differences change the plan on their own.
    public var notes: [String] {
        var out: [String] = []
        func failure(_ side: String, _ e: StatementError) -> String { "under the \(side) manifest the query fails: \(e.error.description)" }
        switch (old, new) {
        case (.planned, .planned): break
        case (.failed(let e), .planned(let p)): out += [failure("old", e), "under the new manifest:", IndentRenderer.render(p)]
        case (.planned(let p), .failed(let e)): out += ["under the old manifest:", IndentRenderer.render(p), failure("new", e)]
        case (.failed(let a), .failed(let b)): out += [failure("old", a), failure("new", b)]
        }
        let effective = causes.filter(\.changesPlan)
        if planChanged {
            if effective.isEmpty {
                out.append("why: no single difference changes the plan alone; they do together")
            } else {
                for c in effective { out.append("why: \(c.path) (\(c.old) → \(c.new)) changes the plan on its own") }
            }
        } else if !manifestDiff.isEmpty {
            out.append("the manifest differences do not change this query's plan")
        }
        return out
    }

    public var json: JSONValue {
        func outcome(_ o: Outcome) -> JSONValue {
            switch o {
            case .planned(let p): .object([("plan", .string(IndentRenderer.render(p)))])
            case .failed(let e): .object([("error", .string(e.error.description))])
            }
        }
        return .object([
            ("schema_version", .int(1)),
            ("query", .string(query)),
            ("manifest_diff", manifestDiff.json),
            ("old", outcome(old)), ("new", outcome(new)),
            ("plan_changed", .bool(planChanged)),
            ("plan_diff", planDiff?.json ?? .null),
            ("causes", .array(causes.map {
                .object([("path", .string($0.path)), ("old", .string($0.old)), ("new", .string($0.new)), ("changes_plan", .bool($0.changesPlan))])
            })),
        ])
    }
}

extension Session {
    /// Plans `query` under the `old` and `new` manifests over this session's tables and
    /// says what changed and why. An error only when a manifest describes planners this
    /// planscope does not have.
    public func planChange(of query: String, from old: PlanningSurfaceManifest, to new: PlanningSurfaceManifest) throws(PlanError) -> PlanChange {
        let before = try PlanningPolicy(manifest: old), after = try PlanningPolicy(manifest: new)
        // Each side planned as `compare --manifest` plans it.
        func outcome(_ policy: PlanningPolicy) -> PlanChange.Outcome { side("", query, under: policy).outcome }
        // A policy the session cannot take (an unknown planner) is the caller's error.
        _ = try config.applying(before)
        _ = try config.applying(after)
        let a = outcome(before), b = outcome(after)
        var causes: [PlanChange.Cause] = []
        for difference in before.differences(to: after) {
            var single = before
            difference.apply(&single)
            let alone = outcome(single)
            let changes: Bool
            switch (a, alone) {
            case (.planned(let x), .planned(let y)): changes = x != y
            case (.failed(let x), .failed(let y)): changes = x.error.message != y.error.message
            default: changes = true
            }
            causes.append(.init(path: difference.path, old: difference.old, new: difference.new, changesPlan: changes))
        }
        let diff = a.plan.flatMap { x in b.plan.map { PlanDiff(from: x, to: $0) } }
        return PlanChange(query: query, manifestDiff: ManifestDiff(from: old, to: new), old: a, new: b, planDiff: diff, causes: causes)
    }
}

extension PlanningPolicy {
    /// One planner switch or setting that differs between two policies.
    struct Difference {
        let path: String
        let old: String
        let new: String
        let apply: (inout PlanningPolicy) -> Void
    }

    /// What differs from `other`, addressed by manifest path.
    func differences(to other: PlanningPolicy) -> [Difference] {
        var out: [Difference] = []
        func onOff(_ b: Bool) -> String { b ? "on" : "off" }
        let keys = Set(planners.keys).union(other.planners.keys).sorted()
        for key in keys where isOn(key.kind, key.name) != other.isOn(key.kind, key.name) {
            let value = other.isOn(key.kind, key.name)
            out.append(Difference(path: "\(key.kind.manifestKey).\(key.name)", old: onOff(!value), new: onOff(value)) { $0.planners[key] = value })
        }
        for name in Set(config.keys).union(other.config.keys).sorted() where config[name] != other.config[name] {
            let path: String
            if let rule = Settings.declaration(named: name)?.family.rule { path = "rulepack.rules.\(rule).enabled" }
            else if name == Settings.rulepack.name { path = "rulepack.name" }
            else { path = "planning_config.\(name)" }
            let value = other.config[name]
            out.append(Difference(path: path, old: config[name]?.description ?? "(default)", new: value?.description ?? "(default)") { $0.config[name] = value })
        }
        return out
    }
}
