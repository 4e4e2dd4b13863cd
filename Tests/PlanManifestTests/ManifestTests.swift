import PlanCore
import PlanManifest
import Testing

@Suite struct ManifestTests {
    static func manifest(planners: [String] = ["interval_align", "read_csv"], expressions: [String] = ["json", "span"],
                         types: [String] = ["json"], factories: [String] = ["csv", "jsonl"],
                         config: [String: String] = ["optimizer.max_passes": "3"], rulepack: String = "default",
                         rules: [(String, Bool)] = [("simplify_expressions", true), ("push_down_filter", true)],
                         engine: String = "0.1.0") -> PlanningSurfaceManifest {
        PlanningSurfaceManifest(engineVersion: engine, relationPlanners: planners.map { .init(name: $0, version: "1") },
                                expressionPlanners: expressions.map { .init(name: $0, version: "1") },
                                typePlanners: types.map { .init(name: $0, version: "1") },
                                tableFactories: factories.map { .init(name: $0, version: "1") }, config: config,
                                rulepack: rulepack, rulepackFingerprint: "sha256:r", rules: rules.map { ($0.0, $0.1) })
    }

    @Test func fingerprintIsStableAndIgnoresRegistrationOrder() throws {
        let a = Self.manifest()
        #expect(a.fingerprint == Self.manifest().fingerprint)
        #expect(Self.manifest(planners: ["read_csv", "interval_align"], expressions: ["span", "json"], factories: ["jsonl", "csv"]).fingerprint
                == a.fingerprint)
        // Through JSON text and back: the same document.
        let reread = try PlanningSurfaceManifest(json: try JSONValue.parse(a.json.pretty))
        #expect(reread.fingerprint == a.fingerprint)
    }

    @Test func fingerprintChangesWithEveryField() {
        let base = Self.manifest().fingerprint
        let variants = [
            Self.manifest(planners: ["interval_align"]),
            Self.manifest(expressions: ["json"]),
            Self.manifest(types: []),
            Self.manifest(factories: ["csv"]),
            Self.manifest(config: ["optimizer.max_passes": "4"]),
            Self.manifest(rulepack: "none"),
            Self.manifest(rules: [("simplify_expressions", true), ("push_down_filter", false)]),
            Self.manifest(rules: [("push_down_filter", true), ("simplify_expressions", true)]),
            Self.manifest(engine: "0.2.0"),
        ]
        for v in variants { #expect(v.fingerprint != base) }
        #expect(Set(variants.map(\.fingerprint)).count == variants.count)
    }

    @Test func aNewerVersionIsRefusedNamingBoth() {
        #expect(throws: ManifestError("manifest version 3 cannot be read by this planscope (it reads version 2)")) {
            try PlanningSurfaceManifest(json: .object([("manifest_version", .int(3))]))
        }
    }

    @Test func diffsReadAsChangesByPath() {
        let cases: [(PlanningSurfaceManifest, [String])] = [
            (Self.manifest(), ["no differences"]),
            (Self.manifest(planners: ["read_csv", "interval_align"]), ["no differences"]),
            (Self.manifest(planners: ["interval_align", "read_csv", "range"]), ["+ relation_planners.range: 1"]),
            (Self.manifest(factories: ["csv"]), ["- table_factories.jsonl: 1"]),
            (Self.manifest(config: ["optimizer.max_passes": "5"]), ["~ planning_config.optimizer.max_passes: 3 → 5"]),
            (Self.manifest(rules: [("simplify_expressions", true), ("push_down_filter", false)]),
             ["~ rulepack.rules.push_down_filter.enabled: on → off"]),
            (Self.manifest(rules: [("push_down_filter", true), ("simplify_expressions", true)]),
             ["~ rulepack.rules (order): simplify_expressions, push_down_filter → push_down_filter, simplify_expressions"]),
        ]
        for (new, expected) in cases {
            let diff = ManifestDiff(from: Self.manifest(), to: new)
            #expect(Array(diff.human().split(separator: "\n").map(String.init).dropLast(2)) == expected)
            #expect(diff.json["same"]?.boolValue == (expected.first == "no differences"))
        }
        let diff = ManifestDiff(from: Self.manifest(), to: Self.manifest(config: ["optimizer.max_passes": "5"]))
        #expect(diff.json["old_fingerprint"]?.stringValue == Self.manifest().fingerprint.description)
        #expect(diff.json["changes"]?.arrayValue?.first?.compact == #"{"op":"changed","path":"planning_config.optimizer.max_passes","old":"3","new":"5"}"#)
        #expect(diff.brief == "manifests differ: 0 added, 0 removed, 1 changed")
    }

    /// Manifest pairs with the whole human diff (less the fingerprint lines) and the JSON
    /// changes expected.
    @Test func diffTable() {
        let cases: [(PlanningSurfaceManifest, [String], String)] = [
            (Self.manifest(expressions: ["json"]), ["- expression_planners.span: 1"],
             #"[{"op":"removed","path":"expression_planners.span","value":"1"}]"#),
            (Self.manifest(expressions: ["span", "json"]), ["no differences"], "[]"),
            (Self.manifest(types: ["json", "money"]), ["+ type_planners.money: 1"],
             #"[{"op":"added","path":"type_planners.money","value":"1"}]"#),
            (Self.manifest(planners: ["interval_align"], config: ["optimizer.max_passes": "3", "pushdown.enforcement": "strict"]),
             ["- relation_planners.read_csv: 1", "+ planning_config.pushdown.enforcement: strict"],
             #"[{"op":"removed","path":"relation_planners.read_csv","value":"1"},{"op":"added","path":"planning_config.pushdown.enforcement","value":"strict"}]"#),
            (Self.manifest(rulepack: "none", engine: "0.2.0"),
             ["~ engine_version: 0.1.0 → 0.2.0", "~ rulepack.name: default → none"],
             #"[{"op":"changed","path":"engine_version","old":"0.1.0","new":"0.2.0"},{"op":"changed","path":"rulepack.name","old":"default","new":"none"}]"#),
            (Self.manifest(rules: [("simplify_expressions", true), ("push_down_filter", true), ("cse", false)]),
             ["+ rulepack.rules.cse: off"], #"[{"op":"added","path":"rulepack.rules.cse","value":"off"}]"#),
        ]
        for (new, human, json) in cases {
            let diff = ManifestDiff(from: Self.manifest(), to: new)
            #expect(Array(diff.human().split(separator: "\n").map(String.init).dropLast(2)) == human)
            #expect(diff.json["changes"]?.compact == json)
            #expect(diff.json["schema_version"]?.intValue == 1)
        }
    }
}

@Suite struct ManifestCanonicalFormTests {
    @Test func theStreamedCanonicalFormIsTheJSONsCanonicalForm() {
        let m = ManifestTests.manifest(planners: ["z", "a", "a"], config: ["b.x": "1", "a.y": "q\"uote", "é": "ü\n"])
        #expect(m.canonicalBytes == m.json.canonicalBytes)
        #expect(m.fingerprint == Fingerprint(of: m.json))
    }

    @Test func duplicateAndUnsortedEntriesDiffAsSets() {
        let a = ManifestTests.manifest(planners: ["z", "a", "a"]), b = ManifestTests.manifest(planners: ["a", "b"])
        #expect(ManifestDiff(from: a, to: b).changes == [.added(path: "relation_planners.b", value: "1"),
                                                         .removed(path: "relation_planners.z", value: "1")])
    }
}
