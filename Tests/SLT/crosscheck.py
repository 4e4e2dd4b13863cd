#!/usr/bin/env python3
"""Runs the project's .slt files on DuckDB (the oracle) and reports records whose
results differ from the expected ones. Records marked `skipif duckdb` are skipped (each
carries a comment saying why planscope's answer differs: PostgreSQL semantics).

Usage: crosscheck.py [FILES or directories]   (default: Tests/SLT)
"""
import decimal, datetime, glob, os, sys
import duckdb


def records(path):
    lines = open(path).read().split("\n")
    i, skip = 0, False
    while i < len(lines):
        line = lines[i]
        if not line.strip() or line.startswith("#"):
            i += 1; continue
        words = line.split()
        if words[0] in ("skipif", "onlyif"):
            if (words[0] == "skipif" and words[1] == "duckdb") or (words[0] == "onlyif" and words[1] != "duckdb"):
                skip = True
            i += 1; continue
        if words[0] in ("halt", "hash-threshold"):
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
        yield start + 1, words, "\n".join(sql), result, skip
        skip = False


def fmt(v, t):
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
        return s + (".%06d" % v.microsecond if v.microsecond else "")
    if isinstance(v, datetime.timedelta):
        return str(v)
    s = str(v)
    return "(empty)" if s == "" else s


def main():
    paths = sys.argv[1:] or ["Tests/SLT"]
    files = []
    for p in paths:
        files += sorted(glob.glob(os.path.join(p, "**", "*.slt"), recursive=True)) if os.path.isdir(p) else [p]
    mismatches = checked = 0
    home = os.getcwd()
    for f in files:
        # Relative file paths in a record resolve against its file's folder, as in planscope.
        os.chdir(os.path.dirname(os.path.join(home, f)))
        con = duckdb.connect()
        for line, words, sql, result, skip in records(os.path.join(home, f)):
            if skip:
                continue
            if words[0] == "statement":
                try:
                    con.execute(sql)
                except Exception:
                    pass
                continue
            if words[1] == "error":
                continue
            checked += 1
            types, sort = words[1], (words[2] if len(words) > 2 else "nosort")
            try:
                rows = con.execute(sql).fetchall()
            except Exception as e:
                print(f"{f}:{line}: duckdb error: {str(e).splitlines()[0]}")
                mismatches += 1
                continue
            got = [[fmt(v, types[i] if i < len(types) else "T") for i, v in enumerate(r)] for r in rows]
            if sort == "rowsort":
                got.sort()
            elif sort == "valuesort":
                got = [[v] for v in sorted(x for r in got for x in r)]
            got = [" ".join(r) for r in got]
            if got != (result or []):
                mismatches += 1
                print(f"{f}:{line}: differs\n  sql:      {sql}\n  expected: {result}\n  duckdb:   {got}")
    print(f"{checked} queries checked against DuckDB, {mismatches} differ")
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
