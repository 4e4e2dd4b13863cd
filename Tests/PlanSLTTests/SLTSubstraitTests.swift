import Foundation
import PlanCore
import PlanSLT
import Testing

/// `planscope slt --substrait-round-trip`: queries run from their plans' Substrait form;
/// what has none fails unless the skip list names the record, with a reason.
@Suite struct SLTSubstraitTests {
    func write(_ text: String, name: String) throws -> String {
        let dir = NSTemporaryDirectory() + "slt-substrait-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "{\"v\": 1}\n{\"v\": 2}\n".write(toFile: dir + "/rows.jsonl", atomically: true, encoding: .utf8)
        let path = dir + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let file = """
        statement ok
        CREATE TABLE t (a INT, b TEXT)

        statement ok
        INSERT INTO t VALUES (1, 'x'), (2, NULL), (3, 'z')

        query IT rowsort
        SELECT a, b FROM t WHERE a >= 2 OR b IS NULL
        ----
        2 NULL
        3 z

        query I
        SELECT count(*) FROM read_json('rows.jsonl')
        ----
        2

        """

    @Test func queriesRoundTripAndWhatCannotIsSkippedByName() throws {
        let path = try write(Self.file, name: "round.slt")
        var runner = SLTRunner()
        runner.substraitRoundTrip = true
        let without = runner.run(file: path)
        #expect(without.line == "3 passed, 1 failed")
        #expect(without.failures.first?.description.contains("round.slt:13: query failed: Substrait export: the scan of 'read_json' (jsonl)") == true)
        let folder = (path as NSString).deletingLastPathComponent.split(separator: "/").last.map(String.init) ?? ""
        runner.substraitSkips = try SLTRunner.substraitSkips("# JSON lines\n\(folder)/round.slt:13 reads a JSON lines file\n", file: "skip.txt")
        #expect(runner.run(file: path).line == "4 passed, 0 failed")
        #expect(SLTRunner().run(file: path).line == "4 passed, 0 failed")
    }

    /// The run says how many of its query records the list names; a line naming no query
    /// record of its file (the record moved or went) fails, so no other record skips the
    /// round trip unnoticed.
    @Test func theSkipCountIsReportedAndAStaleLineFails() throws {
        let path = try write(Self.file, name: "round.slt")
        let folder = (path as NSString).deletingLastPathComponent.split(separator: "/").last.map(String.init) ?? ""
        var runner = SLTRunner()
        runner.substraitRoundTrip = true
        runner.substraitSkips = try SLTRunner.substraitSkips("\(folder)/round.slt:13 JSON lines\n", file: "skip.txt")
        let report = runner.run(file: path)
        #expect(report.roundTripLine == "Substrait round trip: 1 of 2 query records (50.0%) on the skip list, run without it")
        #expect(report.json["substrait_round_trip"]?.compact == #"{"skipped":1,"queries":2}"#)
        runner.substraitSkips = try SLTRunner.substraitSkips("\(folder)/round.slt:13 JSON lines\n\(folder)/round.slt:4 a statement\n", file: "skip.txt")
        let stale = runner.run(file: path)
        #expect(stale.line == "4 passed, 1 failed")
        #expect(stale.failures.first?.message == "the Substrait skip list names \(folder)/round.slt:4, which is not a query record of this file")
    }

    @Test func aSkipLineWithoutAReasonIsAnErrorNamingIt() {
        #expect(throws: PlanError(.syntax, "skip.txt:2: expected 'folder/file.slt:LINE reason'")) {
            try SLTRunner.substraitSkips("# ok\nbasic/a.slt:3\n", file: "skip.txt")
        }
    }
}
