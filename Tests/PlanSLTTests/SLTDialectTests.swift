import Foundation
import PlanCore
import PlanSLT
import PlanSupport
import Testing

/// Lines as written anywhere, the DuckDB and sqllogictest-rs (DataFusion) directives, and
/// the reports.
@Suite struct SLTDialectTests {
    func write(_ text: String, name: String = "slt-\(UUID().uuidString).slt", in dir: String? = nil) throws -> String {
        let folder = dir ?? NSTemporaryDirectory()
        let path = (folder as NSString).appendingPathComponent(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func folder() throws -> String {
        let dir = NSTemporaryDirectory() + "slt-dir-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    // MARK: lines

    @Test func linesEndInLFCRLFOrCRAfterAByteOrderMark() {
        #expect(TextLines.split("a\r\nb\r\n") == ["a", "b"])
        #expect(TextLines.split("a\rb") == ["a", "b"])
        #expect(TextLines.split("\u{FEFF}a\n\nb") == ["a", "", "b"])
        #expect(TextLines.split("a\r\n\r\nb\n") == ["a", "", "b"])
        let crlf = TextLines("\u{FEFF}x\r\ny")
        #expect(crlf.byteOrderMark && crlf.ending == .crlf && !crlf.finalNewline)
        #expect(crlf.text(["x", "y", "z"]) == "\u{FEFF}x\r\ny\r\nz")
        #expect(TextLines("a\rb\r").text(["a"]) == "a\r")
    }

    @Test func hashThresholdWithCRLFIsANumber() throws {
        // The first report: `hash-threshold 8\r` was "hash-threshold needs a number".
        let records = try SLTParser.parse("hash-threshold 8\r\n\r\nquery I\r\nSELECT 1\r\n----\r\n1\r\n", file: "w.slt")
        #expect(records.map(\.kind) == [.hashThreshold(8), .query(types: "I", sort: nil, label: nil, expected: ["1"])])
        #expect(records[1].sql == "SELECT 1" && records[1].line == 3)
    }

    @Test func tabsAndTrailingSpaceOnDirectiveLines() throws {
        let records = try SLTParser.parse("query\tI\trowsort \t\nSELECT 1\n----  \n1", file: "t.slt")
        #expect(records.first?.kind == .query(types: "I", sort: .rowsort, label: nil, expected: ["1"]))
    }

    // MARK: directives

    @Test func loopsAndForeachExpandWithTheirVariables() throws {
        let text = """
            loop i 0 2

            foreach t INTEGER BIGINT

            statement ok
            SELECT CAST(${i} AS ${t})

            endloop

            endloop
            """
        let records = try SLTParser.parse(text, file: "l.slt")
        #expect(records.map(\.sql) == ["SELECT CAST(0 AS INTEGER)", "SELECT CAST(0 AS BIGINT)",
                                       "SELECT CAST(1 AS INTEGER)", "SELECT CAST(1 AS BIGINT)"])
        #expect(records.allSatisfy { $0.line == 5 })
        #expect(records[3].location == "l.slt:5 [i=1, t=BIGINT]")
    }

    @Test func badLoopsAreErrorsNamingTheLine() {
        func error(_ text: String) -> String? {
            do { _ = try SLTParser.parse(text, file: "b.slt"); return nil } catch { return error.description }
        }
        #expect(error("loop i 0 ten\n") == "b.slt:1: loop needs a name and two numbers (loop i 0 10), got 'loop i 0 ten'")
        #expect(error("\nloop i 0 3\nstatement ok\nSELECT 1\n") == "b.slt:2: 'loop' has no 'endloop'")
        #expect(error("endforeach\n") == "b.slt:1: 'endforeach' without a loop")
        #expect(error("loop i 0 2\n\nendforeach\n") == "b.slt:3: 'endforeach' closes the 'loop' at line 1 (use 'endloop')")
        #expect(error("loop i 0 1000000000\nendloop\n") == "b.slt:1: loop of 1000000000 iterations (at most 100000)")
        #expect(error("loop i 0 2000\nloop j 0 2000\nendloop\nendloop\n") == "b.slt:2: loops run more than 1000000 times in all")
        #expect(error("statement ok\nSELECT 1\n\nsleep 1s\n") == "b.slt:4: unknown directive 'sleep'")
        #expect(error("control resultmode columnwise\n") == "b.slt:1: unknown control 'resultmode columnwise' (resultmode valuewise|rowwise, sortmode nosort|rowsort|valuesort)")
        #expect(error("statement ok con1\nSELECT 1\n") == "b.slt:1: unexpected 'con1' after 'statement ok'")
        #expect(error("query I retry x backoff 1s\nSELECT 1\n") == "b.slt:1: retry needs a count and a duration (retry 3 backoff 500ms)")
    }

    @Test func headersOfEveryDialect() throws {
        let text = """
            statement error table '\\w+'  not found
            SELECT * FROM nope

            statement count 3
            INSERT INTO t VALUES (1), (2), (3)

            query I label_only
            SELECT 1

            query TII rowsort same retry 3 backoff 500ms
            SELECT 1

            query error retry 1 backoff 2s
            SELECT 1 / 0
            ----
            division by zero

            require json

            mode skip

            control resultmode valuewise
            """
        let r = try SLTParser.parse(text, file: "h.slt")
        #expect(r[0].kind == .statement(expectError: true, error: SLTErrorPattern(text: "table '\\w+'  not found", form: .inline)))
        #expect(r[1].kind == .statementCount(3))
        #expect(r[2].kind == .query(types: "I", sort: nil, label: "label_only", expected: nil))
        #expect(r[3].kind == .query(types: "TII", sort: .rowsort, label: "same", expected: nil))
        #expect(r[3].retry == SLTRecord.Retry(attempts: 3, backoffSeconds: 0.5))
        #expect(r[4].kind == .queryError(error: SLTErrorPattern(text: "division by zero", form: .block)))
        #expect(r[4].retry == SLTRecord.Retry(attempts: 1, backoffSeconds: 2))
        #expect(r[5...].map(\.kind) == [.require("json"), .skipMode(true), .resultMode(.valuewise)])
    }

    @Test func errorPatterns() {
        let inline = SLTErrorPattern(text: "division by (zero|nought)", form: .inline)
        #expect(inline.mismatch("line 1: division by zero") == nil)
        #expect(SLTErrorPattern(text: "round(double precision,", form: .inline).mismatch("function round(double precision, integer) does not exist") == nil)
        #expect(inline.mismatch("overflow") == "wrong error\n  expected: /division by (zero|nought)/\n  actual:   overflow")
        #expect(SLTErrorPattern(block: ["<REGEX>:^div"]).mismatch("division by zero") == nil)
        #expect(SLTErrorPattern(block: ["<!REGEX>:zero"]).mismatch("division by zero") != nil)
        #expect(SLTErrorPattern(block: ["by zero"]).mismatch("division by zero") == nil)
        #expect(SLTErrorPattern(block: ["by (zero)"]).mismatch("division by zero") != nil)
    }

    @Test func includeReadsOtherFilesRelativeToTheIncluder() throws {
        let dir = try folder()
        _ = try write("statement ok\nCREATE TABLE inc (a INTEGER)\n", name: "a.part", in: dir)
        _ = try write("statement ok\nINSERT INTO inc VALUES (1)\n", name: "b.part", in: dir)
        let main = try write("include *.part\n\nquery I\nSELECT count(*) FROM inc\n----\n1\n", name: "main.slt", in: dir)
        let records = try SLTParser.parse(try TextFile.read(main), file: main)
        #expect(records.map { PathText.lastComponent($0.file) } == ["a.part", "b.part", "main.slt"])
        #expect(SLTRunner().run(file: main).line == "3 passed, 0 failed")
        let loop = try write("include loop.slt\n", name: "loop.slt", in: dir)
        #expect(SLTRunner().run(file: loop).failures.first?.description == "\(loop):1: include 'loop.slt' includes '\(loop)' again (a cycle)")
    }

    // MARK: running

    @Test func requireModeSkipAndStatementCount() throws {
        let path = try write("""
            statement count 2
            CREATE TABLE t AS SELECT * FROM (VALUES (1), (2)) AS v(a)

            statement count 1
            DELETE FROM t WHERE a = 1

            mode skip

            statement ok
            SELECT nonsense

            mode unskip

            statement count 5
            SELECT * FROM t

            require no_such_feature

            statement ok
            SELECT nonsense
            """)
        let report = SLTRunner().run(file: path)
        #expect(report.line == "2 passed, 1 failed, 2 skipped")
        #expect(report.failures.map(\.description) == ["\(path):14: statement count 1, expected 5"])
        #expect(report.files[0].cases.compactMap { if case .skipped(let why) = $0.status { why } else { nil } } == ["mode skip", "require no_such_feature"])
    }

    @Test func requireAFeatureThisPlanscopeHas() throws {
        let path = try write("require json\n\nquery T\nSELECT '{\"a\": 1}'::JSON ->> 'a'\n----\n1\n")
        #expect(SLTRunner().run(file: path).line == "1 passed, 0 failed")
    }

    @Test func aRegexThatDoesNotMatchFails() throws {
        let path = try write("statement error overflow\nSELECT 1 / 0\n\nquery error ^division\nSELECT 1 / 0\n")
        let report = SLTRunner().run(file: path)
        #expect(report.failed == 1)
        #expect(report.failures.first?.description.hasPrefix("\(path):1: wrong error\n  expected: /overflow/\n  actual:   ") == true)
    }

    @Test func failuresInLoopsNameTheirVariables() throws {
        let path = try write("loop i 0 3\n\nquery I\nSELECT ${i}\n----\n1\n\nendloop\n")
        let report = SLTRunner().run(file: path)
        #expect(report.line == "1 passed, 2 failed")
        #expect(report.failures.map { $0.description.components(separatedBy: ":").dropFirst().first ?? "" } == ["3 [i=0]", "3 [i=2]"])
    }

    @Test func valuewiseAndTabSeparatedResultsMatch() throws {
        let path = try write("""
            control resultmode valuewise

            query IT
            SELECT 1, 'a b'
            ----
            1
            a b

            control resultmode rowwise

            query IIT
            SELECT 1, 2, 'x'
            ----
            1\t2\tx
            """)
        #expect(SLTRunner().run(file: path).line == "2 passed, 0 failed")
    }

    @Test func completeKeepsTheFilesDialect() throws {
        // Tabs (DuckDB), CRLF, a byte-order mark, declared DataFusion types, valuewise.
        let text = "\u{FEFF}query II\r\nSELECT 0, 0\r\n----\r\n0\t0\r\n\r\nquery BT\r\nSELECT 1 = 1, 'x'\r\n----\r\n\r\n"
            + "control resultmode valuewise\r\n\r\nquery I?\r\nSELECT 7, 8\r\n----\r\n"
        let path = try write(text)
        var runner = SLTRunner()
        runner.complete = true
        _ = runner.run(file: path)
        let expected = "\u{FEFF}query II\r\nSELECT 0, 0\r\n----\r\n0\t0\r\n\r\nquery BT\r\nSELECT 1 = 1, 'x'\r\n----\r\ntrue\tx\r\n\r\n"
            + "control resultmode valuewise\r\n\r\nquery I?\r\nSELECT 7, 8\r\n----\r\n7\r\n8\r\n"
        // Bytes, not a String: reading as a String drops the byte-order mark.
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == Array(expected.utf8))
    }

    @Test func filesRunInParallelReportInOrder() throws {
        let good = try write("query I\nSELECT 1\n----\n1\n")
        let bad = try write("query I\nSELECT 2\n----\n1\n")
        var order: [String] = []
        let targets = [good, bad, good, good].map { SLTRunner.Target(path: $0) }
        let report = SLTRunner().runAll(targets, jobs: 3) { order.append($0.path) }
        #expect(order == [good, bad, good, good])
        #expect(report.line == "3 passed, 1 failed")
        var fast = SLTRunner()
        fast.failFast = true
        var reported: [String] = []
        let stopped = fast.runAll(targets, jobs: 2) { reported.append($0.path) }
        #expect(reported == [good, bad])
        #expect(stopped.line == "1 passed, 1 failed")
    }

    /// A row missing from the middle of a result is that one row in the failure, not every
    /// row after it; a wrong value is the row added and the row removed (LineDiff's order).
    @Test func aMismatchShowsTheRowsThatDiffer() throws {
        let path = try write("query I\nSELECT * FROM (VALUES (1), (2), (4), (5)) t(x) ORDER BY x\n----\n1\n2\n3\n4\n5\n\n"
                             + "query T\nSELECT 'b'\n----\na\n")
        let messages = SLTRunner().run(file: path).failures.map(\.message)
        #expect(messages == ["query result mismatch\n- row 3: 3", "query result mismatch\n+ row 1: b\n- row 1: a"])
    }

    @Test func junitXMLEscapesAndCounts() throws {
        let path = try write("query T\nSELECT '<&>\"'\n----\nx\n\nskipif planscope\nstatement ok\nSELECT 1\n\nstatement ok\nSELECT 1\n")
        let xml = SLTJUnit.xml(SLTRunner().run(file: path))
        #expect(xml.contains("<testsuites name=\"planscope slt\" tests=\"3\" failures=\"1\" skipped=\"1\""))
        #expect(xml.contains("<failure message=\"query result mismatch\" type=\"slt\">query result mismatch\n+ row 1: &lt;&amp;&gt;&quot;\n- row 1: x</failure>"))
        #expect(xml.contains("<skipped message=\"skipif planscope\"/>"))
    }
}
