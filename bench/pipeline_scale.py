#!/usr/bin/env python3
"""Pipeline scale: a generated spec of N views and about 10·N dependency edges (each view
reads ten earlier views, chosen at random, or the one input), checked by `planscope graph
--hashes` (validated, every view's SQL parsed and its reads compared with its declared
dependencies, graphed and ordered, the contract hashed; no binding) and by `graph --check
--hashes` (every view bound in graph order as a run does). Prints, per command, the wall
time, the peak memory and the phases from the PLANSCOPE_LOG=info stage messages.

Usage: bench/pipeline_scale.py [views] [edges-per-view] [--scratch-path .build-release]
(default 100000 10; with --scratch-path the release build already made there is used)"""
import argparse, json, os, random, re, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ap = argparse.ArgumentParser()
ap.add_argument("views", nargs="?", type=int, default=100_000)
ap.add_argument("per", nargs="?", type=int, default=10)
ap.add_argument("--scratch-path", default=None)
ap.add_argument("--skip-check", action="store_true", help="only `graph --hashes`")
a = ap.parse_args()
if a.scratch_path is None:
    subprocess.run(["swift", "build", "-c", "release", "--product", "planscope"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
binary = os.path.join(ROOT, a.scratch_path or ".build", "release", "planscope")

rng = random.Random(7)
defs = []
edges = 0
for i in range(a.views):
    deps = sorted(set(f"v{rng.randrange(i)}" for _ in range(a.per))) if i >= a.per else ["src"]
    edges += len(deps)
    defs.append({"name": f"v{i}", "sql": "SELECT 1 AS x FROM " + ", ".join(deps), "view_dependencies": deps})
rng.shuffle(defs)
spec = {"version": 1,
        "input_relations": [{"logical_name": "src", "format": "inline", "columns": [{"name": "x", "type": "INTEGER"}], "rows": [[1]]}],
        "view_definitions": defs}
path = os.path.join(tempfile.mkdtemp(), "scale.json")
json.dump(spec, open(path, "w"))
size = os.path.getsize(path)


def run(args):
    """Wall seconds, peak MiB (of the planscope process only: /usr/bin/time) and the phases
    (name → seconds) of one command, with its contract."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", binary, *args, path], capture_output=True, text=True,
                          env={**os.environ, "PLANSCOPE_LOG": "info"})
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        print(proc.stderr[-2000:]); sys.exit(1)
    peak = int(proc.stderr.strip().splitlines()[-1]) / 1024
    phases = {}
    for line in proc.stderr.splitlines():
        if "pipeline spec read" in line:
            phases["read spec"] = int(re.search(r"micros=(\d+)", line).group(1)) / 1e6
        if "pipeline parse end" in line or "pipeline load end" in line:
            for name, micros in re.findall(r"(\w+)_micros=(\d+)", line):
                phases[name] = int(micros) / 1e6
    return elapsed, peak, phases, proc.stdout


print(f"{a.views:,} views, {edges:,} edges, {size / 2**20:.1f} MiB of JSON")
print()
commands = [("graph --hashes", ["graph", "--hashes"])]
if not a.skip_check:
    commands.append(("graph --check --hashes", ["graph", "--check", "--hashes"]))
# `graph --hashes` validates and builds the task graph on other threads while it reads the
# views' SQL: those two phases overlap `views` (their own durations are shown).
names = ["read spec", "validate", "views", "graph", "check", "inputs", "bind", "estimate", "contract"]
print("| command | whole command | " + " | ".join(names) + " | peak memory |")
print("|---|---:|" + "---:|" * len(names) + "---:|")
contracts = set()
for label, args in commands:
    elapsed, peak, phases, out = run(args)
    contracts.add(out)
    cells = [f"{phases[n]:.2f} s" if n in phases else "–" for n in names]
    print(f"| `{label}` | {elapsed:.2f} s | " + " | ".join(cells) + f" | {peak:.0f} MiB |")
if len(contracts) > 1:
    print("\nthe two commands gave different contracts!"); sys.exit(1)
