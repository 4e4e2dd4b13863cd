import PlanCore
import PlanManifest

/// Two plans side by side and the node-matching tree diff between them (``PlanDiff``, the
/// diff `\step` and the trace pane show): two queries under the session's planning policy,
/// one query under two rulepacks, or one query under two manifests (as `manifest diff
/// --query` plans it). What `planscope compare`, `\compare` and the TUI's `:\compare` show.
public struct PlanComparison: Sendable, Equatable {
    /// One side: what it is called, its query, and its optimized plan or why there is none.
    public struct Side: Sendable, Equatable {
        public let label: String
        public let sql: String
        public let outcome: PlanChange.Outcome

        /// Why the side has no plan, whole (the side-by-side column cuts it): `A: error: `,
        /// the message, the SQL line and a caret.
        public var failure: String? {
            if case .failed(let e) = outcome { "\(label): error: \(e.rendered)" } else { nil }
        }
    }

    public let left: Side
    public let right: Side
    /// The tree diff from left to right, when both sides planned.
    public let diff: PlanDiff?

    public init(left: Side, right: Side) {
        self.left = left
        self.right = right
        diff = left.outcome.plan.flatMap { a in right.outcome.plan.map { PlanDiff(from: a, to: $0) } }
    }

    /// Whether the plans (or their failures) differ.
    public var differs: Bool {
        switch (left.outcome, right.outcome) {
        case (.planned, .planned): diff?.hasChanges ?? false
        case (.failed(let a), .failed(let b)): a.error.message != b.error.message
        default: true
        }
    }

    /// The plans in two columns of `width` in all (headed by their labels), then the diff.
    public func text(width: Int = 120) -> String {
        let column = max(20, (width - 3) / 2)
        func lines(_ side: Side) -> [String] {
            switch side.outcome {
            case .planned(let p): IndentRenderer.render(p).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            case .failed(let e): ["error: " + e.error.description]
            }
        }
        func fit(_ s: String) -> String {
            let cut = s.count > column ? String(s.prefix(column - 1)) + "…" : s
            return cut + String(repeating: " ", count: max(0, column - cut.count))
        }
        let a = lines(left), b = lines(right)
        var out = [fit(left.label) + " │ " + right.label, String(repeating: "─", count: column) + "─┼─" + String(repeating: "─", count: column)]
        for i in 0..<max(a.count, b.count) {
            out.append(fit(i < a.count ? a[i] : "") + " │ " + (i < b.count ? b[i] : ""))
        }
        out.append("")
        out.append("diff (\(left.label) → \(right.label)):")
        if let diff { out.append(diff.text) } else { out.append(differs ? "one side could not be planned" : "both sides fail alike") }
        // Each failing side's error whole (the column above cuts it): message, SQL line, caret.
        out += [left, right].compactMap(\.failure)
        return out.joined(separator: "\n")
    }

    public var json: JSONValue {
        func side(_ s: Side) -> JSONValue {
            var fields: [(String, JSONValue)] = [("label", .string(s.label)), ("sql", .string(s.sql))]
            switch s.outcome {
            case .planned(let p): fields.append(("plan", PlanJSON.document(p)))
            case .failed(let e): fields.append(("error", .string(e.error.description)))
            }
            return .object(fields)
        }
        var fields: [(String, JSONValue)] = [("schema_version", .int(1)), ("left", side(left)), ("right", side(right)), ("differs", .bool(differs))]
        if let diff { fields.append(("diff", diff.json)) }
        return .object(fields)
    }
}

extension Session {
    /// Two queries, each optimized under the session's planning policy.
    public func compare(_ a: String, _ b: String) -> PlanComparison {
        PlanComparison(left: side("A", a, under: policy), right: side("B", b, under: policy))
    }

    /// One query under two rulepacks (`default`, `none`, `pushdown`, …).
    public func compare(_ sql: String, rulepacks a: String, _ b: String) throws(PlanError) -> PlanComparison {
        var left = policy, right = policy
        let domain = Settings.rulepack.declaration.domain
        left.config[Settings.rulepack.name] = domain.parse(a) ?? .text(a)
        right.config[Settings.rulepack.name] = domain.parse(b) ?? .text(b)
        _ = try config.applying(left)
        _ = try config.applying(right)
        return PlanComparison(left: side("rulepack \(a)", sql, under: left), right: side("rulepack \(b)", sql, under: right))
    }

    /// One query under two manifests (the policies `manifest diff --query` plans under).
    public func compare(_ sql: String, manifests a: PlanningSurfaceManifest, _ b: PlanningSurfaceManifest,
                        labels: (String, String) = ("A", "B")) throws(PlanError) -> PlanComparison {
        let left = try PlanningPolicy(manifest: a), right = try PlanningPolicy(manifest: b)
        _ = try config.applying(left)
        _ = try config.applying(right)
        return PlanComparison(left: side(labels.0, sql, under: left), right: side(labels.1, sql, under: right))
    }

    func side(_ label: String, _ sql: String, under policy: PlanningPolicy) -> PlanComparison.Side {
        let outcome: PlanChange.Outcome
        do { outcome = .planned(try optimizedPlan(sql, under: policy)) } catch { outcome = .failed(error) }
        return PlanComparison.Side(label: label, sql: sql, outcome: outcome)
    }
}
