import Foundation
import PlanCore
import PlanEngine
import PlanPipeline
import Testing

/// `planscope graph` checks a spec without binding (``Session/parsePipeline(_:)``): the
/// relations each view reads come from its parsed SQL. It must find exactly the problems
/// binding finds, and the same contract.
@Suite struct PipelineParseTests {
    static func problems(_ body: () throws -> Void) -> [String] {
        do { try body() } catch let error as PipelineError {
            if case .spec(let e) = error { return e.errors.map(\.description) }
            return [error.description]
        } catch { return ["\(error)"] }
        return []
    }

    /// The problems of parsing and of loading (binding) the same spec.
    static func both(_ views: String) throws -> (parsed: [String], bound: [String]) {
        let spec = try PipelineTests.spec(views)
        return (problems { _ = try Session().parsePipeline(spec) }, problems { _ = try Session().loadPipeline(spec) })
    }

    @Test func undeclaredAndUnreadDependenciesAreFoundWithoutBinding() throws {
        let (parsed, bound) = try Self.both("""
            [{"name": "a", "sql": "SELECT n FROM nums", "view_dependencies": ["nums"]},
             {"name": "b", "sql": "SELECT n FROM a WHERE n IN (SELECT n FROM nums)", "view_dependencies": ["a"]},
             {"name": "c", "sql": "SELECT n FROM a", "view_dependencies": ["a", "nums"]},
             {"name": "d", "sql": "SELECT (SELECT max(n) FROM nums) AS m FROM a JOIN b ON a.n = b.n AND EXISTS (SELECT 1 FROM c)",
              "view_dependencies": ["a", "b", "nums"]}]
            """)
        let expected = [
            "view_definitions[1].view_dependencies: the SQL reads 'nums', which is not declared",
            "view_definitions[2].view_dependencies: declares 'nums', which the SQL does not read",
            "view_definitions[3].view_dependencies: the SQL reads 'c', which is not declared",
        ]
        #expect(parsed == expected)
        #expect(bound == expected)
    }

    @Test func withQueriesAreNotRelationsOfTheSpec() throws {
        // A WITH name shadows an input of the same name; a WITH query reads what it names.
        let (parsed, bound) = try Self.both("""
            [{"name": "a", "sql": "WITH w AS (SELECT n FROM nums), x AS (SELECT n FROM w) SELECT n FROM x", "view_dependencies": ["nums"]},
             {"name": "b", "sql": "WITH nums AS (SELECT 1 AS n) SELECT n FROM nums UNION ALL SELECT n FROM a", "view_dependencies": ["a"]},
             {"name": "c", "sql": "SELECT s.n FROM (WITH a AS (SELECT 2 AS n) SELECT n FROM a) s, b", "view_dependencies": ["b"]}]
            """)
        #expect(parsed == [])
        #expect(bound == [])
    }

    @Test func aNameOutsideTheSpecIsAnErrorEitherWay() throws {
        let (parsed, bound) = try Self.both(#"[{"name": "v", "sql": "SELECT 1 FROM nowhere", "view_dependencies": []}]"#)
        #expect(parsed == ["view_definitions[0].sql: reads 'nowhere', which is neither an input relation nor a view of the spec"])
        #expect(bound == ["view_definitions[0].sql: line 1, column 15: table 'nowhere' not found"])
        let quoted = try Self.both(#"[{"name": "v", "sql": "SELECT n FROM \"NUMS\"", "view_dependencies": ["nums"]}]"#)
        #expect(quoted.parsed.contains("view_definitions[0].sql: reads 'NUMS', which is neither an input relation nor a view of the spec"))
        #expect(!quoted.bound.isEmpty)
    }

    @Test func syntaxErrorsAndStatementsThatAreNotOneQueryAreNamed() throws {
        let (parsed, _) = try Self.both(#"[{"name": "v", "sql": "SELECT n FROM nums WHERE", "view_dependencies": ["nums"]}]"#)
        #expect(parsed.count == 1 && parsed[0].hasPrefix("view_definitions[0].sql: line 1, column 25:"), "\(parsed)")
        let two = try Self.both(#"[{"name": "v", "sql": "SELECT 1; SELECT 2", "view_dependencies": []}]"#)
        #expect(two.parsed == ["view_definitions[0].sql: a view holds one query, found 2 statements"])
        #expect(two.parsed == two.bound)
    }

    @Test func theContractIsTheSameParsedOrBound() throws {
        let spec = try PipelineTests.spec("""
            [{"name": "a", "sql": "select  n FROM nums -- all of them", "view_dependencies": ["nums"]},
             {"name": "b", "sql": "SELECT g, sum(n) AS s FROM a JOIN nums USING (n) GROUP BY g", "view_dependencies": ["a", "nums"]}]
            """, extra: #", "rule_intents": [{"rule": "push_down_filter", "enabled": false}]"#)
        let parsed = try Session().parsePipeline(spec)
        let bound = try Session().loadPipeline(spec)
        #expect(parsed.contract == bound.contract)
        #expect(parsed.graph == bound.graph)
        #expect(!parsed.view.isEstimated && bound.view.isEstimated)
        #expect(parsed.view.text.contains("critical path (2 views): nums → a → b"), "\(parsed.view.text)")
    }
}
