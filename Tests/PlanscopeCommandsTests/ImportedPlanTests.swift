import Foundation
import PlanCore
import PlanscopeCommands
import Testing

/// `\substrait load FILE` puts the plan it read into view: `\pushdown` and `\explain`
/// report on it (not on the SQL query before it) until the next query; and planscope's own
/// trace JSON is read back only by the engine version that wrote it.
@Suite struct ImportedPlanTests {
    /// A plan exported to a file: the join with `c > 5` on `u`.
    static func exported(_ b: Bench) throws -> String {
        let json = b.run("\\substrait SELECT b FROM t JOIN u ON t.a = u.a WHERE c > 5").text(.data)
        let file = Bench.temporary("plan.json")
        try json.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func pushdownAndExplainReportOnTheLoadedPlan() throws {
        let b = try Bench()
        let file = try Self.exported(b)
        // A different query in view first: its filter is on t.
        let before = b.run("SELECT a FROM t WHERE b = 'x';").state
        #expect(b.run("\\pushdown", before).text(.data).contains("t.b = Utf8(\"x\")"))

        let loaded = b.run("\\substrait load \(file)", before)
        #expect(loaded.state.imported?.source == file)
        #expect(loaded.effects == [.showImportedPlan(title: file)])
        // It ran: the one row of the join, and nothing else said.
        #expect(loaded.text(.data).contains("(1 row)") && loaded.kinds.allSatisfy { $0 == .data }, "\(loaded.lines)")

        let pushdown = b.run("\\pushdown", loaded.state)
        #expect(pushdown.succeeded, "\(pushdown.lines)")
        let report = pushdown.text(.data)
        #expect(report.contains("u.c > Int64(5)") || report.contains("u.c > Int32(5)"), "\(report)")
        #expect(!report.contains("t.b = Utf8(\"x\")"))
        let explain = b.run("\\explain", loaded.state).text(.data)
        #expect(explain.contains("Join") && explain.contains("TableScan: u"), "\(explain)")

        // Its report holds its trace, which `\trace load` reads back; another engine
        // version's report is refused.
        let reportFile = Bench.temporary("report.html")
        #expect(b.run("\\report \(reportFile)", loaded.state).succeeded)
        let html = try String(contentsOfFile: reportFile, encoding: .utf8)
        #expect(html.contains("TableScan: u"))  // the imported join, not the query on t before it
        #expect(b.run("\\trace load \(reportFile)").text(.data).hasPrefix("trace: "))
        let stamped = "\"engine_version\":\"\(EngineVersion.current)\""
        #expect(html.contains(stamped))
        let older = Bench.temporary("report.html")
        try html.replacingOccurrences(of: stamped, with: "\"engine_version\":\"0.0.9\"").write(toFile: older, atomically: true, encoding: .utf8)
        #expect(b.run("\\trace load \(older)").text.hasPrefix("error: \\trace: \(older): written by planscope engine 0.0.9, this is "))

        // The next query takes its place again.
        let after = b.run("SELECT a FROM t WHERE b = 'y';", loaded.state)
        #expect(after.state.imported == nil)
        #expect(b.run("\\pushdown", after.state).text(.data).contains("t.b = Utf8(\"y\")"))
    }

    @Test func aBadPlanLeavesTheViewAsItWas() throws {
        let b = try Bench()
        let file = try Self.exported(b)
        let loaded = b.run("\\substrait load \(file)").state
        let bad = Bench.temporary("bad.json")
        try "{\"relations\": [".write(toFile: bad, atomically: true, encoding: .utf8)
        let failed = b.run("\\substrait load \(bad)", loaded)
        #expect(failed.kinds == [.error] && failed.text.contains(bad))
        #expect(failed.state.imported?.source == file && failed.effects.isEmpty)
    }

    /// Trace JSON as `\trace` writes it with `\format json`, its `engine_version` line
    /// replaced (nil: removed).
    static func traceFile(_ b: Bench, engineVersion: String?) throws -> String {
        let inView = b.withTrace()
        let json = try #require(inView.trace?.json.pretty)
        let stamped = "\"engine_version\": \"\(EngineVersion.current)\""
        #expect(json.contains(stamped))
        let text = json.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
            guard line.contains(stamped) else { return String(line) }
            return engineVersion.map { line.replacingOccurrences(of: stamped, with: "\"engine_version\": \"\($0)\"") }
        }.joined(separator: "\n")
        let file = Bench.temporary("trace.json")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func traceJSONOfAnotherEngineVersionIsRefused() throws {
        let b = try Bench()
        let same = b.run("\\trace load \(try Self.traceFile(b, engineVersion: EngineVersion.current))")
        #expect(same.kinds.allSatisfy { $0 == .data } && same.text.hasPrefix("trace: "))

        let other = try Self.traceFile(b, engineVersion: "0.0.9")
        let refused = b.run("\\trace load \(other)")
        #expect(refused.kinds == [.error])
        #expect(refused.text == "error: \\trace: \(other): written by planscope engine 0.0.9, this is \(EngineVersion.current): "
                + "planscope's trace JSON is read by the engine version that wrote it (plans travel across versions as Substrait)")

        // Written before traces carried a version: read, with a warning.
        let old = try Self.traceFile(b, engineVersion: nil)
        let read = b.run("\\trace load \(old)")
        #expect(read.text(.data).hasPrefix("trace: "))
        #expect(read.text(.warning) == "warning: \(old): no engine_version (written before traces carried one): read as engine \(EngineVersion.current)'s")
    }
}
