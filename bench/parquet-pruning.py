#!/usr/bin/env python3
"""Parquet pruning benchmark: `SELECT … WHERE l_shipdate BETWEEN …` on TPC-H lineitem
sorted by ship date (written by pyarrow from DuckDB's dbgen: row groups of 122,880 rows,
pages of at most 20,000 rows with a page index; a bloom filter on l_shipmode), read by
planscope with its pruning mechanisms switched on and off, beside DuckDB's and
DataFusion's time on the same file in the same run.

For planscope it prints row groups, pages and bytes read (from the pushdown report) and the
median wall time of a run of the query (process start included; `startup` is that of
`SELECT 1`). DuckDB reads the file through `read_parquet`, DataFusion through
`register_parquet` (its page index on), each timed in-process.

Usage: bench/parquet-pruning.py [--sf 1] [--runs 5] [--binary .build/release/planscope] [--keep DIR]
Needs .build-venv with duckdb 1.4.4, duckdb-ext-tpch 1.4.4, pyarrow 26.0.1 and datafusion
55.0.0 (.ci/ensure-deps --bench).
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "Tests", "tpch"))
sys.path.insert(0, HERE)
from peers import use_bench_venv  # noqa: E402

use_bench_venv(("duckdb", "datafusion", "pyarrow"))
import conformance  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

QUERY = ("SELECT sum(l_extendedprice * l_discount) AS revenue, count(*) AS n FROM {source} "
         "WHERE l_shipdate BETWEEN DATE '1994-03-01' AND DATE '1994-03-31'")
POINT = "SELECT count(*) AS n FROM {source} WHERE l_shipmode = 'BOAT-X'"

SETTINGS = [
    ("all off", {"row_groups": "off", "page_index": "off", "bloom_filter": "off"}),
    ("row groups", {"page_index": "off", "bloom_filter": "off"}),
    ("row groups + page index", {"bloom_filter": "off"}),
    ("all on", {}),
]


def write_file(sf, directory):
    path = os.path.join(directory, f"lineitem-sf{sf}-by-shipdate.parquet")
    if os.path.exists(path):
        return path
    con = conformance.duckdb_connection()
    con.execute(f"CALL dbgen(sf={sf})")
    table = con.execute("SELECT * FROM lineitem ORDER BY l_shipdate").fetch_arrow_table()
    pq.write_table(table, path, row_group_size=122880, max_rows_per_page=20000, write_page_index=True,
                   compression="snappy", bloom_filter_options={"l_shipmode": {"ndv": 7, "fpp": 0.01}})
    return path


def median_ms(fn, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def planscope(binary, directory, path, runs, query):
    sql = query.format(source=f"'{path}'")
    rows = []
    for name, values in SETTINGS:
        settings = os.path.join(directory, name.replace(" ", "_").replace("+", "and") + ".sql")
        with open(settings, "w") as f:
            f.writelines(f"SET pushdown.parquet.{k} = {v};\n" for k, v in values.items())
        proc = subprocess.run([binary, "pushdown", "--format", "json", "-f", settings, sql], capture_output=True, text=True, check=True)
        scan = json.loads(proc.stdout)["scans"][0]
        units = {u["kind"]: u for u in scan["units"]}
        ms = median_ms(lambda: subprocess.run([binary, "-q", "-f", settings, "-c", sql], capture_output=True, check=True), runs)
        rows.append((name, units.get("row groups", {}), units.get("pages", {}), scan["bytes_read"], scan["file_bytes"], ms))
    return rows


def peers(path, runs, query):
    import datafusion, duckdb
    con = duckdb.connect()
    sql = query.format(source=f"read_parquet('{path}')")
    duck = median_ms(lambda: con.execute(sql).fetchall(), runs)
    answer = con.execute(sql).fetchall()
    ctx = datafusion.SessionContext()
    ctx.register_parquet("lineitem", path)
    df_sql = query.format(source="lineitem")
    fusion = median_ms(lambda: ctx.sql(df_sql).collect(), runs)
    return duck, fusion, answer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sf", default="1")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--binary")
    parser.add_argument("--keep")
    args = parser.parse_args()
    binary = args.binary or next((b for b in (os.path.join(ROOT, ".build", "release", "planscope"),
                                              os.path.join(ROOT, ".build", "debug", "planscope")) if os.path.exists(b)), None)
    if not binary:
        sys.exit("parquet-pruning.py: no planscope binary (swift build --product planscope, or --binary PATH)")
    directory = args.keep or tempfile.mkdtemp(prefix="planscope-parquet-pruning-")
    os.makedirs(directory, exist_ok=True)
    try:
        path = write_file(args.sf, directory)
        meta = pq.ParquetFile(path).metadata
        print(f"lineitem SF {args.sf} sorted by l_shipdate: {meta.num_rows:,} rows, {meta.num_row_groups} row groups, "
              f"{os.path.getsize(path) / 2**20:.1f} MiB; planscope {binary} (median of {args.runs} runs)")
        startup = median_ms(lambda: subprocess.run([binary, "-q", "-c", "SELECT 1"], capture_output=True, check=True), args.runs)
        for label, query in [("l_shipdate BETWEEN '1994-03-01' AND '1994-03-31'", QUERY), ("l_shipmode = 'BOAT-X' (absent)", POINT)]:
            print(f"\n{label}\n")
            print("| engine, pruning | row groups read | pages read | bytes read | time (ms) |")
            print("|---|---|---|---|---|")
            for name, rg, pages, read, size, ms in planscope(binary, directory, path, args.runs, query):
                pruned = ", ".join(f"{v} {k}" for k, v in sorted(rg.get("pruned_by", {}).items()))
                print(f"| planscope, {name} | {rg.get('read', '–')} of {rg.get('offered', '–')}{f' ({pruned})' if pruned else ''} | "
                      f"{pages.get('read', '–')} of {pages.get('offered', '–')} | {read / 2**20:.2f} of {size / 2**20:.1f} MiB | {ms:.0f} |")
            duck, fusion, answer = peers(path, args.runs, query)
            print(f"| DuckDB 1.4.4 (its own pruning) | | | | {duck:.0f} |")
            print(f"| DataFusion 55.0.0 (its own pruning, page index on) | | | | {fusion:.0f} |")
            print(f"\nanswer {answer}; planscope process start (`SELECT 1`): {startup:.0f} ms")
    finally:
        if not args.keep:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
