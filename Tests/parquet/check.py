#!/usr/bin/env python3
"""Parquet file matrix: files written at test time by DuckDB and by pyarrow with every
encoding, compression and type planscope reads, read back by planscope and compared with
DuckDB's answer on the same file; unsupported columns, truncated and corrupted files give
one error line (exit 1), never a crash.

Usage: check.py PLANSCOPE_BINARY [--keep DIR]
"""
import argparse, decimal, json, os, random, re, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tpch"))
from conformance import equal  # noqa: E402  (the conformance run's value comparison)

import duckdb  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

ROWS = 3000  # more than one page of levels for several columns; a few row groups below

# Columns DuckDB writes: (name, SQL expression over i = 0…ROWS-1). NULLs every 7th row
# where the column is nullable.
DUCK_COLUMNS = [
    ("b", "CASE WHEN i % 7 = 0 THEN NULL ELSE i % 3 = 0 END"),
    ("s16", "(i % 200 - 100)::SMALLINT"),
    ("i32", "CASE WHEN i % 7 = 1 THEN NULL ELSE (i * 7919 % 100000 - 50000)::INTEGER END"),
    ("i64", "(i::BIGINT * 1000003 - 1500000000)"),
    ("u8", "(i % 250)::UTINYINT"),
    ("u32", "(i::BIGINT * 1234567 % 4294967295)::UINTEGER"),
    ("f32", "CASE WHEN i % 7 = 2 THEN NULL ELSE (i / 8.0)::REAL END"),
    ("f64", "i / 3.0 - 100"),
    ("d_small", "((i % 1000) / 100.0)::DECIMAL(5,2)"),
    ("d_mid", "(i * 1234.5678)::DECIMAL(15,4)"),
    ("d_big", "CASE WHEN i % 7 = 3 THEN NULL ELSE (i::DECIMAL(38,10) * 98765432109.0123456789) END"),
    ("dt", "DATE '1992-01-01' + (i % 2500)::INTEGER"),
    ("ts", "TIMESTAMP '2001-02-03 04:05:06.123456' + INTERVAL (i * 3601) SECOND"),
    ("ts_ms", "epoch_ms(1000000000000 + i * 1001)"),
    ("ts_ns", "make_timestamp_ns((1600000000000000000 + i * 1000123456)::BIGINT)"),
    ("str", "CASE WHEN i % 7 = 4 THEN NULL ELSE 'value ' || (i * 31 % 977)::VARCHAR END"),
    ("str_low", "['red', 'green', 'blue', ''][i % 4 + 1]"),
    ("str_long", "repeat(chr((65 + i % 26)::INTEGER), (i % 50)::INTEGER) || 'é' || i::VARCHAR"),
]

DUCK_VARIANTS = [
    (codec, version) for codec in ["uncompressed", "snappy", "zstd", "gzip", "lz4"] for version in ["V1", "V2"]
]


def duck_files(directory):
    con = duckdb.connect()
    select = ", ".join(f"{expr} AS {name}" for name, expr in DUCK_COLUMNS)
    con.execute(f"CREATE TABLE t AS SELECT {select} FROM range({ROWS}) r(i)")
    out = []
    for codec, version in DUCK_VARIANTS:
        path = os.path.join(directory, f"duckdb-{codec}-{version}.parquet")
        con.execute(f"COPY t TO '{path}' (FORMAT parquet, COMPRESSION {codec}, PARQUET_VERSION {version}, ROW_GROUP_SIZE 1024)")
        out.append(path)
    return out


def arrow_table():
    rnd = random.Random(7)
    n = ROWS
    def nulls(values, every):
        return [None if i % every == 0 else v for i, v in enumerate(values)]
    words = [f"w{rnd.randint(0, 5000)}" for _ in range(n)]
    return pa.table({
        "b": pa.array(nulls([i % 3 == 0 for i in range(n)], 5), pa.bool_()),
        "i32": pa.array(nulls([rnd.randint(-2**31, 2**31 - 1) for _ in range(n)], 6), pa.int32()),
        "i32_sorted": pa.array([i * 3 for i in range(n)], pa.int32()),
        "i64": pa.array([rnd.randint(-2**63, 2**63 - 1) for _ in range(n)], pa.int64()),
        "i64_small": pa.array(nulls([i // 10 for i in range(n)], 9), pa.int64()),
        "f32": pa.array([rnd.uniform(-1e6, 1e6) for _ in range(n)], pa.float32()),
        "f64": pa.array(nulls([rnd.uniform(-1e12, 1e12) for _ in range(n)], 4), pa.float64()),
        "s": pa.array(nulls(words, 8), pa.string()),
        "s_prefix": pa.array([f"https://example.com/path/{i // 3}/item-{i}" for i in range(n)], pa.string()),
        "dec9": pa.array([decimal.Decimal(rnd.randint(-10**8, 10**8)) / 100 for _ in range(n)], pa.decimal128(9, 2)),
        "dec18": pa.array(nulls([decimal.Decimal(rnd.randint(-10**17, 10**17)) / 10**6 for _ in range(n)], 3), pa.decimal128(18, 6)),
        "dec38": pa.array([decimal.Decimal(rnd.randint(-10**37, 10**37)) / 10**5 for _ in range(n)], pa.decimal128(38, 5)),
        "d": pa.array([i * 11 - 5000 for i in range(n)], pa.date32()),
        "ts_ms": pa.array([1_500_000_000_000 + i * 997 for i in range(n)], pa.timestamp("ms")),
        "ts_us": pa.array(nulls([1_500_000_000_000_000 + i * 997_123 for i in range(n)], 5), pa.timestamp("us")),
        "ts_ns": pa.array([1_500_000_000_000_000_000 + i * 997_123_456 for i in range(n)], pa.timestamp("ns")),
    })


# (file name, pq.write_table keyword arguments)
ARROW_VARIANTS = [
    ("plain-v1-none", dict(use_dictionary=False, data_page_version="1.0", compression="none")),
    ("dict-v1-snappy", dict(use_dictionary=True, data_page_version="1.0", compression="snappy")),
    ("dict-v2-zstd", dict(use_dictionary=True, data_page_version="2.0", compression="zstd")),
    ("plain-v2-gzip", dict(use_dictionary=False, data_page_version="2.0", compression="gzip")),
    ("plain-v1-lz4raw", dict(use_dictionary=False, data_page_version="1.0", compression="lz4")),
    ("delta-v2", dict(use_dictionary=False, data_page_version="2.0", compression="zstd", column_encoding={
        "i32": "DELTA_BINARY_PACKED", "i32_sorted": "DELTA_BINARY_PACKED", "i64": "DELTA_BINARY_PACKED",
        "i64_small": "DELTA_BINARY_PACKED", "s": "DELTA_LENGTH_BYTE_ARRAY", "s_prefix": "DELTA_BYTE_ARRAY",
        "d": "DELTA_BINARY_PACKED", "ts_us": "DELTA_BINARY_PACKED", "b": "RLE"})),
    ("delta-v1", dict(use_dictionary=False, data_page_version="1.0", compression="snappy", column_encoding={
        "i32": "DELTA_BINARY_PACKED", "i64": "DELTA_BINARY_PACKED", "s": "DELTA_BYTE_ARRAY",
        "s_prefix": "DELTA_LENGTH_BYTE_ARRAY"})),
    ("bss", dict(use_dictionary=False, compression="none", column_encoding={
        "f32": "BYTE_STREAM_SPLIT", "f64": "BYTE_STREAM_SPLIT", "i32": "BYTE_STREAM_SPLIT", "i64": "BYTE_STREAM_SPLIT",
        "dec18": "BYTE_STREAM_SPLIT"})),
    ("decimal-int", dict(store_decimal_as_integer=True, compression="snappy")),
    ("int96", dict(use_deprecated_int96_timestamps=True, compression="snappy")),
    ("small-pages", dict(data_page_size=512, row_group_size=700, compression="zstd", data_page_version="2.0")),
]


def arrow_files(directory):
    table = arrow_table()
    out = []
    for name, kwargs in ARROW_VARIANTS:
        path = os.path.join(directory, f"pyarrow-{name}.parquet")
        pq.write_table(table, path, **kwargs)
        out.append(path)
    return out


def planscope(binary, sql):
    return subprocess.run([binary, "--no-demo", "--format", "json", "-c", sql], capture_output=True, text=True)


def rows_of(text):
    docs = [json.loads(t, parse_float=decimal.Decimal) for t in re.findall(r"^\[.*?^\]", text, re.S | re.M)]
    if not docs:
        return []
    return [list(r.values()) if isinstance(r, dict) else r for r in docs[-1]]


def normalized(value):
    """DuckDB's value as planscope's JSON shows it: timestamps at microseconds, text."""
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
    return value


def same(a, b):
    if isinstance(b, str) and isinstance(a, str) and " " in b and b[:4].isdigit():
        # timestamps: planscope may drop trailing zeros of the fraction
        return a.rstrip("0").rstrip(".") == b.rstrip("0").rstrip(".")
    if isinstance(b, float) and isinstance(a, (int, float, decimal.Decimal)):
        # REAL columns: DuckDB widens to double; planscope prints the float's shortest text.
        fa, fb = float(a), b
        return fa == fb or abs(fa - fb) <= 1e-6 * max(abs(fa), abs(fb))
    return equal(a, b)


def compare(binary, path, con, failures):
    # DuckDB 1.4 reads BYTE_STREAM_SPLIT only for FLOAT and DOUBLE: other such files go
    # through pyarrow's reader into DuckDB.
    source = f"read_parquet('{path}')"
    try:
        con.execute(f"SELECT * FROM {source}").fetchall()
    except duckdb.Error:
        con.register("arrow_file", pq.read_table(path))
        source = "arrow_file"
    columns = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
    # Nanosecond timestamps: DuckDB keeps nanoseconds; planscope truncates to microseconds.
    select = ", ".join(f'"{c}"::TIMESTAMP AS "{c}"' if c.startswith("ts") else f'"{c}"' for c in columns)
    expected = con.execute(f"SELECT {select} FROM {source}").fetchall()
    proc = planscope(binary, f"SELECT * FROM '{path}'")
    if proc.returncode != 0:
        failures.append(f"{os.path.basename(path)}: planscope failed: {proc.stderr.strip()[:300]}")
        return
    got = rows_of(proc.stdout)
    if len(got) != len(expected):
        failures.append(f"{os.path.basename(path)}: {len(got)} rows, DuckDB {len(expected)}")
        return
    for r, (g, e) in enumerate(zip(got, expected)):
        for c, (a, b) in enumerate(zip(g, e)):
            if not same(a, normalized(b)):
                failures.append(f"{os.path.basename(path)} row {r} column {columns[c]}: planscope {a!r}, DuckDB {b!r}")
                return
    # A projection reads only its columns; counts come from the footer.
    proc = planscope(binary, f"SELECT count(*) AS n, count({columns[-1]}) AS m FROM read_parquet('{path}')")
    want = con.execute(f"SELECT count(*), count({columns[-1]}) FROM {source}").fetchall()
    if proc.returncode != 0 or [list(map(int, r)) for r in rows_of(proc.stdout)] != [list(r) for r in want]:
        failures.append(f"{os.path.basename(path)}: count mismatch: {proc.stdout.strip()[:200]} {proc.stderr.strip()[:200]} vs {want}")


def unsupported_columns(binary, directory, failures):
    path = os.path.join(directory, "nested.parquet")
    con = duckdb.connect()
    con.execute(f"""COPY (SELECT i AS id, [i, i + 1] AS xs, {{'a': i}} AS st, TIME '01:02:03' AS t, uuid() AS u, 'k' || i AS name
                      FROM range(10) r(i)) TO '{path}' (FORMAT parquet)""")
    proc = planscope(binary, f"SELECT id, name FROM '{path}' ORDER BY id LIMIT 2")
    if proc.returncode != 0 or rows_of(proc.stdout) != [[0, "k0"], [1, "k1"]]:
        failures.append(f"a projection without the unsupported columns fails: {proc.stdout[:200]} {proc.stderr[:200]}")
    for column, kind in [("xs", "LIST"), ("st", "STRUCT"), ("t", "TIME"), ("u", "UUID")]:
        proc = planscope(binary, f"SELECT {column} FROM '{path}'")
        line = proc.stderr.strip()
        if proc.returncode != 1 or f"column '{column}'" not in line or kind not in line or len(line.splitlines()) != 1:
            failures.append(f"reading {column} ({kind}): exit {proc.returncode}, {line[:300]!r}")


def damaged_files(binary, directory, sources, failures):
    """Truncated and corrupted copies: an error line naming the file (exit 1) or rows — never a crash."""
    rnd = random.Random(11)
    checked = 0
    for source in sources:
        data = open(source, "rb").read()
        cuts = sorted({len(data) - 1, len(data) - 9, len(data) // 2, 100, 5} | {rnd.randrange(len(data)) for _ in range(3)})
        for n in range(8):
            mutated = bytearray(data)
            for _ in range(1 + n):
                mutated[rnd.randrange(4, len(data) - 8)] = rnd.randrange(256)
            variants = [("flip", bytes(mutated))] + ([("cut", data[:cuts[n]])] if n < len(cuts) else [])
            for kind, blob in variants:
                path = os.path.join(directory, f"damaged-{checked}.parquet")
                open(path, "wb").write(blob)
                proc = planscope(binary, f"SELECT * FROM '{path}'")
                checked += 1
                if proc.returncode not in (0, 1):
                    failures.append(f"{kind} of {os.path.basename(source)}: exit {proc.returncode} (crash?): {proc.stderr[-300:]}")
                elif proc.returncode == 1:
                    line = proc.stderr.strip()
                    if path not in line or len(line.splitlines()) != 1:
                        failures.append(f"{kind} of {os.path.basename(source)}: error does not name the file in one line: {line[:300]!r}")
                    if kind == "cut" and "byte" not in line:
                        failures.append(f"cut of {os.path.basename(source)}: error gives no byte offset: {line[:300]!r}")
                elif kind == "cut":
                    failures.append(f"cut of {os.path.basename(source)} at {len(blob)} bytes read without an error")
    return checked


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--keep", help="write the files here and keep them")
    args = ap.parse_args()
    directory = args.keep or tempfile.mkdtemp(prefix="planscope-parquet-")
    os.makedirs(directory, exist_ok=True)
    failures = []
    try:
        files = duck_files(directory) + arrow_files(directory)
        con = duckdb.connect()
        for path in files:
            compare(args.binary, path, con, failures)
        unsupported_columns(args.binary, directory, failures)
        damaged = damaged_files(args.binary, directory, [files[0], files[3], files[-1], files[-6]], failures)
    finally:
        if not args.keep:
            shutil.rmtree(directory, ignore_errors=True)
    for f in failures:
        print("FAIL", f)
    print(f"{len(files)} files compared with DuckDB, {damaged} damaged files: {len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
