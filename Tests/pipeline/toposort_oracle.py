#!/usr/bin/env python3
"""planscope's task-graph order against networkx's lexicographical_topological_sort on random
DAGs: each DAG becomes a pipeline spec whose views read exactly their dependencies, and
`planscope pipeline graph --format json` must list the views in networkx's order.

Usage: Tests/pipeline/toposort_oracle.py PLANSCOPE [count]   (prints `N passed, N failed`)"""
import json, os, random, string, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor
import networkx as nx

binary = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
rng = random.Random(20261130)
work = tempfile.mkdtemp(prefix="toposort-")

def random_dag(i):
    n = rng.randint(1, 30)
    names = set()
    while len(names) < n:
        names.add("".join(rng.choice(string.ascii_lowercase[:6]) for _ in range(rng.randint(1, 3))) + "_v")
    names = list(names)
    rng.shuffle(names)  # a hidden order that guarantees no cycle
    p = rng.choice([0.05, 0.2, 0.5])
    deps = {v: [u for u in names[:k] if rng.random() < p] for k, v in enumerate(names)}
    return names, deps

def check(case):
    i, names, deps, listed = case
    views = [{"name": v, "sql": "SELECT 1 AS x" + (" FROM " + ", ".join(deps[v]) if deps[v] else ""), "view_dependencies": deps[v]}
             for v in listed]
    path = os.path.join(work, f"dag{i}.json")
    json.dump({"version": 1, "view_definitions": views}, open(path, "w"))
    out = subprocess.run([binary, "pipeline", "graph", "--format", "json", path], capture_output=True, text=True)
    if out.returncode != 0:
        return f"dag {i}: planscope failed: {out.stderr.strip()}"
    ours = json.loads(out.stdout)["order"]
    g = nx.DiGraph()
    g.add_nodes_from(names)
    g.add_edges_from((u, v) for v in names for u in deps[v])
    theirs = list(nx.lexicographical_topological_sort(g))
    return None if ours == theirs else f"dag {i}: planscope {ours} networkx {theirs}"

cases = []
for i in range(count):
    names, deps = random_dag(i)
    listed = sorted(names, key=lambda _: rng.random())  # the spec lists views in a random order
    cases.append((i, names, deps, listed))
with ThreadPoolExecutor(max_workers=2) as pool:
    results = list(pool.map(check, cases))
failures = [r for r in results if r]
for f in failures[:10]:
    print(f)
print(f"{count - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
