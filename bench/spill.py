#!/usr/bin/env python3
"""Spilling under a memory limit: a 10M-row sort and a 3M-group aggregation, each with no
limit and with execution.memory_limit = 64MiB, in planscope (release) and in DuckDB
(memory_limit = '64MB', one process each), side by side: wall seconds and peak RSS.

Usage: bench/spill.py [PLANSCOPE] (default .build/release/planscope; build it with
`swift build -c release --product planscope`). Needs .build-venv (duckdb)."""
import os, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/planscope")
python = os.path.join(ROOT, ".build-venv/bin/python")

QUERIES = {
    "sort 10M rows": "SELECT count(*), sum(x) FROM (SELECT x, x % 1000 AS m FROM generate_series(1, 10000000) t(x) ORDER BY m, x DESC) s",
    "group 9M rows into 3M groups": "SELECT count(*), sum(n) FROM (SELECT x % 3000000 AS k, count(*) AS n, sum(x) AS s FROM generate_series(1, 9000000) t(x) GROUP BY 1) g",
}
DUCK = {
    "sort 10M rows": "SELECT count(*), sum(x) FROM (SELECT x, x % 1000 AS m FROM range(1, 10000001) t(x) ORDER BY m, x DESC OFFSET 0) s",
    "group 9M rows into 3M groups": "SELECT count(*), sum(n) FROM (SELECT x % 3000000 AS k, count(*) AS n, sum(x) AS s FROM range(1, 9000001) t(x) GROUP BY 1) g",
}


def run_planscope(sql, limit):
    script = f"SET execution.memory_limit = '{limit}';\n{sql};\n"
    argv = ["/usr/bin/time", "-f", "RSS %M", binary, "-q", "--format", "csv"]
    start = time.time()
    p = subprocess.run(argv, input=script, capture_output=True, text=True)
    rss = next((int(l.split()[1]) for l in p.stderr.splitlines() if l.startswith("RSS ")), 0)
    return time.time() - start, rss, p.stdout.strip().splitlines()[-1:]


def run_duckdb(sql, limit):
    code = ("import duckdb, sys\ncon = duckdb.connect()\n"
            + (f"con.execute(\"SET memory_limit = '{limit}'\")\n" if limit else "")
            + "con.execute(\"SET threads = 2\")\n"
            + f"print(con.execute({sql!r}).fetchall())\n")
    start = time.time()
    p = subprocess.run(["/usr/bin/time", "-f", "RSS %M", python, "-c", code], capture_output=True, text=True)
    rss = next((int(l.split()[1]) for l in p.stderr.splitlines() if l.startswith("RSS ")), 0)
    return time.time() - start, rss, p.stdout.strip().splitlines()[-1:]


print(f"{'query':32} {'engine':10} {'limit':>8} {'seconds':>8} {'peak RSS':>10}")
for name, sql in QUERIES.items():
    for limit in ["0", "64MiB"]:
        secs, rss, _ = run_planscope(sql, limit)
        print(f"{name:32} {'planscope':10} {limit:>8} {secs:8.2f} {rss / 1024:8.0f} MiB")
    for limit in [None, "64MB"]:
        secs, rss, _ = run_duckdb(DUCK[name], limit)
        print(f"{name:32} {'duckdb':10} {limit or '0':>8} {secs:8.2f} {rss / 1024:8.0f} MiB")
