#!/usr/bin/env python3
"""Pipeline scale: a generated spec of N views and about 10·N dependency edges (each view
reads ten earlier views, chosen at random, or the one input), validated, bound through
the parser and binder (every view's SQL checked against its declared dependencies),
graphed and ordered by `planscope graph --hashes` (release build). Prints wall time and
peak memory, with the time split taken from PLANSCOPE_LOG=info stage messages.

Usage: bench/pipeline_scale.py [views] [edges-per-view]   (default 100000 10)"""
import json, os, random, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
views = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
per = int(sys.argv[2]) if len(sys.argv) > 2 else 10
subprocess.run(["swift", "build", "-c", "release", "--product", "planscope"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
binary = os.path.join(ROOT, ".build", "release", "planscope")

rng = random.Random(7)
defs = []
edges = 0
for i in range(views):
    deps = sorted(set(f"v{rng.randrange(i)}" for _ in range(per))) if i >= per else ["src"]
    edges += len(deps)
    defs.append({"name": f"v{i}", "sql": "SELECT 1 AS x FROM " + ", ".join(deps), "view_dependencies": deps})
rng.shuffle(defs)
spec = {"version": 1,
        "input_relations": [{"logical_name": "src", "format": "inline", "columns": [{"name": "x", "type": "INTEGER"}], "rows": [[1]]}],
        "view_definitions": defs}
path = os.path.join(tempfile.mkdtemp(), "scale.json")
json.dump(spec, open(path, "w"))
size = os.path.getsize(path)

# Peak memory of the planscope process only (not of the build above): /usr/bin/time.
start = time.perf_counter()
proc = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "graph", "--hashes", path], capture_output=True, text=True,
                      env={**os.environ, "PLANSCOPE_LOG": "info"})
elapsed = time.perf_counter() - start
if proc.returncode != 0:
    print(proc.stderr[-2000:]); sys.exit(1)
peak = int(proc.stderr.strip().splitlines()[-1]) / 1024
stages = [l for l in proc.stderr.splitlines() if "pipeline load" in l]
load_ms = next((int(l.split("micros=")[1].split()[0]) / 1000 for l in stages if "micros=" in l), float("nan"))
print(f"| views | edges | spec size | whole command | of which validate + bind + graph + order | peak memory |")
print(f"|---:|---:|---:|---:|---:|---:|")
print(f"| {views:,} | {edges:,} | {size / 2**20:.1f} MiB | {elapsed:.2f} s | {load_ms / 1000:.2f} s | {peak:.0f} MiB |")
