import Foundation
import PlanCore
import PlanEngine
import PlanPipeline
import Testing

/// A pipeline's CSV and JSON lines outputs write `TIMESTAMPTZ` values as `COPY … TO` does:
/// in the time zone its views were bound in (the session's when it was loaded), with the
/// offset; Parquet outputs keep UTC instants.
@Suite struct PipelineOutputTimeZoneTests {
    @Test func csvAndJSONLinesOutputsWriteTheLoadedZone() throws {
        let dir = NSTemporaryDirectory() + "planscope-output-zone-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let session = Session(baseDirectory: dir)
        _ = try session.execute("SET TimeZone = 'Europe/Paris'")
        let spec = try SpecParser.parse("""
            {"version": 1,
             "input_relations": [{"logical_name": "events", "format": "inline",
                                  "columns": [{"name": "id", "type": "INTEGER"}, {"name": "at", "type": "TIMESTAMPTZ"}],
                                  "rows": [[1, "2024-01-01 12:00:00+00"], [2, "2024-07-01 12:00:00Z"]]}],
             "view_definitions": [{"name": "v", "sql": "SELECT id, at FROM events ORDER BY id", "view_dependencies": ["events"]}],
             "output_targets": [{"table_name": "c", "source_view": "v", "format": "csv", "location": "v.csv"},
                                {"table_name": "j", "source_view": "v", "format": "jsonl", "location": "v.jsonl"}]}
            """, baseDirectory: dir)
        let pipeline = try session.loadPipeline(spec)
        // A zone set after loading does not change what the loaded views write.
        _ = try session.execute("SET TimeZone = 'Asia/Tokyo'")
        _ = try session.runPipeline(pipeline)
        #expect(try String(contentsOfFile: dir + "/v.csv", encoding: .utf8) == "id,at\n1,2024-01-01 13:00:00+01\n2,2024-07-01 14:00:00+02\n")
        #expect(try String(contentsOfFile: dir + "/v.jsonl", encoding: .utf8)
            == "{\"id\":1,\"at\":\"2024-01-01 13:00:00+01\"}\n{\"id\":2,\"at\":\"2024-07-01 14:00:00+02\"}\n")
        // Read back in the session's zone now: the same instants.
        let back = try session.query("SELECT count(*) FROM 'v.csv' WHERE at IN (TIMESTAMPTZ '2024-01-01 12:00:00+00', TIMESTAMPTZ '2024-07-01 12:00:00+00')")
        #expect(back.rows == [[.int64(2)]])
    }
}
