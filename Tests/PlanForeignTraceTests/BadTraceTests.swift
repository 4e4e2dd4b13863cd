import PlanForeignTrace
import Testing

/// A damaged trace gives one line naming the place: the line, or the section it lacks.
@Suite struct BadTraceTests {
    func dataFusionError(_ text: String) -> String? {
        do { _ = try DataFusionVerboseTrace.read(text); return nil } catch { return error.description }
    }

    func sparkError(_ text: String) -> String? {
        do { _ = try SparkPlanChangeLog.read(text); return nil } catch { return error.description }
    }

    func lines(_ text: String) -> [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    @Test func truncatedBorderedTable() throws {
        let text = try TraceFixtures.text("datafusion", "q06.explain.txt")
        let cut = lines(text).prefix(100).joined(separator: "\n")
        #expect(dataFusionError(cut) == "line 100: the table has no closing border: the trace is cut short")
    }

    @Test func plainColumnsCutInTheLogicalSection() throws {
        let all = lines(try TraceFixtures.text("datafusion", "q06.txt"))
        let end = try #require(all.firstIndex { $0.hasPrefix("logical_plan ") })
        let error = try #require(dataFusionError(all.prefix(end).joined(separator: "\n")))
        #expect(error.hasPrefix("no logical_plan row after line ") && error.hasSuffix("the trace is cut short (the logical section is not closed)"))
    }

    @Test func plainColumnsCutInThePhysicalSection() throws {
        let all = lines(try TraceFixtures.text("datafusion", "q06.txt"))
        let end = try #require(all.firstIndex { $0.hasPrefix("physical_plan ") && !$0.hasPrefix("physical_plan after") })
        let error = try #require(dataFusionError(all.prefix(end).joined(separator: "\n")))
        #expect(error.hasSuffix("the trace is cut short (the physical section is not closed)"))
    }

    @Test func missingInitialPlanAndPhysicalStart() throws {
        let all = lines(try TraceFixtures.text("datafusion", "q06.txt"))
        let second = try #require(all.dropFirst(2).firstIndex { !$0.hasPrefix(" ") })
        let headless = ([all[0]] + all[second...]).joined(separator: "\n")
        #expect(dataFusionError(headless) == "line 2: the first row is 'logical_plan after resolve_grouping_function', not initial_logical_plan")
        let start = try #require(all.firstIndex { $0.hasPrefix("initial_physical_plan ") })
        let next = try #require(all[(start + 1)...].firstIndex { !$0.hasPrefix(" ") })
        let noPhysicalStart = (all[..<start] + all[next...]).joined(separator: "\n")
        let row = try #require(lines(noPhysicalStart).firstIndex { $0.hasPrefix("physical_plan after ") }) + 1
        #expect(dataFusionError(noPhysicalStart) == "line \(row): 'physical_plan after OutputRequirements' before initial_physical_plan")
    }

    @Test func notATable() {
        #expect(dataFusionError("hello\nworld") == "line 1: not DataFusion EXPLAIN VERBOSE output: expected its table, or a `plan_type  plan` header")
        let header = "plan_type" + String(repeating: " ", count: 13) + "plan\n", pad = String(repeating: " ", count: 22)
        #expect(dataFusionError(header + "initial_logical_plan  SAME TEXT AS ABOVE") == "line 2: SAME TEXT AS ABOVE in the first row")
        #expect(dataFusionError(header + "initial_logical_plan  Projection: a\n" + pad + "    Filter: b") == "line 3: indented 2 levels below the line above")
        #expect(dataFusionError(header + "initial_logical_plan_x  Projection: a") == "line 2: text runs across the plan column's start (column 23)")
        #expect(dataFusionError(header + "logical_plan          Projection: a\nphysical_plan         ProjectionExec: a")
                == "line 2: the first row is 'logical_plan', not initial_logical_plan (EXPLAIN VERBOSE prints each rule's plan; EXPLAIN only the final plans)")
    }

    @Test func sparkLogCutInsideABatch() throws {
        let all = lines(try TraceFixtures.text("spark", "q01.log"))
        let result = try #require(all.firstIndex { $0.hasPrefix("=== Result of Batch Resolution") })
        let error = try #require(sparkError(all.prefix(result - 1).joined(separator: "\n")))
        #expect(error.hasPrefix("line 9: the log ends before rule org.apache.spark.sql.catalyst.analysis.Analyzer$ResolveRelations's '=== Result of Batch'"))
    }

    @Test func sparkLogWithoutItsLastExecutorsMetrics() throws {
        let all = lines(try TraceFixtures.text("spark", "q01.log"))
        let metrics = try #require(all.lastIndex { $0.hasPrefix("=== Metrics of Executed Rules") })
        let error = try #require(sparkError(all.prefix(metrics - 1).joined(separator: "\n")))
        #expect(error.contains("executor's '=== Metrics of Executed Rules': it is cut short"))
        #expect(!error.contains("\n"))
    }

    @Test func sparkBlockWithoutPlans() {
        #expect(sparkError("=== Applying Rule R ===\n\n=== Result of Batch B ===\n") == "line 1: rule R: the block has no plans before and after it")
        #expect(sparkError("=== Frobnicate ===\n") == "line 1: unknown plan change log block 'Frobnicate'")
    }
}
