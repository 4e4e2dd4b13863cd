#!/usr/bin/env python3
"""Parquet pruning: files written at test time (DuckDB: sorted, several row groups, bloom
filters; pyarrow: page indexes, bloom filters, pages v1 and v2) queried by planscope with
each pruning mechanism on and off (`pushdown.parquet.row_groups|page_index|bloom_filter`).
Every answer must equal DuckDB's over the same data (the table the files were written
from), and the pushdown report's counts of row groups and pages pruned must be what the
files' statistics imply.

Usage: pruning.py PLANSCOPE_BINARY [--keep DIR]
"""
import argparse, decimal, json, os, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tpch"))
from conformance import equal  # noqa: E402

import duckdb  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

ROWS = 40000

# Sorted on k; NaN scattered in f; a block of NULLs in n; unsigned values above 2^31 in u;
# text past ASCII in s2 (sorted by code point).
COLUMNS = [
    ("k", "i::BIGINT"),
    ("i32", "(i - 20000)::INTEGER"),
    ("d", "DATE '1995-01-01' + (i // 20)::INTEGER"),
    ("ts", "TIMESTAMP '2000-01-01 00:00:00' + INTERVAL (i * 37) SECOND"),
    ("s", "'key' || lpad(i::VARCHAR, 6, '0')"),
    ("s2", "CASE WHEN i < 20000 THEN 'alpha' ELSE 'ü' END || lpad(i::VARCHAR, 6, '0')"),
    ("dec", "((i - 20000) / 4)::DECIMAL(12,2)"),
    ("f", "CASE WHEN i % 9973 = 5 THEN 'NaN'::DOUBLE ELSE i / 8.0 END"),
    ("n", "CASE WHEN i BETWEEN 8000 AND 15999 THEN NULL ELSE i::INTEGER END"),
    ("u", "(i * 100000)::UINTEGER"),
    ("low", "['red', 'green', 'blue'][i % 3 + 1]"),
    ("c", "(i % 1000)::INTEGER"),
]

CONDITIONS = [
    "k = 12345", "k < 100", "k <= 4095", "k > 39000", "k >= 40000", "k <> 5", "k BETWEEN 10000 AND 10500",
    "k IN (3, 20000, 39999)", "k IN (-1, 50000)", "5000 > k", "i32 < -19990", "i32 > 19000",
    "d = DATE '1995-06-01'", "d BETWEEN DATE '1996-01-01' AND DATE '1996-02-01'",
    "ts > TIMESTAMP '2000-01-10 00:00:00'", "ts <= TIMESTAMP '2000-01-01 01:00:00'",
    "s = 'key012345'", "s < 'key000100'", "s > 'key0399'", "s = 'key012345x'", "s IN ('key000001', 'nope')",
    "s2 > 'alpha999999'", "s2 >= 'ü'", "s2 = 'ü030000'", "s2 < 'b'",
    "dec < -4999", "dec BETWEEN 100.25 AND 101",
    "f > 4990", "f < 1", "f > 1e9", "f >= 4999.875",
    "n IS NULL", "n IS NOT NULL", "n = 9000", "n > 39000",
    "u > 3000000000", "u < 1000000", "u = 3999900000",
    "low = 'green'", "low = 'purple'", "low IN ('purple', 'black')",
    "c = 500", "c = 5000", "c IN (7, 1500)",
    "k = 12345 AND s = 'key012345'", "k < 1000 AND low = 'red'", "k < 10 OR k > 39990",
]

SETTINGS = {
    "all on": {},
    "all off": {"row_groups": "off", "page_index": "off", "bloom_filter": "off"},
    "row groups only": {"page_index": "off", "bloom_filter": "off"},
    "page index only": {"row_groups": "off", "bloom_filter": "off"},
    "bloom filters only": {"row_groups": "off", "page_index": "off"},
}


def write_files(directory):
    con = duckdb.connect()
    select = ", ".join(f"{expr} AS {name}" for name, expr in COLUMNS)
    con.execute(f"CREATE TABLE t AS SELECT {select} FROM range({ROWS}) r(i) ORDER BY i")
    files = {}
    files["duckdb"] = os.path.join(directory, "duckdb.parquet")
    con.execute(f"COPY t TO '{files['duckdb']}' (FORMAT parquet, ROW_GROUP_SIZE 4096)")
    table = con.execute("SELECT * FROM t").fetch_arrow_table()
    bloom = {"s": {"ndv": 20000, "fpp": 0.01}, "c": {"ndv": 1000, "fpp": 0.01}, "low": {"ndv": 3, "fpp": 0.01}}
    files["pyarrow-pages"] = os.path.join(directory, "pyarrow-pages.parquet")
    pq.write_table(table, files["pyarrow-pages"], row_group_size=10000, max_rows_per_page=1000, write_page_index=True,
                   use_dictionary=False, compression="snappy", bloom_filter_options=bloom)
    # Pages cut by size: each column's page boundaries differ.
    files["pyarrow-pages-v2"] = os.path.join(directory, "pyarrow-pages-v2.parquet")
    pq.write_table(table, files["pyarrow-pages-v2"], row_group_size=16000, data_page_size=2048, write_page_index=True,
                   data_page_version="2.0", compression="zstd", bloom_filter_options=bloom)
    return con, files


def settings_file(directory, name):
    path = os.path.join(directory, name.replace(" ", "-") + ".sql")
    with open(path, "w") as f:
        for key, value in SETTINGS[name].items():
            f.write(f"SET pushdown.parquet.{key} = {value};\n")
    return path


def query(condition, path):
    return f"SELECT count(*) AS n, min(k) AS lo, max(k) AS hi, sum(k) AS total FROM '{path}' WHERE {condition}"


ROWS_QUERY = "SELECT k, s, d, n, f, dec FROM '{path}' WHERE {condition} ORDER BY k"
ROWS_CONDITIONS = ["k BETWEEN 12000 AND 12100", "s >= 'key031990' AND s < 'key032010'", "n IS NULL AND k > 15990"]


def run(binary, settings, statements):
    args = [binary, "--no-demo", "--format", "json", "-f", settings]
    for s in statements:
        args += ["-c", s]
    proc = subprocess.run(args, capture_output=True, text=True)
    if proc.returncode != 0:
        return None, proc.stderr.strip()[:400]
    return json.loads(proc.stdout, parse_float=decimal.Decimal), ""


def same_rows(got, want):
    if len(got) != len(want):
        return False
    for g, w in zip(got, want):
        values = list(g.values())
        if len(values) != len(w):
            return False
        for a, b in zip(values, w):
            if hasattr(b, "isoformat"):
                b = b.isoformat()
            if isinstance(b, float) and b != b:
                if a not in ("NaN", "nan") and not (isinstance(a, float) and a != a):
                    return False
                continue
            if not equal(a, b):
                return False
    return True


def answers(binary, con, files, directory, failures):
    checked = 0
    for label, path in files.items():
        statements = [query(c, path) for c in CONDITIONS] + [ROWS_QUERY.format(path=path, condition=c) for c in ROWS_CONDITIONS]
        # DuckDB's answer over the table the files were written from: DuckDB 1.4.4's own
        # Parquet reader prunes NaN rows on pyarrow's statistics (`f > 1e9` finds none).
        expected = [con.execute(s.replace(f"'{path}'", "t")).fetchall() for s in statements]
        for name in SETTINGS:
            got, error = run(binary, settings_file(directory, name), statements)
            if got is None:
                failures.append(f"{label}, {name}: planscope failed: {error}")
                continue
            for s, g, w in zip(statements, got, expected):
                checked += 1
                if not same_rows(g, w):
                    failures.append(f"{label}, {name}: {s}\n    planscope {g[:3]}\n    DuckDB    {w[:3]}")
    return checked


def report(binary, directory, setting, sql):
    proc = subprocess.run([binary, "pushdown", "--format", "json", "-f", settings_file(directory, setting), sql],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return None
    scan = json.loads(proc.stdout)["scans"][0]
    return {u["kind"]: u for u in scan["units"]}, scan


def group_ranges(path, column):
    """(min, max, null count, rows) of `column` per row group, from the footer as pyarrow reads it."""
    meta = pq.ParquetFile(path).metadata
    index = meta.schema.names.index(column)
    out = []
    for g in range(meta.num_row_groups):
        st = meta.row_group(g).column(index).statistics
        out.append((st.min if st and st.has_min_max else None, st.max if st and st.has_min_max else None,
                    st.null_count if st else None, meta.row_group(g).num_rows))
    return out


def counts(binary, files, directory, failures):
    checked = 0

    def expect(what, got, want):
        nonlocal checked
        checked += 1
        if got != want:
            failures.append(f"{what}: got {got}, the statistics imply {want}")

    # Row groups: pruned on k's footer min/max exactly when the range misses [lo, hi].
    for label, path in files.items():
        groups = group_ranges(path, "k")
        for lo, hi in [(10000, 10500), (0, 99), (39000, 50000), (-5, -1)]:
            keep = sum(1 for (a, b, _, _) in groups if not (b < lo or a > hi))
            sql = f"SELECT count(*) FROM '{path}' WHERE k BETWEEN {lo} AND {hi}"
            on = report(binary, directory, "row groups only", sql)
            off = report(binary, directory, "all off", sql)
            if on is None or off is None:
                failures.append(f"{label}: pushdown report failed for {sql}")
                continue
            rg = on[0]["row groups"]
            expect(f"{label} {sql}: row groups read", (rg["offered"], rg["read"], rg["pruned_by"].get("statistics", 0)),
                   (len(groups), keep, len(groups) - keep))
            rg = off[0]["row groups"]
            expect(f"{label} {sql} (all off): row groups read", (rg["read"], rg["pruned"]), (len(groups), 0))
        # IS NULL: only groups whose null count is > 0; IS NOT NULL: those not all NULL.
        nulls = group_ranges(path, "n")
        on = report(binary, directory, "row groups only", f"SELECT count(*) FROM '{path}' WHERE n IS NULL")
        expect(f"{label} n IS NULL: row groups read", on[0]["row groups"]["read"] if on else None,
               sum(1 for (_, _, z, _) in nulls if z is None or z > 0))
        on = report(binary, directory, "row groups only", f"SELECT count(*) FROM '{path}' WHERE n IS NOT NULL")
        expect(f"{label} n IS NOT NULL: row groups read", on[0]["row groups"]["read"] if on else None,
               sum(1 for (_, _, z, rows) in nulls if z != rows))

    # Pages: pyarrow-pages has pages of 1000 rows in row groups of 10000.
    path = files["pyarrow-pages"]
    sql = f"SELECT count(*) FROM '{path}' WHERE k BETWEEN 12000 AND 12100"
    on = report(binary, directory, "all on", sql)
    if on:
        expect("page index: k's pages in the one row group read", (on[0]["pages"]["offered"], on[0]["pages"]["read"]), (10, 1))
        expect("page index: rows read", on[1]["rows_read"], 1000)
    off = report(binary, directory, "row groups only", sql)
    if off:
        expect("page index off: every page of the row group read", (off[0]["pages"]["offered"], off[0]["pages"]["read"]), (10, 10))

    # Bloom filters: 'purple' lies between the row groups' min ('blue') and max ('red'),
    # so only the bloom filters (DuckDB writes them for dictionary-coded columns) rule it out.
    for label, path in files.items():
        sql = f"SELECT count(*) FROM '{path}' WHERE low = 'purple'"
        groups = len(group_ranges(path, "low"))
        on = report(binary, directory, "all on", sql)
        if on:
            rg = on[0]["row groups"]
            expect(f"{label} bloom: row groups pruned by bloom filters", (rg["pruned_by"].get("bloom filter", 0), rg["read"]), (groups, 0))
        off = report(binary, directory, "row groups only", sql)
        if off:
            expect(f"{label} bloom off: row groups read", off[0]["row groups"]["read"], groups)
        # A value that is there is never ruled out.
        on = report(binary, directory, "bloom filters only", f"SELECT count(*) FROM '{path}' WHERE low IN ('green', 'purple')")
        if on:
            expect(f"{label} bloom keeps present values", on[0]["row groups"]["read"], groups)
    # A text value inside one row group's range but absent: statistics keep it, the bloom filter does not.
    path = files["pyarrow-pages"]
    on = report(binary, directory, "all on", f"SELECT count(*) FROM '{path}' WHERE s = 'key012345x'")
    if on:
        rg = on[0]["row groups"]
        expect("bloom on text inside the statistics' range", (rg["pruned_by"].get("statistics", 0), rg["pruned_by"].get("bloom filter", 0)), (3, 1))
    return checked


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--keep")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    directory = args.keep or tempfile.mkdtemp(prefix="planscope-pruning-")
    os.makedirs(directory, exist_ok=True)
    failures = []
    try:
        con, files = write_files(directory)
        answered = answers(binary, con, files, directory, failures)
        counted = counts(binary, files, directory, failures)
    finally:
        if not args.keep:
            shutil.rmtree(directory, ignore_errors=True)
    for f in failures:
        print("FAIL", f)
    print(f"parquet pruning: {answered} answers compared with DuckDB under {len(SETTINGS)} settings, "
          f"{counted} pruning counts checked, {len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
