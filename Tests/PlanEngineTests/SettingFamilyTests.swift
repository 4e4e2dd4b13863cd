import Foundation
import PlanCore
import PlanEngine
import PlanOptimizer
import PlanProviders
import Testing

/// Settings say what they are in their declarations (a rule's switch, a planner's, a
/// cache's), and typed values set them with the checks and effects `SET` text has.
@Suite(.serialized) struct SettingFamilyTests {
    @Test func everyRuleAndPlannerSwitchIsDeclaredInItsFamily() {
        for name in Rulepack.allRuleNames {
            #expect(Settings.declaration(named: "optimizer.rule." + name)?.family == .rule(name))
        }
        #expect(Settings.declaration(named: "planner.relation.generate_series")?.family == .planner(.relation, "generate_series"))
        #expect(Settings.declaration(named: "planner.default")?.family == .plannerDefault)
        #expect(Settings.declaration(named: "cache.parquet_footers")?.family == .cache)
        #expect(Settings.declaration(named: "optimizer.max_passes")?.family == .plain)
        // A rule's family, not its name, marks it disabled.
        var config = SessionConfig()
        #expect(throws: Never.self) { try config.set(Settings.rule("push_down_filter"), false) }
        #expect(config.disabledRules == ["push_down_filter"])
    }

    @Test func aTypedValueIsCheckedAndActsAsSETDoes() throws {
        let session = Session()
        #expect(throws: PlanError.self) { try session.set(Settings.maxPasses, 0) }
        #expect(session.config[Settings.maxPasses] == OptimizerContext.defaultMaxPasses)
        try session.set(Settings.maxPasses, 7)
        #expect(session.config[Settings.maxPasses] == 7)
        // A planner switched by a typed value is off for planning, as with SET.
        try session.set(Settings.planner(.relation, "generate_series"), .off)
        #expect(throws: StatementError.self) { try session.query("SELECT * FROM generate_series(1, 3)") }
        try session.set(Settings.planner(.relation, "generate_series"), .default)
        #expect(try session.query("SELECT count(*) FROM generate_series(1, 3)").rows == [[.int64(3)]])
        // A cache switched by a typed value: CacheTests (the suite that switches the
        // process's caches, one test at a time).
        // A rule switched off that another needs gives the same warning as SET.
        let typed = try Session().set(Settings.rule("push_down_filter"), false)
        let text = try Session().set("optimizer.rule.push_down_filter", "off")
        #expect(typed.map(\.message) == text.map(\.message))
    }
}
