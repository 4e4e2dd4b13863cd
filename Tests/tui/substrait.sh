#!/usr/bin/env bash
# An imported Substrait plan in the TUI, in a real terminal (tmux), at 120×40 and 80×24:
# :\substrait load puts the plan's optimizer trace and pushdown report into the panes,
# titled by its file, c and ] step its trace, :\pushdown reports on it (not on the query
# before it); `tui --substrait FILE` opens on it; a bad plan file is one error line.
# Usage: Tests/tui/substrait.sh PLANSCOPE
set -u
source "$(dirname "$0")/lib.sh" substrait "$1"
# Exported under the rulepack none (as a plan from an engine that did not optimize it), so
# planscope's optimizer changes it when it is read.
echo "SET optimizer.rulepack = 'none';" > "$STATE/none.sql"
"$BIN" substrait export --demo --setup "$STATE/none.sql" "SELECT o_orderkey, o_totalprice FROM orders WHERE o_totalprice > 1000 AND o_orderstatus = 'O'" \
  -o "$STATE/orders-plan.json" || { echo "FAIL: export"; exit 1; }
printf '{"relations": [' > "$STATE/cut.json"

for size in 120x40 80x24; do
  w=${size%x*}; h=${size#*x}
  start_sized "$w" "$h" --demo
  check "$size: tui --demo" "planscope · demo"
  command_line "SELECT count(*) FROM lineitem WHERE l_quantity > 45"
  [ "$size" = 80x24 ] && keys Tab   # (the one-pane layout shows the task graph)
  check "$size: a query's trace first" "Optimizer trace · query"
  command_line "\\substrait load $STATE/orders-plan.json"
  check "$size: the imported plan's trace, titled by its file" "Optimizer trace · orders-plan.json"
  keys c ]
  check "$size: c and ] step to the first change of the imported plan" "after 1 simplify_expressions"
  # The Pushdown pane (beside the trace at 120×40; Tab reaches it in the one-pane layout).
  [ "$size" = 80x24 ] && keys Tab
  check "$size: the Pushdown pane reports on the imported plan" "Pushdown · orders-plan.json · 1 scan"
  command_line "\\pushdown"
  [ "$size" = 120x40 ] && check "$size: \\pushdown reports on the imported plan's scan" "orders.o_totalprice"
  keys q
  check "$size: q quits" "EXITED 0"

  start_sized "$w" "$h" --substrait "$STATE/orders-plan.json"
  check "$size: tui --substrait opens on the plan" "Optimizer trace · orders-plan.json"
  keys q
  check "$size: q quits" "EXITED 0"
done

start_sized 120 40 --substrait "$STATE/cut.json"
check "a damaged plan is one error line before the screen opens" "cut.json"
check "and a failing exit status" "EXITED 1"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
