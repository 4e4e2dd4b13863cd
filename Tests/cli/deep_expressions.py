#!/usr/bin/env python3
"""Long and deep expressions through the CLI (debug build in CI): chains of 10, 1,000 and
10,000 terms of AND, OR, IN lists (flat) and of +, -, || (binary trees as deep as they
are long); past the limits (a chain over 100,000 operands, nesting of CASE, parentheses
and comparisons over 1,000 levels) the one-line errors. Nothing may crash. --large adds
chains of 100,000 terms of every shape (bench/deep-expr.sh).
Usage: Tests/cli/deep_expressions.py PLANSCOPE [--large]"""
import subprocess, sys, time

binary = sys.argv[1]
big = "--large" in sys.argv


def chain(kind, n):
    where = "SELECT count(*) FROM generate_series(1, 100) g(x) WHERE "
    return {
        "OR": (where + " OR ".join(f"x = {i}" for i in range(n)), str(min(n, 101) - 1 if n <= 100 else 100)),
        "AND": (where + " AND ".join(f"x <> {i + 1000}" for i in range(n)), "100"),
        "IN": (where + "x IN (" + ", ".join(str(i) for i in range(n)) + ")", str(min(n, 101) - 1 if n <= 100 else 100)),
        "+": ("SELECT " + " + ".join("1" for _ in range(n)), str(n)),
        "-": ("SELECT " + " - ".join("1" for _ in range(n)), str(2 - n)),
        "||": ("SELECT length(" + " || ".join("'a'" for _ in range(n)) + ")", str(n)),
    }[kind]


def run(sql):
    start = time.time()
    p = subprocess.run([binary, "--no-demo", "--format", "csv", "-q"], input=sql + ";\n", capture_output=True, text=True, timeout=600)
    return p.returncode, p.stdout.strip().splitlines(), p.stderr.strip().splitlines(), time.time() - start


passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}: {detail}")


flat = [10, 1000, 10_000] + ([100_000] if big else [])
sizes = {"OR": flat, "AND": flat, "IN": flat,
         "+": flat, "-": flat, "||": flat}
for kind, ns in sizes.items():
    for n in ns:
        sql, want = chain(kind, n)
        code, out, err, secs = run(sql)
        check(f"{kind} chain of {n}", code == 0 and out[-1:] == [want], f"exit {code}, {out[-1:]}, {err[:1]}")
        print(f"  {kind:3} {n:>7} terms: exit {code}, {secs:.2f} s")

# Past the limits: one line, never a crash.
limits = [
    ("+ chain of 100,001", "SELECT " + "+".join("1" for _ in range(100_001)), "expression chain too long (limit 100000"),
    ("parentheses 1,001 deep", "SELECT " + "(" * 1001 + "1" + ")" * 1001, "nested too deeply (limit 1000)"),
    ("CASE 1,001 deep", "SELECT " + "CASE WHEN true THEN " * 1001 + "1" + " END" * 1001, "nested too deeply (limit 1000)"),
    ("comparisons 1,001 deep", "SELECT " + "(1 = " * 1001 + "1" + ")" * 1001, "nested too deeply (limit 1000)"),
]
for name, sql, message in limits:
    code, out, err, secs = run(sql)
    errors = [line for line in err if line.startswith("error:")]
    check(name, code == 1 and len(errors) == 1 and message in errors[0], f"exit {code}, {[l[:120] for l in err[:2]]}")
code, out, err, _ = run("SELECT " + "(" * 990 + "1" + ")" * 990)
check("parentheses 990 deep run", code == 0 and out[-1:] == ["1"], f"exit {code}, {[l[:120] for l in err[:1]]}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
