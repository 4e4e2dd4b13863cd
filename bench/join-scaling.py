#!/usr/bin/env python3
"""Planning time of many-way joins: SELECT count(*) FROM t1, …, tN WHERE <equalities>
over empty two-column tables (tables and predicates listed in shuffled order), for chain,
star and clique join graphs, planscope (parse + bind + optimize, trace recorded, as
EXPLAIN does) beside DuckDB (EXPLAIN) and DataFusion (optimized logical plan), in one run.
Also prints planscope's three costliest rules at each size.

Usage: bench/join-scaling.py [--sizes 4,8,12,14,16,32,64] [--shapes chain,star,clique] [--rounds 5]
       [--scratch-path .build-release]  (a release build already made there: not rebuilt)
(needs .build-venv with duckdb 1.4.4 and datafusion 55.0.0: .ci/ensure-deps --bench)
"""
import argparse, json, os, random, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from peers import use_bench_venv  # noqa: E402

use_bench_venv()


def query(shape, n, rng):
    tables = [f"t{i}" for i in range(1, n + 1)]
    if shape == "chain":
        preds = [f"t{i}.b = t{i + 1}.a" for i in range(1, n)]
    elif shape == "star":
        preds = [f"t1.b = t{i}.a" for i in range(2, n + 1)]
    else:
        preds = [f"t{i}.b = t{j}.a" for i in range(1, n + 1) for j in range(i + 1, n + 1)]
    rng.shuffle(tables); rng.shuffle(preds)
    return f"SELECT count(*) FROM {', '.join(tables)} WHERE {' AND '.join(preds)}"


def schema(n):
    return "".join(f"CREATE TABLE t{i} (a INT, b INT);\n" for i in range(1, n + 1))


def med(fn, rounds):
    xs = []
    for _ in range(rounds):
        t = time.perf_counter(); fn(); xs.append((time.perf_counter() - t) * 1000)
    return statistics.median(xs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="4,8,12,14,16,32,64"); ap.add_argument("--shapes", default="chain,star,clique")
    ap.add_argument("--rounds", type=int, default=5); ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--scratch-path", default=None)
    a = ap.parse_args()
    if a.scratch_path is None:
        subprocess.run(["swift", "build", "-c", "release", "--product", "PlanBench"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    bench = os.path.join(ROOT, a.scratch_path or ".build", "release", "PlanBench")
    import duckdb, datafusion
    rng = random.Random(42)
    print(f"Planning time of N-way joins, median of {a.rounds} rounds (ms); duckdb {duckdb.__version__}, datafusion {datafusion.__version__}")
    print("| shape | N | planscope | DuckDB EXPLAIN | DataFusion | planscope's join order | planscope's costliest rules (ms) |")
    print("|---|---:|---:|---:|---:|---|---|")
    for shape in a.shapes.split(","):
        for n in map(int, a.sizes.split(",")):
            sql, ddl = query(shape, n, rng), schema(n)
            with tempfile.TemporaryDirectory() as d:
                sp, qp = os.path.join(d, "schema.sql"), os.path.join(d, "q.sql")
                open(sp, "w").write(ddl); open(qp, "w").write(sql)
                try:
                    out = subprocess.run([bench, "plan-file", sp, qp, str(a.rounds)], capture_output=True, text=True, check=True,
                                         timeout=a.timeout).stdout
                    r = json.loads(out); p = f"{r['median_ms']:.2f}"
                    rules = ", ".join(f"{k} {v:.1f}" for k, v in r["rule_ms"].items())
                    ordering = r.get("ordering", "")
                except subprocess.TimeoutExpired:
                    p, rules, ordering = f"> {a.timeout:.0f} s", "", ""
            con = duckdb.connect(); con.execute(ddl)
            dk = med(lambda: con.execute("EXPLAIN " + sql).fetchall(), a.rounds)
            ctx = datafusion.SessionContext()
            for stmt in ddl.strip().split(";"):
                if stmt.strip(): ctx.sql(stmt).collect()
            try:
                df = f"{med(lambda: ctx.sql(sql).optimized_logical_plan(), a.rounds):.2f}"
            except Exception as e:
                df = "error"; print(f"datafusion {shape} {n}: {str(e).splitlines()[0]}", file=sys.stderr)
            print(f"| {shape} | {n} | {p} | {dk:.2f} | {df} | {ordering} | {rules} |", flush=True)


if __name__ == "__main__":
    main()
