#!/usr/bin/env python3
"""Plan shape per TPC-H query, planscope next to DataFusion: number of joins (cross
joins separately), and for each scan the columns read and the filter conjuncts at or
directly above it.

Usage: bench/plan_shapes.py PLANSCOPE_BINARY   (needs datafusion in .build-venv)
"""
import json, os, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "Tests", "Fixtures", "tpch")


def conjuncts(text):
    # A top-level OR (lowest precedence, printed without parentheses) is one conjunct.
    depth = 0
    for t in re.split(r"(\(|\)| OR )", text):
        if t == "(": depth += 1
        if t == ")": depth -= 1
        if t == " OR " and depth == 0:
            return 1
    depth, parts, cur = 0, [], ""
    tokens = re.split(r"(\(|\)| AND )", text)
    for t in tokens:
        if t == "(": depth += 1
        if t == ")": depth -= 1
        if t == " AND " and depth == 0:
            parts.append(cur); cur = ""
        else:
            cur += t
    if cur.strip(): parts.append(cur)
    return len(parts)


def planscope_shape(binary, sql):
    out = subprocess.run([binary, "explain", "--no-demo", "-f", os.path.join(FIX, "schema.sql"), "--format", "json", sql],
                         capture_output=True, text=True, check=True).stdout
    plan = json.loads(out)["plan"]
    joins = cross = 0
    scans = []

    def walk(node, parent):
        nonlocal joins, cross
        name = node["node"]
        if name == "CrossJoin": cross += 1
        elif name.endswith("Join"): joins += 1
        if name == "TableScan":
            cols = len(node["schema"])
            filt = len(node.get("filters", []))
            if parent and parent["node"] == "Filter":
                filt += conjuncts(parent["predicate"])
            scans.append(f"{node['table']}({cols}c,{filt}f)")
        for child in node.get("subqueries", []) + node["inputs"]:
            walk(child, node)
    walk(plan, None)
    return joins, cross, sorted(scans)


def datafusion_shape(ctx, sql):
    text = str(ctx.sql(sql).optimized_logical_plan().display_indent())
    lines = text.split("\n")
    joins = sum(1 for l in lines if "Join:" in l and "Cross" not in l)
    cross = sum(1 for l in lines if "CrossJoin" in l or "Cross Join" in l)
    scans = []
    for i, l in enumerate(lines):
        m = re.search(r"TableScan: (\w+)(.*)", l)
        if not m: continue
        rest = m.group(2)
        pm = re.search(r"projection=\[(.*?)\]", rest)
        cols = len(pm.group(1).split(",")) if pm else -1
        filt = 0
        for key in ("full_filters", "partial_filters"):
            fm = re.search(key + r"=\[(.*)\]", rest)
            if fm: filt += fm.group(1).count(", ") + 1 if fm.group(1) else 0
        if i > 0 and lines[i - 1].strip().startswith("Filter:"):
            filt += conjuncts(lines[i - 1].strip()[len("Filter: "):])
        scans.append(f"{m.group(1)}({cols}c,{filt}f)")
    return joins, cross, sorted(scans)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "planscope")
    import datafusion
    ctx = datafusion.SessionContext()
    for stmt in open(os.path.join(FIX, "schema.sql")).read().split(";"):
        if stmt.strip(): ctx.sql(stmt).collect()
    print("| query | joins (ps / df) | cross joins (ps / df) | scans planscope: table(columns read, filters at scan) | scans DataFusion |")
    print("|---|---|---|---|---|")
    for n in range(1, 23):
        sql = open(os.path.join(FIX, "queries", f"q{n:02d}.sql")).read()
        pj, pc, ps = planscope_shape(binary, sql)
        try:
            dj, dc, ds = datafusion_shape(ctx, sql)
        except Exception as e:
            dj, dc, ds = "-", "-", [str(e).splitlines()[0]]
        print(f"| q{n:02d} | {pj} / {dj} | {pc} / {dc} | {' '.join(ps)} | {' '.join(ds)} |")


if __name__ == "__main__":
    main()
