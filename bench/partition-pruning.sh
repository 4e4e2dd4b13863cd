#!/usr/bin/env bash
# A query with a selective partition predicate over 120 hive partitions (10 years x 12
# months), with pruning and with the filter pushdown rule off (release build).
# Prints files/rows/bytes read and median times.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product PlanBench >/dev/null
exec .build/release/PlanBench partitions "${1:-2000}"
