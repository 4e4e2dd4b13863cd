import Dispatch
import Foundation
import PlanCore
import PlanEngine
import PlanPipeline
import Testing

/// Statement timeouts, the duration and size settings, and the JSON nesting limit.
@Suite struct LimitTests {
    /// Thousands of batches (cancellation is noticed between batches).
    static let slow = "SELECT count(*) FROM generate_series(1, 10000000) a(x) CROSS JOIN generate_series(1, 50) b(y) WHERE x % 7 = y"

    @Test func aStatementOverItsTimeoutIsCancelledWithTheReason() throws {
        let session = Session()
        _ = try session.execute("SET statement_timeout = '200ms'")
        let start = DispatchTime.now().uptimeNanoseconds
        #expect {
            _ = try session.execute(Self.slow)
        } throws: { error in
            "\(error)".contains("canceling statement due to statement timeout (execution.statement_timeout = 200ms)")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        #expect(seconds < 10, "took \(seconds) s")  // 200 ms, noticed between batches; generous for a loaded machine
        // The session goes on; a timeout of 0 is off.
        _ = try session.execute("SET execution.statement_timeout = 0")
        #expect(try session.query("SELECT 1 AS one").rows == [[.int64(1)]])
    }

    @Test func eachPipelineViewHasTheTimeoutOnItsOwn() throws {
        let spec = try PipelineTests.spec("""
            [{"name": "quick", "sql": "SELECT count(*) AS c FROM nums", "view_dependencies": ["nums"]},
             {"name": "slow", "sql": "SELECT count(*) AS c FROM nums a, nums b, nums c, nums d, nums e, nums f, nums g, nums h, nums i, nums j, nums k, nums l WHERE a.n + l.n = 100", "view_dependencies": ["nums"]}]
            """)
        let session = Session()
        _ = try session.execute("SET statement_timeout = 300")
        let pipeline = try session.loadPipeline(spec)
        #expect {
            _ = try session.runPipeline(pipeline, writeOutputs: false)
        } throws: { error in
            let text = "\(error)"
            return text.contains("view_definitions[1].sql") && text.contains("statement timeout")
        }
    }

    @Test func durationsAndSizesParseWithUnitsAndShowInTheLargestWholeUnit() throws {
        var config = SessionConfig()
        for (text, millis) in [("30s", 30_000), ("500ms", 500), ("2min", 120_000), ("1h", 3_600_000), ("250", 250), ("0", 0), ("1 s", 1000)] {
            try config.set("statement_timeout", text)
            #expect(config[Settings.statementTimeout] == millis, "\(text)")
        }
        #expect(Settings.statementTimeout.declaration.show(.integer(30_000)) == "30s")
        #expect(Settings.statementTimeout.declaration.show(.integer(0)) == "0")
        for bad in ["soon", "-1s", "5 parsecs", "99999999999999999999d", ""] {
            #expect(throws: PlanError.self, "\(bad)") { try config.set("execution.statement_timeout", bad) }
        }
        #expect(SettingDomain.bytes.parse("2GiB") == .integer(2 << 30))
        #expect(SettingDomain.bytes.parse("512MB") == .integer(512 << 20))
        #expect(SettingDomain.bytes.show(.integer(2 << 30)) == "2GiB")
    }

    @Test func jsonNestedPastTheLimitIsOneClearError() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect {
            _ = try JSONValue.parse(deep)
        } throws: { error in
            "\(error)".contains("nesting deeper than \(JSONValue.maxDepth) levels")
        }
        // A pipeline spec is read by the same reader: the error names the spec.
        #expect(throws: (any Error).self) {
            _ = try SpecParser.parse(#"{"version": 1, "x": "# + deep + "}", baseDirectory: "/tmp")
        }
    }
}
