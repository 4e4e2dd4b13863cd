#!/usr/bin/env bash
# Median time to parse and bind all 22 TPC-H queries (release build).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product PlanBench >/dev/null
exec .build/release/PlanBench parse-bind "${1:-200}"
