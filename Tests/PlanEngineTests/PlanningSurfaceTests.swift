import Foundation
import PlanCore
import PlanEngine
import PlanExec
import PlanProviders
import Testing

/// The planning surface is what is registered: the manifest lists it, DDL consults it.
@Suite struct PlanningSurfaceTests {
    /// A format of our own: "tsv", CSV with tabs.
    struct TSVFactory: TableFactory {
        let format = "tsv"
        let version = "7"
        let summary = "tab-separated values"
        func open(path: String, schema: Schema?, options: [String: String]) throws -> any TableProvider {
            try CSVTable(path: path, schema: schema, options: options.merging(["delimiter": "\t"]) { a, _ in a })
        }
    }

    @Test func aRegisteredFactoryIsUsedByDDLAndListedInTheManifest() throws {
        let path = NSTemporaryDirectory() + "surface-\(UUID().uuidString).tsv"
        try "a\tb\n1\tx\n2\ty\n".write(toFile: path, atomically: true, encoding: .utf8)
        let session = Session()
        let before = session.manifest
        #expect(before.tableFactories.map(\.name) == ["csv", "jsonl", "parquet"])
        #expect(before.relationPlanners.map(\.name) == ["generate_series", "interval_align", "parquet_metadata", "planscope_caches", "read_csv", "read_json", "read_parquet"])
        #expect(throws: StatementError.self) { try session.execute("CREATE EXTERNAL TABLE t STORED AS TSV LOCATION '\(path)'") }
        session.register(factory: TSVFactory())
        _ = try session.execute("CREATE EXTERNAL TABLE t STORED AS TSV LOCATION '\(path)'")
        #expect(try session.query("SELECT b FROM t WHERE a = 2").rows == [[.string("y")]])
        let after = session.manifest
        #expect(after.tableFactories.map { "\($0.name) \($0.version)" } == ["csv 1", "jsonl 1", "parquet 1", "tsv 7"])
        #expect(after.fingerprint != before.fingerprint)
        // The manifest changes with a planning setting, not with a display or execution one.
        let fp = session.manifest.fingerprint
        try session.set("explain.format", "tree")
        try session.set("execution.batch_size", "100")
        #expect(session.manifest.fingerprint == fp)
        try session.set("optimizer.max_passes", "5")
        #expect(session.manifest.fingerprint != fp)
    }

    @Test func fingerprintIsTheSameInAnotherProcessLikeSession() throws {
        // Two sessions set up alike have the same manifest, whatever order things were set in,
        // and it is not the manifest of a session left at its defaults.
        let a = Session(), b = Session()
        try a.set("optimizer.max_passes", "4"); try a.set("pushdown.enforcement", "strict")
        try b.set("pushdown.enforcement", "strict"); try b.set("optimizer.max_passes", "4")
        #expect(a.manifest.fingerprint == b.manifest.fingerprint)
        #expect(a.manifest.fingerprint != Session().manifest.fingerprint)
    }
}
