#!/usr/bin/env bash
# Parquet interoperability beyond what .ci/test runs (SF 0.01, DuckDB's ZSTD files): TPC-H at
# a larger scale factor over
#   1. DuckDB's files with ZSTD and with Snappy, read by planscope (22 queries equal to DuckDB);
#   2. planscope's own files (COPY … TO with every codec; lineitem in several row groups),
#      read by DuckDB, DataFusion and planscope (22 queries each, equal to DuckDB over its
#      own tables).
# Usage: bench/parquet-check.sh [SF] [PLANSCOPE]   (defaults: 0.1, .build/debug/planscope)
set -euo pipefail
cd "$(dirname "$0")/.."
sf=${1:-0.1}
bin=${2:-.build/debug/planscope}
py=.build-venv/bin/python
[[ -x $bin ]] || swift build --product planscope >&2
echo "== DuckDB's files, ZSTD, SF $sf: planscope's answers against DuckDB's"
$py Tests/tpch/conformance.py "$bin" --sf "$sf" --layout parquet | tail -1
echo "== DuckDB's files, Snappy, SF $sf"
$py Tests/tpch/conformance.py "$bin" --sf "$sf" --layout parquet-snappy | tail -1
echo "== planscope's files, SF $sf: DuckDB, DataFusion and planscope answer over them"
$py Tests/parquet/write.py "$bin" --sf "$sf" --tpch-only
