#!/usr/bin/env bash
# Long expressions in the release build: AND/OR/IN chains of 100,000 terms, +/-/|| chains
# of 10,000 (the limit), and the nesting limits; each shape's time. Usage: bench/deep-expr.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product planscope > /dev/null
python3 Tests/cli/deep_expressions.py .build/release/planscope --large
