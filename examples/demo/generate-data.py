#!/usr/bin/env python3
"""Regenerates examples/demo/data deterministically (the files are committed; run this only
to change them): TPC-H-shaped tables from planscope's own demo generator, hive-partitioned
shipment events, and read/gene spans for interval_align.

Usage: examples/demo/generate-data.py [.build/debug/planscope]"""
import os, random, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", ".build", "debug", "planscope")
data = os.path.join(here, "data")
os.makedirs(data, exist_ok=True)
for table in ["region", "nation", "supplier", "customer", "orders"]:
    out = subprocess.run([binary, "--demo", "-c", f"SELECT * FROM {table}", "--format", "csv"], check=True, capture_output=True, text=True).stdout
    open(os.path.join(data, f"{table}.csv"), "w").write(out)
rng = random.Random(20261130)
for month in range(1, 7):
    d = os.path.join(data, f"events/year=2024/month={month}")
    os.makedirs(d, exist_ok=True)
    with open(f"{d}/part-0.csv", "w") as f:
        f.write("event_id,o_orderkey,kind,weight\n")
        for i in range(40):
            f.write(f"{month * 1000 + i},{rng.randint(1, 1500)},{rng.choice(['shipped','delayed','returned'])},{rng.randint(1, 500) / 10}\n")
with open(os.path.join(data, "reads.csv"), "w") as f:
    f.write("read_id,path,bstart,bend,quality\n")
    for i in range(120):
        path = rng.choice(["chr1", "chr2"]); start = rng.randint(0, 9000)
        f.write(f"r{i:03d},{path},{start},{start + rng.randint(50, 400)},{rng.randint(10, 60)}\n")
with open(os.path.join(data, "genes.csv"), "w") as f:
    f.write("gene,path,bstart,bend\n")
    for i in range(30):
        path = rng.choice(["chr1", "chr2"]); start = rng.randint(0, 9000)
        f.write(f"g{i:02d},{path},{start},{start + rng.randint(200, 1500)}\n")
