import Dispatch
import Foundation
import PlanCore
import PlanEngine
import PlanPipeline
import PlanSupport
import Testing

@Suite struct PipelineTests {
    static func spec(_ views: String, inputs: String? = nil, extra: String = "") throws -> SemanticExecutionSpec {
        let json = """
            {"version": 1,
             "input_relations": \(inputs ?? """
                [{"logical_name": "nums", "format": "inline", "columns": [{"name": "n", "type": "INTEGER"}, {"name": "g", "type": "TEXT"}],
                  "rows": [[1, "a"], [2, "b"], [3, "a"], [4, "b"]]}]
                """),
             "view_definitions": \(views)\(extra)}
            """
        return try SpecParser.parse(json, baseDirectory: NSTemporaryDirectory())
    }

    static func problems(_ error: PipelineError) -> [String] {
        if case .spec(let e) = error { return e.errors.map(\.description) }
        return [error.description]
    }

    @Test func declaredDependenciesMustBeWhatTheSQLReads() throws {
        let spec = try Self.spec("""
            [{"name": "a", "sql": "SELECT n FROM nums", "view_dependencies": ["nums"]},
             {"name": "b", "sql": "SELECT n FROM a WHERE n IN (SELECT n FROM nums)", "view_dependencies": ["a"]},
             {"name": "c", "sql": "SELECT n FROM a", "view_dependencies": ["a", "nums"]}]
            """)
        #expect {
            _ = try Session().loadPipeline(spec)
        } throws: { error in
            Self.problems(error as! PipelineError) == [
                "view_definitions[1].view_dependencies: the SQL reads 'nums', which is not declared",
                "view_definitions[2].view_dependencies: declares 'nums', which the SQL does not read",
            ]
        }
    }

    @Test func readingALaterViewWithoutDeclaringItIsNamed() throws {
        let spec = try Self.spec("""
            [{"name": "first", "sql": "SELECT n FROM zlast", "view_dependencies": ["nums"]},
             {"name": "zlast", "sql": "SELECT n FROM nums", "view_dependencies": ["nums"]}]
            """)
        #expect {
            _ = try Session().loadPipeline(spec)
        } throws: { error in
            Self.problems(error as! PipelineError) == ["view_definitions[0].view_dependencies: the SQL reads 'zlast', which is not declared"]
        }
        let outside = try Self.spec(#"[{"name": "v", "sql": "SELECT 1 FROM nowhere", "view_dependencies": []}]"#)
        #expect {
            _ = try Session().loadPipeline(outside)
        } throws: { error in
            (error as! PipelineError).description == "view_definitions[0].sql: line 1, column 15: table 'nowhere' not found"
        }
    }

    @Test func independentViewsOfOneLevelRunAtTheSameTime() throws {
        // Two views over the same input, each a sizeable nested-loop join: level 1 holds both.
        let rows = (0..<1200).map { "[\($0)]" }.joined(separator: ", ")
        let spec = try Self.spec("""
            [{"name": "left_work", "sql": "SELECT count(*) AS c FROM big x, big y WHERE x.v + y.v = 1000", "view_dependencies": ["big"]},
             {"name": "right_work", "sql": "SELECT count(*) AS c FROM big x, big y WHERE x.v - y.v = 7", "view_dependencies": ["big"]}]
            """, inputs: """
            [{"logical_name": "big", "format": "inline", "columns": [{"name": "v", "type": "INTEGER"}], "rows": [\(rows)]}]
            """)
        let session = Session()
        let pipeline = try session.loadPipeline(spec)
        #expect(pipeline.graph.levelGroups[1].map { pipeline.graph.nodes[$0].name } == ["left_work", "right_work"])
        let report = try session.runPipeline(pipeline)
        let l = try #require(report.views.first { $0.name == "left_work" })
        let r = try #require(report.views.first { $0.name == "right_work" })
        #expect(l.startMillis < r.endMillis && r.startMillis < l.endMillis, "\(l) \(r)")
        #expect(try session.query("SELECT c FROM left_work").rows == [[.int64(1001)]])
    }

    @Test func cancellingARunningPipelineEndsItWithinASecondAndWritesNothing() throws {
        // One view that would run for minutes (a 12,000² nested-loop join), one quick view
        // with an output: the run is cancelled while the slow view runs.
        let rows = (0..<12_000).map { "[\($0)]" }.joined(separator: ", ")
        let out = NSTemporaryDirectory() + "planscope-cancel-\(UInt64.random(in: 0...UInt64.max)).csv"
        let spec = try Self.spec("""
            [{"name": "quick", "sql": "SELECT count(*) AS c FROM big", "view_dependencies": ["big"]},
             {"name": "slow", "sql": "SELECT count(*) AS c FROM big x, big y, big z WHERE x.v + y.v = z.v", "view_dependencies": ["big"]}]
            """, inputs: """
            [{"logical_name": "big", "format": "inline", "columns": [{"name": "v", "type": "INTEGER"}], "rows": [\(rows)]}]
            """, extra: #", "output_targets": [{"table_name": "quick_out", "source_view": "quick", "format": "csv", "location": "\#(out)"}]"#)
        let session = Session()
        let pipeline = try session.loadPipeline(spec)
        let outcome = Locked<(error: PipelineError?, endedAt: UInt64)?>(nil)
        let thread = Thread {
            var error: PipelineError?
            do throws(PipelineError) { _ = try session.runPipeline(pipeline) } catch let e { error = e }
            outcome.withLock { $0 = (error, DispatchTime.now().uptimeNanoseconds) }
        }
        thread.stackSize = 16 << 20
        thread.start()
        Thread.sleep(forTimeInterval: 0.5)
        #expect(outcome.withLock { $0 } == nil, "the slow view finished before it was cancelled")
        let cancelledAt = DispatchTime.now().uptimeNanoseconds
        session.cancelRunning()
        let deadline = Date().addingTimeInterval(10)
        while outcome.withLock({ $0 }) == nil, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let ended = try #require(outcome.withLock { $0 }, "the run did not end within 10 s of being cancelled")
        #expect(ended.error?.isCancelled == true, "\(String(describing: ended.error))")
        #expect(Double(ended.endedAt - cancelledAt) / 1e9 < 1, "ended \(Double(ended.endedAt - cancelledAt) / 1e9) s after cancel")
        #expect(!FileManager.default.fileExists(atPath: out), "a cancelled run wrote \(out)")
    }

    @Test func aTableFunctionInAViewIsNoUndeclaredRead() throws {
        // generate_series makes rows; its alias is not a relation the view reads.
        let spec = try Self.spec("""
            [{"name": "v", "sql": "SELECT count(*) AS c FROM nums, generate_series(1, 3) g(x) WHERE nums.n = g.x", "view_dependencies": ["nums"]}]
            """)
        let session = Session()
        let report = try session.runPipeline(try session.loadPipeline(spec), writeOutputs: false)
        #expect(report.views.map(\.rows) == [1])
        #expect(try session.query("SELECT c FROM v").rows == [[.int64(3)]])
    }

    @Test func aProfileSetsTheSettingsARunUses() throws {
        let spec = try Self.spec(#"[{"name": "v", "sql": "SELECT n FROM nums", "view_dependencies": ["nums"]}]"#,
                                 extra: #", "session_profile": "large", "rule_intents": [{"rule": "push_down_limit", "enabled": false}]"#)
        let session = Session()
        #expect(session.config[Settings.batchSize] == 4096)
        _ = try session.loadPipeline(spec)
        #expect(session.config[Settings.batchSize] == 16384)
        #expect(session.config.disabledRules == ["push_down_limit"])
        let bad = try Self.spec("[]", extra: #", "session_profile": "huge""#)
        #expect {
            _ = try Session().loadPipeline(bad)
        } throws: { error in
            Self.problems(error as! PipelineError) == ["session_profile: unknown value 'huge' (expected small, medium, large)"]
        }
    }

    @Test func replayNamesTheFirstChangedViewAndTheHashThatDiffers() throws {
        let views = """
            [{"name": "base", "sql": "SELECT n, g FROM nums WHERE n > 1", "view_dependencies": ["nums"]},
             {"name": "totals", "sql": "SELECT g, sum(n) AS s FROM base GROUP BY g", "view_dependencies": ["base"]}]
            """
        let session = Session()
        let first = try session.runPipeline(try session.loadPipeline(try Self.spec(views)))
        // The same spec again: valid.
        let again = Session()
        let same = try again.checkReplay(try again.loadPipeline(try Self.spec(views)), against: first)
        #expect(same.isValid)
        // Every rule off: the rulepack and envelope differ, and the first view's plan changes.
        let other = Session()
        let changed = try other.checkReplay(try other.loadPipeline(try Self.spec(views, extra: #", "rulepack_profile": "none""#)), against: first)
        #expect(!changed.isValid)
        #expect(changed.contractMismatches == ["spec_hash", "envelope_hash", "rulepack_fingerprint"])
        #expect(changed.firstChangedView == "base")
        // The report's JSON form reads back.
        let reread = try PipelineRunReport(json: try JSONValue.parse(first.json.pretty))
        #expect(reread.contract == first.contract)
        #expect(reread.views.map(\.planFingerprint) == first.views.map(\.planFingerprint))
    }
}
