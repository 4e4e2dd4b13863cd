import Foundation
import PlanCore
import PlanEngine
import PlanForeignTrace
import PlanManifest
import PlanPipeline
import PlanSLT
import PlanscopeTUI

/// The fuzz targets' entry points (docs/testing.md, bench/fuzz.sh). Each takes any bytes
/// and must return: errors are expected, only a crash, a sanitizer report or a hang is a
/// finding. The libFuzzer drivers (Sources/Fuzz/<Target>, built only with
/// PLANSCOPE_FUZZ=1) and the regression test (PlanEngineTests/FuzzRegressionTests) call
/// these same functions.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case sql, sqlexec, csv, jsonl, parquet, pipeline, manifest, theme, slt, datafusiontrace, sparktrace, substrait

    /// Runs one input through this target.
    public func run(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        switch self {
        case .sql: FuzzTargets.sql(text)
        case .sqlexec: FuzzTargets.sqlExec(text)
        case .csv: FuzzTargets.file(data, format: "csv")
        case .jsonl: FuzzTargets.file(data, format: "json")
        case .parquet: FuzzTargets.parquet(data)
        case .pipeline: FuzzTargets.pipeline(text)
        case .manifest: FuzzTargets.manifest(text)
        case .theme: FuzzTargets.theme(text)
        case .slt: FuzzTargets.slt(text)
        case .datafusiontrace: FuzzTargets.trace(DataFusionVerboseTrace.read, text)
        case .sparktrace: FuzzTargets.trace(SparkPlanChangeLog.read, text)
        case .substrait: FuzzTargets.substrait(text)
        }
    }

    /// Seeds only this build can make (added to the corpus by `bench/fuzz.sh`; the driver
    /// writes them with `--write-seeds DIR`).
    public var builtInSeeds: [String: String] {
        switch self {
        case .manifest:
            let m = FuzzTargets.currentManifest
            return ["builtin-manifest.json": m.json.pretty + "\n", "builtin-manifest-compact.json": m.json.compact]
        case .sql, .sqlexec:
            return ["builtin-join.sql": "SELECT t.a, u.s, count(*) FROM t JOIN u ON t.a = u.a WHERE t.c > 0 GROUP BY 1, 2 ORDER BY 1 LIMIT 5",
                    "builtin-sub.sql": "SELECT * FROM t WHERE a IN (SELECT a FROM u) AND b LIKE 'x%' OR e IS NULL"]
        case .pipeline:
            return ["builtin-inline.json": """
                {"version": 1,
                 "input_relations": [{"logical_name": "nums", "format": "inline",
                   "columns": [{"name": "n", "type": "INTEGER"}, {"name": "g", "type": "TEXT"}, {"name": "d", "type": "DECIMAL(10,2)"}],
                   "rows": [[1, "a", 1.5], [2, "b", null], [3, "a", -2]]}],
                 "view_definitions": [
                   {"name": "byg", "sql": "SELECT g, sum(n) AS s, max(d) AS m FROM nums GROUP BY g", "view_dependencies": ["nums"]},
                   {"name": "top", "sql": "SELECT * FROM byg WHERE s > (SELECT avg(s) FROM byg) ORDER BY g", "view_dependencies": ["byg"]}],
                 "output_targets": [{"table_name": "top_out", "source_view": "top", "format": "csv", "location": "out/top.csv"}]}
                """]
        case .datafusiontrace:
            return ["builtin-trace.txt": """
                plan_type                               plan
                initial_logical_plan                    Projection: t.a
                                                          Filter: t.a > Int64(1) AND t.b = Utf8("x")
                                                            TableScan: t
                logical_plan after type_coercion        SAME TEXT AS ABOVE
                analyzed_logical_plan                   SAME TEXT AS ABOVE
                logical_plan after push_down_filter     Projection: t.a
                                                          Filter: t.a > Int64(1) AND t.b = Utf8("x")
                                                            TableScan: t, partial_filters=[t.a > Int64(1), t.b = Utf8("x")]
                logical_plan after type_coercion        SAME TEXT AS ABOVE
                logical_plan after push_down_filter     SAME TEXT AS ABOVE
                logical_plan                            SAME TEXT AS ABOVE
                initial_physical_plan                   ProjectionExec: expr=[a@0 as a]
                                                          FilterExec: a@0 > 1 AND b@1 = x
                                                            DataSourceExec: file_groups={1 group: [[tpch/t.csv]]}, projection=[a, b], file_type=csv
                physical_plan after ProjectionPushdown  FilterExec: a@0 > 1 AND b@1 = x, projection=[a@0]
                                                          DataSourceExec: file_groups={1 group: [[tpch/t.csv]]}, projection=[a, b], file_type=csv
                physical_plan                           SAME TEXT AS ABOVE

                """]
        case .sparktrace:
            return ["builtin-trace.log": """
                26/12/07 15:01:00 WARN PlanChangeLogger: Batch Substitution has no effect.
                26/12/07 15:01:00 WARN PlanChangeLogger:\u{20}
                === Applying Rule org.apache.spark.sql.catalyst.optimizer.ColumnPruning ===
                 Aggregate [k#1], [k#1, sum(v#2) AS s#3]                       Aggregate [k#1], [k#1, sum(v#2) AS s#3]
                !+- Filter (isnotnull(k#1) AND (k#1 > 1))                      +- Project [k#1, v#2]
                !   :  +- Project [x#9]                                           +- Filter (isnotnull(k#1) AND (k#1 > 1))
                !   :     +- Relation spark_catalog.default.u[x#9] parquet           :  +- Project [x#9]
                !   +- Relation spark_catalog.default.t[k#1,v#2,w#4] parquet         :     +- Relation spark_catalog.default.u[x#9] parquet
                !                                                                    +- Relation spark_catalog.default.t[k#1,v#2,w#4] parquet

                26/12/07 15:01:00 WARN PlanChangeLogger:\u{20}
                === Result of Batch Operator Optimization ===
                 Aggregate [k#1], [k#1, sum(v#2) AS s#3]   Aggregate [k#1], [k#1, sum(v#2) AS s#3]
                26/12/07 15:01:00 WARN PlanChangeLogger:\u{20}
                === Metrics of Executed Rules org.apache.spark.sql.internal.BaseSessionStateBuilder$$anon$2 ===
                Total number of runs: 2

                """]
        case .substrait:
            // This build's plans of queries on the harness's tables.
            var seeds: [String: String] = [:]
            for (i, sql) in FuzzTargets.substraitSeedQueries.enumerated() {
                if let json = try? FuzzTargets.sqlSession.substraitJSON(of: sql) { seeds["builtin-plan-\(i).json"] = json }
            }
            return seeds
        default: return [:]
        }
    }
}

enum FuzzTargets {
    /// A scratch directory of this process (file targets write their input here).
    static let scratch: String = {
        let dir = NSTemporaryDirectory() + "planscope-fuzz-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    /// Two small tables, made once: planning has no side effects on the session, so one
    /// session serves every input.
    static let sqlSession = sqlTables()

    static func sqlTables() -> Session {
        let session = Session(baseDirectory: scratch)
        _ = try? session.execute("""
            CREATE TABLE t (a INTEGER, b VARCHAR, c DOUBLE, d DATE, e BOOLEAN);
            INSERT INTO t VALUES (1, 'x', 1.5, DATE '2024-01-02', true), (2, NULL, -0.0, NULL, false), (NULL, 'yy', NULL, DATE '1999-12-31', NULL);
            CREATE TABLE u (a INTEGER, s VARCHAR, n BIGINT);
            INSERT INTO u VALUES (1, 'one', 10), (3, 'three', NULL);
            """)
        return session
    }

    /// SQL: lexer, parser, binder, optimizer and physical planner (EXPLAIN), on a deep
    /// stack like the CLI's. Planning only: nothing runs.
    static func sql(_ text: String) {
        let session = sqlSession
        _ = try? DeepStack.run {
            guard let plan = try? session.logicalPlan(text) else { return }
            _ = try? session.optimize(plan)
            _ = try? session.explain(text)
        }
    }

    /// SQL run: every statement of the input, on a fresh session with the same two tables
    /// (statements may change them), on a deep stack, cancelled after two seconds (a query
    /// may be legitimately long: a cross join of large series).
    static func sqlExec(_ text: String) {
        let session = sqlTables()
        let handle = Cancellation()
        DispatchQueue.global().asyncAfter(deadline: .now() + 2) { handle.cancel() }
        _ = try? DeepStack.run {
            _ = try? session.execute(text, cancellation: handle)
        }
        handle.cancel()
    }

    /// A Substrait plan (JSON): read against the two tables, optimized and run on a deep
    /// stack, cancelled after two seconds.
    static func substrait(_ text: String) {
        let session = sqlSession
        let handle = Cancellation()
        DispatchQueue.global().asyncAfter(deadline: .now() + 2) { handle.cancel() }
        _ = try? DeepStack.run {
            guard let plan = try? session.importSubstrait(text) else { return }
            _ = try? session.run(plan: plan, sql: "", cancellation: handle)
        }
        handle.cancel()
    }

    /// Queries whose plans seed the Substrait target: every relation and expression kind.
    static let substraitSeedQueries = [
        "SELECT t.a, u.s, count(*), sum(DISTINCT u.n) FILTER (WHERE u.n > 1) FROM t JOIN u ON t.a = u.a WHERE t.c > 0 GROUP BY 1, 2 ORDER BY 1 DESC NULLS FIRST LIMIT 5 OFFSET 1",
        "SELECT * FROM t WHERE a IN (SELECT a FROM u) AND b LIKE 'x%' OR e IS NULL",
        "SELECT a FROM t WHERE a NOT IN (SELECT a FROM u) AND EXISTS (SELECT 1 FROM u WHERE u.a = t.a)",
        "SELECT CASE a WHEN 1 THEN 'one' ELSE 'many' END, CAST(c AS DECIMAL(10,2)), d + INTERVAL '1 month', (SELECT max(n) FROM u) FROM t",
        "SELECT a FROM t UNION SELECT a FROM u EXCEPT SELECT 3 INTERSECT SELECT 1",
        "SELECT DISTINCT b FROM t LEFT JOIN u ON t.a = u.a AND u.s <> 'x' CROSS JOIN (VALUES (1, 'v')) AS v(x, y)",
        "SELECT x FROM generate_series(1, 3) AS g(x) WHERE x BETWEEN 2 AND 3",
        "SELECT t.a, row_number() OVER (PARTITION BY b ORDER BY c DESC), sum(n) OVER (ORDER BY t.a ROWS BETWEEN 1 PRECEDING AND 2 FOLLOWING), "
            + "lag(c IGNORE NULLS) OVER (ORDER BY t.a), count(DISTINCT u.a) FILTER (WHERE e) OVER (ORDER BY t.a RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t, u",
        "SELECT DISTINCT ON (b) b, a FROM t ORDER BY b, a DESC FETCH FIRST 2 ROWS WITH TIES",
        "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 3) SELECT x FROM r",
    ]

    /// CSV or JSON lines: the input is a file queried directly, with a fresh session.
    static func file(_ data: [UInt8], format: String) {
        let path = scratch + "/input." + format
        _ = FileManager.default.createFile(atPath: path, contents: Data(data))
        let session = Session(baseDirectory: scratch)
        _ = try? DeepStack.run {
            if format == "csv" {
                _ = try? session.execute("SELECT * FROM read_csv('input.csv')")
                _ = try? session.execute("SELECT * FROM read_csv('input.csv', header => false)")
                _ = try? session.execute("""
                    CREATE EXTERNAL TABLE typed (i INTEGER, d DATE, b BOOLEAN, f DOUBLE, s VARCHAR) STORED AS CSV LOCATION 'input.csv';
                    SELECT * FROM typed;
                    SELECT count(*), min(i), max(d), sum(f) FROM typed WHERE b
                    """)
            } else {
                _ = try? session.execute("SELECT * FROM read_json('input.json')")
                _ = try? session.execute("SELECT count(*) FROM read_json('input.json')")
            }
        }
    }

    /// A Parquet file: its footer listed, every column read, and the first column filtered
    /// (row-group, page-index and bloom-filter pruning), with the caches off so each input
    /// is read as itself.
    static func parquet(_ data: [UInt8]) {
        let path = scratch + "/input.parquet"
        _ = FileManager.default.createFile(atPath: path, contents: Data(data))
        let session = Session(baseDirectory: scratch)
        for cache in ["file_listings", "file_statistics", "parquet_footers", "parquet_page_indexes"] {
            _ = try? session.set("cache." + cache, "off")
        }
        _ = try? DeepStack.run {
            _ = try? session.execute("SELECT * FROM parquet_metadata('input.parquet')")
            _ = try? session.execute("SELECT * FROM 'input.parquet'")
            guard let first = try? session.query("SELECT * FROM 'input.parquet' LIMIT 0").schema.fields.first else { return }
            let column = "\"" + first.name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            _ = try? session.execute("SELECT count(*) FROM 'input.parquet' WHERE \(column) IS NOT NULL")
            _ = try? session.execute("SELECT * FROM 'input.parquet' WHERE \(column) = 1 OR \(column) > 100")
            _ = try? session.execute("SELECT * FROM 'input.parquet' WHERE \(column) IN ('a', 'k1')")
        }
    }

    /// A pipeline spec: parse, validate, build the task graph and load it into a session
    /// (binding every view; nothing runs).
    static func pipeline(_ text: String) {
        guard let spec = try? SpecParser.parse(text, baseDirectory: pipelineBase) else { return }
        _ = Session.specValidator.problems(spec)
        _ = try? TaskGraph.build(spec)
        let session = Session(baseDirectory: pipelineBase)
        _ = try? DeepStack.run { _ = try? session.loadPipeline(spec) }
    }

    /// Where a spec's relative locations resolve: the demo's folder in this checkout (so
    /// the demo spec, a seed, loads its data files), else the scratch directory.
    static let pipelineBase: String = {
        let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/demo").path
        return FileManager.default.fileExists(atPath: demo + "/pipeline.json") ? demo : scratch
    }()

    static let currentManifest = Session(baseDirectory: scratch).manifest

    /// A planning-surface manifest: parse, validate, re-serialize and diff against this build's.
    static func manifest(_ text: String) {
        guard let json = try? JSONValue.parse(text) else { return }
        guard let manifest = try? PlanningSurfaceManifest(json: json) else { return }
        _ = manifest.json
        _ = ManifestDiff(from: manifest, to: currentManifest).human()
        _ = ManifestDiff(from: currentManifest, to: manifest).human()
    }

    /// A TUI theme: parse and look up every role.
    static func theme(_ text: String) {
        guard let theme = try? Theme.parse(text, file: "fuzz.theme") else { return }
        for role in Role.allCases {
            let style = theme.style(role)
            for colors in [8, 16, 256] { _ = style.foreground.on(colors: colors); _ = style.background.on(colors: colors) }
        }
    }

    /// Another engine's trace: parse it, then what `trace import` and `\step` do with it
    /// (the text with every changed step's tree diff, every step's plan and lineage).
    static func trace(_ read: (String) throws(ForeignTraceError) -> ForeignTrace, _ text: String) {
        guard let foreign = try? read(text) else { return }
        _ = foreign.text
        let trace = foreign.optimizerTrace
        for k in 0...trace.steps.count { _ = trace.plan(atStep: k).map(IndentRenderer.render) }
        _ = trace.lastChange(ofNodeAt: "0/0", step: trace.steps.count)
    }

    /// A sqllogictest file: parse only (running its SQL is the SQL target's work). An
    /// `include` reads no file (the input could name `/dev/zero`); loops expand.
    static func slt(_ text: String) {
        _ = try? SLTParser.parse(text, file: "fuzz.slt") { path throws(FileReadError) in
            throw FileReadError(path: path, reason: "not read while fuzzing")
        }
    }
}
