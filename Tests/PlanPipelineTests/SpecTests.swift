import PlanCore
import PlanPipeline
import Testing

@Suite struct SpecTests {
    static let validator = SpecValidator(ruleNames: ["push_down_filter"], rulepacks: ["default", "none"],
                                         enforcementModes: ["strict", "warn", "disabled"], sessionProfiles: ["small", "medium", "large"])

    static func problems(_ json: String) -> [String] {
        do {
            let spec = try SpecParser.parse(json, baseDirectory: "/nonexistent")
            var v = validator
            v.checkFiles = false
            return v.problems(spec).map(\.description)
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func everyParseErrorNamesItsJSONPath() {
        let errors = Self.problems("""
            {"version": 1, "input_relations": [{"logical_name": "a", "format": "orc", "location": "a.orc"}],
             "view_definitions": [{"name": "v", "sql": "SELECT 1", "view_dependencies": []},
                                  {"name": "w", "sql": 42},
                                  {"nmae": "x", "sql": "SELECT 2"}],
             "output_targets": [{"table_name": "o", "source_view": "v", "format": "csv"}],
             "rule_intents": [{"rule": "push_down_filter", "enabled": "yes"}]}
            """)
        #expect(errors == [
            "input_relations[0].format: unknown format 'orc' (expected csv, jsonl, parquet, inline)",
            "view_definitions[1].sql: expected a string, got number",
            "view_definitions[2].nmae: unknown key 'nmae' (did you mean 'name'?)",
            "view_definitions[2].name: missing (a string is required)",
            "output_targets[0].location: missing (a string is required)",
            "rule_intents[0].enabled: expected true or false, got string",
        ])
    }

    @Test func validationNamesPathsForEveryProblem() {
        let errors = Self.problems("""
            {"version": 0,
             "input_relations": [{"logical_name": "t", "format": "inline", "columns": [{"name": "a", "type": "INT"}], "rows": [[1]]}],
             "view_definitions": [{"name": "v", "sql": "SELECT a FROM t", "view_dependencies": ["t", "tt", "v"]},
                                  {"name": "t", "sql": "SELECT 1", "view_dependencies": []}],
             "output_targets": [{"table_name": "o", "source_view": "vv", "format": "jsonl", "location": "o.jsonl"},
                                {"table_name": "o", "source_view": "v", "format": "csv", "location": "o.csv"}],
             "rule_intents": [{"rule": "push_down_filtr"}],
             "rulepack_profile": "fast", "session_profile": "huge"}
            """)
        #expect(errors == [
            "version: version 0 is no longer supported (the oldest supported is 1)",
            "view_definitions[1].name: 't' is already defined at input_relations[0].logical_name",
            "view_definitions[0].view_dependencies[1]: 'tt' is neither an input relation nor a view (did you mean 't'?)",
            "view_definitions[0].view_dependencies[2]: view 'v' cannot depend on itself",
            "output_targets[0].source_view: no view named 'vv' (did you mean 'v'?)",
            "output_targets[1].table_name: 'o' is already written by output_targets[0]",
            "rule_intents[0].rule: unknown optimizer rule 'push_down_filtr' (did you mean 'push_down_filter'?)",
            "rulepack_profile: unknown value 'fast' (expected default, none)",
            "session_profile: unknown value 'huge' (expected small, medium, large)",
        ])
    }

    @Test func aSpecWithNoViewsIsValid() {
        #expect(Self.problems(#"{"version": 1}"#) == [])
        #expect(Self.problems("[1, 2]") == [": expected an object, got array"].map { String($0.dropFirst(2)) })
        #expect(Self.problems("{\"version\": 1,") == ["not valid JSON: line 1, column 15: expected a quoted key"])
    }

    static let base = """
        {"version": 1,
         "input_relations": [{"logical_name": "t", "format": "csv", "location": "t.csv", "options": {"header": true, "chunk_rows": 100}}],
         "view_definitions": [{"name": "b", "sql": "SELECT a FROM v", "view_dependencies": ["v"]},
                              {"name": "v", "sql": "SELECT a, sum(x) AS s FROM t GROUP BY a", "view_dependencies": ["t"]}],
         "session_profile": "small"}
        """

    static func hash(_ json: String) throws -> String {
        let spec = try SpecParser.parse(json, baseDirectory: "/somewhere")
        return DeterminismContract(spec: spec, manifestFingerprint: "m", planningSettings: [], rulepackFingerprint: "r").specHash
    }

    @Test func specHashIgnoresKeyOrderWhitespaceNumberFormsAndSQLLayout() throws {
        let reordered = """
            {"session_profile": "small",
             "view_definitions": [
               {"view_dependencies": ["t"], "sql": "select a,\\n  SUM(x)   as s\\nfrom t -- per a\\ngroup by a", "name": "v"},
               {"name": "b", "sql": "SELECT a FROM v", "view_dependencies": ["v"]}],
             "input_relations": [{"options": {"chunk_rows": 100.0, "header": true}, "location": "t.csv", "format": "CSV", "logical_name": "T"}],
             "version": 1.0}
            """
        #expect(try Self.hash(reordered) == Self.hash(Self.base))
        // A spec moved to another folder keeps its hash.
        let moved = try SpecParser.parse(Self.base, baseDirectory: "/elsewhere")
        #expect(DeterminismContract(spec: moved, manifestFingerprint: "m", planningSettings: [], rulepackFingerprint: "r").specHash
                == (try Self.hash(Self.base)))
    }

    @Test func specHashChangesWithAnySemanticEdit() throws {
        let original = try Self.hash(Self.base)
        let edits = [
            Self.base.replacingOccurrences(of: "sum(x)", with: "max(x)"),
            Self.base.replacingOccurrences(of: "\"small\"", with: "\"large\""),
            Self.base.replacingOccurrences(of: "t.csv", with: "t2.csv"),
            Self.base.replacingOccurrences(of: "\"chunk_rows\": 100", with: "\"chunk_rows\": 101"),
            Self.base.replacingOccurrences(of: "SELECT a FROM v", with: "SELECT a FROM v WHERE a > 1"),
            Self.base.replacingOccurrences(of: "GROUP BY a", with: "GROUP BY a HAVING count(*) > 1"),
        ]
        for edit in edits {
            #expect(try Self.hash(edit) != original, "\(edit)")
        }
    }

    @Test func contractsCompareAllThreeHashes() {
        let a = DeterminismContract(specHash: "s", envelopeHash: "e", rulepackFingerprint: "r")
        #expect(a.isReplayValid(a))
        #expect(a.mismatches(DeterminismContract(specHash: "s", envelopeHash: "e2", rulepackFingerprint: "r")) == ["envelope_hash"])
        #expect(a.mismatches(DeterminismContract(specHash: "s2", envelopeHash: "e", rulepackFingerprint: "r2")) == ["spec_hash", "rulepack_fingerprint"])
        #expect(DeterminismContract(json: a.json) == a)
    }

    @Test func theStreamedCanonicalFormIsTheTreeWritten() throws {
        let spec = try SpecParser.parse(#"""
            {"version": 1, "input_relations": [{"logical_name": "t", "format": "inline", "columns": [{"name": "x", "type": "INTEGER"}],
                                                "rows": [[1.50], [2]]}],
             "view_definitions": [{"name": "b", "sql": "SELECT 'a\"b\\c\n' AS \"Q\"\"\", x FROM t -- é", "view_dependencies": ["t"]},
                                  {"name": "a", "sql": "SELECT x FROM b WHERE x > 1.5", "view_dependencies": ["b"]},
                                  {"name": "c", "sql": "SELECT 'unterminated", "view_dependencies": []}],
             "output_targets": [{"table_name": "o", "source_view": "a", "format": "csv", "location": "o.csv"}],
             "rule_intents": [{"rule": "push_down_filter", "enabled": false}], "rulepack_profile": "default"}
            """#, baseDirectory: "/tmp")
        #expect(SpecCanonicalForm.bytes(spec) == SpecCanonicalForm.json(spec).canonicalBytes)
        let tokens = ["a": ["select", "1"]]
        #expect(SpecCanonicalForm.bytes(spec, sqlTokens: tokens) == SpecCanonicalForm.json(spec, sqlTokens: tokens).canonicalBytes)
        #expect(SpecCanonicalForm.bytes(SemanticExecutionSpec()) == SpecCanonicalForm.json(SemanticExecutionSpec()).canonicalBytes)
    }
}
