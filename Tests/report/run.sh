#!/usr/bin/env bash
# The HTML report in a real browser (headless Debian chromium, no network): planscope
# report on TPC-H Q5 over the demo tables, read as the browser builds it (--dump-dom) and
# drawn (--screenshot); trace import reads the report back; \report at the REPL and
# --no-analyze. Usage: Tests/report/run.sh PLANSCOPE  (about half a minute)
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.."
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
check() {  # name, expected, actual
  if [ "$2" = "$3" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $1: expected '$2', got '$3'"; fi
}
browser() { timeout 90 chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$T/profile" "$@" 2>/dev/null; }

"$BIN" report --demo "$(cat Tests/Fixtures/tpch/queries/q05.sql)" -o "$T/q5.html" 2>/dev/null
check "report writes the file" "0" "$?"
check "nothing from the network: no URL to fetch" "0" "$(grep -c -E 'src=|href="http|@import|url\(' "$T/q5.html")"
browser --dump-dom "file://$T/q5.html" > "$T/dom.html"
check "the page as chromium builds it: every section, every step, the diffs, the pushdown, the Analyze tree" "True" "$(python3 - "$T/dom.html" <<'PY'
import re, sys, html
dom = open(sys.argv[1]).read()
text = html.unescape(re.sub(r"<[^>]+>", " ", dom))
steps = re.findall(r'<tr class="(?:changed|same)">', dom)
print(all(s in text for s in ["Optimizer trace", "Pushdown", "Analyze", "Manifest", "push_down_filter", "cost_based_join_order",
                              "predicates moved", "HashJoinExec", "Σ self", "lineitem (memory)", "exact", "relation_planners"])
      and len(steps) == 40 and 'class="bar"' in dom and 'class="warn"' in dom and 'id="planscope-data"' in dom)
PY
)"
browser --hide-scrollbars --window-size=1280,2400 --screenshot="$T/q5.png" "file://$T/q5.html" >/dev/null
check "chromium draws it (a PNG of some size)" "True" "$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1]) > 50000)" "$T/q5.png" 2>&1)"
[ -n "${REPORT_SCREENSHOT:-}" ] && cp "$T/q5.png" "$REPORT_SCREENSHOT"
imported=$("$BIN" trace import "$T/q5.html")
check "trace import reopens the report" "True" \
  "$(python3 -c "import sys; t=sys.argv[1]; print(t.startswith('trace: 40 steps') and 'after 9 push_down_filter (pass 1):' in t)" "$imported")"
"$BIN" report --demo --no-analyze "SELECT r_name FROM region" -o "$T/plan.html" 2>/dev/null
check "--no-analyze: planned, not run" "True" "$(python3 -c "import sys; t=open(sys.argv[1]).read(); print('not run' in t and 'Σ self' not in t)" "$T/plan.html")"
printf '%s\n' "SELECT r_name FROM region WHERE r_regionkey > 1;" "\\report $T/repl.html" | "$BIN" --demo >/dev/null 2>&1
check "\\report at the REPL writes the query in view" "True" "$(python3 -c "import sys; t=open(sys.argv[1]).read(); print('r_regionkey &gt; 1' in t or 'r_regionkey > 1' in t)" "$T/repl.html" 2>&1)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
