import PlanEngine
import Testing

/// Facts front ends read from the session instead of working them out themselves.
@Suite struct SessionFactsTests {
    @Test func theManifestDiffAgainstDefaultsListsChangedSettings() throws {
        let s = Session()
        #expect(s.manifestDiff(against: s.defaultManifest).changes.isEmpty)
        try s.set("optimizer.rule.push_down_filter", "off")
        try s.set("optimizer.max_passes", "1")
        let diff = s.manifestDiff(against: s.defaultManifest)
        #expect(diff.changes.count == 2)
        #expect(s.defaultManifest.fingerprint == Session().manifest.fingerprint)
    }

    @Test func queriesAreToldFromOtherStatements() throws {
        let s = Session()
        let results = try s.execute("CREATE TABLE t (a INT); SELECT a FROM t; VALUES (1); EXPLAIN SELECT 1; SET optimizer.max_passes = 2;")
        #expect(results.map(\.isQuery) == [false, true, true, false, false])
    }
}
