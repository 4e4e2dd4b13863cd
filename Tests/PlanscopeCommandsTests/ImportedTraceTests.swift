import Foundation
import PlanscopeCommands
import Testing

/// `\trace load` of another engine's trace makes it the trace in view: `\trace` lists its
/// steps, `\step`, `\next` and `\prev` step through it with the tree diffs, and the TUI is
/// asked to show it.
@Suite struct ImportedTraceTests {
    static let fixtures = Bench.root.appendingPathComponent("Tests/Fixtures/traces").path

    @Test func dataFusionTraceStepsLikeOurOwn() throws {
        let b = try Bench()
        let file = "\(Self.fixtures)/datafusion/q03.txt"
        let loaded = b.run("\\trace load \(file)")
        #expect(loaded.text(.data) == "DataFusion EXPLAIN VERBOSE: 100 steps (3 analyzer, 75 logical in 3 passes, 22 physical), 13 changed the plan")
        #expect(loaded.effects == [.showTrace(title: file)])
        #expect(loaded.state.trace?.steps.count == 100 && loaded.state.step == 0)

        let list = b.run("\\trace", loaded.state).text(.data)
        #expect(list.contains("push_down_filter") && list.contains("logical") && list.contains("EnsureRequirements"))
        #expect(list.hasSuffix("4 passes, imported: DataFusion EXPLAIN VERBOSE"))
        // No times (neither engine logs them per rule): the phase in the note column instead.
        #expect(list.contains("│ step │ pass │ rule ") && !list.contains(" ms ") && list.contains("push_down_filter                        │ yes     │ logical"))
        #expect(b.run("\\trace", loaded.state).text.contains("analyzer"))

        let step = b.run("\\step 22", loaded.state)
        let text = step.text(.data)
        #expect(text.hasPrefix("after step 22 (pass 1, push_down_filter):"))
        #expect(text.contains("moved lineitem.l_shipdate > Date32(\"1995-03-15\"): Filter → TableScan: lineitem"))
        #expect(text.hasSuffix("3 nodes changed, 1 removed, 3 added; 3 predicates moved"))

        let next = b.run("\\next", step.state)
        #expect(next.state.step == 23 && next.text(.data).contains("(unchanged from step 22)"))
        let prev = b.run("\\prev", next.state)
        #expect(prev.state.step == 22)
        // The last step, then no further.
        let last = b.run("\\step 100", loaded.state)
        #expect(last.text(.data).hasPrefix("after step 100 (pass 4, SanityCheckPlan):"))
        #expect(b.run("\\next", last.state).kinds == [.error])

        // Two steps side by side, with the tree diff between them.
        let compared = b.run("\\compare step 21 22", loaded.state)
        let lines = compared.text(.data).split(separator: "\n")
        #expect(lines.first?.hasPrefix("step 21 push_down_limit") == true && lines.first?.hasSuffix("│ step 22 push_down_filter") == true)
        #expect(lines.last == "3 nodes changed, 1 removed, 3 added; 3 predicates moved")
        #expect(compared.effects.count == 1)
        #expect(b.run("\\compare step 0 101", loaded.state).text(.error) == "error: \\compare: step 101 is out of range (0…100)")
        #expect(b.run("\\compare step 1 2").kinds == [.error])
    }

    @Test func traceLoadCompletesPaths() throws {
        let b = try Bench()
        let completer = Completer(context: b.context)
        #expect(completer.complete(line: "\\trace lo").candidates == ["load"])
        let spark = completer.complete(line: "\\trace load \(Self.fixtures)/spark/q1")
        #expect(spark.candidates == ["\(Self.fixtures)/spark/q16.expected.json", "\(Self.fixtures)/spark/q16.log",
                                     "\(Self.fixtures)/spark/q18.expected.json", "\(Self.fixtures)/spark/q18.log"])
    }

    @Test func sparkLogAndBadTraces() throws {
        let b = try Bench()
        let loaded = b.run("\\trace load \(Self.fixtures)/spark/q01.log")
        #expect(loaded.text(.data) == "Spark plan change log: 18 steps (10 analyzer, 4 logical in 3 passes, 4 physical), 18 changed the plan")
        let step = b.run("\\step 12", loaded.state).text(.data)
        #expect(step.hasPrefix("after step 12 (pass 3, ColumnPruning):"))
        #expect(step.hasSuffix("0 nodes changed, 0 removed, 1 added"))

        let cut = Bench.temporary("cut.txt")
        let text = try String(contentsOfFile: "\(Self.fixtures)/datafusion/q06.explain.txt", encoding: .utf8)
        try text.split(separator: "\n").prefix(100).joined(separator: "\n").write(toFile: cut, atomically: true, encoding: .utf8)
        let bad = b.run("\\trace load \(cut)")
        #expect(bad.lines == [OutputLine(.error, "error: \\trace: \(cut): line 100: the table has no closing border: the trace is cut short")])
        #expect(bad.state.trace == nil && bad.effects.isEmpty)
    }
}
