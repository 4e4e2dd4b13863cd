import Dispatch
import Foundation
import PlanCore
import PlanEngine
import PlanExec
import PlanManifest
import PlanOptimizer
import PlanPipeline
import PlanProviders
import PlanSupport
import PlanscopeTUI

let current = Locked<Int>(-1)
// As `planscope` runs (unless PLANBENCH_MALLOC=default, to measure glibc's own settings).
if ProcessInfo.processInfo.environment["PLANBENCH_MALLOC"] != "default" { AllocatorTuning.applyForQueryProcessing() }

/// planscope's benchmarks. `parse-bind`: median time to parse and bind all 22 TPC-H
/// queries (SQL text to bound logical plan), over many rounds.
let args = CommandLine.arguments.dropFirst()
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let fixtures = root.appendingPathComponent("Tests/Fixtures/tpch")

func nanos() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func parseBind(rounds: Int) throws {
    let session = Session()
    _ = try session.execute(try String(contentsOf: fixtures.appendingPathComponent("schema.sql"), encoding: .utf8))
    let queries = try (1...22).map { n in
        try String(contentsOf: fixtures.appendingPathComponent(String(format: "queries/q%02d.sql", n)), encoding: .utf8)
    }
    for q in queries { _ = try session.logicalPlan(q) }  // warm-up
    var perQuery = Array(repeating: [Double](), count: 22)
    var totals: [Double] = []
    for _ in 0..<rounds {
        var total = 0.0
        for (i, q) in queries.enumerated() {
            let start = nanos()
            _ = try session.logicalPlan(q)
            let ms = Double(nanos() - start) / 1e6
            perQuery[i].append(ms)
            total += ms
        }
        totals.append(total)
    }
    print("parse + bind, TPC-H queries, \(rounds) rounds (milliseconds, median)")
    print("query  median_ms")
    for (i, xs) in perQuery.enumerated() { print(String(format: "q%02d    %.3f", i + 1, median(xs))) }
    let perQueryMedians = perQuery.map(median)
    print(String(format: "all 22 together: median %.3f ms; median query %.3f ms; slowest query %.3f ms",
                 median(totals), median(perQueryMedians), perQueryMedians.max() ?? 0))
}

/// Peak resident set size of this process, in bytes.
func peakRSS() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
}

/// CPU time this process has used (user and system, all threads), in seconds: beside
/// the wall time, a figure other processes on a busy machine disturb less.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// `, "rss_mib": …, "max_rss_mib": …` for a JSON line.
func memoryFields() -> String { ", \"rss_mib\": \(currentRSS() >> 20), \"max_rss_mib\": \(peakRSS() >> 20)" }

/// Resident set size of this process now, in bytes (Linux `/proc/self/statm`; 0 elsewhere).
func currentRSS() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// `tpch DIR RUNS [QUERIES] [TIMEOUT_SECONDS]`: loads DIR/*.csv (TPC-H, with the fixture
/// schema) into memory tables, then runs each query RUNS times. Prints one JSON object a
/// line: {"load_s": …} then {"query": n, "median_ms": …, "rows": …} and {"peak_rss": …};
/// the load's and each query's line also carry `rss_mib` (resident now) and `max_rss_mib`
/// (the process's peak so far), to see which step sets the peak, and each query's its
/// median `cpu_ms` (the process's CPU time over the run, both workers).
/// `PLANBENCH_LAYOUT=parquet` reads DIR/<table>.parquet in every query instead (external
/// tables; `load_s` is then the time to read the footers). `PLANBENCH_SET="name=value,…"` applies settings first; `PLANBENCH_EXPLAIN=1` writes
/// each query's EXPLAIN ANALYZE to stderr; `PLANBENCH_QUERIES=DIR` reads query n from
/// DIR/qNN.sql instead of the TPC-H queries (bench/window.py's window queries), and
/// `PLANBENCH_SETUP=FILE` runs FILE's statements once after loading.
func tpch(dir: String, runs: Int, queries: [Int], timeout: Double) throws {
    let session = Session()
    // PLANBENCH_SET="execution.workers=1,execution.batch_size=8192": settings for the run.
    for item in (ProcessInfo.processInfo.environment["PLANBENCH_SET"] ?? "").split(separator: ",") {
        let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw PlanError(.config, "PLANBENCH_SET: expected name=value, got '\(item)'") }
        _ = try session.set(parts[0], parts[1])
    }
    let schema = try String(contentsOf: fixtures.appendingPathComponent("schema.sql"), encoding: .utf8)
    // PLANBENCH_LAYOUT=parquet: DIR/<table>.parquet read by each query, not loaded.
    let parquet = ProcessInfo.processInfo.environment["PLANBENCH_LAYOUT"] == "parquet"
    let start = nanos()
    var setup = ""
    var names: [String] = []
    for m in schema.split(separator: ";") where m.contains("CREATE TABLE") {
        let text = String(m)
        guard let nameStart = text.range(of: "CREATE TABLE ")?.upperBound,
              let paren = text[nameStart...].firstIndex(of: "(") else { continue }
        let name = text[nameStart..<paren].trimmingCharacters(in: .whitespaces)
        names.append(name)
        let columns = text[paren...]
        if parquet {
            // The files read by every query (footers once, from the process's cache).
            setup += "CREATE EXTERNAL TABLE \(name) STORED AS PARQUET LOCATION '\(dir)/\(name).parquet';\n"
        } else {
            setup += "CREATE EXTERNAL TABLE \(name)_csv \(columns) STORED AS CSV LOCATION '\(dir)/\(name).csv';\n"
            setup += "CREATE TABLE \(name) AS SELECT * FROM \(name)_csv;\n"
        }
    }
    _ = try session.execute(setup)
    // PLANBENCH_SETUP=FILE: statements run once after the tables load (bench/window.py's graph).
    if let extra = ProcessInfo.processInfo.environment["PLANBENCH_SETUP"] {
        _ = try session.execute(String(contentsOfFile: extra, encoding: .utf8))
    }
    print("{\"load_s\": \(Double(nanos() - start) / 1e9)\(memoryFields())}")
    fflush(nil)
    let queryDir = ProcessInfo.processInfo.environment["PLANBENCH_QUERIES"].map { URL(fileURLWithPath: $0) }
        ?? fixtures.appendingPathComponent("queries")
    for n in queries {
        let sql = try String(contentsOf: queryDir.appendingPathComponent(String(format: "q%02d.sql", n)), encoding: .utf8)
        if ProcessInfo.processInfo.environment["PLANBENCH_EXPLAIN"] != nil, let physical = try session.explain(sql, analyze: true).physical {
            // PLANBENCH_EXPLAIN=1: each query's EXPLAIN ANALYZE physical plan on stderr.
            FileHandle.standardError.write(Data("q\(n)\n\(PhysicalPlanRenderer.render(physical))\n".utf8))
        }
        var times: [Double] = []
        var cpu: [Double] = []
        var rows = 0
        var timedOut = false
        for run in 0..<runs {
            let t0 = nanos(), c0 = cpuSeconds()
            // Cancel this run if it exceeds the timeout (operators stop between batches).
            let token = n * 1000 + run
            current.withLock { $0 = token }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                if current.withLock({ $0 }) == token { session.cancelRunning() }
            }
            do {
                rows = try session.query(sql).rowCount
            } catch {
                current.withLock { $0 = -1 }
                if error.kind == .cancelled { timedOut = true; break }
                throw error
            }
            current.withLock { $0 = -1 }
            let ms = Double(nanos() - t0) / 1e6
            times.append(ms)
            cpu.append((cpuSeconds() - c0) * 1000)
            if ms / 1000 > timeout / 3 { break }
        }
        if timedOut {
            print("{\"query\": \(n), \"timeout_s\": \(timeout)}")
        } else {
            print("{\"query\": \(n), \"median_ms\": \(median(times)), \"rows\": \(rows), \"cpu_ms\": \(median(cpu))\(memoryFields())}")
        }
        fflush(nil)
    }
    print("{\"peak_rss\": \(peakRSS())}")
}

/// `plan [rounds]`: SQL text to optimized plan per TPC-H query, with the full trace
/// recorded and without; one JSON object a line.
func planning(rounds: Int, csvDirectory: String?) throws {
    let session = Session()
    let schema = try String(contentsOf: fixtures.appendingPathComponent("schema.sql"), encoding: .utf8)
    if let csvDirectory {
        // The tables as users declare them: CSV files with the fixture's columns (row counts
        // from the files, as the planner estimates with them).
        for statement in schema.split(separator: ";") where statement.contains("CREATE TABLE") {
            let text = String(statement)
            guard let nameStart = text.range(of: "CREATE TABLE ")?.upperBound, let paren = text[nameStart...].firstIndex(of: "(") else { continue }
            let name = text[nameStart..<paren].trimmingCharacters(in: .whitespaces)
            _ = try session.execute("CREATE EXTERNAL TABLE \(name) \(text[paren...]) STORED AS CSV LOCATION '\(csvDirectory)/\(name).csv'")
        }
    } else {
        _ = try session.execute(schema)
    }
    let optimizer = session.rulepack.optimizer
    let context = session.optimizerContext
    for n in 1...22 {
        let sql = try String(contentsOf: fixtures.appendingPathComponent(String(format: "queries/q%02d.sql", n)), encoding: .utf8)
        var traced: [Double] = [], untraced: [Double] = [], explained: [Double] = []
        for _ in 0..<rounds {
            var t0 = nanos()
            _ = try optimizer.optimize(try session.logicalPlan(sql), context: context, record: true)
            traced.append(Double(nanos() - t0) / 1e6)
            t0 = nanos()
            _ = try optimizer.optimize(try session.logicalPlan(sql), context: context, record: false)
            untraced.append(Double(nanos() - t0) / 1e6)
            // EXPLAIN end to end: parse, bind, optimize with the trace, physical planning and the text.
            t0 = nanos()
            _ = try session.query("EXPLAIN " + sql).rows
            explained.append(Double(nanos() - t0) / 1e6)
        }
        print("{\"query\": \(n), \"traced_ms\": \(median(traced)), \"untraced_ms\": \(median(untraced)), \"explain_ms\": \(median(explained))}")
    }
}

/// `plan-file SCHEMA QUERY ROUNDS`: runs the SCHEMA script, then plans QUERY (parse,
/// bind, optimize with the trace recorded, as EXPLAIN does) ROUNDS times; prints
/// {"median_ms": …, "rule_ms": {rule: total ms in the last round}, "ordering": how the
/// joins were ordered (exact, with its csg-cmp pairs, or greedy)}.
func planFile(schema: String, query: String, rounds: Int) throws {
    let session = Session()
    _ = try session.execute(try String(contentsOfFile: schema, encoding: .utf8))
    let sql = try String(contentsOfFile: query, encoding: .utf8)
    var times: [Double] = []
    var last: OptimizerTrace?
    for _ in 0..<max(1, rounds) {
        let t0 = nanos()
        last = try session.optimize(try session.logicalPlan(sql))
        times.append(Double(nanos() - t0) / 1e6)
    }
    let rules = (last?.summary ?? []).sorted { $0.elapsedNanos > $1.elapsedNanos }.prefix(3)
        .map { "\"\($0.rule)\": \(Double($0.elapsedNanos) / 1e6)" }.joined(separator: ", ")
    let ordering = JSONValue.string(last?.joinOrdering ?? "none").compact
    print("{\"median_ms\": \(median(times)), \"rule_ms\": {\(rules)}, \"ordering\": \(ordering)}")
}

/// `partitions [files-per-dimension]`: a hive-partitioned table of 10 years × 12 months
/// (120 files), one query with a selective partition predicate run with pruning and
/// with the filter pushdown rule off; prints files/rows/bytes read and times.
func partitions(rowsPerFile: Int, rounds: Int) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("planscope-partitions-\(rowsPerFile)").path
    if !FileManager.default.fileExists(atPath: dir + "/year=2009/month=12/part-0.csv") {
        for year in 2000...2009 {
            for month in 1...12 {
                let d = "\(dir)/year=\(year)/month=\(month)"
                try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
                var text = "id,amount,note\n"
                for i in 0..<rowsPerFile { text += "\(i),\(Double(i % 1000) / 10),row \(i) of \(year)-\(month)\n" }
                try text.write(toFile: d + "/part-0.csv", atomically: true, encoding: .utf8)
            }
        }
    }
    let sql = "SELECT count(*), sum(amount) FROM sales WHERE year = 2007 AND month BETWEEN 3 AND 5"
    for pruning in [true, false] {
        let session = Session()
        _ = try session.execute("CREATE EXTERNAL TABLE sales (id BIGINT, amount DOUBLE, note TEXT, year BIGINT, month BIGINT) STORED AS CSV PARTITIONED BY (year, month) LOCATION '\(dir)'")
        if !pruning { _ = try session.execute("SET optimizer.rule.push_down_filter = off") }
        var times: [Double] = []
        var report: PushdownContractReport?
        for _ in 0..<rounds {
            let t0 = nanos()
            report = try session.query(sql).pushdown
            times.append(Double(nanos() - t0) / 1e6)
        }
        guard let scan = report?.scans.first else { continue }
        print("{\"pruning\": \(pruning), \"median_ms\": \(median(times)), \"files_total\": \(scan.unitsTotal), \"files_pruned\": \(scan.unitsPruned), \"rows_read\": \(scan.rowsRead), \"bytes_read\": \(scan.bytesRead), \"rows_returned\": \(scan.rowsReturned)}")
    }
}

/// `manifest-diff [ENTRIES] [ROUNDS]`: two manifests of ENTRIES entries each (planners of
/// three kinds, factories, planning settings, rules) with 1% of them changed — versions
/// bumped, entries removed and added, values changed — diffed ROUNDS times. Times the diff
/// of two manifests in memory (their fingerprints are computed when a manifest is made),
/// the fingerprinting of both, and the diff from JSON text (parse both documents, which
/// fingerprints them, then diff).
func manifestDiff(entries: Int, rounds: Int) throws {
    func manifest(changed: Bool) -> PlanningSurfaceManifest {
        let share = entries / 6
        func list(_ prefix: String) -> [PlanningSurfaceManifest.Entry] {
            (0..<share).compactMap { i in
                let touched = changed && i % 100 == 7
                if touched && i % 300 == 7 { return nil }  // removed
                return .init(name: touched && i % 300 == 107 ? "\(prefix)_new_\(i)" : "\(prefix)_\(i)", version: touched ? "2" : "1")
            }
        }
        var config: [String: String] = [:]
        for i in 0..<share { config["setting.\(i)"] = changed && i % 100 == 7 ? "on" : "off" }
        let rules = (0..<(entries - 5 * share)).map { i in (name: "rule_\(i)", enabled: !(changed && i % 100 == 7)) }
        return PlanningSurfaceManifest(engineVersion: EngineVersion.current, relationPlanners: list("rel"), expressionPlanners: list("expr"),
                                       typePlanners: list("type"), tableFactories: list("fmt"), config: config, rulepack: "default",
                                       rulepackFingerprint: "sha256:0", rules: rules)
    }
    let a = manifest(changed: false), b = manifest(changed: true)
    let textA = a.json.pretty, textB = b.json.pretty
    var inMemory: [Double] = [], fromText: [Double] = []
    var changes = 0
    for _ in 0..<rounds {
        let t0 = nanos()
        changes = ManifestDiff(from: a, to: b).changes.count
        inMemory.append(Double(nanos() - t0) / 1e6)
        let t1 = nanos()
        let x = try PlanningSurfaceManifest(json: try JSONValue.parse(textA)), y = try PlanningSurfaceManifest(json: try JSONValue.parse(textB))
        _ = ManifestDiff(from: x, to: y)
        fromText.append(Double(nanos() - t1) / 1e6)
    }
    let total = a.relationPlanners.count + a.expressionPlanners.count + a.typePlanners.count + a.tableFactories.count + a.config.count + a.rules.count
    var fingerprinting: [Double] = []
    for _ in 0..<rounds {
        let t0 = nanos()
        _ = Fingerprint(canonicalBytes: a.canonicalBytes)
        _ = Fingerprint(canonicalBytes: b.canonicalBytes)
        fingerprinting.append(Double(nanos() - t0) / 1e6)
    }
    print("manifest diff: \(total) entries each, \(changes) changes, \(rounds) rounds (milliseconds, median)")
    print("what                          median_ms   goal")
    print(String(format: "diff                           %8.3f   < 10", median(inMemory)))
    print(String(format: "fingerprint both (once each)   %8.3f", median(fingerprinting)))
    print(String(format: "parse both JSON texts + diff   %8.3f", median(fromText)))
}

/// `tui-frames [N]`: keys through update and render on a 120×40 screen with an N-view
/// task graph and an N-step optimizer trace (default 10,000): milliseconds per key, from
/// the key to the finished frame (the terminal write is not included).
func tuiFrames(n: Int) throws {
    let session = Session()
    _ = try session.execute("CREATE TABLE o (id INT, cid INT, amt INT); CREATE TABLE c (id INT, name TEXT)")
    let real = try session.inspection(of: try session.logicalPlan("SELECT c.name, sum(o.amt) FROM o, c WHERE o.cid = c.id AND o.amt > 10 GROUP BY c.name"),
                                      analyze: false)
    let t = real.trace
    let steps = (0..<n).map { i in
        let s = t.steps[i % t.steps.count]
        return OptimizerTrace.Step(pass: i / t.steps.count + 1, index: i, rule: s.rule, changed: s.changed, elapsedNanos: s.elapsedNanos, plan: s.plan)
    }
    let trace = OptimizerTrace(initial: t.initial, steps: steps, final: t.final, passes: n / t.steps.count + 1, reachedFixpoint: true,
                               totalNanos: t.totalNanos, rulepack: t.rulepack, rulepackFingerprint: t.rulepackFingerprint)
    let inspection = PlanInspection(trace: trace, physical: real.physical, pushdown: real.pushdown, warnings: [], rows: nil, elapsed: nil)
    var state = AppState(width: 120, height: 40, header: Workspace.header(session, source: "bench"))
    state.pipeline = PipelineModel(name: "bench.json", rows: (0..<n).map {
        GraphRow(name: "view_\($0)", kind: .view, level: $0 % 9, inputs: $0 > 0 ? ["view_\($0 - 1)"] : [], dependents: ["view_\($0 + 1)"],
                 estimatedRows: 1000)
    })
    state.subject = .view("view_0")
    _ = state.update(.inspected(subject: .view("view_0"), inspection), env: Environment())
    func measure(_ pane: PaneID, _ keys: [Key]) -> (median: Double, max: Double) {
        state.focus = pane
        var times: [Double] = []
        for key in keys {
            let t0 = nanos()
            _ = state.update(.key(key), env: Environment())
            _ = Screen.render(state)
            times.append(Double(nanos() - t0) / 1e6)
        }
        return (median(times), times.max() ?? 0)
    }
    let scroll: [Key] = Array(repeating: .down, count: 200) + Array(repeating: .pageDown, count: 50) + [.end, .home, .end]
    print("TUI frames, 120×40, \(n)-view graph and \(n)-step trace (ms per key: update + render)")
    print("what                         median_ms   max_ms")
    let g = measure(.graph, scroll)
    print(String(format: "task graph: ↓ ×200, PgDn ×50, G/g   %6.3f   %6.3f", g.median, g.max))
    let tr = measure(.trace, Array(repeating: .char("]"), count: 200) + Array(repeating: .pageDown, count: 50) + [.end, .home, .end])
    print(String(format: "trace: ] ×200, PgDn ×50, G/g        %6.3f   %6.3f", tr.median, tr.max))
    let c = measure(.trace, [.char("c"), .char("c"), .char("c"), .char("c")])
    print(String(format: "trace: c (changed only) ×4         %6.3f   %6.3f", c.median, c.max))
    _ = state.update(.key(.char("c")), env: Environment())
    let plan = measure(.trace, [.enter] + Array(repeating: .down, count: 100) + Array(repeating: .right, count: 20)
                       + [.char("w"), .char("G"), .char("g"), .char("w"), .escape])
    print(String(format: "plan: Enter, ↓ ×100, → ×20, w, G/g  %6.3f   %6.3f", plan.median, plan.max))
    // The cursor on a node, followed to it in each step's plan.
    let follow = measure(.trace, [.enter, .down, .down] + Array(repeating: .char("]"), count: 100) + Array(repeating: .char("["), count: 100))
    print(String(format: "plan: cursor kept by ] ×100, [ ×100 %6.3f   %6.3f", follow.median, follow.max))
}

/// `dag-layout [N] [ROUNDS]`: the task graph of a random N-view pipeline (default 1,000;
/// each view reads one to three earlier views or inputs) laid out for the TUI's drawing —
/// layers, dummy nodes, barycentric ordering, columns, edge routes — in milliseconds.
func dagLayout(n: Int, rounds: Int) throws {
    var seed: UInt64 = 20_261_207
    func next(_ bound: Int) -> Int {
        // A fixed sequence (xorshift), so every run lays out the same graph.
        seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
        return Int(seed % UInt64(max(1, bound)))
    }
    let inputs = max(1, n / 20)
    var views: [String] = []
    for i in 0..<n {
        let pool = inputs + i
        let reads = Set((0..<(1 + next(3))).map { _ in
            // Mostly recent relations, so the graph is deep as well as wide.
            let back = min(pool, 1 + next(min(pool, 40)))
            let k = next(4) == 0 ? next(pool) : pool - back
            return k < inputs ? "in_\(k)" : "view_\(k - inputs)"
        }).sorted()
        let from = reads.map { "\"\($0)\"" }.joined(separator: ", ")
        let sql = "SELECT 1 AS x FROM " + reads.joined(separator: ", ")
        views.append("{\"name\": \"view_\(i)\", \"sql\": \"\(sql)\", \"view_dependencies\": [\(from)]}")
    }
    let relations = (0..<inputs).map {
        "{\"logical_name\": \"in_\($0)\", \"format\": \"inline\", \"columns\": [{\"name\": \"x\", \"type\": \"INTEGER\"}], \"rows\": []}"
    }
    let json = "{\"version\": 1, \"input_relations\": [\(relations.joined(separator: ", "))], \"view_definitions\": [\(views.joined(separator: ", "))]}"
    let spec = try SpecParser.parse(json, baseDirectory: NSTemporaryDirectory())
    let graph = try TaskGraph.build(spec)
    let rows = graph.order.map { id in
        let node = graph.nodes[id]
        return GraphRow(name: node.name, kind: node.kind, level: graph.levels[id], inputs: node.dependencies.map { graph.nodes[$0].name },
                        dependents: node.dependents.map { graph.nodes[$0].name }, estimatedRows: nil)
    }
    var times: [Double] = []
    var layout: DagLayout?
    for _ in 0..<rounds {
        let t0 = nanos()
        layout = DagLayout(rows: rows)
        times.append(Double(nanos() - t0) / 1e6)
    }
    guard let layout else { return }
    print("DAG layout of \(n) views, \(inputs) inputs, \(graph.edgeCount) edges: \(layout.layers.count) layers, "
          + "\(layout.nodes.count - rows.count) dummy nodes, crossings \(layout.initialCrossings) → \(layout.crossings), "
          + "canvas \(layout.width)×\(layout.height)")
    print(String(format: "median %.2f ms, max %.2f ms over %d rounds (goal < 50 ms)", median(times), times.max() ?? 0, rounds))
}

do {
    switch args.first ?? "parse-bind" {
    case "dag-layout":
        let rest = Array(args.dropFirst())
        try dagLayout(n: rest.first.flatMap { Int($0) } ?? 1_000, rounds: rest.count > 1 ? Int(rest[1]) ?? 10 : 10)
    case "plan-file":
        let rest = Array(args.dropFirst())
        guard rest.count >= 2 else { print("usage: PlanBench plan-file SCHEMA QUERY [ROUNDS]"); exit(2) }
        try planFile(schema: rest[0], query: rest[1], rounds: rest.count > 2 ? Int(rest[2]) ?? 5 : 5)
    case "tui-frames":
        try tuiFrames(n: args.dropFirst().first.flatMap { Int($0) } ?? 10_000)
    case "manifest-diff":
        let rest = Array(args.dropFirst())
        try manifestDiff(entries: rest.first.flatMap { Int($0) } ?? 10_000, rounds: rest.count > 1 ? Int(rest[1]) ?? 20 : 20)
    case "partitions":
        try partitions(rowsPerFile: args.dropFirst().first.flatMap { Int($0) } ?? 2000, rounds: 5)
    case "plan":
        // plan [ROUNDS] [CSV-DIR]: with CSV-DIR, the tables are external CSV tables there.
        try planning(rounds: args.dropFirst().first.flatMap { Int($0) } ?? 50, csvDirectory: args.dropFirst(2).first)
    case "tpch":
        let rest = Array(args.dropFirst())
        guard rest.count >= 2, let runs = Int(rest[1]) else {
            print("usage: PlanBench tpch DIR RUNS [1,2,…] [timeout-seconds]")
            exit(2)
        }
        let queries = rest.count > 2 ? rest[2].split(separator: ",").compactMap { Int($0) } : Array(1...22)
        let timeout = rest.count > 3 ? Double(rest[3]) ?? 60 : 60
        try tpch(dir: rest[0], runs: runs, queries: queries, timeout: timeout)
    case "parse-bind":
        let rounds = args.dropFirst().first.flatMap { Int($0) } ?? 200
        try parseBind(rounds: rounds)
    default:
        print("usage: PlanBench parse-bind [rounds] | plan [rounds] | partitions [rows] | tpch DIR RUNS | manifest-diff [entries] [rounds]"
              + " | tui-frames [views] | dag-layout [views] [rounds]")
        exit(2)
    }
} catch {
    print("error: \(error)")
    exit(1)
}
