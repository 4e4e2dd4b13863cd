#!/usr/bin/env bash
# Other engines' traces in the TUI, in a real terminal (tmux), at 120×40 and 80×24:
# :\trace load of DataFusion's EXPLAIN VERBOSE fills the trace pane (title with the file
# and engine), c and ] step to push_down_filter with its tree diff beside the steps,
# :\compare step shows two steps side by side and Esc goes back to the imported trace,
# Spark's plan change log loads the same way, and a damaged trace is one error line.
# Usage: Tests/tui/traces.sh PLANSCOPE
set -u
source "$(dirname "$0")/lib.sh" traces "$1"
TR=Tests/Fixtures/traces
head -n 100 $TR/datafusion/q06.explain.txt > "$STATE/cut.txt"

for size in 120x40 80x24; do
  w=${size%x*}; h=${size#*x}
  start_sized "$w" "$h" --demo
  check "$size: tui --demo" "planscope · demo"
  command_line "\\trace load $TR/datafusion/q03.txt"
  check "$size: the imported trace in the trace pane, titled by its file and engine" "Trace · q03.txt · DataFusion EXPLAIN VERBOSE"
  check "$size: its first steps listed" "type_coercion"
  keys c ] ] ] ] ]
  check "$size: c and ] reach push_down_filter" "after 22 push_down_filter"
  check "$size: the Filter over the joins removed" "−         Filter: customer.c_mktsegment"
  check "$size: a Filter added over the lineitem scan" "+           Filter: lineitem.l_shipdate"
  command_line "\\compare step 21 22"
  check "$size: two steps side by side" "Compare · step 21 push_down_limit | step 22 push_down_filter"
  keys Escape
  check "$size: Esc goes back to the imported trace" "Trace · q03.txt"
  command_line "\\trace load $TR/spark/q01.log"
  check "$size: Spark's plan change log" "Trace · q01.log · Spark plan change log"
  command_line "\\trace load $STATE/cut.txt"
  # (in the one-pane layout the result pane, where errors go, is behind the trace)
  [ "$size" = 120x40 ] && check "$size: a cut trace is one error line naming the line" "line 100: the table has no closing border"
  check "$size: the trace in view stays" "Trace · q01.log"
  keys q
  check "$size: q quits" "EXITED 0"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
