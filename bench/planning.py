#!/usr/bin/env python3
"""Planning latency: SQL text to optimized logical plan for each TPC-H query, measured in
one run for planscope (in-process, full trace recorded, and without recording; and EXPLAIN
end to end: planning, physical planning and the plan's text), DataFusion (`ctx.sql(q)` +
optimized logical plan) and DuckDB (`EXPLAIN q`).

--tables csv (the default) declares the eight tables as CSV files (TPC-H SF 0.01, made
once under .build-tpch) in every engine, as users declare them: planscope and DataFusion
with CREATE EXTERNAL TABLE, DuckDB with views over read_csv. --tables memory plans
against empty in-memory tables from the fixture schema (the earlier, in-process table).

Usage: bench/planning.py [--rounds 50] [--tables csv|memory] [--scratch-path .build-release]
(needs .build-venv with duckdb and datafusion; with --scratch-path, the release build
already made there is used, not rebuilt)
"""
import argparse, json, os, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIX = os.path.join(ROOT, "Tests", "Fixtures", "tpch")


def q(n):
    return open(os.path.join(FIX, "queries", f"q{n:02d}.sql")).read()


def med(fn, rounds):
    xs = []
    for _ in range(rounds):
        t = time.perf_counter(); fn(); xs.append((time.perf_counter() - t) * 1000)
    return statistics.median(xs)


def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--rounds", type=int, default=50)
    ap.add_argument("--scratch-path", default=None)
    ap.add_argument("--tables", choices=["csv", "memory"], default="csv"); a = ap.parse_args()
    csv_dir = None
    if a.tables == "csv":
        sys.path.insert(0, os.path.join(ROOT, "Tests", "tpch"))
        import conformance
        csv_dir = os.path.abspath(os.path.join(ROOT, ".build-tpch", "sf0.01"))
        conformance.generate("0.01", csv_dir)
    if a.scratch_path is None:
        subprocess.run(["swift", "build", "-c", "release", "--product", "PlanBench"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    bench = os.path.join(ROOT, a.scratch_path or ".build", "release", "PlanBench")
    out = subprocess.run([bench, "plan", str(a.rounds)] + ([csv_dir] if csv_dir else []),
                         capture_output=True, text=True, check=True).stdout
    ps = {d["query"]: d for d in map(json.loads, out.splitlines())}
    import duckdb, datafusion
    schema = open(os.path.join(FIX, "schema.sql")).read()
    con = duckdb.connect()
    ctx = datafusion.SessionContext()
    import re
    for name, cols in re.findall(r"CREATE TABLE (\w+) \((.*?)\);", schema, re.S):
        if csv_dir:
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_csv('{csv_dir}/{name}.csv', header = true)")
            ctx.sql(f"CREATE EXTERNAL TABLE {name} ({cols}) STORED AS CSV LOCATION '{csv_dir}/{name}.csv' "
                    "OPTIONS ('format.has_header' 'true')").collect()
        else:
            con.execute(f"CREATE TABLE {name} ({cols})")
            ctx.sql(f"CREATE TABLE {name} ({cols})").collect()
    rows = []
    for n in range(1, 23):
        d = med(lambda: con.execute("EXPLAIN " + q(n)).fetchall(), a.rounds)
        try:
            f = med(lambda: ctx.sql(q(n)).optimized_logical_plan(), a.rounds)
        except Exception as e:
            print(f"datafusion q{n}: {str(e).splitlines()[0]}", file=sys.stderr); f = None
        rows.append((n, ps[n]["traced_ms"], ps[n]["untraced_ms"], ps[n]["explain_ms"], f, d))
    print(f"Planning latency, TPC-H, {a.tables} tables, median of {a.rounds} rounds (ms)")
    print("| query | planscope (trace) | planscope (no trace) | planscope EXPLAIN | DataFusion | DuckDB EXPLAIN |")
    print("|---|---:|---:|---:|---:|---:|")
    for n, t, u, e, f, d in rows:
        print(f"| q{n:02d} | {t:.3f} | {u:.3f} | {e:.3f} | {'-' if f is None else f'{f:.3f}'} | {d:.3f} |")
    med_t = statistics.median(r[1] for r in rows); med_u = statistics.median(r[2] for r in rows)
    med_e = statistics.median(r[3] for r in rows)
    med_f = statistics.median(r[4] for r in rows if r[4] is not None); med_d = statistics.median(r[5] for r in rows)
    print(f"| median | {med_t:.3f} | {med_u:.3f} | {med_e:.3f} | {med_f:.3f} | {med_d:.3f} |")
    print(f"planscope/DataFusion {med_t / med_f:.2f}x, planscope/DuckDB {med_t / med_d:.2f}x, "
          f"trace recording overhead {100 * (med_t / med_u - 1):.1f}%")


if __name__ == "__main__":
    main()
