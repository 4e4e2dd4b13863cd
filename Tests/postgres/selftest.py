#!/usr/bin/env python3
"""Checks the PostgreSQL oracle itself before the suite trusts it (run by .ci/test after
`.ci/postgres start`): the server is the one promised (UTF-8, C collation: text in code-point
order, one character at a time in upper()), the cross-check reports a wrong expectation, a
statement PostgreSQL refuses and an error PostgreSQL does not raise, and the differential
comparison tells PostgreSQL's answers apart from planscope's. Exit 1 on the first failure."""
import decimal, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import pgwire


def check(cond, what):
    if not cond:
        print(f"oracle self-test FAILED: {what}")
        sys.exit(1)


con = pgwire.connect()
_, rows = con.query("SELECT current_setting('server_encoding'), datcollate, 'B' < 'a', upper('é'), length('é') "
                    "FROM pg_database WHERE datname = current_database()")
check(rows == [["UTF8", "C", "t", "É", "1"]], f"server is UTF-8 with the C collation (got {rows})")
try:
    con.query("SELECT 1 / 0")
    check(False, "SELECT 1 / 0 raises")
except pgwire.PGError as e:
    check(e.sqlstate == "22012", f"division by zero has SQLSTATE 22012 (got {e.sqlstate})")
cols, rows = con.query("SELECT NULL::int, 7::bigint, 1.50::numeric, true, 'x'")
got = [pgwire.value(v, oid) for v, (_, oid) in zip(rows[0], cols)]
check(got == [None, 7, decimal.Decimal("1.50"), True, "x"], f"values convert by type (got {got})")
con.close()

slt = """statement ok
CREATE TABLE t (a INTEGER, s VARCHAR)

statement ok
INSERT INTO t VALUES (1, 'a'), (2, 'B')

query IT rowsort
SELECT a, s FROM t
----
1 a
2 B

query T nosort
SELECT s FROM t ORDER BY s
----
a
B

statement error
SELECT 1

statement ok
SELECT no_such_column FROM t

# a marked record is not run
skipif postgres
query I
SELECT 1
----
2
"""
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "oracle.slt")
    open(path, "w").write(slt)
    out = subprocess.run([sys.executable, os.path.join(ROOT, "Tests", "SLT", "crosscheck.py"), "--oracle", "postgres", path],
                         capture_output=True, text=True)
    lines = out.stdout
    check(out.returncode == 1, f"crosscheck exits 1 on differences (got {out.returncode}: {out.stderr[-300:]})")
    check(":13: differs" in lines, "a wrong order (C collation puts B before a) is reported")
    check(":19: PostgreSQL accepts what planscope rejects" in lines, "an expected error PostgreSQL does not raise is reported")
    check(":22: PostgreSQL error" in lines, "a statement PostgreSQL refuses is reported")
    check(":7:" not in lines and ":27:" not in lines, "agreeing and marked records are not reported")
    check("6 records checked against PostgreSQL (1 skipped by skipif/onlyif), 3 differ" in lines, f"the summary counts (got {lines[-200:]})")

sys.path.insert(0, os.path.join(ROOT, "bench"))
import differential
differential.ORACLE = differential.PostgresOracle()
D = decimal.Decimal
v = differential.verdict
check(v(("rows", ('{"c":1}',)), ("rows", [[1]]), False) == "ok", "equal rows agree")
check(v(("rows", ('{"c":0.3333333333333333}',)), ("rows", [[D("0.33333333333333333333")]]), False) == "ok",
      "decimals agree at the smaller scale")
check(v(("rows", ('{"c":0.3333333333333334}',)), ("rows", [[D("0.33333333333333333333")]]), False) == "mismatch",
      "decimals that differ at the smaller scale differ")
check(v(("rows", ('{"c":620195787613285492.9872408293460925}',)), ("rows", [[D("620195787613285493")]]), False) == "ok",
      "a quotient agrees with PostgreSQL's 16 significant digits")
check(v(("rows", ('{"c":81304215232650.2307515337423313}',)), ("rows", [[D("81304215232650.2308")]]), False) == "ok",
      "a quotient agrees with PostgreSQL's 16 significant digits (fraction)")
check(v(("rows", ('{"c":-0.0909090909090909}',)), ("rows", [[D("-0.09090909090909090909")]]), False) == "ok",
      "a quotient of 16 fractional digits agrees with PostgreSQL's longer one")
check(v(("rows", ('{"c":9999999999999999.99}', '{"c":10000000000000000.00}')),
        ("rows", [[D("10000000000000000.0")], [D("9999999999999999.99")]]), False) == "ok",
      "decimals of few fractional digits compare exactly (rounding one to the other's scale is for quotients)")
check(v(("error", "division by zero"), ("error", "division by zero"), False) == "ok", "both refusing agrees")
check(v(("rows", ('{"c":1}',)), ("error", "invalid input syntax"), False) == "mismatch", "a PostgreSQL error is a mismatch")
check(v(("rows", ('{"c":1}',)), ("error", "value out of range: underflow"), False).startswith("known: issue 23"),
      "a known issue-23 error is labelled")
check(v(("error", "bigint out of range"), ("rows", [[1]]), False) == "skip", "a documented planscope error is skipped")
check(v(("error", "unknown column"), ("rows", [[1]]), False) == "mismatch", "another planscope error is a mismatch")
check(v(("rows", ('{"c":"NaN"}',)), ("rows", [[float("nan")]]), False) == "ok", "NaN equals NaN")
print("oracle self-test: the server, the cross-check and the differential verdicts behave as documented")
