#!/usr/bin/env python3
"""Runs the project's .slt files on an oracle engine and reports records whose results
differ from the expected ones.

Usage: crosscheck.py [--oracle duckdb|postgres] [FILES or directories]   (default: Tests/SLT)

- duckdb (the default): an in-memory DuckDB per file. Records marked `skipif duckdb` are
  skipped (each carries a comment saying why planscope's answer differs: PostgreSQL
  semantics). Only `query` records with results are compared.
- postgres: the server `.ci/postgres start` runs (PGHOST names its socket directory); each
  file starts in an empty `public` schema on a new connection. Records marked `skipif
  postgres` are skipped; each carries a comment above it with the reason: `# issue 23: …`
  for a difference that issue 23 will fix (remove the marker with the fix), otherwise a
  deliberate difference listed in docs/sql-semantics.md. A file that is planscope's own
  (reading files by name, planner settings) starts with `onlyif postgres` + `halt`.
  Here every record is checked: a `query` against its result, a `statement ok` must
  succeed, a `statement error` / `query error` must fail. The only spelling rewritten is
  the type name `DOUBLE` (PostgreSQL: `DOUBLE PRECISION`).

`onlyif ENGINE` marks a record for that engine only; `halt` (under its conditions) ends the
file for the engines it applies to.
"""
import argparse, datetime, glob, hashlib, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "postgres"))


def records(path):
    """(line, words, sql, result, skipif, onlyif) per record, halt included."""
    lines = open(path).read().split("\n")
    i, skipif, onlyif = 0, [], []
    while i < len(lines):
        line = lines[i]
        if not line.strip() or line.startswith("#"):
            i += 1; continue
        words = line.split()
        if words[0] in ("skipif", "onlyif"):
            (skipif if words[0] == "skipif" else onlyif).append(words[1])
            i += 1; continue
        if words[0] == "hash-threshold":
            yield i + 1, words, "", None, [], []
            i += 1; continue
        if words[0] == "halt":
            yield i + 1, words, "", None, skipif, onlyif
            skipif, onlyif = [], []
            i += 1; continue
        start = i; i += 1
        sql = []
        while i < len(lines) and lines[i].strip() and lines[i] != "----":
            sql.append(lines[i]); i += 1
        result = None
        if i < len(lines) and lines[i] == "----":
            i += 1; result = []
            while i < len(lines) and lines[i].strip():
                result.append(lines[i]); i += 1
        yield start + 1, words, "\n".join(sql), result, skipif, onlyif
        skipif, onlyif = [], []


def applies(engine, skipif, onlyif):
    return engine not in skipif and (not onlyif or engine in onlyif)


# ---------------------------------------------------------------- DuckDB

def fmt_duck(v, t):
    if v is None:
        return "NULL"
    if t == "R":
        return "%.3f" % float(v)
    if t == "I":
        if isinstance(v, bool):
            return "1" if v else "0"
        return str(int(v))
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, datetime.datetime):
        s = v.strftime("%Y-%m-%d %H:%M:%S")
        # PostgreSQL's (and planscope's) form: the fraction without trailing zeros
        s += "." + ("%06d" % v.microsecond).rstrip("0") if v.microsecond else ""
        if v.utcoffset() is not None:
            # a TIMESTAMPTZ: PostgreSQL's offset, +01, -05, +05:30
            off = int(v.utcoffset().total_seconds())
            sign, off = ("-" if off < 0 else "+"), abs(off)
            s += sign + "%02d" % (off // 3600) + (":%02d" % (off // 60 % 60) if off % 3600 else "")
        return s
    if isinstance(v, datetime.timedelta):
        return str(v)
    s = str(v)
    return "(empty)" if s == "" else s


class DuckDB:
    name, label, checks_errors = "duckdb", "DuckDB", False

    def open(self):
        import duckdb
        self.con = duckdb.connect()
        # planscope's default zone, never the machine's
        self.con.execute("SET TimeZone = 'UTC'")

    def close(self):
        self.con.close()

    def statement(self, sql):
        self.con.execute(sql)

    def query(self, sql, types):
        import duckdb
        try:
            rows = self.con.execute(sql).fetchall()
        except duckdb.InvalidInputException as e:
            if "pytz" not in str(e):
                raise
            rows = self.rows_with_zones(sql)
        return [[fmt_duck(v, types[i] if i < len(types) else "T") for i, v in enumerate(r)] for r in rows]

    def rows_with_zones(self, sql):
        """The rows of a query with TIMESTAMPTZ columns, which DuckDB's fetchall turns into
        datetimes only with pytz: through Arrow, each instant put in the session's zone."""
        import pyarrow as pa
        import zoneinfo
        table = self.con.execute(sql).fetch_arrow_table()
        zone = zoneinfo.ZoneInfo(self.con.execute("SELECT current_setting('TimeZone')").fetchone()[0])
        epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
        columns = []
        for col in table.columns:
            if pa.types.is_timestamp(col.type) and col.type.tz is not None:
                micros = col.cast(pa.timestamp("us", tz=col.type.tz)).cast(pa.int64()).to_pylist()
                columns.append([None if m is None else (epoch + datetime.timedelta(microseconds=m)).astimezone(zone) for m in micros])
            else:
                columns.append(col.to_pylist())
        return list(zip(*columns))


# ---------------------------------------------------------------- PostgreSQL

def fmt_pg(text, oid, t):
    """PostgreSQL's text output as planscope's slt runner prints the value."""
    import pgwire
    if text is None:
        return "NULL"
    if t == "R":
        try:
            return "%.3f" % float(text)
        except ValueError:
            return text
    if oid == pgwire.BOOL:
        return ("1" if text == "t" else "0") if t == "I" else ("true" if text == "t" else "false")
    if t == "I" and oid in (pgwire.NUMERIC, pgwire.FLOAT4, pgwire.FLOAT8):
        try:
            return str(int(float(text))) if oid != pgwire.NUMERIC else str(int(__import__("decimal").Decimal(text)))
        except (ValueError, ArithmeticError):
            return text
    return "(empty)" if text == "" else text


def pg_dialect(sql):
    """The one spelling rewrite: planscope (like DuckDB) takes DOUBLE for DOUBLE PRECISION."""
    return re.sub(r"\bDOUBLE\b(?!\s+PRECISION)", "DOUBLE PRECISION", sql, flags=re.IGNORECASE)


class Postgres:
    name, label, checks_errors = "postgres", "PostgreSQL", True

    def open(self):
        import pgwire
        self.con = pgwire.connect()
        self.con.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; SET search_path = public")

    def close(self):
        self.con.close()

    def statement(self, sql):
        self.con.query(pg_dialect(sql))

    def query(self, sql, types):
        cols, rows = self.con.query(pg_dialect(sql))
        return [[fmt_pg(v, cols[i][1], types[i] if i < len(types) else "T") for i, v in enumerate(r)] for r in rows]


# ---------------------------------------------------------------- driving

def first_line(e):
    return (str(e).splitlines() or [type(e).__name__])[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--oracle", choices=["duckdb", "postgres"], default="duckdb")
    ap.add_argument("paths", nargs="*")
    args = ap.parse_args()
    oracle = Postgres() if args.oracle == "postgres" else DuckDB()
    files = []
    for p in args.paths or [os.path.relpath(HERE)]:
        files += sorted(glob.glob(os.path.join(p, "**", "*.slt"), recursive=True)) if os.path.isdir(p) else [p]
    mismatches = checked = skipped = 0
    home = os.getcwd()
    for f in files:
        # Relative file paths in a record resolve against its file's folder, as in planscope.
        os.chdir(os.path.dirname(os.path.join(home, f)))
        oracle.open()
        hash_threshold = 0
        try:
            for line, words, sql, result, skipif, onlyif in records(os.path.join(home, f)):
                if words[0] == "hash-threshold":
                    hash_threshold = int(words[1]); continue
                if not applies(oracle.name, skipif, onlyif):
                    skipped += words[0] != "halt"
                    continue
                if words[0] == "halt":
                    break
                expect_error = len(words) > 1 and words[1] == "error"
                if words[0] == "statement" or expect_error:
                    try:
                        oracle.statement(sql)
                        failed = None
                    except Exception as e:
                        failed = e
                    if not oracle.checks_errors:
                        continue
                    checked += 1
                    if expect_error and failed is None:
                        mismatches += 1
                        print(f"{f}:{line}: {oracle.label} accepts what planscope rejects\n  sql: {sql}")
                    elif not expect_error and failed is not None:
                        mismatches += 1
                        print(f"{f}:{line}: {oracle.label} error: {first_line(failed)}\n  sql: {sql}")
                    continue
                checked += 1
                types, sort = words[1], (words[2] if len(words) > 2 else "nosort")
                try:
                    got = oracle.query(sql, types)
                except Exception as e:
                    print(f"{f}:{line}: {oracle.label} error: {first_line(e)}\n  sql: {sql}")
                    mismatches += 1
                    continue
                if sort == "rowsort":
                    got.sort()
                elif sort == "valuesort":
                    got = [[v] for v in sorted(x for r in got for x in r)]
                values = sum(len(r) for r in got)
                if hash_threshold and values > hash_threshold or (result and " values hashing to " in result[0]):
                    digest = hashlib.md5("".join(v + "\n" for r in got for v in r).encode()).hexdigest()
                    got = [f"{values} values hashing to {digest}"]
                else:
                    got = [" ".join(r) for r in got]
                if got != (result or []):
                    mismatches += 1
                    print(f"{f}:{line}: differs\n  sql:      {sql}\n  expected: {result}\n  {oracle.name + ':':9} {got}")
        finally:
            oracle.close()
    os.chdir(home)
    print(f"{checked} records checked against {oracle.label} ({skipped} skipped by skipif/onlyif), {mismatches} differ")
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
