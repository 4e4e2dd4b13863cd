import Foundation
import PlanCore
import PlanEngine
import PlanscopeCommands
import Testing

/// Runs command lines against a session and returns what they printed.
final class Capture {
    var out: [String] = []
    var err: [String] = []
    let context: CommandContext
    let runner: CommandRunner
    /// The command state, carried from line to line as a front end does.
    var state = CommandState()
    /// The effects the last lines asked for.
    var effects: [CommandEffect] = []

    init() throws {
        let session = Session()
        _ = try session.execute("""
            CREATE TABLE t (a INT, b TEXT); INSERT INTO t VALUES (1, 'x'), (2, 'y');
            CREATE TABLE u (a INT, c INT); INSERT INTO u VALUES (1, 10);
            CREATE VIEW v AS SELECT a FROM t;
            """)
        var out: [String] = [], err: [String] = []
        context = CommandContext(session: session, write: { out.append($0) }, writeError: { err.append($0) })
        runner = CommandRunner(context: context)
        self.out = out
        self.err = err
        // Route through the instance so tests read the latest output.
        context.write = { [unowned self] in self.out.append($0) }
        context.writeError = { [unowned self] in self.err.append($0) }
    }

    @discardableResult
    func run(_ line: String) -> String {
        out = []
        err = []
        let run = runner.runScript(line, state, continueOnError: true)
        state = run.state
        effects = run.effects
        return (out + err).joined(separator: "\n")
    }
}

@Suite struct CommandTests {
    @Test func parsesCommandLines() {
        #expect(CommandRunner.parse("\\explain verbose SELECT 1")! == ("explain", "verbose SELECT 1"))
        #expect(CommandRunner.parse("  \\q  ")! == ("q", ""))
        #expect(CommandRunner.parse("SELECT 1") == nil)
        #expect(CommandRegistry.command(named: "s")?.name == "history")
    }

    @Test func unknownCommandsSuggestTheNearest() throws {
        let c = try Capture()
        #expect(c.run("\\expalin").contains("error: unknown command \\expalin (did you mean \\explain?)"))
    }

    @Test func describeCommands() throws {
        let c = try Capture()
        #expect(c.run("\\d").contains("│ v    │ view  │"))
        #expect(c.run("\\d t").contains("│ b      │ TEXT    │ yes      │"))
        #expect(c.run("\\dt").contains("│ u    │ memory │ 1"))
        #expect(c.run("\\dv").contains("SELECT a FROM t"))
        #expect(c.run("\\df").contains("interval_align"))
        #expect(c.run("\\d nosuch").contains("error: \\d: table 'nosuch' not found"))
        c.run("\\format json")
        #expect(c.run("\\d t").contains("\"column\": \"a\""))
    }

    @Test func explainTraceAndSteps() throws {
        let c = try Capture()
        #expect(c.run("\\explain").contains("no query yet"))
        c.run("SELECT b FROM t JOIN u ON t.a = u.a WHERE c > 5;")
        #expect(c.run("\\explain").contains("Inner Join: t.a = u.a"))
        #expect(c.run("\\explain verbose").contains("logical_plan after push_down_filter"))
        let trace = c.run("\\trace")
        #expect(trace.contains("push_down_filter") && trace.contains("fixpoint"))
        #expect(c.run("\\step 0").contains("initial plan:"))
        let step = c.run("\\next")
        #expect(step.contains("after step 1 (pass 1, simplify_expressions)"))
        #expect(c.run("\\prev").contains("initial plan:"))
        #expect(c.run("\\step 999").contains("out of range"))
        c.run("\\format json")
        #expect(c.run("\\trace").contains("\"schema_version\": 1"))
        #expect(c.run("\\step 1").contains("\"diff\""))
    }

    @Test func pushdownRulesAndSettings() throws {
        let c = try Capture()
        #expect(c.run("\\pushdown SELECT b FROM t WHERE a = 2").contains("│ t     │ t.a = Int32(2) │ exact    │ no"))
        #expect(c.run("\\rules").contains("│ push_down_filter"))
        #expect(c.run("\\rules disable push_down_filter").contains("push_down_filter disabled"))
        #expect(c.run("\\show optimizer.rule.push_down_filter").contains("off"))
        #expect(c.run("\\rules pack none").contains("rulepack none"))
        #expect(c.run("\\rules pack bogus").contains("invalid value 'bogus'"))
        c.run("\\set explain.format tree")
        #expect(c.run("\\show explain.format").contains("tree"))
        #expect(c.run("\\set nope 1").contains("unknown setting 'nope'"))
        c.run("\\rules pack default")
        c.run("\\rules enable push_down_filter")
        c.run("\\format json")
        #expect(c.run("\\pushdown SELECT b FROM t WHERE a = 2").contains("\"pushdown\": \"exact\""))
    }

    @Test func formatsTimingOutputAndInclude() throws {
        let c = try Capture()
        c.run("\\format csv")
        #expect(c.run("SELECT a FROM t ORDER BY a;") == "a\n1\n2")
        #expect(c.run("\\timing on").contains("Timing is on."))
        #expect(c.run("SELECT 1;").contains("Time: "))
        c.run("\\timing off")
        let file = NSTemporaryDirectory() + "out-\(UUID().uuidString).txt"
        c.run("\\o \(file)")
        #expect(c.run("SELECT b FROM t ORDER BY b;").isEmpty)
        c.run("\\o")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "b\nx\ny\n")
        let script = NSTemporaryDirectory() + "in-\(UUID().uuidString).sql"
        try "SELECT count(*) AS n FROM t;\n\\dt\n".write(toFile: script, atomically: true, encoding: .utf8)
        #expect(c.run("\\i \(script)").contains("n\n2"))
        #expect(c.run("\\i /nonexistent.sql").contains("cannot read"))
        #expect(c.run("\\help").contains("\\step N"))
        #expect(c.run("\\help step").contains("the plan after optimizer step N"))
        c.run("\\q")
        #expect(c.effects == [.quit])
    }
}
