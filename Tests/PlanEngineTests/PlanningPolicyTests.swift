import Foundation
import PlanCore
import PlanEngine
import PlanManifest
import Testing

/// The planning policy compiles into the surface the SQL planner consults; switching a
/// planner off changes plans visibly, and `planChange` names the manifest entry why.
@Suite struct PlanningPolicyTests {
    static func session() throws -> Session {
        let s = Session()
        _ = try s.execute("CREATE TABLE r (pos INT, name TEXT); INSERT INTO r VALUES (5, 'a'), (15, 'b')")
        return s
    }

    @Test func aPolicyRoundTripsThroughSettingsAndManifests() throws {
        let s = Session()
        var policy = s.policy
        #expect(policy.defaultFeatures && policy.planners.isEmpty)
        policy.planners[.init(.expression, "span")] = false
        policy.config["optimizer.max_passes"] = .integer(5)
        try s.apply(policy)
        #expect(s.policy == policy)
        #expect(s.config[Settings.maxPasses] == 5)
        #expect(!s.manifest.expressionPlanners.map(\.name).contains("span"))
        // The manifest's policy, applied to a fresh session, gives the same manifest.
        let other = Session()
        try other.apply(PlanningPolicy(manifest: s.manifest))
        #expect(other.manifest.fingerprint == s.manifest.fingerprint)
    }

    @Test func anUnknownPlannerOrSettingIsRefusedAndChangesNothing() throws {
        let s = Session()
        let before = s.manifest.fingerprint
        #expect(throws: PlanError(.config, "this planscope has no expression planner 'regex'")) {
            try s.apply(PlanningPolicy(planners: [.init(.expression, "regex"): true]))
        }
        #expect(throws: PlanError.self) { try s.apply(PlanningPolicy(config: ["explain.format": .text("tree")])) }
        // A value outside the setting's domain is refused as typed, not re-read from text.
        #expect(throws: PlanError(.config, "invalid value '0' for optimizer.max_passes (expected an integer from 1 to 100)")) {
            try s.apply(PlanningPolicy(config: ["optimizer.max_passes": .integer(0)]))
        }
        #expect(throws: PlanError.self) { try s.apply(PlanningPolicy(config: ["optimizer.max_passes": .text("five")])) }
        // A manifest naming a setting this planscope lacks is an error naming its key.
        let m = s.manifest
        func manifest(_ config: [String: String]) -> PlanningSurfaceManifest {
            PlanningSurfaceManifest(engineVersion: m.engineVersion, relationPlanners: m.relationPlanners, tableFactories: m.tableFactories,
                                    config: config, rulepack: m.rulepack, rulepackFingerprint: m.rulepackFingerprint, rules: [])
        }
        #expect(throws: PlanError.self) { try PlanningPolicy(manifest: manifest(["optimizer.no_such": "1"])) }
        #expect(throws: PlanError.self) { try PlanningPolicy(manifest: manifest(["optimizer.max_passes": "many"])) }
        #expect(try PlanningPolicy(manifest: manifest(["optimizer.max_passes": "4"])).config["optimizer.max_passes"] == .integer(4))
        #expect(s.manifest.fingerprint == before)
    }

    @Test func eachPlannerSwitchChangesTheManifestOnce() throws {
        let base = Session().manifest
        for e in Session().extensions {
            let s = Session()
            try s.set(e.setting, "off")
            let diff = ManifestDiff(from: base, to: s.manifest)
            #expect(diff.changes == [.removed(path: "\(e.kind.manifestKey).\(e.name)", value: e.version)])
        }
        // Rule switches are in the rulepack list, not repeated in planning_config.
        let s = Session()
        try s.set("optimizer.rule.push_down_filter", "off")
        #expect(ManifestDiff(from: base, to: s.manifest).changes.map(\.path) == ["rulepack.rules.push_down_filter.enabled"])
    }

    @Test func switchingOffAnExpressionPlannerChangesThePlanAndTheDiffSaysWhy() throws {
        let s = try Self.session()
        let on = s.manifest
        try s.set("planner.expression.span", "off")
        let off = s.manifest
        let change = try s.planChange(of: "SELECT name FROM r WHERE span_contains(10, 20, pos)", from: on, to: off)
        #expect(change.planChanged)
        #expect(change.manifestDiff.changes == [.removed(path: "expression_planners.span", value: "1")])
        #expect(change.causes == [.init(path: "expression_planners.span", old: "on", new: "off", changesPlan: true)])
        let diff = try #require(change.planDiff)
        #expect(diff.lines.map(\.mark) == [.same, .changed])
        #expect(diff.lines[1].oldText == "TableScan: r full_filters=[r.pos >= Int32(10), r.pos < Int32(20)]")
        #expect(diff.lines[1].text == "TableScan: r full_filters=[span_contains(Int64(10), Int64(20), r.pos)]")
        #expect(change.text.contains("why: expression_planners.span (on → off) changes the plan on its own"))
        // Both plans give the same rows.
        #expect(try s.query("SELECT name FROM r WHERE span_contains(10, 20, pos)").rows == [[.string("b")]])
    }

    @Test func switchingOffARelationPlannerMakesTheQueryFailWithTheSetting() throws {
        let s = try Self.session()
        let on = s.manifest
        try s.set("planner.relation.generate_series", "off")
        let change = try s.planChange(of: "SELECT count(*) FROM generate_series(1, 10)", from: on, to: s.manifest)
        #expect(change.planChanged)
        guard case .failed(let e) = change.new else { Issue.record("expected the new side to fail"); return }
        #expect(e.error.message.contains("it is off: SET planner.relation.generate_series = on"))
        #expect(change.causes.map(\.path) == ["relation_planners.generate_series"])
    }

    @Test func onlyTheDifferencesThatMatterAreNamed() throws {
        let s = try Self.session()
        let before = s.manifest
        try s.set("optimizer.rule.push_down_filter", "off")
        try s.set("planner.expression.json", "off")
        let change = try s.planChange(of: "SELECT name FROM r WHERE pos > 10", from: before, to: s.manifest)
        #expect(change.causes.filter(\.changesPlan).map(\.path) == ["rulepack.rules.push_down_filter.enabled"])
        #expect(change.causes.count == 2)
        let diff = try #require(change.planDiff)
        #expect(diff.moves == [.init(predicate: "r.pos > Int32(10)", from: "TableScan: r", to: "Filter")])
        #expect(diff.summary == "1 node changed, 0 removed, 1 added; 1 predicate moved")
    }

    @Test func theOptimizerTraceDiffIsTreeAware() throws {
        let s = Session()
        _ = try s.execute("CREATE TABLE o (id INT, cid INT, amt INT); CREATE TABLE c (id INT, name TEXT)")
        let trace = try #require(try s.explain("SELECT c.name FROM o, c WHERE o.cid = c.id AND o.amt > 10").trace)
        let step = try #require(trace.steps.firstIndex { $0.rule == "push_down_filter" && $0.changed }) + 1
        let diff = try #require(trace.diff(fromStep: step - 1, toStep: step))
        #expect(diff.count(.removed) == 1)
        #expect(diff.lines.first { $0.mark == .removed }?.text == "Filter: o.amt > Int32(10)")
        #expect(diff.moves.map(\.to) == ["TableScan: o"])
        #expect(diff.json["schema_version"]?.intValue == 1)
    }
}
