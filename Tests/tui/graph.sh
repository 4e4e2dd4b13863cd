#!/usr/bin/env bash
# The task graph drawn as a graph, the layouts and the plan's last-change strip in a real
# terminal (tmux), at 120×40 and 80×24, on the demo pipeline (examples/demo/pipeline.json):
# v draws the graph (edges in box-drawing characters, the critical path), r puts each
# view's time under it as a bar, v goes back to the list; L switches to plan-wide (or says
# it needs a wider window); z in the one-pane layout hides the tab strip and status row;
# b jumps to the step that last changed the node under the plan's cursor.
# Usage: Tests/tui/graph.sh PLANSCOPE
set -u
source "$(dirname "$0")/lib.sh" graph "$1"

# Box-drawing edges: a corner or a junction on a row without pane borders' heavy lines.
edges='any(c in r[1:-1] for r in rows[2:-1] for c in "┌┐└┘┬┴├┤┼")'
for size in 120x40 80x24; do
  w=${size%x*}; h=${size#*x}
  start_sized "$w" "$h" examples/demo/pipeline.json
  check "$size: the task graph as a list" "Task graph · pipeline.js"
  check "$size: open_orders selected" "▶L1   open_orders"
  keys v
  check_rows "$size: edges in box-drawing characters" "$edges"
  [ "$size" = 120x40 ] && keys z
  check "$size: v draws the graph, the critical path marked" "◆ critical path"
  [ "$size" = 120x40 ] && keys z
  check_rows "$size: the selected view's name in the drawing, not the list" \
    'any("open_orders" in r for r in rows) and not any("L1   open_orders" in r for r in rows)'
  check "$size: what it reads is named under the graph" "reads orders"
  keys j
  check "$size: j selects the next view in schedule order" "reads open_orders"
  keys r
  # (at 120×40 the news is in the result pane; at 80×24 in the graph's title)
  if [ "$size" = 120x40 ]; then check "$size: r runs the pipeline" "pipeline ran: 10 views" 30
  else check "$size: r runs the pipeline" "ran in" 30; fi
  # A bar in eighths of a cell: at least one, for every view that ran.
  check_rows "$size: each view's time as a bar, with its milliseconds" 'any("ms" in r and any(c in r for c in "▏▎▍▌▋▊▉█") for r in rows)'
  keys v
  check "$size: v goes back to the list" "L0"
  if [ "$size" = 120x40 ]; then
    keys L
    check "$size: L switches to plan-wide" "layout: plan-wide"
    check "$size: pushdown and manifest under tabs" "[pushdown] manifest"
    keys L
    check "$size: L again: balanced" "layout: balanced"
  else
    keys L
    check "$size: L needs a wider window" "L: layouts need a window of at least 100×30 (this one is 80×24)"
    keys z
    check_not "$size: z hides the tab strip" "Tab switch"
    check_rows "$size: and the status row (the pane's border is the last row)" 'rows[-1].startswith("┗") or rows[-2].startswith("┗")'
    keys z
    check "$size: z again brings them back" "Tab switch"
  fi
  # The plan's last-change strip: open_orders' trace at step 14, the cursor on the scan, b
  # back to step 9 (push_down_filter), which changed it.
  keys k
  check "$size: open_orders again" "reads orders"
  keys Tab
  check "$size: its trace" "Optimizer trace · open_orders"
  for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do keys ']'; done
  check "$size: step 14" "after 14 push_down_semi_join"
  keys Enter j j
  check "$size: the strip names the step that last changed the scan" "last changed at step 9 push_down_filter · b jumps there"
  keys b
  check "$size: b jumps there" "after 9 push_down_filter"
  check "$size: the cursor on the same node" "changed by this step (9 push_down_filter)"
  keys q
  check "$size: q quits" "EXITED 0"
done

# Without a pipeline (`tui --demo`, the demo tables only) v says why nothing is drawn.
start_sized 120 40 --demo
check "tui --demo" "planscope · demo"
keys v
check "v without a pipeline says so" "no pipeline loaded to draw"
keys q
check "q" "EXITED 0"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
