#!/usr/bin/env python3
"""TPC-H conformance: runs the 22 queries through planscope and compares with DuckDB.

Usage: conformance.py PLANSCOPE_BINARY [--sf 0.01] [--rulepack default|none] [--queries 1,2,3]

Data is generated once with DuckDB's `CALL dbgen(sf=…)` and written as CSV under
.build-tpch/sf<SF>/ (git-ignored). Numbers must agree within 1e-9 relative (decimals
exactly, compared as text when both sides are exact), strings exactly, and row order
wherever the query has ORDER BY. Prints one line per query and `N passed, N failed`.
"""
import argparse, decimal, json, os, re, site, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "tpch")


def duckdb_connection():
    import duckdb
    con = duckdb.connect()
    for sp in site.getsitepackages():
        ext = os.path.join(sp, "duckdb_ext", "extensions")
        if os.path.isdir(ext):
            con.execute(f"SET extension_directory='{ext}'")
    con.execute("LOAD tpch")
    return con


def generate(sf, directory):
    marker = os.path.join(directory, "done")
    if os.path.exists(marker):
        return
    os.makedirs(directory, exist_ok=True)
    con = duckdb_connection()
    con.execute(f"CALL dbgen(sf={sf})")
    for (t,) in con.execute("select table_name from information_schema.tables").fetchall():
        con.execute(f"COPY {t} TO '{directory}/{t}.csv' (HEADER, DELIMITER ',')")
    open(marker, "w").write("ok\n")


# The partitioned layout: these tables are split hive-style by these columns.
PARTITIONS = {"lineitem": "l_returnflag", "orders": "o_orderstatus"}


def write_partitioned(directory):
    target = os.path.join(directory, "partitioned")
    if os.path.exists(os.path.join(target, "done")):
        return target
    os.makedirs(target, exist_ok=True)
    con = duckdb_connection()
    for table, column in PARTITIONS.items():
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv('{directory}/{table}.csv', header=true)")
        con.execute(f"COPY {table} TO '{target}/{table}' (FORMAT CSV, HEADER, PARTITION_BY ({column}), OVERWRITE_OR_IGNORE)")
    open(os.path.join(target, "done"), "w").write("ok\n")
    return target


def write_parquet(directory, codec="zstd"):
    """The eight tables as Parquet files written by DuckDB (ZSTD; the parquet-snappy layout:
    Snappy), for the parquet layouts."""
    target = os.path.join(directory, "parquet" if codec == "zstd" else f"parquet-{codec}")
    if os.path.exists(os.path.join(target, "done")):
        return target
    os.makedirs(target, exist_ok=True)
    con = duckdb_connection()
    con.execute(f"CALL dbgen(sf={os.path.basename(directory)[2:]})")
    for (t,) in con.execute("select table_name from information_schema.tables").fetchall():
        con.execute(f"COPY {t} TO '{target}/{t}.parquet' (FORMAT PARQUET, COMPRESSION {codec.upper()})")
    open(os.path.join(target, "done"), "w").write("ok\n")
    return target


def setup_sql(directory, layout="plain"):
    schema = open(os.path.join(FIXTURES, "schema.sql")).read()
    out = []
    for m in re.finditer(r"CREATE TABLE (\w+) \((.*?)\);", schema, re.S):
        name, cols = m.group(1), m.group(2)
        if layout.startswith("parquet"):
            target = write_parquet(directory, layout.split("-")[1] if "-" in layout else "zstd")
            out.append(f"CREATE EXTERNAL TABLE {name} STORED AS PARQUET LOCATION '{target}/{name}.parquet';")
        elif layout == "partitioned" and name in PARTITIONS:
            target = write_partitioned(directory)
            out.append(f"CREATE EXTERNAL TABLE {name} ({cols}) STORED AS CSV PARTITIONED BY ({PARTITIONS[name]}) "
                       f"LOCATION '{target}/{name}';")
        elif layout == "zonemapped" and name in PARTITIONS:
            out.append(f"CREATE EXTERNAL TABLE {name} ({cols}) STORED AS CSV LOCATION '{directory}/{name}.csv' "
                       f"OPTIONS (zone_maps 'on', chunk_rows '1000');")
        else:
            out.append(f"CREATE EXTERNAL TABLE {name} ({cols}) STORED AS CSV LOCATION '{directory}/{name}.csv';")
    return "\n".join(out) + "\n"


def as_number(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, decimal.Decimal):
        return float(v)
    return None


def equal(a, b):
    if a is None or b is None:
        return a is None and b is None
    na, nb = as_number(a), as_number(b)
    if na is not None and nb is not None:
        if isinstance(a, decimal.Decimal) and isinstance(b, decimal.Decimal):
            return a == b
        if na == nb:
            return True
        return abs(na - nb) <= 1e-9 * max(abs(na), abs(nb))
    if hasattr(b, "isoformat"):
        b = b.isoformat(sep=" ") if hasattr(b, "hour") else b.isoformat()
    return str(a).rstrip() == str(b).rstrip()


def normalize(rows):
    return sorted(rows, key=lambda r: json.dumps([str(x) for x in r]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--sf", default="0.01")
    ap.add_argument("--setting", action="append", default=[], help="SET statement to run first, e.g. optimizer.rulepack=none")
    ap.add_argument("--queries", default="")
    ap.add_argument("--layout", choices=["plain", "partitioned", "zonemapped", "parquet", "parquet-snappy"], default="plain",
                    help="partitioned: lineitem and orders as hive-partitioned directories; "
                         "zonemapped: lineitem and orders behind zone maps (min/max per 1000-row chunk); "
                         "parquet: all eight tables as Parquet files written by DuckDB (ZSTD), schema from the files; "
                         "parquet-snappy: the same with Snappy")
    args = ap.parse_args()
    directory = os.path.join(ROOT, ".build-tpch", f"sf{args.sf}")
    generate(args.sf, directory)
    setup = os.path.join(directory, f"setup-{args.layout}.sql")
    open(setup, "w").write(setup_sql(directory, args.layout))
    con = duckdb_connection()
    con.execute(f"CALL dbgen(sf={args.sf})")
    wanted = [int(q) for q in args.queries.split(",") if q] or list(range(1, 23))
    passed = failed = 0
    for n in wanted:
        sql = open(os.path.join(FIXTURES, "queries", f"q{n:02d}.sql")).read()
        expected = con.execute(sql).fetchall()
        ordered = "order by" in sql.lower()
        cmd = [args.binary, "--no-demo", "--format", "json", "-f", setup]
        for s in args.setting:
            k, v = s.split("=", 1)
            cmd += ["-c", f"SET {k} = '{v}'"]
        cmd += ["-c", sql]
        start = time.time()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        elapsed = time.time() - start
        if proc.returncode != 0:
            print(f"q{n:02d} FAIL ({elapsed:.2f}s): {proc.stderr.strip().splitlines()[:3]}", flush=True)
            failed += 1
            continue
        text = proc.stdout
        docs = [json.loads(t, parse_float=decimal.Decimal) for t in re.findall(r"^\[.*?^\]", text, re.S | re.M)]
        if not docs and text.strip() == "[]":
            docs = [[]]
        actual = [list(r.values()) for r in (docs[-1] if docs else [])]
        problem = None
        if len(actual) != len(expected):
            problem = f"{len(actual)} rows, expected {len(expected)}"
        else:
            a_rows, e_rows = (actual, expected) if ordered else (normalize(actual), normalize(expected))
            for i, (ra, re_) in enumerate(zip(a_rows, e_rows)):
                if len(ra) != len(re_) or not all(equal(x, y) for x, y in zip(ra, re_)):
                    problem = f"row {i + 1}: got {ra}, expected {list(re_)}"
                    break
        if problem:
            print(f"q{n:02d} FAIL ({elapsed:.2f}s): {problem}", flush=True)
            failed += 1
        else:
            print(f"q{n:02d} ok ({elapsed:.2f}s, {len(actual)} rows)", flush=True)
            passed += 1
    print(f"{passed} passed, {failed} failed")
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()
