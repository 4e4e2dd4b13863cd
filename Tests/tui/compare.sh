#!/usr/bin/env bash
# :\compare in the TUI, in a real terminal (tmux), at 120×40 and 80×24 on the demo tables:
# the two plans side by side in the trace pane's place (zoomed in the one-pane layout), the
# changed scan marked ~ on both sides and the filter the none rulepack keeps marked +, w
# wraps each side in its column, → scrolls both sideways, Esc and \compare off go back to
# the trace.
# Usage: Tests/tui/compare.sh PLANSCOPE
set -u
source "$(dirname "$0")/lib.sh" compare "$1"

query="SELECT o_orderkey, o_totalprice FROM orders WHERE o_totalprice > 1000 AND o_orderstatus = 'O'"
# The right-hand column's text (after the separator, before the border), rows joined, spaces left out.
right='"".join(r.split(" │ ", 1)[1].rstrip("┃▐ ") for r in rows if " │ " in r).replace(" ", "")'
for size in 120x40 80x24; do
  w=${size%x*}; h=${size#*x}
  start_sized "$w" "$h" --demo
  check "$size: tui --demo" "planscope · demo"
  command_line "\\compare rulepack default none $query"
  check "$size: the comparison in the trace pane's place, its title naming both sides" "Compare · rulepack default | rulepack none"
  check_not "$size: the trace is not shown" "Optimizer trace"
  check_rows "$size: the changed scan marked ~ on both sides of one row" \
    'any(r.count("~") == 2 and r.count("TableScan: orders") == 2 for r in rows)'
  check "$size: the filter kept by the none rulepack, added on the right" "+   Filter: orders.o_totalprice"
  check "$size: the diff's summary" "1 node changed, 0 removed, 1 added; 1 predicate moved"
  check_rows "$size: a line cut at the column's edge ends in …" 'any("TableScan: orders projection" in r and "… │" in r for r in rows)'
  if [ "$size" = 80x24 ]; then
    check_not "$size: shown as the zoomed pane (no tab strip)" "Tab switch"
  fi
  keys w
  check "$size: w wraps" "· wrapped"
  check_rows "$size: the added filter whole in its column" "'Filter:orders.o_totalprice>CAST(Int64(1000)ASDecimal128(15,2))' in $right"
  keys w Right
  check "$size: → scrolls both sides" "rulepack none · →"
  check_rows "$size: text left of the view marked …" 'any(r.startswith("┃…") for r in rows)'
  keys Escape
  check "$size: Esc goes back to the trace" "Optimizer trace"
  check_not "$size: the comparison closed" "Compare · rulepack"
  [ "$size" = 80x24 ] && check "$size: with the tab strip back" "Tab switch"
  command_line "\\compare rulepack default none $query"
  check "$size: compared again" "Compare · rulepack default | rulepack none"
  command_line "\\compare off"
  check "$size: \\compare off goes back too" "Optimizer trace"
  keys q
  check "$size: q quits" "EXITED 0"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
