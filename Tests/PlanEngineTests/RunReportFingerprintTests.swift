import Foundation
import PlanCore
import PlanEngine
import PlanPipeline
import Testing

/// Run report version 2: plan fingerprints over canonical Substrait JSON, native ones only
/// where a plan has no Substrait form, and `--check-replay` refusing to compare native
/// fingerprints across engine versions (docs/compatibility.md).
@Suite struct RunReportFingerprintTests {
    @Test func fingerprintsAreOverSubstraitAndReadBackAsVersion2() throws {
        let (session, pipeline) = try Self.pipeline(views: 1)
        let report = try session.runPipeline(pipeline)
        let view = try #require(report.views.first)
        #expect(!view.native)
        let json = report.json
        #expect(json["schema_version"]?.intValue == 2)
        #expect(json["engine_version"]?.stringValue == Session.engineVersion)
        #expect(json["views"]?.arrayValue?.first?["plan_fingerprint"]?.stringValue == view.planFingerprint)
        let read = try PipelineRunReport(json: json)
        #expect(read.views.map(\.planFingerprint) == report.views.map(\.planFingerprint) && read.engineVersion == Session.engineVersion)
        #expect(read.views.map(\.native) == [false])
        #expect(try session.checkReplay(pipeline, against: read).isValid)
    }

    @Test func nativeFingerprintsFromAnotherEngineVersionAreRefused() throws {
        let (session, pipeline) = try Self.pipeline(views: 1)
        let report = try session.runPipeline(pipeline)
        // The same report as an older engine's with a native fingerprint.
        var other = report
        other.engineVersion = "0.0.9"
        other.views[0].native = true
        let check = try session.checkReplay(pipeline, against: try PipelineRunReport(json: other.json))
        #expect(!check.isValid)
        #expect(check.views[0].refused?.contains("native to engine 0.0.9, this is \(Session.engineVersion)") == true)
        #expect(check.text.contains("REFUSED big"))
        // A version 1 report (native fingerprints, no engine version) is read, and refused the same way.
        var v1 = other.json
        if case .object(var fields) = v1 {
            fields = fields.filter { $0.0 != "engine_version" }.map { $0.0 == "schema_version" ? ($0.0, .int(1)) : $0 }
            v1 = .object(fields)
        }
        let old = try PipelineRunReport(json: try JSONValue.parse(v1.compact.replacingOccurrences(of: "native_plan_fingerprint", with: "plan_fingerprint")))
        #expect(old.views[0].native && old.engineVersion.isEmpty)
        #expect(try session.checkReplay(pipeline, against: old).views[0].refused?.contains("does not name") == true)
    }
}

extension RunReportFingerprintTests {
    static func pipeline(views: Int) throws -> (Session, LoadedPipeline) {
        let spec = try SpecParser.parse("""
            {"version": 1,
             "input_relations": [{"logical_name": "nums", "format": "inline", "columns": [{"name": "n", "type": "INTEGER"}],
                                  "rows": [[1], [2], [3]]}],
             "view_definitions": [{"name": "big", "sql": "SELECT n FROM nums WHERE n > 1", "view_dependencies": ["nums"]}]}
            """, baseDirectory: NSTemporaryDirectory())
        let session = Session()
        return (session, try session.loadPipeline(spec))
    }
}
