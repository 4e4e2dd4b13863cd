#!/usr/bin/env python3
"""Every committed trace fixture imports through `planscope trace import --format json` with
the engine's own steps: DataFusion's 22 TPC-H EXPLAIN VERBOSE outputs (as two plain columns,
and Q6 and Q1 also as the bordered table and TSV) have its step count and the rules that
changed the plan; Spark's plan change logs (TPC-H Q1, Q3, Q5, Q16, Q18) have the log's rules.
The expectations are the generators' (Tests/traces/datafusion_traces.py, spark_traces.py),
read from the engines' rows and logs, not from planscope's parser.

Usage: Tests/traces/check.py PLANSCOPE   (prints failures and `N passed, M failed`)
"""
import glob, json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "traces")
# Steps planscope adds for plan changes the engine shows under no rule.
EXTRA = {"create_physical_plan", "(plan changed between logged rules)"}


def imported(binary, path):
    out = subprocess.run([binary, "trace", "import", "--format", "json", path], capture_output=True, text=True)
    if out.returncode != 0:
        return None, out.stderr.strip()
    return json.loads(out.stdout), None


def main(binary):
    passed = failed = 0
    cases = [(f, f.split(".")[0] + ".expected.json", "datafusion")
             for f in sorted(glob.glob(os.path.join(FIXTURES, "datafusion", "q*.*")))
             if not f.endswith(".expected.json")]
    cases += [(f, f[:-len(".log")] + ".expected.json", "spark") for f in sorted(glob.glob(os.path.join(FIXTURES, "spark", "q*.log")))]
    for path, expectation, engine in cases:
        name = os.path.relpath(path, ROOT)
        expected = json.load(open(expectation))
        got, error = imported(binary, path)
        if got is None:
            failed += 1
            print(f"FAIL {name}: {error}")
            continue
        rules = [r for r in got["changed_rules"] if r not in EXTRA]
        extra = len(got["changed_rules"]) - len(rules)
        ok = rules == expected["changed_rules"]
        if engine == "datafusion":
            ok = ok and got["steps"] == expected["steps"] + 1 and extra == 1
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {name}: {got['steps']} steps, changed {rules} (expected {expected['changed_rules']})")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
