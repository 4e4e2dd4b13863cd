#!/usr/bin/env python3
"""Parquet files written by planscope (`COPY … TO 'x.parquet'`, pipeline outputs), read by
other engines:

- TPC-H SF 0.01: the eight tables written by planscope with every codec (lineitem in
  several row groups); DuckDB, DataFusion and planscope answer the 22 queries over them
  equal to DuckDB over its own tables;
- every type planscope writes, with NULLs, as many row groups, one row and no rows: DuckDB,
  pyarrow and planscope read back what planscope's query returned;
- pyarrow's metadata: every column chunk has statistics (min, max, NULL count) equal to
  its row group's values, a column index and an offset index;
- DataFusion's EXPLAIN ANALYZE over a planscope-written file sorted by l_shipdate with a
  range predicate prunes row groups (statistics) and pages (page index), answer equal;
- TIMESTAMPTZ columns written with isAdjustedToUTC=true: pyarrow reads tz-aware UTC
  instants, DuckDB TIMESTAMP WITH TIME ZONE, planscope TIMESTAMPTZ; pyarrow's tz-aware
  columns read as TIMESTAMPTZ;
- a pipeline's Parquet output reads back in DuckDB;
- errors: an unknown option or codec names the accepted ones, an unwritable path names
  the path, a failed COPY leaves the old file.

Usage: write.py PLANSCOPE_BINARY [--keep DIR] [--speed SF]
  --speed SF: also time writing lineitem at scale factor SF (planscope vs DuckDB's COPY).
"""
import argparse, decimal, json, os, re, resource, shutil, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tpch"))
from conformance import ROOT, FIXTURES, as_number, duckdb_connection, equal, generate, normalize, setup_sql  # noqa: E402

import duckdb  # noqa: E402
import pyarrow.compute as pc  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

FAILURES = []

# lineitem in several row groups; each codec on some table; the rest default (snappy).
TABLE_OPTIONS = {
    "lineitem": "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 16384)",
    "orders": "(COMPRESSION gzip)",
    "partsupp": "(COMPRESSION lz4_raw)",
    "customer": "(COMPRESSION uncompressed)",
}
PLANSCOPE_QUERIES = list(range(1, 23))


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        FAILURES.append(what)


def planscope(binary, *statements, setup=None):
    """Runs statements; returns (exit code, stdout, stderr)."""
    cmd = [binary, "--no-demo", "--format", "json"]
    if setup:
        cmd += ["-f", setup]
    for s in statements:
        cmd += ["-c", s]
    p = subprocess.run(cmd, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def json_rows(text):
    """The last result's rows from planscope's --format json output."""
    docs = [json.loads(t, parse_float=decimal.Decimal) for t in re.findall(r"^\[.*?^\]", text, re.S | re.M)]
    if not docs:
        return []
    return [list(r.values()) for r in docs[-1]]


def same(actual, expected, ordered=True, tolerance=None):
    """None when the rows are equal (numbers within `tolerance` relative, if given), else why not."""
    def close(x, y):
        if tolerance is not None and as_number(x) is not None and as_number(y) is not None:
            nx, ny = as_number(x), as_number(y)
            return abs(nx - ny) <= tolerance * max(abs(nx), abs(ny))
        return equal(x, y)
    if len(actual) != len(expected):
        return f"{len(actual)} rows, expected {len(expected)}"
    a, e = (actual, expected) if ordered else (normalize(actual), normalize(expected))
    for i, (ra, re_) in enumerate(zip(a, e)):
        if len(ra) != len(re_) or not all(close(x, y) for x, y in zip(ra, re_)):
            return f"row {i + 1}: got {list(ra)}, expected {list(re_)}"
    return None


def statistics_match(path):
    """Every column chunk's statistics equal its row group's values; page indexes present."""
    f = pq.ParquetFile(path)
    meta = f.metadata
    problems = []
    for g in range(meta.num_row_groups):
        data = f.read_row_group(g)
        for j in range(meta.num_columns):
            c = meta.row_group(g).column(j)
            column = data.column(j)
            if not (c.has_column_index and c.has_offset_index):
                problems.append(f"row group {g} column {c.path_in_schema}: no page index")
            s = c.statistics
            if s is None or s.null_count != column.null_count:
                problems.append(f"row group {g} column {c.path_in_schema}: null count {s and s.null_count}, {column.null_count} NULLs")
                continue
            if column.null_count == len(column):
                continue
            mm = pc.min_max(column)
            if not s.has_min_max or s.min != mm["min"].as_py() or s.max != mm["max"].as_py():
                problems.append(f"row group {g} column {c.path_in_schema}: min/max {s.min if s.has_min_max else None}/"
                                f"{s.max if s.has_min_max else None}, values {mm['min']}/{mm['max']}")
    return meta, problems


def tpch(binary, work, sf="0.01"):
    directory = os.path.join(ROOT, ".build-tpch", f"sf{sf}")
    generate(sf, directory)
    setup = os.path.join(work, "setup-csv.sql")
    open(setup, "w").write(setup_sql(directory, "plain"))
    tables = [m.group(1) for m in re.finditer(r"CREATE TABLE (\w+) \(", open(os.path.join(FIXTURES, "schema.sql")).read())]
    copies = [f"COPY {t} TO '{work}/{t}.parquet' {TABLE_OPTIONS.get(t, '')}" for t in tables]
    start = time.time()
    code, out, err = planscope(binary, *copies, setup=setup)
    check(code == 0, f"planscope writes the eight TPC-H tables (SF {sf}) as Parquet ({time.time() - start:.1f} s) {err.strip()[:300]}")
    expected = duckdb_connection()
    expected.execute(f"CALL dbgen(sf={sf})")
    con = duckdb.connect()
    for t in tables:
        con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{work}/{t}.parquet')")
        n, = con.execute(f"SELECT count(*) FROM {t}").fetchone()
        m, = expected.execute(f"SELECT count(*) FROM {t}").fetchone()
        check(n == m, f"DuckDB reads {t}.parquet: {n} rows, {m} in the table")
    groups = pq.ParquetFile(f"{work}/lineitem.parquet").metadata.num_row_groups
    lineitem_rows, = expected.execute("SELECT count(*) FROM lineitem").fetchone()
    wanted = -(-lineitem_rows // 16384)
    check(groups == wanted, f"lineitem.parquet has {groups} row groups (ROW_GROUP_SIZE 16384 over {lineitem_rows:,} rows: {wanted})")
    # DuckDB's names (pyarrow calls LZ4_RAW "LZ4").
    codecs = {t: con.execute(f"SELECT string_agg(DISTINCT compression) FROM parquet_metadata('{work}/{t}.parquet')").fetchone()[0]
              for t in tables}
    check(codecs["lineitem"] == "ZSTD" and codecs["orders"] == "GZIP" and codecs["partsupp"] == "LZ4_RAW"
          and codecs["customer"] == "UNCOMPRESSED" and codecs["nation"] == "SNAPPY", f"codecs as asked: {codecs}")
    failed = []
    for q in range(1, 23):
        sql = open(os.path.join(FIXTURES, "queries", f"q{q:02d}.sql")).read()
        problem = same(con.execute(sql).fetchall(), expected.execute(sql).fetchall(), "order by" in sql.lower())
        if problem:
            failed.append(f"q{q:02d}: {problem}")
    check(not failed, f"DuckDB over planscope's files: {22 - len(failed)}/22 TPC-H answers equal to DuckDB's own {failed[:2]}")
    import datafusion
    ctx = datafusion.SessionContext()
    for t in tables:
        ctx.register_parquet(t, f"{work}/{t}.parquet")
    failed = []
    for q in range(1, 23):
        sql = open(os.path.join(FIXTURES, "queries", f"q{q:02d}.sql")).read()
        got = [list(r.values()) for b in ctx.sql(sql).collect() for r in b.to_pylist()]
        # DataFusion's AVG of a decimal rounds to 6 decimal places: 0.050081 for 0.0500813…
        problem = same(got, expected.execute(sql).fetchall(), "order by" in sql.lower(), tolerance=1e-4)
        if problem:
            failed.append(f"q{q:02d}: {problem}")
    check(not failed, f"DataFusion over planscope's files: {22 - len(failed)}/22 TPC-H answers equal to DuckDB's {failed[:2]}")
    parquet_setup = os.path.join(work, "setup-parquet.sql")
    open(parquet_setup, "w").write("".join(f"CREATE EXTERNAL TABLE {t} STORED AS PARQUET LOCATION '{work}/{t}.parquet';\n" for t in tables))
    for q in PLANSCOPE_QUERIES:
        sql = open(os.path.join(FIXTURES, "queries", f"q{q:02d}.sql")).read()
        code, out, err = planscope(binary, sql, setup=parquet_setup)
        problem = err.strip()[:200] if code else same(json_rows(out), expected.execute(sql).fetchall(), "order by" in sql.lower())
        check(problem is None, f"planscope over its own files: q{q:02d} equal to DuckDB {problem or ''}")
    for t in tables:
        meta, problems = statistics_match(f"{work}/{t}.parquet")
        check(not problems, f"pyarrow: {t}.parquet's {meta.num_row_groups} row group(s) × {meta.num_columns} columns have "
                            f"statistics equal to the values, a column index and an offset index {problems[:2]}")
    return setup


# Every type planscope writes; NULL every 7th row; a repeated and a unique string.
TYPES_QUERY = """SELECT i % 2 = 0 AS b, (i % 3000)::SMALLINT AS s, (i * 37 - 9000)::INTEGER AS i32, i::BIGINT * 1000000007 AS i64,
    (i / 4.0)::REAL AS r, (i / 3.0)::DOUBLE AS d, (i * 1.25)::DECIMAL(9,2) AS d9, (i * -1.5)::DECIMAL(18,4) AS d18,
    (i * 1234567.891)::DECIMAL(38,3) AS d38, 'v' || (i % 5)::TEXT AS t, 'u' || i::TEXT AS u, DATE '2000-01-01' + i AS dt,
    TIMESTAMP '2000-01-01 00:00:00' + i * INTERVAL '61 minutes' AS ts"""


def types(binary, work):
    nulls = "CASE WHEN i % 7 = 3 THEN NULL ELSE {} END"
    columns = re.findall(r"(.+?) AS (\w+)(?:,|$)", TYPES_QUERY[len("SELECT "):].replace("\n", " "))
    select = "SELECT " + ", ".join(f"{nulls.format(expr.strip())} AS {name}" for expr, name in columns)
    for name, rows, options in [("many", 5000, "(ROW_GROUP_SIZE 1000)"), ("one", 1, ""), ("empty", 0, "")]:
        query = f"{select} FROM generate_series(1, {rows}) g(i) ORDER BY i" if rows else f"{select} FROM generate_series(1, 5) g(i) WHERE i < 0"
        path = f"{work}/types-{name}.parquet"
        code, out, err = planscope(binary, f"COPY ({query}) TO '{path}' {options}", query)
        if code:
            check(False, f"types ({name}): {err.strip()[:300]}")
            continue
        wanted = json_rows(out)
        check(len(wanted) == rows, f"types ({name}): planscope's query gives {len(wanted)} rows")
        got = duckdb.sql(f"SELECT * FROM read_parquet('{path}')").fetchall()
        problem = same(got, wanted)
        check(problem is None, f"types ({name}, {rows} rows): DuckDB reads back what planscope wrote {problem or ''}")
        table = pq.read_table(path)
        arrow_rows = [list(r.values()) for r in table.to_pylist()]
        problem = same(arrow_rows, wanted)
        check(problem is None, f"types ({name}): pyarrow reads back what planscope wrote {problem or ''}")
        kinds = [str(t) for t in table.schema.types]
        check(kinds == ["bool", "int16", "int32", "int64", "float", "double", "decimal128(9, 2)", "decimal128(18, 4)",
                        "decimal128(38, 3)", "string", "string", "date32[day]", "timestamp[us]"], f"types ({name}): pyarrow's types {kinds}")
        code, out, err = planscope(binary, f"SELECT * FROM '{path}'")
        problem = err.strip()[:200] if code else same(json_rows(out), wanted)
        check(problem is None, f"types ({name}): planscope reads back what it wrote {problem or ''}")
        if rows:
            _, problems = statistics_match(path)
            check(not problems, f"types ({name}): statistics equal the values, page indexes present {problems[:2]}")
    encodings = pq.ParquetFile(f"{work}/types-many.parquet").metadata.row_group(0)
    names = {encodings.column(j).path_in_schema: encodings.column(j).encodings for j in range(encodings.num_columns)}
    check("RLE_DICTIONARY" in names["t"] and "RLE_DICTIONARY" not in names["u"],
          f"few distinct strings dictionary-coded, unique ones PLAIN: t {names['t']}, u {names['u']}")


def timestamptz(binary, work):
    """TIMESTAMPTZ columns are written with isAdjustedToUTC=true: pyarrow reads them as
    tz-aware UTC instants, DuckDB as TIMESTAMP WITH TIME ZONE, planscope back as
    TIMESTAMPTZ (shown in the session's zone); pyarrow's tz-aware and naive columns read
    as TIMESTAMPTZ and TIMESTAMP."""
    import datetime
    import pyarrow as pa
    path = f"{work}/tstz.parquet"
    values = ["2024-03-31 00:59:59+00", "2024-03-31 01:00:00+00", None, "2024-10-27 00:30:00+00", "2024-10-27 01:30:00+00"]
    rows = ", ".join(f"({i}, {'NULL' if v is None else repr(v)})" for i, v in enumerate(values))
    query = f"SELECT k, CAST(t AS TIMESTAMPTZ) AS t FROM (VALUES {rows}) AS v(k, t) ORDER BY k"
    code, out, err = planscope(binary, "SET TIME ZONE 'Europe/Berlin'", f"COPY ({query}) TO '{path}'")
    check(code == 0, f"timestamptz: COPY writes the file {err.strip()[:200]}")
    if code:
        return
    table = pq.read_table(path)
    check(str(table.schema.field("t").type) == "timestamp[us, tz=UTC]", f"timestamptz: pyarrow's type {table.schema.field('t').type}")
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    wanted = [None if v is None else int((datetime.datetime.fromisoformat(v + ":00") - epoch) / datetime.timedelta(microseconds=1)) for v in values]
    got = table.column("t").cast(pa.int64()).to_pylist()
    check(got == wanted, f"timestamptz: pyarrow reads the instants planscope wrote {got} {wanted}")
    logical = pq.ParquetFile(path).schema.column(1).logical_type
    check("isAdjustedToUTC=true" in str(logical), f"timestamptz: the column's logical type {logical}")
    kind = duckdb.sql(f"SELECT typeof(t) FROM read_parquet('{path}') LIMIT 1").fetchone()[0]
    check(kind == "TIMESTAMP WITH TIME ZONE", f"timestamptz: DuckDB reads {kind}")
    code, out, err = planscope(binary, "SET TIME ZONE 'Europe/Berlin'", f"SELECT t FROM '{path}' ORDER BY k")
    shown = [r["t"] for r in json.loads(out)] if not code else err.strip()[:200]
    check(shown == ["2024-03-31 01:59:59+01", "2024-03-31 03:00:00+02", None, "2024-10-27 02:30:00+02", "2024-10-27 02:30:00+01"],
          f"timestamptz: planscope reads back TIMESTAMPTZ, shown in the session's zone {shown}")
    arrow = f"{work}/arrow-tz.parquet"
    pq.write_table(pa.table({"aware": pa.array([wanted[0]], pa.timestamp("us", tz="America/New_York")),
                             "naive": pa.array([wanted[0]], pa.timestamp("us"))}), arrow)
    code, out, err = planscope(binary, f"SELECT aware, naive, aware = CAST(naive AS TIMESTAMPTZ) AS same FROM '{arrow}'")
    got = json.loads(out) if not code else err.strip()[:200]
    check(got == [{"aware": "2024-03-31 00:59:59+00", "naive": "2024-03-31 00:59:59", "same": True}],
          f"timestamptz: pyarrow's tz-aware column reads as TIMESTAMPTZ, its naive one as TIMESTAMP {got}")


def datafusion_pruning(binary, work, setup):
    import datafusion
    path = f"{work}/lineitem-sorted.parquet"
    code, _, err = planscope(binary, f"COPY (SELECT * FROM lineitem ORDER BY l_shipdate) TO '{path}' (ROW_GROUP_SIZE 30000)", setup=setup)
    check(code == 0, f"planscope writes lineitem sorted by l_shipdate {err.strip()[:200]}")
    sql = ("SELECT count(*), sum(l_extendedprice) FROM lineitem "
           "WHERE l_shipdate BETWEEN DATE '1995-01-01' AND DATE '1995-01-20'")
    ctx = datafusion.SessionContext()
    ctx.register_parquet("lineitem", path)
    plan = "\n".join(r["plan"] for b in ctx.sql("EXPLAIN ANALYZE " + sql).collect() for r in b.to_pylist())

    def metric(name):
        m = re.search(name + r"=([\d.]+) (K )?total → ([\d.]+) (K )?matched", plan)
        if not m:
            return None
        scale = lambda v, k: float(v) * (1000 if k else 1)  # noqa: E731
        return scale(m.group(1), m.group(2)), scale(m.group(3), m.group(4))
    groups, pages, rows = metric("row_groups_pruned_statistics"), metric("page_index_pages_pruned"), metric("page_index_rows_pruned")
    print(f"     DataFusion EXPLAIN ANALYZE: row groups {groups} (total, matched), pages {pages}, page-index rows {rows}")
    check(groups is not None and groups[1] < groups[0], "DataFusion prunes row groups of planscope's file on their statistics")
    check(pages is not None and pages[1] < pages[0] and rows is not None and rows[1] < rows[0],
          "DataFusion prunes pages of planscope's file on its page index")
    report = subprocess.run([binary, "pushdown", sql.replace("FROM lineitem", f"FROM '{path}'")], capture_output=True, text=True).stdout
    line = next((l for l in report.splitlines() if "row groups" in l), report.strip()[-200:])
    print(f"     planscope's pushdown report: {line}")
    # Two columns read (l_shipdate, l_extendedprice), two pages each in the row group kept.
    check("row groups 1 of 3 read (2 pruned: 2 statistics), pages 2 of 4 read (2 pruned: 2 page index)" in line,
          "planscope prunes its own file's row groups and pages as DataFusion does")
    got = [tuple(r.values()) for b in ctx.sql(sql).collect() for r in b.to_pylist()]
    con = duckdb_connection()
    con.execute("CALL dbgen(sf=0.01)")
    check(same([list(r) for r in got], con.execute(sql).fetchall()) is None, f"DataFusion's answer on the sorted file equals DuckDB's: {got}")


def pipeline_output(binary, work):
    spec = {
        "version": 1,
        "input_relations": [{"logical_name": "nums", "format": "inline", "columns": [{"name": "n", "type": "INTEGER"}, {"name": "s", "type": "TEXT"}],
                             "rows": [[1, "a"], [2, None], [3, "c"]]}],
        "view_definitions": [{"name": "doubled", "sql": "SELECT n * 2 AS n2, s FROM nums", "view_dependencies": ["nums"]}],
        "output_targets": [{"table_name": "out", "source_view": "doubled", "format": "parquet", "location": "out/doubled.parquet"}],
    }
    path = os.path.join(work, "pipeline.json")
    json.dump(spec, open(path, "w"))
    p = subprocess.run([binary, "pipeline", "run", path], capture_output=True, text=True)
    got = duckdb.sql(f"SELECT * FROM '{work}/out/doubled.parquet' ORDER BY n2").fetchall() if p.returncode == 0 else p.stderr.strip()[:200]
    check(got == [(2, "a"), (4, None), (6, "c")], f"a pipeline's parquet output reads back in DuckDB: {got}")


def errors(binary, work):
    target = f"{work}/kept.parquet"
    planscope(binary, f"COPY (SELECT 1 AS x) TO '{target}'")
    before = open(target, "rb").read()
    cases = [
        (f"COPY (SELECT 1 AS x) TO '{target}' (COMPRESSION brotli)", "COPY COMPRESSION 'brotli' is not supported (snappy, zstd, gzip, lz4_raw, uncompressed)"),
        (f"COPY (SELECT 1 AS x) TO '{target}' (FORMAT parquet, PAGE_SIZE 5)", "unknown COPY option 'page_size' (FORMAT, HEADER, DELIMITER, NULL, COMPRESSION, ROW_GROUP_SIZE)"),
        (f"COPY (SELECT 1 AS x) TO '{target}' (ROW_GROUP_SIZE 0)", "COPY ROW_GROUP_SIZE takes a number of rows from 1 to"),
        (f"COPY (SELECT 1 AS x) TO '{target}' (HEADER)", "COPY option HEADER applies to CSV files only"),
        (f"COPY (SELECT 1 AS x) TO '{work}/no/such/folder/x.parquet'", f"cannot write '{work}/no/such/folder/x.parquet'"),
        (f"COPY (SELECT 1 AS x) TO '{work}' (FORMAT parquet)", f"cannot replace '{work}': Is a directory"),
        (f"COPY (SELECT 1.5::NUMERIC AS amount) TO '{target}'", "cannot write column 'amount' to Parquet"),
        (f"COPY (SELECT 10 / (i - 5) AS x FROM generate_series(1, 10) g(i)) TO '{target}'", "division by zero"),
    ]
    for sql, message in cases:
        code, out, err = planscope(binary, sql)
        lines = [l for l in (err + out).splitlines() if l.strip()]
        check(code != 0 and len(lines) == 1 and message in lines[0], f"error: {message!r} in one line: {lines[:2]}")
    check(open(target, "rb").read() == before, "failed COPYs leave the file they would have replaced as it was")


def speed(binary, work, sf):
    directory = os.path.join(ROOT, ".build-tpch", f"sf{sf}")
    generate(sf, directory)
    setup = os.path.join(work, f"setup-{sf}.sql")
    open(setup, "w").write(setup_sql(directory, "plain"))
    load = "CREATE TABLE l AS SELECT * FROM lineitem"
    # Wall and CPU time: on a shared machine the CPU time (all threads) is the steadier figure.
    runs = {}
    for label, statements in [("load only", [load]), ("load + COPY", [load, f"COPY l TO '{work}/l.parquet'"])]:
        start, cpu = time.time(), resource.getrusage(resource.RUSAGE_CHILDREN)
        code, _, err = planscope(binary, *statements, setup=setup)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        runs[label] = (time.time() - start, after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime)
        check(code == 0, f"speed: {label} {err.strip()[:200]}")
    con = duckdb.connect()
    con.execute(f"CREATE TABLE l AS SELECT * FROM read_csv('{directory}/lineitem.csv', header=true)")
    start, cpu = time.time(), time.process_time()
    con.execute(f"COPY l TO '{work}/l-duckdb.parquet' (FORMAT parquet)")
    duck = (time.time() - start, time.process_time() - cpu)
    rows, = con.execute("SELECT count(*) FROM l").fetchone()
    size = os.path.getsize(f"{work}/l.parquet") / 1e6
    dsize = os.path.getsize(f"{work}/l-duckdb.parquet") / 1e6
    ours = [b - a for a, b in zip(runs["load only"], runs["load + COPY"])]
    print(f"     lineitem SF {sf} ({rows} rows) to Parquet (snappy): planscope {ours[0]:.2f} s wall, {ours[1]:.2f} s CPU "
          f"({size:.1f} MB); DuckDB {duck[0]:.2f} s wall, {duck[1]:.2f} s CPU ({dsize:.1f} MB)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--keep", help="write the files here and keep them")
    ap.add_argument("--speed", help="also time writing lineitem at this scale factor")
    ap.add_argument("--sf", default="0.01", help="the TPC-H scale factor of the files read by the three engines")
    ap.add_argument("--tpch-only", action="store_true", help="only the TPC-H part (bench/parquet-check.sh)")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    work = args.keep or tempfile.mkdtemp(prefix="planscope-parquet-write-")
    os.makedirs(work, exist_ok=True)
    try:
        setup = tpch(binary, work, args.sf)
        if args.tpch_only:
            return finish()
        types(binary, work)
        timestamptz(binary, work)
        datafusion_pruning(binary, work, setup)
        pipeline_output(binary, work)
        errors(binary, work)
        if args.speed:
            speed(binary, work, args.speed)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    finish()


def finish():
    print(f"{len(FAILURES)} failed" if FAILURES else "all passed")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
