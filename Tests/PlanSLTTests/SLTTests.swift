import Foundation
import PlanSLT
import Testing

@Suite struct SLTTests {
    static let sample = """
        # comment
        statement ok
        CREATE TABLE t (a INTEGER, s VARCHAR)

        statement ok
        INSERT INTO t VALUES (1, 'x'), (2, ''), (3, NULL)

        query IT rowsort
        SELECT a, s FROM t
        ----
        1 x
        2 (empty)
        3 NULL

        skipif planscope
        query I
        SELECT nonsense
        ----
        1

        onlyif planscope
        query R nosort
        SELECT 1.0 / 3
        ----
        0.333

        hash-threshold 2

        query I valuesort
        SELECT a FROM t
        ----
        3 values hashing to c0710d6b4f15dfa88f600b0e6b624077

        statement error division by zero
        SELECT 1 / 0

        halt

        query I
        SELECT 'never run'
        ----
        """

    func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "slt-\(UUID().uuidString).slt"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func parsesEveryRecordKind() throws {
        let records = try SLTParser.parse(Self.sample, file: "sample.slt")
        #expect(records.count == 10)
        #expect(records[2].kind == .query(types: "IT", sort: .rowsort, label: nil, expected: ["1 x", "2 (empty)", "3 NULL"]))
        #expect(records[3].skipIf == ["planscope"])
        #expect(records[5].kind == .hashThreshold(2))
        #expect(records[8].kind == .halt)
    }

    @Test func runsAFileAndCountsSkips() throws {
        let summary = SLTRunner().run(file: try write(Self.sample))
        #expect(summary.line == "6 passed, 0 failed, 1 skipped")
    }

    @Test func reportsMismatchesWithFileAndLine() throws {
        let path = try write("query I\nSELECT 1\n----\n2\n\nstatement ok\nSELECT nope\n")
        let summary = SLTRunner().run(file: path)
        #expect(summary.failed == 2)
        #expect(summary.failures[0].description.hasPrefix("\(path):1: query result mismatch"))
        #expect(summary.failures[1].description.contains(":6: statement failed: line 1, column 8: unknown column 'nope'"))
    }

    @Test func completeModeFillsResultsAndTypes() throws {
        let path = try write("query X\nSELECT 1, 'a', 2.5e0\n----\n")
        var runner = SLTRunner()
        runner.complete = true
        _ = runner.run(file: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "query ITR\nSELECT 1, 'a', 2.5e0\n----\n1 a 2.500\n")
    }

    @Test func hashedExpectationIsComparedByHashWithoutAThreshold() throws {
        let record = "query I rowsort\nSELECT * FROM (VALUES (3), (1), (2)) AS v(a)\n----\n"
        let good = SLTRunner().run(file: try write(record + "3 values hashing to c0710d6b4f15dfa88f600b0e6b624077\n"))
        #expect(good.line == "1 passed, 0 failed")
        let bad = SLTRunner().run(file: try write(record + "3 values hashing to 00000000000000000000000000000000\n"))
        #expect(bad.failed == 1)
        #expect(bad.failures.first?.description.contains("+ row 1: 3 values hashing to c0710d6b4f15dfa88f600b0e6b624077") == true)
    }

    /// A column typed I whose values do not fit 64 bits prints them (it stopped the
    /// runner converting them to Int64).
    @Test func integerResultsBeyond64BitsPrintTheirValue() throws {
        let big = "99999999999999999999999999999999999999"
        let path = try write("query I\nSELECT CAST(-\(big) AS DECIMAL(38,0))\n----\n-\(big)\n")
        #expect(SLTRunner().run(file: path).line == "1 passed, 0 failed")
    }

    @Test func badFileSyntaxIsReported() throws {
        let summary = SLTRunner().run(file: try write("querry I\nSELECT 1\n"))
        #expect(summary.failures.first?.description.hasSuffix(":1: unknown directive 'querry'") == true)
    }
}
