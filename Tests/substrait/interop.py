#!/usr/bin/env python3
"""Substrait between planscope and DataFusion 55, on the 22 TPC-H queries at SF 0.01.

Usage: interop.py PLANSCOPE_BINARY [--sf 0.01] [--queries 1,2,3] [--keep DIR]

For every query:
  model     planscope's exported plan (planscope substrait export) parses in the `substrait`
            package's protobuf model (Substrait 0.85): json_format.Parse, no unknown field;
  to-df     DataFusion reads those protobuf bytes (its Substrait consumer) and runs the plan:
            the rows must be DuckDB's (Tests/tpch/conformance.py's comparison);
  from-df   DataFusion's own plan of the query (its Substrait producer), as protobuf JSON, is
            imported and run by planscope (planscope substrait import): DuckDB's rows again.
Then TIMESTAMPTZ both ways over a Parquet file of UTC instants (precision_timestamp_tz).
Prints one line per query and direction, then `N passed, N failed` per direction. A
direction listed in KNOWN (with the reason, as docs/substrait.md reports it) is shown as
`known` and does not fail the run; one that passes while listed fails it, so the list
stays true.
"""
import argparse, decimal, json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "Tests", "tpch"))
import conformance  # noqa: E402  (data generation, set-up SQL, DuckDB, row comparison)

from google.protobuf import json_format  # noqa: E402
from substrait import plan_pb2  # noqa: E402
import pyarrow as pa  # noqa: E402
from datafusion import SessionContext  # noqa: E402
from datafusion import substrait as ss  # noqa: E402

# (query, direction) → why it does not work; filled from the runs, see docs/substrait.md.
KNOWN = {}

ARROW = {"BIGINT": pa.int64(), "INTEGER": pa.int32(), "VARCHAR": pa.string(), "DATE": pa.date32()}


def arrow_type(sql_type):
    t = sql_type.upper()
    if t.startswith("DECIMAL"):
        p, s = t[t.index("(") + 1:t.index(")")].split(",")
        return pa.decimal128(int(p), int(s))
    if t.startswith("VARCHAR") or t.startswith("CHAR"):
        return pa.string()
    return ARROW[t]


def datafusion_context(directory):
    """DataFusion over the same CSV files, with the TPC-H schema's column types."""
    import re
    ctx = SessionContext()
    schema = open(os.path.join(conformance.FIXTURES, "schema.sql")).read()
    for m in re.finditer(r"CREATE TABLE (\w+) \((.*?)\);", schema, re.S):
        fields = []
        for line in m.group(2).split(",\n"):
            parts = line.split()
            fields.append(pa.field(parts[0], arrow_type(parts[1]), nullable="NOT" not in parts))
        ctx.register_csv(m.group(1), os.path.join(directory, f"{m.group(1)}.csv"), schema=pa.schema(fields), has_header=True)
    return ctx


def rounded_like(actual, expected):
    """DuckDB's doubles taken as the decimals the other engine returned where they differ by
    less than one unit of the decimal's last place (DataFusion's avg of DECIMAL(15,2) is a
    DECIMAL(19,6), truncated), so the result type's precision is no mismatch."""
    out = []
    for ra, re_ in zip(actual, expected):
        row = list(re_)
        for i, (a, e) in enumerate(zip(ra, re_)):
            # Within one unit of the decimal's last place (DataFusion truncates its averages).
            if isinstance(a, decimal.Decimal) and isinstance(e, float) and a.is_finite() and \
                    abs(decimal.Decimal(repr(e)) - a) <= decimal.Decimal(1).scaleb(a.as_tuple().exponent):
                row[i] = a
        out.append(row)
    return out


def compare(actual, expected, ordered):
    if len(actual) != len(expected):
        return f"{len(actual)} rows, expected {len(expected)}"
    a_rows, e_rows = (actual, expected) if ordered else (conformance.normalize(actual), conformance.normalize(expected))
    for i, (ra, re_) in enumerate(zip(a_rows, e_rows)):
        if len(ra) != len(re_) or not all(conformance.equal(x, y) for x, y in zip(ra, re_)):
            return f"row {i + 1}: got {ra}, expected {list(re_)}"
    return None


class Tally:
    """Outcomes per direction: `label direction ok|known: why|FAIL: problem` printed, counted
    as passed, failed or known (`known`: (key, direction) → why it does not work)."""

    def __init__(self, directions, known):
        self.counts = {d: [0, 0, 0] for d in directions}  # passed, failed, known
        self.known = known

    def report(self, key, label, direction, problem):
        known = self.known.get((key, direction))
        if problem is None and known is None:
            self.counts[direction][0] += 1
            print(f"{label} {direction} ok", flush=True)
        elif problem is not None and known is not None:
            self.counts[direction][2] += 1
            print(f"{label} {direction} known: {known}", flush=True)
        else:
            self.counts[direction][1] += 1
            print(f"{label} {direction} FAIL: {problem or 'passes but is listed as known: ' + known}", flush=True)

    def finish(self):
        """Prints `direction: N passed, N failed, N known` lines; exits 1 on a failure."""
        failed = 0
        for d, (p, f, k) in self.counts.items():
            print(f"{d}: {p} passed, {f} failed, {k} known")
            failed += f
        sys.exit(1 if failed else 0)


def exported_plan(binary, setup, sql, path):
    """planscope's plan of `sql` (written to `path`) in the protobuf model, where unknown fields
    are errors: (plan, None) or (None, why it does not parse); raises ExportError when
    planscope exports none."""
    proc = subprocess.run([binary, "substrait", "export", "--setup", setup, sql, "-o", path], capture_output=True, text=True)
    if proc.returncode != 0:
        raise ExportError("export failed: " + proc.stderr.strip())
    plan = plan_pb2.Plan()
    try:
        json_format.Parse(open(path).read(), plan)
    except json_format.ParseError as e:
        return None, f"not a Substrait 0.85 plan: {e}"
    return plan, None


class ExportError(Exception):
    pass


def datafusion_rows(ctx, plan_bytes):
    plan = ss.Serde.deserialize_bytes(plan_bytes)
    logical = ss.Consumer.from_substrait_plan(ctx, plan)
    table = ctx.create_dataframe_from_logical_plan(logical).to_arrow_table()
    return [list(r.values()) for r in table.to_pylist()]


def planscope_rows(binary, setup, path):
    proc = subprocess.run([binary, "substrait", "import", "--setup", setup, "--format", "json", path],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError((proc.stderr or proc.stdout).strip().splitlines()[0])
    doc = json.loads(proc.stdout, parse_float=decimal.Decimal)
    return [list(r.values()) for r in doc]


def timestamptz(binary, out, tally):
    """TIMESTAMPTZ both ways: planscope's precision_timestamp_tz types and literals run in
    DataFusion over a Parquet file of UTC instants, and DataFusion's plan of the same query
    (Timestamp(µs, "UTC")) runs in planscope; the instants must agree."""
    import pyarrow.parquet as pq
    path = os.path.join(out, "tstz.parquet")
    micros = [1711846799000000, 1711846800000000, None, 1729989000000000]
    pq.write_table(pa.table({"k": pa.array([1, 2, 3, 4], pa.int32()), "t": pa.array(micros, pa.timestamp("us", tz="UTC"))}), path)
    setup = os.path.join(out, "tstz-setup.sql")
    open(setup, "w").write(f"CREATE EXTERNAL TABLE ev STORED AS PARQUET LOCATION '{path}';\n")
    ctx = SessionContext()
    ctx.register_parquet("ev", path)
    wanted = [[2, 1711846800000000], [4, 1729989000000000]]

    def record(direction, problem):
        tally.report("timestamptz", "timestamptz", direction, problem)

    ours = "SELECT k, t FROM ev WHERE t >= TIMESTAMPTZ '2024-03-31 01:00:00+00' ORDER BY k"
    proc = subprocess.run([binary, "substrait", "export", "--setup", setup, ours], capture_output=True, text=True)
    try:
        plan = json_format.Parse(proc.stdout, plan_pb2.Plan())
        logical = ss.Consumer.from_substrait_plan(ctx, ss.Serde.deserialize_bytes(plan.SerializeToString()))
        table = ctx.create_dataframe_from_logical_plan(logical).to_arrow_table()
        got = [[k, t] for k, t in zip(table.column("k").to_pylist(), table.column("t").cast(pa.int64()).to_pylist())]
        kind = str(table.schema.field("t").type)
        record("to-df", None if got == wanted and kind == "timestamp[us, tz=UTC]" else f"{kind} {got}")
    except Exception as e:
        record("to-df", f"{proc.stderr.strip()[:200]} {str(e).splitlines()[0][:200]}")
    theirs = os.path.join(out, "tstz.datafusion.json")
    try:
        sql = "SELECT k, t FROM ev WHERE t >= CAST('2024-03-31T01:00:00Z' AS TIMESTAMP WITH TIME ZONE) ORDER BY k"
        df_plan = plan_pb2.Plan()
        df_plan.ParseFromString(ss.Serde.serialize_bytes(sql, ctx))
        open(theirs, "w").write(json_format.MessageToJson(df_plan))
        rows = planscope_rows(binary, setup, theirs)
        record("from-df", None if rows == [[2, "2024-03-31 01:00:00+00"], [4, "2024-10-27 00:30:00+00"]] else f"{rows}")
    except Exception as e:
        record("from-df", str(e)[:300])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--sf", default="0.01")
    ap.add_argument("--queries", default="")
    ap.add_argument("--keep", help="write the plans (planscope's and DataFusion's JSON) to this folder")
    args = ap.parse_args()
    directory = os.path.join(ROOT, ".build-tpch", f"sf{args.sf}")
    conformance.generate(args.sf, directory)
    setup = os.path.join(directory, "setup-plain.sql")
    open(setup, "w").write(conformance.setup_sql(directory, "plain"))
    out = args.keep or tempfile.mkdtemp(prefix="planscope-substrait-")
    os.makedirs(out, exist_ok=True)
    duck = conformance.duckdb_connection()
    duck.execute(f"CALL dbgen(sf={args.sf})")
    ctx = datafusion_context(directory)
    wanted = [int(q) for q in args.queries.split(",") if q] or list(range(1, 23))
    tally = Tally(("model", "to-df", "from-df"), KNOWN)

    def report(n, direction, problem):
        tally.report(n, f"q{n:02d}", direction, problem)

    for n in wanted:
        sql = open(os.path.join(conformance.FIXTURES, "queries", f"q{n:02d}.sql")).read()
        expected = duck.execute(sql).fetchall()
        ordered = "order by" in sql.lower()
        ours = os.path.join(out, f"q{n:02d}.planscope.json")
        try:
            plan, problem = exported_plan(args.binary, setup, sql, ours)
        except ExportError as e:
            for d in ("model", "to-df"):
                report(n, d, str(e))
        else:
            report(n, "model", problem)
            try:
                if problem is None:
                    rows = datafusion_rows(ctx, plan.SerializeToString())
                    problem = compare(rows, rounded_like(rows, expected) if len(rows) == len(expected) and ordered else expected, ordered)
            except Exception as e:  # DataFusion's errors
                problem = f"DataFusion: {str(e).splitlines()[0][:300]}"
            report(n, "to-df", problem)
        theirs = os.path.join(out, f"q{n:02d}.datafusion.json")
        try:
            df_plan = plan_pb2.Plan()
            df_plan.ParseFromString(ss.Serde.serialize_bytes(sql, ctx))
            open(theirs, "w").write(json_format.MessageToJson(df_plan))
            problem = compare(planscope_rows(args.binary, setup, theirs), expected, ordered)
        except Exception as e:
            problem = str(e)[:300]
        report(n, "from-df", problem)
    timestamptz(args.binary, out, tally)
    tally.finish()


if __name__ == "__main__":
    main()
