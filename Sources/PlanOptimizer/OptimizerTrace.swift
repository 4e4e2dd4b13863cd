import Foundation
import PlanCore
import PlanManifest

/// One rule application as the observer sees it.
public struct OptimizerEvent: Sendable {
    public let pass: Int
    /// Position of the rule in the pass (0-based).
    public let index: Int
    public let rule: String
    public let changed: Bool
    public let elapsedNanos: UInt64
    public let before: LogicalPlan
    public let after: LogicalPlan
    /// Set when the rule failed or changed the schema and was skipped.
    public let skippedBecause: String?
}

/// Everything one optimizer run did: the initial plan, every rule application with its
/// plan after, and the final plan. Plans share unchanged subtrees, so keeping each
/// step is cheap.
public struct OptimizerTrace: Sendable {
    public struct Step: Sendable {
        public let pass: Int
        public let index: Int
        public let rule: String
        public let changed: Bool
        public let elapsedNanos: UInt64
        public let plan: LogicalPlan
        public let skippedBecause: String?
        /// The join-ordering work of this application (`cost_based_join_order`'s), if any.
        public let joinOrder: JoinOrderWork?
        /// A word on where the step came from: an imported trace's phase (`analyzer`,
        /// `logical`, `physical`).
        public let note: String?

        public init(pass: Int, index: Int, rule: String, changed: Bool, elapsedNanos: UInt64, plan: LogicalPlan, skippedBecause: String? = nil,
                    joinOrder: JoinOrderWork? = nil, note: String? = nil) {
            self.pass = pass
            self.index = index
            self.rule = rule
            self.changed = changed
            self.elapsedNanos = elapsedNanos
            self.plan = plan
            self.skippedBecause = skippedBecause
            self.joinOrder = joinOrder
            self.note = note
        }
    }

    public struct RuleSummary: Sendable, Equatable {
        public let rule: String
        public let applied: Int
        public let tried: Int
        public let elapsedNanos: UInt64
    }

    public let initial: LogicalPlan
    public let steps: [Step]
    public let final: LogicalPlan
    public let passes: Int
    public let reachedFixpoint: Bool
    public let totalNanos: UInt64
    /// The rulepack's name and fingerprint when the run started (empty for an imported trace).
    public let rulepack: String
    public let rulepackFingerprint: String
    /// The engine whose trace this was read from (`DataFusion EXPLAIN VERBOSE`), nil for
    /// planscope's own optimizer; an imported trace has no times.
    public let engine: String?

    public init(initial: LogicalPlan, steps: [Step], final: LogicalPlan, passes: Int, reachedFixpoint: Bool, totalNanos: UInt64,
                rulepack: String, rulepackFingerprint: String, engine: String? = nil) {
        self.initial = initial
        self.steps = steps
        self.final = final
        self.passes = passes
        self.reachedFixpoint = reachedFixpoint
        self.totalNanos = totalNanos
        self.rulepack = rulepack
        self.rulepackFingerprint = rulepackFingerprint
        self.engine = engine
    }

    /// Per rule, in first-seen order: how often it changed the plan, how often it ran,
    /// and its total time.
    public var summary: [RuleSummary] {
        var order: [String] = []
        var applied: [String: Int] = [:], tried: [String: Int] = [:], time: [String: UInt64] = [:]
        for s in steps {
            if tried[s.rule] == nil { order.append(s.rule) }
            tried[s.rule, default: 0] += 1
            if s.changed { applied[s.rule, default: 0] += 1 }
            time[s.rule, default: 0] += s.elapsedNanos
        }
        return order.map { RuleSummary(rule: $0, applied: applied[$0] ?? 0, tried: tried[$0] ?? 0, elapsedNanos: time[$0] ?? 0) }
    }

    /// The plan after step `n` (1-based); step 0 is the initial plan.
    public func plan(atStep n: Int) -> LogicalPlan? {
        if n == 0 { return initial }
        return steps.indices.contains(n - 1) ? steps[n - 1].plan : nil
    }

    /// What changed between two steps (0 = the initial plan), node by node; `nil` if a
    /// step does not exist.
    public func diff(fromStep a: Int, toStep b: Int) -> PlanDiff? {
        guard let from = plan(atStep: a), let to = plan(atStep: b) else { return nil }
        return PlanDiff(from: from, to: to)
    }

    /// `EXPLAIN VERBOSE` rows: `initial_logical_plan`, then `logical_plan after <rule>`
    /// for each step (`SAME TEXT AS ABOVE` when unchanged), then `logical_plan`.
    /// `rulepack default sha256:…, 2 passes (fixpoint), 0.412 ms`: EXPLAIN VERBOSE's last row.
    public var summaryLine: String {
        "rulepack \(rulepack) \(rulepackFingerprint), \(passes) pass\(passes == 1 ? "" : "es")"
            + (reachedFixpoint ? " (fixpoint)" : " (max passes)") + String(format: ", %.3f ms", Double(totalNanos) / 1e6)
    }

    public var verboseRows: [(String, String)] { verboseRows(rendering: IndentRenderer.render) }

    /// ``verboseRows`` with each plan drawn by `render` (a tree, JSON).
    public func verboseRows(rendering render: (LogicalPlan) -> String) -> [(String, String)] {
        var rows: [(String, String)] = [("initial_logical_plan", render(initial))]
        var previous = rows[0].1
        for s in steps {
            let text = render(s.plan)
            var label = "logical_plan after \(s.rule)"
            if let why = s.skippedBecause { label += " (skipped: \(why))" }
            rows.append((label, text == previous ? "SAME TEXT AS ABOVE" : text))
            previous = text
        }
        rows.append(("logical_plan", render(final)))
        return rows
    }

    /// How the joins were ordered, over all steps: `exact (DPccp, N pairs)`, `greedy`, or
    /// both; nil when no join tree was ordered (or the steps were not recorded).
    public var joinOrdering: String? {
        let work = steps.compactMap(\.joinOrder)
        let pairs = work.reduce(0) { $0 + $1.pairs }
        let exact = work.contains { $0.exact > 0 }, greedy = work.contains { $0.greedy > 0 }
        let exactText = "exact (DPccp, \(pairs) csg-cmp pair\(pairs == 1 ? "" : "s"))"
        switch (exact, greedy) {
        case (true, true): return exactText + " and greedy (over \(ExactJoinOrder.pairBudget) pairs, or conditions over three inputs)"
        case (true, false): return exactText
        case (false, true): return "greedy (over \(ExactJoinOrder.pairBudget) pairs, or conditions over three inputs)"
        case (false, false): return nil
        }
    }

    /// Version 1 of the trace's JSON form (documented in docs/optimizer-trace.md).
    public var json: JSONValue {
        func ms(_ n: UInt64) -> JSONValue { .double((Double(n) / 1e3).rounded() / 1e3) }
        let engineField: [(String, JSONValue)] = engine.map { [("engine", .string($0))] } ?? []
        // `engine_version`: the planscope that wrote it; its plans are read back by that
        // version only (SavedTrace refuses another's).
        return .object([("schema_version", .int(1)), ("engine_version", .string(EngineVersion.current))] + engineField + [
            ("rulepack", .string(rulepack)),
            ("rulepack_fingerprint", .string(rulepackFingerprint)),
            ("passes", .int(Int64(passes))),
            ("reached_fixpoint", .bool(reachedFixpoint)),
            ("total_ms", ms(totalNanos)),
            ("initial_plan", .string(IndentRenderer.render(initial))),
            ("steps", .array(steps.enumerated().map { i, s in
                var fields: [(String, JSONValue)] = [
                    ("step", .int(Int64(i + 1))), ("pass", .int(Int64(s.pass))), ("index", .int(Int64(s.index))),
                    ("rule", .string(s.rule)), ("changed", .bool(s.changed)), ("elapsed_ms", ms(s.elapsedNanos)),
                ]
                if let why = s.skippedBecause { fields.append(("skipped", .string(why))) }
                if let work = s.joinOrder { fields.append(("join_order", work.json)) }
                if let note = s.note { fields.append(("note", .string(note))) }
                if s.changed { fields.append(("plan", .string(IndentRenderer.render(s.plan)))) }
                return .object(fields)
            })),
            ("final_plan", .string(IndentRenderer.render(final))),
            ("summary", .array(summary.map {
                .object([("rule", .string($0.rule)), ("applied", .int(Int64($0.applied))),
                         ("tried", .int(Int64($0.tried))), ("elapsed_ms", ms($0.elapsedNanos))])
            })),
        ])
    }
}
