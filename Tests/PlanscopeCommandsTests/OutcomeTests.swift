import Foundation
import PlanCore
import PlanEngine
import PlanscopeCommands
import Testing

/// Each command's outcome as a value: its lines (with their kinds), its effects and the
/// command state it leaves. Running prints nothing; the tests fail if anything is printed.
final class Bench {
    let context: CommandContext
    let runner: CommandRunner
    var printed: [String] = []
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    init() throws {
        let session = Session()
        _ = try session.execute("""
            CREATE TABLE t (a INT, b TEXT); INSERT INTO t VALUES (1, 'x'), (2, 'y');
            CREATE TABLE u (a INT, c INT); INSERT INTO u VALUES (1, 10);
            CREATE VIEW v AS SELECT a FROM t;
            """)
        context = CommandContext(session: session, write: { _ in }, writeError: { _ in })
        runner = CommandRunner(context: context)
        context.write = { [unowned self] in printed.append($0) }
        context.writeError = { [unowned self] in printed.append($0) }
    }

    /// A command line's outcome on `state`.
    func run(_ line: String, _ state: CommandState = CommandState()) -> Outcome {
        let outcome = line.hasPrefix("\\") ? runner.runCommand(line, state) : runner.runSQL(line, state)
        #expect(printed.isEmpty, "running printed \(printed)")
        return outcome
    }

    /// A state with a query and its trace in view.
    func withTrace() -> CommandState {
        run("SELECT b FROM t JOIN u ON t.a = u.a WHERE c > 5;").state
    }

    static func temporary(_ name: String) -> String { NSTemporaryDirectory() + "\(UUID().uuidString)-\(name)" }
}

extension Outcome {
    var kinds: [OutputLine.Kind] { lines.map(\.kind) }
}

@Suite struct OutcomeTests {
    // MARK: - SQL

    @Test func aQueryComesIntoViewWithItsTrace() throws {
        let b = try Bench()
        let o = b.run("SELECT a FROM t ORDER BY a;")
        #expect(o.state.query == "SELECT a FROM t ORDER BY a")
        #expect(o.state.trace != nil && o.state.step == 0)
        #expect(o.kinds.allSatisfy { $0 == .data } && o.text.contains("│ 1 │"))
        #expect(o.effects.isEmpty)
        // A command is not a query: the query in view stays.
        let created = b.run("CREATE TABLE w (x INT);", o.state)
        #expect(created.state.query == "SELECT a FROM t ORDER BY a")
        #expect(created.lines == [OutputLine(.data, "CREATE TABLE")])
    }

    @Test func setChangesSettingsAndErrorsAreErrorLines() throws {
        let b = try Bench()
        #expect(b.run("SET optimizer.max_passes = 1;").effects == [.settingsChanged])
        #expect(b.run("SELECT 1;").effects.isEmpty)
        let failed = b.run("SELECT nosuch FROM t;")
        #expect(failed.kinds == [.error, .error, .error])
        #expect(failed.lines[0].text.hasPrefix("error: ") && failed.lines[2].text.contains("^"))
        #expect(!failed.succeeded)
    }

    // MARK: - Commands, in \help order

    @Test func help() throws {
        let b = try Bench()
        let o = b.run("\\help")
        #expect(o.kinds.allSatisfy { $0 == .data } && o.text.contains("\\step N"))
        #expect(b.run("\\help step").lines.first == OutputLine(.data, "\\step N"))
        #expect(b.run("\\help nosuch").kinds == [.error])
    }

    @Test func describe() throws {
        let b = try Bench()
        #expect(b.run("\\d").text(.data).contains("│ v    │ view  │"))
        #expect(b.run("\\d t").text(.data).contains("│ b      │ TEXT    │ yes      │"))
        #expect(b.run("\\d nosuch").lines == [OutputLine(.error, "error: \\d: table 'nosuch' not found")])
    }

    @Test func describeTablesViewsFunctions() throws {
        let b = try Bench()
        #expect(b.run("\\dt").text(.data).contains("│ u    │ memory │ 1"))
        #expect(b.run("\\dv").text(.data).contains("SELECT a FROM t"))
        #expect(b.run("\\df").text(.data).contains("interval_align"))
    }

    @Test func explain() throws {
        let b = try Bench()
        #expect(b.run("\\explain").lines == [OutputLine(.error, "error: \\explain: no query yet: give one, or run a query first")])
        let o = b.run("\\explain", CommandState(query: "SELECT b FROM t WHERE a = 1"))
        #expect(o.text(.data).contains("TableScan: t"))
        #expect(o.state.trace != nil && o.state.step == 0)
        #expect(o.state.query == "SELECT b FROM t WHERE a = 1")
    }

    @Test func trace() throws {
        let b = try Bench()
        #expect(b.run("\\trace").kinds == [.error])
        let o = b.run("\\trace", b.withTrace())
        #expect(o.text(.data).contains("push_down_filter") && o.text(.data).contains("fixpoint"))
    }

    @Test func step() throws {
        let b = try Bench()
        let o = b.run("\\step 2", b.withTrace())
        #expect(o.state.step == 2)
        #expect(o.lines.first?.text.hasPrefix("after step 2 (pass 1, ") == true)
        let out = b.run("\\step 999", o.state)
        #expect(out.kinds == [.error] && out.state.step == 2)
    }

    @Test func nextAndPrev() throws {
        let b = try Bench()
        let start = b.withTrace()
        let next = b.run("\\next", start)
        #expect(next.state.step == 1 && next.text.contains("after step 1 (pass 1, simplify_expressions)"))
        let prev = b.run("\\prev", next.state)
        #expect(prev.state.step == 0 && prev.text.hasPrefix("initial plan:"))
        #expect(b.run("\\prev", prev.state).lines.first?.text.contains("already at the initial plan") == true)
        var last = start
        last.step = start.trace?.steps.count ?? 0
        #expect(b.run("\\next", last).kinds == [.error])
    }

    @Test func pushdown() throws {
        let b = try Bench()
        let o = b.run("\\pushdown SELECT b FROM t WHERE a = 2")
        #expect(o.text(.data).contains("│ t     │ t.a = Int32(2) │ exact    │ no"))
        #expect(o.state.query == nil)
        #expect(b.run("\\pushdown").kinds == [.error])
    }

    @Test func rules() throws {
        let b = try Bench()
        let list = b.run("\\rules")
        #expect(list.text(.data).contains("│ push_down_filter") && list.effects.isEmpty)
        let off = b.run("\\rules disable push_down_filter")
        #expect(off.lines == [OutputLine(.notice, "push_down_filter disabled")])
        #expect(off.effects == [.settingsChanged])
        #expect(b.run("\\rules pack none").effects == [.settingsChanged])
        #expect(b.run("\\rules pack bogus").kinds == [.error])
    }

    @Test func pipeline() throws {
        let b = try Bench()
        #expect(b.run("\\pipeline graph").lines == [OutputLine(.error, "error: \\pipeline: no pipeline loaded: \\pipeline load FILE")])
        let spec = Bench.root.appendingPathComponent("examples/demo/pipeline.json").path
        let loaded = b.run("\\pipeline load \(spec)")
        #expect(loaded.kinds == [.notice] && loaded.text.hasPrefix("loaded "))
        #expect(loaded.state.pipeline?.plans["open_orders"] != nil)
        #expect(b.run("\\pipeline graph", loaded.state).text(.data).contains("open_orders"))
    }

    @Test func manifest() throws {
        let b = try Bench()
        let file = Bench.temporary("baseline.json")
        let saved = b.run("\\manifest save \(file)")
        #expect(saved.kinds == [.notice] && saved.text.hasPrefix("saved "))
        let show = b.run("\\manifest show")
        #expect(show.kinds.first == .data && show.kinds.last == .notice)
        _ = b.run("\\set optimizer.max_passes 1")
        let diff = b.run("\\manifest diff \(file)")
        #expect(diff.state.manifestDiff?.title == (file as NSString).lastPathComponent + " ↔ session")
        #expect(diff.state.manifestDiff?.diff.changes.count == 1)
        #expect(b.run("\\manifest bogus").kinds == [.error])
    }

    @Test func setAndShow() throws {
        let b = try Bench()
        let set = b.run("\\set optimizer.max_passes 1")
        #expect(set.lines.isEmpty && set.effects == [.settingsChanged])
        #expect(b.run("\\show optimizer.max_passes").text(.data).contains("│ optimizer.max_passes │ 1 "))
        #expect(b.run("\\set nope 1").lines == [OutputLine(.error, "error: \\set: unknown setting 'nope'")])
        #expect(b.run("\\set").text(.data).contains("optimizer.max_passes"))
    }

    @Test func outputSettingsStayInTheContext() throws {
        let b = try Bench()
        #expect(b.run("\\format csv").lines.isEmpty)
        #expect(b.context.format == .csv)
        #expect(b.run("\\format bogus").kinds == [.error])
        #expect(b.run("\\x on").lines == [OutputLine(.notice, "Expanded display is on.")])
        #expect(b.context.expanded == .on)
        #expect(b.run("\\timing on").lines == [OutputLine(.notice, "Timing is on.")])
        #expect(b.context.timing)
        #expect(b.run("\\pset border ascii").lines.isEmpty)
        #expect(b.context.style == .ascii)
        let file = Bench.temporary("out.txt")
        _ = b.run("\\o \(file)")
        #expect(b.context.isRedirected)
        _ = b.run("\\o")
        #expect(!b.context.isRedirected)
    }

    @Test func include() throws {
        let b = try Bench()
        let script = Bench.temporary("in.sql")
        try "SELECT count(*) AS n FROM t;\n\\q\nSELECT 2;\n".write(toFile: script, atomically: true, encoding: .utf8)
        let o = b.run("\\i \(script)")
        #expect(o.text(.data).contains("│ 2 │"))
        #expect(o.state.query == "SELECT count(*) AS n FROM t")
        #expect(o.effects == [.quit])
        #expect(b.run("\\i /nonexistent.sql").kinds == [.error])
    }

    @Test func resetCopyHistory() throws {
        let b = try Bench()
        #expect(b.run("\\r").effects == [.resetInput])
        let file = Bench.temporary("t.csv")
        #expect(b.run("\\copy t TO '\(file)'").lines == [OutputLine(.data, "COPY 2")])
        b.context.history = { ["one", "two"] }
        #expect(b.run("\\history").lines == [OutputLine(.data, "1  one"), OutputLine(.data, "2  two")])
    }

    @Test func quitAndTUI() throws {
        let b = try Bench()
        let q = b.run("\\q")
        #expect(q.lines.isEmpty && q.effects == [.quit])
        #expect(b.run("\\tui").effects == [.openTUI(spec: nil)])
        #expect(b.run("\\tui spec.json").effects == [.openTUI(spec: "spec.json")])
    }

    @Test func compare() throws {
        let b = try Bench()
        let inView = b.withTrace()
        let other = b.run("\\compare SELECT b FROM t JOIN u ON t.a = u.a", inView)
        #expect(Set(other.kinds) == [.data])
        #expect(other.text(.data).contains("diff (A → B):") && other.text(.data).contains("changed"))
        let packs = b.run("\\compare rulepack default none", inView).text(.data)
        #expect(packs.contains("rulepack default") && packs.contains("│ rulepack none") && packs.contains("moved"))
        #expect(b.run("\\compare SELECT 1").kinds == [.error])  // no query in view
        #expect(b.run("\\compare rulepack default bogus SELECT 1").kinds == [.error])
        // The comparison as a value, for a front end that shows it (the TUI's trace pane).
        let effect = b.run("\\compare rulepack default none", inView).effects
        guard case .showComparison(let shown)? = effect.first, effect.count == 1 else {
            Issue.record("no comparison to show: \(effect)")
            return
        }
        #expect(shown.left.label == "rulepack default" && shown.right.label == "rulepack none")
        #expect(shown.diff?.hasChanges == true)
        // \compare off asks for the trace back and says nothing.
        let off = b.run("\\compare off", inView)
        #expect(off.lines.isEmpty && off.effects == [.closeComparison])
        #expect(b.run("\\compare rulepack", inView).effects.isEmpty)
    }

    @Test func traceLoadAndReport() throws {
        let b = try Bench()
        let inView = b.withTrace()
        let file = Bench.temporary("report.html")
        let report = b.run("\\report \(file)", inView)
        #expect(report.lines == [OutputLine(.notice, "wrote \(file)")])
        let html = try String(contentsOfFile: file, encoding: .utf8)
        #expect(html.contains("<h2 id=\"analyze\">Analyze</h2>") && html.contains("planscope-data"))
        let loaded = b.run("\\trace load \(file)").text(.data)
        #expect(loaded.hasPrefix("trace: ") && loaded.contains("push_down_filter"))
        #expect(b.run("\\trace load /nonexistent").kinds == [.error])
        #expect(b.run("\\report").kinds == [.error])
    }

    @Test func cacheListsAndClears() throws {
        let b = try Bench()
        let table = b.run("\\cache")
        #expect(!table.kinds.isEmpty && table.kinds.allSatisfy { $0 == .data } && table.text(.data).contains("parquet_footers"))
        let json = b.run("\\cache --format json").text(.data)
        let parsed = try JSONValue.parse(json)
        #expect(parsed.arrayValue?.compactMap { $0["cache"]?.stringValue } == ["file_listings", "file_statistics", "parquet_footers", "parquet_page_indexes"])
        #expect(parsed.arrayValue?.allSatisfy { $0["hits"]?.intValue != nil && $0["misses"]?.intValue != nil } == true)
        #expect(b.run("\\cache clear").lines == [OutputLine(.notice, "Caches cleared.")])
        #expect(b.run("\\cache everything").kinds == [.error])
    }

    @Test func substrait() throws {
        let b = try Bench()
        let inView = b.withTrace()
        let json = b.run("\\substrait", inView).text(.data)
        #expect(json.contains("\"minorNumber\" : 85") && json.contains("\"namedTable\""))
        let file = Bench.temporary("plan.json")
        try json.write(toFile: file, atomically: true, encoding: .utf8)
        let loaded = b.run("\\substrait load \(file)")
        #expect(loaded.kinds.contains(.data) && loaded.state.trace != nil, "\(loaded.lines)")
        #expect(b.run("\\substrait load /nonexistent").kinds == [.error])
        #expect(b.run("\\substrait").kinds == [.error])  // no query in view
    }

    @Test func everyCommandIsCovered() {
        // One test above per command: a new command needs one too.
        #expect(CommandRegistry.all.count == 31)
    }
}
