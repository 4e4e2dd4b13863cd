#!/usr/bin/env python3
"""Window functions in planscope, DuckDB and DataFusion in one run, on TPC-H lineitem held in
memory (load times apart): a running sum and a rank, each partitioned by l_orderkey (1.5
million small partitions at SF 1) and by l_suppkey (10,000 large ones), and a top-3 per
supplier (a subquery filter on row_number()); and two recursive CTEs over a 100,000-edge
graph (50,000 nodes, two out-edges each): the nodes reachable from node 1 (UNION, a
work-table iteration per hop) and every walk of up to 16 hops (UNION ALL, 131,071 rows).

Usage: bench/window.py [--sf 1] [--runs 3] [--timeout 120]
Needs .build-venv with duckdb 1.4.4, duckdb-ext-tpch 1.4.4 and datafusion 55.0.0
(.ci/ensure-deps --bench). Builds PlanBench in release. Each query is wrapped in an
aggregate (count and a sum of the window's column), so the three engines return one row
and the time is the window's, not the printing of six million rows.
"""
import argparse, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "Tests", "tpch"))
sys.path.insert(0, HERE)
from peers import use_bench_venv  # noqa: E402

use_bench_venv()
import conformance  # noqa: E402
import tpch  # noqa: E402  (timing, the three engines' set-up)

QUERIES = [
    ("running sum by l_orderkey",
     "SELECT count(*), sum(s) FROM (SELECT sum(l_quantity) OVER (PARTITION BY l_orderkey ORDER BY l_linenumber) AS s FROM lineitem) q"),
    ("rank by l_orderkey",
     "SELECT count(*), sum(r) FROM (SELECT rank() OVER (PARTITION BY l_orderkey ORDER BY l_extendedprice DESC) AS r FROM lineitem) q"),
    ("running sum by l_suppkey",
     "SELECT count(*), sum(s) FROM (SELECT sum(l_quantity) OVER (PARTITION BY l_suppkey ORDER BY l_shipdate, l_orderkey, l_linenumber ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s FROM lineitem) q"),
    ("rank by l_suppkey",
     "SELECT count(*), sum(r) FROM (SELECT rank() OVER (PARTITION BY l_suppkey ORDER BY l_extendedprice DESC) AS r FROM lineitem) q"),
    ("top 3 per supplier",
     "SELECT count(*), sum(l_extendedprice) FROM (SELECT l_extendedprice, row_number() OVER (PARTITION BY l_suppkey ORDER BY l_extendedprice DESC, l_orderkey, l_linenumber) AS rn FROM lineitem) q WHERE rn <= 3"),
 ("reachable nodes (recursive UNION)",
     "WITH RECURSIVE reach(n) AS (SELECT 1 UNION SELECT e.dst FROM reach r JOIN edges e ON e.src = r.n) "
     "SELECT count(*), sum(n) FROM reach"),
    ("walks of up to 16 hops (recursive UNION ALL)",
     "WITH RECURSIVE walk(n, d) AS (SELECT 1, 0 UNION ALL SELECT e.dst, w.d + 1 FROM walk w JOIN edges e ON e.src = w.n "
     "WHERE w.d < 16) SELECT count(*), sum(n) FROM walk"),
]

# The graph: node x has edges to 2x mod 50,000 + 1 and 7x + 3 mod 50,000 + 1. The series'
# column is spelled per engine (DataFusion's generate_series names it `value`).
def edges_sql(series):
    return ("CREATE TABLE edges AS "
            f"SELECT x AS src, (x * 2) % 50000 + 1 AS dst FROM {series} "
            f"UNION ALL SELECT x AS src, (x * 7 + 3) % 50000 + 1 AS dst FROM {series}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sf", default="1")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=120)
    args = ap.parse_args()
    directory = os.path.join(ROOT, ".build-tpch", f"sf{args.sf}")
    conformance.generate(args.sf, directory)
    numbers = list(range(1, len(QUERIES) + 1))
    with tempfile.TemporaryDirectory() as qdir:
        for n, (_, sql) in zip(numbers, QUERIES):
            open(os.path.join(qdir, f"q{n:02d}.sql"), "w").write(sql)
        subprocess.run(["swift", "build", "-c", "release", "--product", "PlanBench"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        setup = os.path.join(qdir, "setup.sql")
        open(setup, "w").write(edges_sql("generate_series(1, 50000) AS t(x)") + ";\n")
        env = dict(os.environ, PLANBENCH_QUERIES=qdir, PLANBENCH_SETUP=setup)
        proc = subprocess.run([os.path.join(ROOT, ".build", "release", "PlanBench"), "tpch", directory, str(args.runs),
                               ",".join(map(str, numbers)), str(args.timeout)], capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
        import json
        p, peak = {}, None
        for line in proc.stdout.splitlines():
            d = json.loads(line)
            if "median_ms" in d: p[d["query"]] = d["median_ms"]
            elif "timeout_s" in d: p[d["query"]] = None
            elif "peak_rss" in d: peak = d["peak_rss"]
    con = conformance.duckdb_connection()
    con.execute(f"CALL dbgen(sf={args.sf})")
    con.execute(edges_sql("generate_series(1, 50000) AS t(x)"))
    d = {n: tpch.timed(lambda: con.execute(sql).fetchall(), args.runs, args.timeout) for n, (_, sql) in zip(numbers, QUERIES)}
    import datafusion
    ctx = datafusion.SessionContext()
    schema = open(os.path.join(ROOT, "Tests", "Fixtures", "tpch", "schema.sql")).read()
    cols = schema.split("CREATE TABLE lineitem (")[1].split(");")[0]
    ctx.sql(f"CREATE EXTERNAL TABLE lineitem_csv ({cols}) STORED AS CSV LOCATION '{directory}/lineitem.csv' OPTIONS ('format.has_header' 'true')").collect()
    ctx.sql("CREATE TABLE lineitem AS SELECT * FROM lineitem_csv").collect()
    ctx.sql(edges_sql("(SELECT value AS x FROM generate_series(1, 50000))")).collect()
    f = {}
    for n, (_, sql) in zip(numbers, QUERIES):
        try:
            f[n] = tpch.timed(lambda: ctx.sql(sql).collect(), args.runs, args.timeout)
        except Exception as e:  # report, keep going
            print(f"datafusion q{n}: {str(e).splitlines()[0]}", file=sys.stderr)
            f[n] = None
    print(f"\nWindow functions over lineitem and recursive CTEs over a graph, SF {args.sf}, {args.runs} runs, median ms")
    print("| query | planscope | DuckDB | DataFusion | planscope/DuckDB | planscope/DataFusion |")
    print("|---|---:|---:|---:|---:|---:|")
    for n, (name, _) in zip(numbers, QUERIES):
        pv, dv, fv = p.get(n), d.get(n), f.get(n)
        r1 = f"{pv / dv:.1f}x" if pv and dv else "-"
        r2 = f"{pv / fv:.1f}x" if pv and fv else "-"
        print(f"| {name} | {tpch.fmt(pv)} | {tpch.fmt(dv)} | {tpch.fmt(fv)} | {r1} | {r2} |")
    print(f"planscope peak memory: {peak / 2**20:.0f} MiB" if peak else "planscope peak memory: n/a")


if __name__ == "__main__":
    main()
