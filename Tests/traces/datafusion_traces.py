#!/usr/bin/env python3
"""DataFusion 55's EXPLAIN VERBOSE for the 22 TPC-H queries, written as the trace fixtures
`planscope trace import` reads (Tests/Fixtures/traces/datafusion/).

Usage: .build-venv/bin/python Tests/traces/datafusion_traces.py
(the project's venv with the pinned datafusion 55.0.0: .ci/ensure-deps --bench)

The tables are CSV files holding only a header, declared with the TPC-H schema
(Tests/Fixtures/tpch/schema.sql): plans need no rows. Two target partitions, so the
physical plans do not depend on the machine. The temporary folder's path in scans
(`file_groups={1 group: [[tmp/…/lineitem.csv]]}`) is rewritten to `tpch/lineitem.csv`.

For each query it writes:
  qNN.txt            two plain columns: the row's label, then the plan's lines at a
                     fixed column (the bordered table without its borders and padding)
  qNN.expected.json  from the EXPLAIN VERBOSE rows themselves (not from the text): every
                     `… after <rule>` row in order with its section and whether it changed
                     the plan (its text differs from the plan before it)
and q06.explain.txt: DataFrame.explain(verbose=True) as the datafusion Python package
prints it, the bordered `plan_type | plan` table datafusion-cli prints too (every line
padded to the widest, so only the smallest query is kept in this form), and q01.tsv and
q01.csv (datafusion-cli --format tsv / csv: the plan quoted, with its newlines).
"""
import contextlib, io, json, os, re, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from peers import use_bench_venv  # noqa: E402

use_bench_venv(("datafusion",))
import datafusion  # noqa: E402

OUT = os.path.join(ROOT, "Tests", "Fixtures", "traces", "datafusion")
QUERIES = os.path.join(ROOT, "Tests", "Fixtures", "tpch", "queries")
# Rows that draw the same plan again with statistics or schemas: not steps.
VARIANTS = ("_with_stats", "_with_schema")


def context(folder):
    config = datafusion.SessionConfig().with_target_partitions(2)
    ctx = datafusion.SessionContext(config)
    schema = open(os.path.join(ROOT, "Tests", "Fixtures", "tpch", "schema.sql")).read()
    for stmt in schema.split(";"):
        if not stmt.strip():
            continue
        name = stmt.split("CREATE TABLE ")[1].split()[0]
        cols = stmt.split("(", 1)[1].rsplit(")", 1)[0]
        names = [c.strip().split()[0] for c in cols.split(",\n")]
        path = os.path.join(folder, f"{name}.csv")
        open(path, "w").write(",".join(names) + "\n")
        ctx.sql(f"CREATE EXTERNAL TABLE {name} ({cols}) STORED AS CSV LOCATION '{path}' "
                "OPTIONS ('format.has_header' 'true')").collect()
    return ctx


def expected(rows):
    """The steps as DataFusion's rows say: each `<kind>_plan after <rule>` row, its
    section (analyzer rules come before `analyzed_logical_plan`), and whether its plan
    differs from the plan before it (the last row of the same kind, not a variant)."""
    steps, before, section, previous_text = [], None, "analyzer", None
    for label, text in rows:
        if text == "SAME TEXT AS ABOVE":
            text = previous_text
        previous_text = text
        if label.endswith(VARIANTS):
            continue
        m = re.fullmatch(r"(logical|physical)_plan after (.+)", label)
        if m:
            if m.group(1) == "physical":
                section = "physical"
            steps.append({"label": label, "rule": m.group(2), "section": section, "changed": text != before})
            before = text
        elif label in ("initial_logical_plan", "initial_physical_plan"):
            before = text
        elif label == "analyzed_logical_plan":
            section = "logical"
            before = text
    return {"steps": len(steps), "rules": [s["rule"] for s in steps], "sections": [s["section"] for s in steps],
            "changed_rules": [s["rule"] for s in steps if s["changed"]],
            "changed_steps": [i + 1 for i, s in enumerate(steps) if s["changed"]]}


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        ctx = context(folder)
        prefix = folder.lstrip("/") + "/"
        for n in range(1, 23):
            sql = open(os.path.join(QUERIES, f"q{n:02d}.sql")).read()
            batches = ctx.sql("EXPLAIN VERBOSE " + sql).collect()
            rows = [(t, p.replace(prefix, "tpch/")) for b in batches
                    for t, p in zip(b.column(0).to_pylist(), b.column(1).to_pylist())]
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                ctx.sql(sql).explain(verbose=True)
            text = buffer.getvalue()
            # The path's column shrinks with it: re-pad by the rows' own widths.
            text = bordered(rows) if prefix in text else text
            write(f"q{n:02d}.txt", plain(rows))
            write(f"q{n:02d}.expected.json", json.dumps(expected(rows), indent=1) + "\n")
            if n == 6:
                write("q06.explain.txt", text)
            if n == 1:
                write("q01.tsv", delimited(rows, "\t"))
                write("q01.csv", delimited(rows, ","))
    print(f"wrote 22 traces to {os.path.relpath(OUT, ROOT)}")


def bordered(rows):
    """The arrow pretty-printer's table, as datafusion-cli and DataFrame.explain draw it."""
    cells = [(t, p.split("\n")) for t, p in rows]
    w1 = max(len("plan_type"), *(len(t) for t, _ in cells))
    w2 = max(len("plan"), *(len(line) for _, lines in cells for line in lines))
    rule = f"+{'-' * (w1 + 2)}+{'-' * (w2 + 2)}+"
    out = [rule, f"| {'plan_type'.ljust(w1)} | {'plan'.ljust(w2)} |", rule]
    for t, lines in cells:
        for i, line in enumerate(lines):
            out.append(f"| {(t if i == 0 else '').ljust(w1)} | {line.ljust(w2)} |")
    out.append(rule)
    return "DataFrame()\n" + "\n".join(out) + "\n"


def plain(rows):
    width = max(len(t) for t, _ in rows) + 2
    out = ["plan_type".ljust(width) + "plan"]
    for t, p in rows:
        for i, line in enumerate(p.split("\n")):
            out.append(((t if i == 0 else "").ljust(width) + line).rstrip())
    return "\n".join(out) + "\n"


def delimited(rows, separator):
    """As datafusion-cli --format tsv / csv writes them: a field quoted when it holds the
    separator, a quote or a newline."""
    def quote(s):
        return '"' + s.replace('"', '""') + '"' if any(c in s for c in '"\n' + separator) else s
    return f"plan_type{separator}plan\n" + "".join(f"{quote(t)}{separator}{quote(p)}\n" for t, p in rows)


def write(name, text):
    with open(os.path.join(OUT, name), "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
