#!/usr/bin/env python3
"""TPC-H in planscope, DuckDB and DataFusion in one run, all on tables already loaded in
memory (load times reported separately), or with --format parquet every engine reading
the eight tables' Parquet files (written by DuckDB, ZSTD, row groups of 122,880 rows) in
every query: DuckDB through read_parquet views, DataFusion through register_parquet,
planscope through CREATE EXTERNAL TABLE … STORED AS PARQUET.

Usage: bench/tpch.py [--sf 0.1 1] [--runs 3] [--timeout 60] [--format csv|parquet]
Needs .build-venv with duckdb 1.4.4, duckdb-ext-tpch 1.4.4 and datafusion 55.0.0 (pinned so
figures compare across machines: .ci/ensure-deps --bench). Builds PlanBench in release.
Prints per-query medians (ms), totals, the ratios planscope/DuckDB and
planscope/DataFusion, and each engine's peak memory.

Each engine runs in a process of its own, strictly one after another, so each is freed
before the next starts and its peak resident memory is its own (os.wait4). Before data is
generated the free disk space is checked against what the scale factor's files need (about
1.1 GB of CSV per scale factor, plus 0.4 GB of Parquet with --format parquet), and the
available memory is reported, so `--sf 10 --runs 1` (about 11 GB of CSV) fails early with
one line instead of filling the disk.
"""
import argparse, json, os, shutil, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "Tests", "tpch"))
sys.path.insert(0, HERE)
from peers import use_bench_venv  # noqa: E402

use_bench_venv()
import conformance  # noqa: E402  (data generation and DuckDB set-up)

QUERIES = os.path.join(ROOT, "Tests", "Fixtures", "tpch", "queries")
TABLES = ["customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"]


def query_text(n):
    return open(os.path.join(QUERIES, f"q{n:02d}.sql")).read()


def timed(fn, runs, timeout):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
        if times[-1] / 1000 > timeout / 3:
            break
    return statistics.median(times)


def bench_duckdb(sf, runs, timeout, parquet=None):
    con = conformance.duckdb_connection()
    t = time.perf_counter()
    if parquet:
        for name in TABLES:
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{parquet}/{name}.parquet')")
    else:
        con.execute(f"CALL dbgen(sf={sf})")
    load = time.perf_counter() - t
    return load, {n: timed(lambda: con.execute(query_text(n)).fetchall(), runs, timeout) for n in range(1, 23)}


def bench_datafusion(directory, runs, timeout, parquet=None):
    import datafusion
    ctx = datafusion.SessionContext()
    schema = open(os.path.join(ROOT, "Tests", "Fixtures", "tpch", "schema.sql")).read()
    t = time.perf_counter()
    for name in TABLES:
        if parquet:
            ctx.register_parquet(name, f"{parquet}/{name}.parquet")
            continue
        cols = schema.split(f"CREATE TABLE {name} (")[1].split(");")[0]
        ctx.sql(f"CREATE EXTERNAL TABLE {name}_csv ({cols}) STORED AS CSV LOCATION '{directory}/{name}.csv' OPTIONS ('format.has_header' 'true')").collect()
        ctx.sql(f"CREATE TABLE {name} AS SELECT * FROM {name}_csv").collect()
    load = time.perf_counter() - t
    out = {}
    for n in range(1, 23):
        try:
            out[n] = timed(lambda: ctx.sql(query_text(n)).collect(), runs, timeout)
        except Exception as e:  # report, keep going
            print(f"datafusion q{n}: {str(e).splitlines()[0]}", file=sys.stderr)
            out[n] = None
    return load, out


def bench_planscope(directory, runs, timeout, parquet=None):
    subprocess.run(["swift", "build", "-c", "release", "--product", "PlanBench"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    env = {**os.environ, "PLANBENCH_LAYOUT": "parquet"} if parquet else None
    proc = subprocess.run([os.path.join(ROOT, ".build", "release", "PlanBench"), "tpch", parquet or directory, str(runs),
                           ",".join(str(n) for n in range(1, 23)), str(timeout)],
                          capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
    load, peak, out = None, None, {}
    for line in proc.stdout.splitlines():
        d = json.loads(line)
        if "load_s" in d: load = d["load_s"]
        elif "peak_rss" in d: peak = d["peak_rss"]
        elif "median_ms" in d: out[d["query"]] = d["median_ms"]
        elif "timeout_s" in d: out[d["query"]] = None
    return load, peak, out


CSV_BYTES_PER_SF = 1.1e9
PARQUET_BYTES_PER_SF = 0.4e9


def check_disk(sf, directory, parquet):
    """Exits with one line when the disk cannot hold the files this scale factor still needs."""
    need = 0.0
    if not os.path.exists(os.path.join(directory, "done")):
        need += CSV_BYTES_PER_SF * float(sf)
    if parquet and not os.path.exists(os.path.join(directory, "parquet", "done")):
        need += PARQUET_BYTES_PER_SF * float(sf)
    os.makedirs(os.path.dirname(directory), exist_ok=True)
    free = shutil.disk_usage(os.path.dirname(directory)).free
    if need * 1.2 > free:
        sys.exit(f"tpch.py: SF {sf} needs about {need / 1e9:.1f} GB more under {os.path.dirname(directory)}, "
                 f"but only {free / 1e9:.1f} GB are free")
    available = memory_available()
    print(f"SF {sf}: {free / 1e9:.1f} GB of disk free ({need / 1e9:.1f} GB to write); "
          f"{available / 2**30:.1f} GiB of memory available" if available else
          f"SF {sf}: {free / 1e9:.1f} GB of disk free ({need / 1e9:.1f} GB to write)", file=sys.stderr)


def memory_available():
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def in_child(args):
    """Runs this script again with `args` in a process of its own; returns its last stdout
    line as JSON and the process's peak resident bytes."""
    proc = subprocess.Popen([sys.executable, os.path.abspath(__file__)] + args, stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    lines = [line for line in out.splitlines() if line.strip()]
    if proc.returncode != 0 or not lines:
        why = "killed: out of memory?" if proc.returncode == -9 else f"exit {proc.returncode}"
        print(f"tpch.py: {' '.join(args[1:3])} failed ({why}); its column shows n/a", file=sys.stderr)
        return None, usage.ru_maxrss * 1024
    return json.loads(lines[-1]), usage.ru_maxrss * 1024


def child_main(argv):
    """`--child generate SF DIR FORMAT` or `--child duckdb|datafusion SF DIR RUNS TIMEOUT PARQUET`."""
    what = argv[0]
    if what == "generate":
        sf, directory, fmt_ = argv[1:4]
        conformance.generate(sf, directory)
        parquet = conformance.write_parquet(directory) if fmt_ == "parquet" else None
        print(json.dumps({"parquet": parquet}))
        return
    sf, directory, runs, timeout, parquet = argv[1], argv[2], int(argv[3]), float(argv[4]), argv[5] or None
    if what == "duckdb":
        load, times = bench_duckdb(sf, runs, timeout, parquet)
    else:
        load, times = bench_datafusion(directory, runs, timeout, parquet)
    print(json.dumps({"load": load, "times": times}))


def fmt(v):
    return v if isinstance(v, str) else "timeout" if v is None else f"{v:.1f}"


def num(v):
    """A time that took place (not a timeout, not an engine that failed)."""
    return v if isinstance(v, float) and v > 0 else None


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2:])
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--sf", nargs="+", default=["0.1", "1"])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--format", choices=["csv", "parquet"], default="csv",
                    help="csv: tables loaded into memory first (default); parquet: every query reads the Parquet files")
    args = ap.parse_args()
    for sf in args.sf:
        directory = os.path.join(ROOT, ".build-tpch", f"sf{sf}")
        check_disk(sf, directory, args.format == "parquet" or float(sf) >= 10)
        # DataFusion's in-memory tables from CSV do not fit in 24 GiB at SF 10 (killed at
        # 24 GB resident while loading): from SF 10 on it reads DuckDB's Parquet files.
        df_parquet = args.format == "csv" and float(sf) >= 10
        generated, _ = in_child(["--child", "generate", sf, directory, "parquet" if df_parquet else args.format])
        if generated is None:
            sys.exit(f"tpch.py: generating SF {sf} failed")
        parquet = generated["parquet"] if args.format == "parquet" else None
        p_load, peak, p = bench_planscope(directory, args.runs, args.timeout, parquet)
        print(f"planscope: {json.dumps({'load': p_load, 'peak': peak, 'times': p})}", file=sys.stderr)
        peers = {}
        for engine in ("duckdb", "datafusion"):
            source = generated["parquet"] if engine == "datafusion" and df_parquet else parquet
            result, rss = in_child(["--child", engine, sf, directory, str(args.runs), str(args.timeout), source or ""])
            if result is None:
                peers[engine] = (float("nan"), {n: "n/a" for n in range(1, 23)}, rss)
                continue
            print(f"{engine}: {json.dumps(result)} peak {rss}", file=sys.stderr)
            peers[engine] = (result["load"], {int(k): v for k, v in result["times"].items()}, rss)
        d_load, d, d_peak = peers["duckdb"]
        f_load, f, f_peak = peers["datafusion"]
        if parquet:
            print(f"\nTPC-H SF {sf} from Parquet (DuckDB's files, ZSTD), {args.runs} runs, median ms, every query reading "
                  f"the files (set-up: planscope {p_load:.2f}s, DuckDB {d_load:.2f}s, DataFusion {f_load:.2f}s)")
        else:
            f_from = "set-up over DuckDB's Parquet files (ZSTD), read by every query" if df_parquet else "from CSV"
            print(f"\nTPC-H SF {sf}, {args.runs} runs, median ms (load: planscope {p_load:.1f}s from CSV, "
                  f"DuckDB {d_load:.1f}s dbgen, DataFusion {f_load:.1f}s {f_from})")
        print("| query | planscope | DuckDB | DataFusion | planscope/DuckDB | planscope/DataFusion |")
        print("|---|---:|---:|---:|---:|---:|")
        for n in range(1, 23):
            pv, dv, fv = num(p.get(n)), num(d.get(n)), num(f.get(n))
            r1 = f"{pv / dv:.1f}x" if pv and dv else "-"
            r2 = f"{pv / fv:.1f}x" if pv and fv else "-"
            print(f"| q{n:02d} | {fmt(p.get(n))} | {fmt(d.get(n))} | {fmt(f.get(n))} | {r1} | {r2} |")
        done = [n for n in range(1, 23) if num(p.get(n)) and num(d.get(n)) and num(f.get(n))]
        if done:
            tp, td, tf = (sum(x[n] for n in done) for x in (p, d, f))
            print(f"| total ({len(done)} queries all three finished) | {tp:.1f} | {td:.1f} | {tf:.1f} | "
                  f"{tp / td:.1f}x | {tp / tf:.1f}x |")
        else:
            pd = [n for n in range(1, 23) if num(p.get(n)) and num(d.get(n))]
            tp, td = (sum(x[n] for n in pd) for x in (p, d))
            print(f"| total ({len(pd)} queries planscope and DuckDB finished) | {tp:.1f} | {td:.1f} | n/a | "
                  f"{tp / td:.1f}x | - |" if pd else "| total | - | - | - | - | - |")
        mib = lambda b: f"{b / 2**20:,.0f} MiB" if b else "n/a"  # noqa: E731
        print(f"peak memory (resident, each engine in its own process): planscope {mib(peak)}, "
              f"DuckDB {mib(d_peak)}, DataFusion {mib(f_peak)}")


if __name__ == "__main__":
    main()
