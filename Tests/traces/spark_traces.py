#!/usr/bin/env python3
"""Spark 4's plan change log for TPC-H Q1, Q3, Q5, Q16 and Q18, written as the trace
fixtures `planscope trace import` reads (Tests/Fixtures/traces/spark/).

Usage: Tests/traces/spark_traces.py [--venv DIR]

Makes its own venv (default .build-spark-venv at the repository root) with pyspark 4.3.0
from PyPI and runs with the machine's Java 17; `.ci/test` never runs this script, it only
reads the committed fixtures. The tables are empty Parquet tables in a temporary
warehouse with the TPC-H schema (Tests/Fixtures/tpch/schema.sql; VARCHAR as STRING, NOT
NULL left out, as Spark's CREATE TABLE … USING parquet takes them): plans need no rows.
One Spark process a query (local[1], adaptive execution off, so the physical rules run
once in `explain()`), the log switched on only for the query's planning.

For each query it writes:
  qNN.log            the driver's log lines of the plan change log
                     (spark.sql.planChangeLog.level=WARN), as pyspark writes them (all but
                     Q1's without the blocks' `Output Information:` parts)
  qNN.expected.json  the rules the log says changed the plan (`=== Applying Rule R ===`
                     blocks, in order) and the batches with a result, read from the log
                     by this script independently of planscope's parser
"""
import argparse, json, os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PYSPARK = "pyspark==4.3.0"
QUERIES = [1, 3, 5, 16, 18]


OUT = os.path.join(ROOT, "Tests", "Fixtures", "traces", "spark")
LOG_LINE = re.compile(r"^\d\d/\d\d/\d\d \d\d:\d\d:\d\d (\w+) (\w+): ?(.*)$")


def ensure_venv(venv):
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    probe = subprocess.run([python, "-c", "import pyspark; print(pyspark.__version__)"], capture_output=True, text=True)
    if probe.returncode != 0 or probe.stdout.strip() != PYSPARK.split("==")[1]:
        subprocess.run([python, "-m", "pip", "install", "--quiet", PYSPARK], check=True)
    return python


def generate():
    """Inside the venv: one Spark process a query (so each log holds one query's plans),
    tables created with the log off, then the log switched on for EXPLAIN's planning."""
    os.makedirs(OUT, exist_ok=True)
    for n in QUERIES:
        err = os.path.join(OUT, f"q{n:02d}.log")
        with open(err, "w") as f:
            subprocess.run([sys.executable, os.path.abspath(__file__), "--inside", "--query", str(n)], check=True,
                           stdout=subprocess.DEVNULL, stderr=f)
        keep_plan_change_log(err, output_information=(n == 1))
        with open(os.path.join(OUT, f"q{n:02d}.expected.json"), "w") as f:
            f.write(json.dumps(expected(open(err).read()), indent=1) + "\n")
    print(f"wrote {len(QUERIES)} logs to {os.path.relpath(OUT, ROOT)}")


def run_query(n):
    import tempfile
    from pyspark.sql import SparkSession
    warehouse = tempfile.mkdtemp(prefix="planscope-spark-")
    spark = (SparkSession.builder.master("local[1]").appName(f"tpch-q{n}")
             .config("spark.ui.enabled", "false")
             .config("spark.sql.warehouse.dir", warehouse)
             .config("spark.sql.adaptive.enabled", "false")
             .getOrCreate())
    spark.sparkContext.setLogLevel("WARN")
    schema = open(os.path.join(ROOT, "Tests", "Fixtures", "tpch", "schema.sql")).read()
    for stmt in schema.split(";"):
        if stmt.strip():
            cols = stmt.split("(", 1)[1].rsplit(")", 1)[0].replace(" NOT NULL", "").replace("VARCHAR", "STRING")
            name = stmt.split("CREATE TABLE ")[1].split()[0]
            spark.sql(f"CREATE TABLE {name} ({cols}) USING parquet")
    sql = open(os.path.join(ROOT, "Tests", "Fixtures", "tpch", "queries", f"q{n:02d}.sql")).read().strip().rstrip(";")
    sys.stderr.flush()
    spark.conf.set("spark.sql.planChangeLog.level", "WARN")
    spark.sql(sql).explain()
    spark.conf.unset("spark.sql.planChangeLog.level")
    spark.stop()


def keep_plan_change_log(path, output_information):
    """Only the PlanChangeLogger's messages (a message's lines up to the next log line).
    Without `output_information`, each block's `Output Information:` part (the operators
    again with their output attributes, over half of a log, which the reader skips) is left
    out, to keep the fixtures small; Q1's log keeps it, as pyspark writes it."""
    out, keep, skipping = [], False, False
    for line in open(path).read().split("\n"):
        m = LOG_LINE.match(line)
        if m:
            keep = m.group(2) == "PlanChangeLogger"
            skipping = False
        elif line == "Output Information:" and not output_information:
            skipping = True
        if keep and not skipping:
            out.append(line)
    with open(path, "w") as f:
        f.write("\n".join(out).rstrip("\n") + "\n")


def expected(log):
    """The rules the log says changed the plan (`=== Applying Rule R ===`, in order), the
    batches with a result, and the executors whose metrics close them, read with regular
    expressions only."""
    rules = re.findall(r"^=== Applying Rule (.+) ===$", log, re.M)
    batches = re.findall(r"^=== Result of Batch (.+) ===$", log, re.M)
    executors = re.findall(r"^=== Metrics of Executed Rules (.+) ===$", log, re.M)
    return {"rules": rules, "changed_rules": rules, "batches": batches, "executors": executors}


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--venv", default=os.path.join(ROOT, ".build-spark-venv"))
    ap.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--setup-only", action="store_true", help="only make the venv")
    ap.add_argument("--query", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.query:
        run_query(args.query)
        sys.exit(0)
    if not args.inside:
        python = ensure_venv(args.venv)
        if args.setup_only:
            sys.exit(0)
        sys.exit(subprocess.run([python, os.path.abspath(__file__), "--inside"]).returncode)
    generate()
