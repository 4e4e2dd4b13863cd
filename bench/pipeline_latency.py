#!/usr/bin/env python3
"""Pipeline latency: does a view take as long inside `pipeline run` as alone?

For each view of the demo spec that reads only inputs, its time (the run report's
end_ms - start_ms) inside the whole demo pipeline, beside its time in a pipeline of that
view alone, each the median of R runs of the release build; once on every CPU and once
pinned to one CPU (`taskset -c 0`, where a worker that waited for queued work used to
stall until the system added a thread: about 1,000 ms a view). Also the whole run's
wall time.

Usage: bench/pipeline_latency.py [runs]   (default 7)"""
import copy, json, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
subprocess.run(["swift", "build", "-c", "release", "--product", "planscope"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
binary = os.path.join(ROOT, ".build", "release", "planscope")

work = tempfile.mkdtemp()
shutil.copytree(os.path.join(ROOT, "examples", "demo", "data"), os.path.join(work, "data"))
demo = json.load(open(os.path.join(ROOT, "examples", "demo", "pipeline.json")))
demo.pop("$schema", None)
inputs = {r["logical_name"] for r in demo["input_relations"]}
leaves = [v for v in demo["view_definitions"] if set(v["view_dependencies"]) <= inputs]


def write(spec, name):
    path = os.path.join(work, name)
    json.dump(spec, open(path, "w"))
    return path


def alone_spec(view):
    spec = copy.deepcopy(demo)
    spec["view_definitions"] = [view]
    spec["output_targets"] = []
    return spec


def view_times(path, pinned):
    """Median ms of each view and of the whole run over `runs` runs."""
    cmd = (["taskset", "-c", "0"] if pinned else []) + [binary, "pipeline", "run", "--format", "json", path]
    per, walls = {}, []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=work)
        walls.append((time.perf_counter() - start) * 1000)
        if out.returncode != 0:
            sys.exit(out.stderr)
        for v in json.loads(out.stdout)["views"]:
            per.setdefault(v["name"], []).append(v["end_ms"] - v["start_ms"])
    return {k: statistics.median(v) for k, v in per.items()}, statistics.median(walls)


whole = write(demo, "pipeline.json")
print(f"pipeline latency, release build, median of {runs} runs (ms)")
print(f"{'view':<20} {'cpus':<6} {'alone':>8} {'in pipeline':>12} {'ratio':>6}")
for pinned in (False, True):
    label = "1" if pinned else str(os.cpu_count())
    inside, wall = view_times(whole, pinned)
    for view in leaves:
        alone, _ = view_times(write(alone_spec(view), f"alone-{view['name']}.json"), pinned)
        a, p = alone[view["name"]], inside[view["name"]]
        print(f"{view['name']:<20} {label:<6} {a:8.1f} {p:12.1f} {p / a:6.2f}")
    print(f"{'(whole run, wall)':<20} {label:<6} {'':>8} {wall:12.1f}")
shutil.rmtree(work)
