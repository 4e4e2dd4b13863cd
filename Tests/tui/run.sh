#!/usr/bin/env bash
# The TUI in a real terminal (tmux): the demo pipeline at 120×40, focus, stepping the
# trace, help, a ':' command, a slow query cancelled with Esc while help is open, a slow
# query's plan and rows so far while it runs and after Ctrl-C, resizing
# to 80×24 and below the minimum, quitting; the terminal restored after q and after
# SIGTERM; colours, and none with NO_COLOR. Usage: Tests/tui/run.sh PLANSCOPE
set -u
source "$(dirname "$0")/lib.sh" tui "$1"
text() { local t=$1; [[ $t == *";" ]] && t="${t%;}\\;"; $T send-keys -t s -l "$t"; }
start() {  # env… (before the binary)
  fresh_session "$T" s 120 40 "cd '$PWD'; before=\$(stty -g); env XDG_STATE_HOME=$STATE $* '$BIN' tui examples/demo/pipeline.json; code=\$?; after=\$(stty -g); [ \"\$before\" = \"\$after\" ] && echo TTY-RESTORED; echo STTY: \$(stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e echo | tr '\n' ' '); echo EXITED \$code; sleep 60"
}

start
check "first paint: task graph" "Task graph · pipeline.js"
check "first paint: trace of the first view" "Optimizer trace · open_orders"
check "first paint: pushdown" "Pushdown · open_orders · 1 scan"
check "first paint: manifest diff" "Manifest diff · defaults ↔ session"
check "first paint: status keys" "Enter drill"
keys Tab
check "Tab focuses the trace (heavy border)" "┏━ Optimizer trace"
keys ']' ']' ']'
check "three steps forward" "after 3 eliminate_limit"
keys '['
check "a step back" "after 2 eliminate_filter"
keys '}'
check "} jumps to the next pass" "  21  2 simplify"
keys c
check "c: changed steps only" "changed only"
keys c
keys '?'
check "help overlay" "Keys · "
keys Escape
check_not "help closed" "Keys · "
keys Tab
check "Tab to pushdown" "┏━ Pushdown"
keys j j
keys Enter
check "Enter drills into the physical plan" "EXPLAIN ANALYZE · open_orders · not run"
keys ':'
check "the command line opens" "planscope>"
text "SELECT count(*) AS n FROM orders WHERE o_orderstatus = 'O'"
keys Enter
check "a ':' query runs and its trace fills the pane" "Optimizer trace · query"
check "its rows in the result pane" "│ 677 │"
keys ':'
text "SELECT 1 +"
keys Enter
check "an error's caret points at what was typed (no ; added)" "error: line 1, column 11: expected an expression, found end of input"
keys ':'
text "EXPLAIN SELECT o_orderkey, c_name FROM orders JOIN customer ON o_custkey = c_custkey WHERE o_totalprice > 1000"
keys Enter
check "EXPLAIN of a join fills Pushdown from its plan" "Pushdown · query · 2 scans · planned"
keys ':'
text "SET optimizer.rule.push_down_filter = off"
keys Enter
check "a SET shows in the manifest pane at once" "~ rulepack.rules.push_down_filter.enabled"
off=$("$BIN" manifest show --set optimizer.rule.push_down_filter=off 2>&1 >/dev/null | sed 's/^fingerprint sha256://' | cut -c1-8)
check "and the header's manifest fingerprint is the session's" "manifest $off"
keys ':'
text "SET optimizer.rule.push_down_filter = on"
keys Enter
check "back on: the manifests are the same" "the manifests are the same"
keys ':'
text '\set display.theme light'
keys Enter
check "a ':' backslash command runs" "planscope> \\set display.theme light"
keys ':'
text '\compare rulepack default none SELECT r_name FROM region WHERE r_regionkey > 1'
keys Enter
check "':\\compare' shows the two plans in the trace pane's place" "Compare · rulepack default | rulepack none"
check "with the changed scan beside its match" "~     TableScan: region"
keys Escape
check "Esc: the trace again" "Optimizer trace"
keys BTab BTab
check "back to the result pane" "┏━ Result"
keys ':'
text "\\manifest save $STATE/baseline.json"
keys Enter
check "the manifest is saved from the command line" "saved $STATE/baseline.json"
keys ':'
text '\set optimizer.max_passes 5'
keys Enter
keys ':'
text "\\manifest diff $STATE/baseline.json"
keys Enter
check "the manifest pane shows the saved manifest against the session" "~ planning_config.optimizer.max_passes: 3"
check "the pane names both sides" "baseline.json ↔ session"
keys ':'
text "SELECT count(*) FROM orders a, orders b, customer c WHERE a.o_totalprice < b.o_totalprice"
keys Enter
check "a slow query shows progress" "running the query"
keys '?'
check "help opens while the query runs" "Keys · "
keys Escape
check_not "help closes while the query runs" "Keys · "
keys Escape
check "Esc cancels the query" "query cancelled"
keys g
keys r
check "r runs the pipeline" "pipeline ran: 10 views"
check "the graph shows rows after the run" "✓"
keys '/'
text "gene"
keys Enter
check "search shows its text" "/gene"
$T resize-window -t s -x 80 -y 24
check "80×24: one pane with a tab strip" "Tab switch"
keys Tab
check "Tab in the one-pane layout" "[graph]"
keys BTab
check "Shift-Tab switches back" "[result]"
keys Tab Tab
check "Tab on to the trace" "[trace]"
$T resize-window -t s -x 50 -y 12
check "below the minimum: enlarge" "enlarge the window"
$T resize-window -t s -x 120 -y 40
check "back to 120×40: all panes" "Manifest diff"
keys z
check "z zooms the focused pane" "step"
keys q
check "q quits" "EXITED 0"
check "the terminal is restored after q" "TTY-RESTORED"
check "stty -a shows icanon echo after q" "STTY: icanon echo"

# Every plan readable: on open_orders, step to push_down_filter and read the changed scan
# line whole, wrapped (w) and scrolled (→) with the plan focused, at 120×40 and 80×24.
scan_line_whole() {  # the rows of the changed scan line, without borders and spaces, hold its end
  screen | python3 -c '
import sys
rows = sys.stdin.read().split("\n")
start = next((i for i, r in enumerate(rows) if "~     TableScan: orders" in r), None)
if start is None: sys.exit(1)
text = ""
for r in rows[start:]:
    if "was:" in r: break
    text += r[r.rfind("│") + 1:].rstrip().rstrip("┃").replace(" ", "")
sys.exit(0 if "orders.o_orderdate>=Date32(\"1995-01-01\")]" in text else 1)'
}
check_scan() {  # name
  local start=$SECONDS
  until scan_line_whole; do
    if (( SECONDS - start >= 10 )); then fail=$((fail+1)); echo "FAIL $1"; screen | head -40; return; fi; sleep 0.05; done
  pass=$((pass+1))
}
for size in 120x40 80x24; do
  start
  $T resize-window -t s -x "${size%x*}" -y "${size#*x}"
  check "$size: open_orders selected" "▶L1   open_orders"
  keys Tab
  check "$size: its trace" "Optimizer trace · open_orders"
  keys ']' ']' ']' ']' ']' ']' ']' ']' ']'
  check "$size: step 9 is push_down_filter" "after 9 push_down_filter"
  check "$size: the scan line is cut with …" "…"
  keys Enter
  check "$size: Enter focuses the plan" "↑↓ node"
  keys w
  check_scan "$size: w wraps the changed scan line, whole"
  keys w
  keys Right Right Right Right Right Right
  check "$size: → scrolls the plan to the line's end" 'Date32("1995-01-01")]'
  keys Escape
  check "$size: Esc goes back to the steps" "Enter plan"
  keys q
  check "$size: q quits" "EXITED 0"
  check "$size: icanon echo after q" "STTY: icanon echo"
done

# A slow query shows its plan while it runs (the engine reports it as soon as it is
# planned), `a` shows each operator's rows so far, and after Ctrl-C the plan and the rows
# reached stay on screen; at 120×40 and 80×24 (one pane: the trace is a tab).
slow="SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 100000) b"
join_rows_shown() {  # the cross join's line in the Analyze view counts some rows
  screen | grep -F "CrossJoinExec" | grep -qE '[1-9][0-9,]* rows'
}
check_join_rows() {  # name
  local start_t=$SECONDS
  until join_rows_shown; do
    if (( SECONDS - start_t >= 10 )); then fail=$((fail+1)); echo "FAIL $1"; screen | head -40; return; fi; sleep 0.05; done
  pass=$((pass+1))
}
for size in 120x40 80x24; do
  start
  $T resize-window -t s -x "${size%x*}" -y "${size#*x}"
  check "$size: slow query: open_orders selected" "▶L1   open_orders"
  keys ':'
  text "$slow"
  keys Enter
  check "$size: the slow query runs" "running the query"
  [ "$size" = 80x24 ] && keys Tab
  check "$size: its trace while it runs" "Optimizer trace · query"
  check "$size: its plan while it runs" "Cross Join"
  [ "$size" = 120x40 ] && check "$size: its pushdown while it runs" "Pushdown · query · 2 scans · running"
  check "$size: still running" "running the query"
  keys a
  check "$size: a shows the Analyze view while it runs" "Analyze · query · running · so far"
  check_join_rows "$size: the cross join's rows so far"
  keys C-c
  check "$size: Ctrl-C stops it; the Analyze view keeps the rows reached" "Analyze · query · stopped · reached"
  check_not "$size: no longer running" "running the query"
  check_join_rows "$size: the cross join's rows reached"
  keys p
  check "$size: p: the messages say it was cancelled" "query cancelled"
  check "$size: and what it reached" "CrossJoinExec reached"
  if [ "$size" = 80x24 ]; then keys BTab BTab BTab; fi
  check "$size: the plan stays after Ctrl-C" "Optimizer trace · query"
  check "$size: its lines too" "Cross Join"
  keys q
  check "$size: q after the cancelled query" "EXITED 0"
done

# SIGTERM restores the terminal too.
start
check "second start" "Task graph"
pkill -TERM -f "$BIN tui examples/demo/pipeline.json"
check "SIGTERM ends with 143" "EXITED 143"
check "the terminal is restored after SIGTERM" "TTY-RESTORED"

# Job control, crashes and the mouse: the TUI started from an interactive bash in the pane
# (so Ctrl-Z and fg work as they do for a user).
shell_start() {
  fresh_session "$T" s 120 40 "cd '$PWD'; env XDG_STATE_HOME=$STATE PS1='shell\$ ' bash --norc --noprofile -i"
}
run_in_shell() { $T send-keys -t s -l "$1"; $T send-keys -t s Enter; }
stty_line='stty -a | tr " ;" "\n\n" | grep -x -e icanon -e echo | tr "\n" " " | sed "s/^/MODES: /"; echo'
tui_pid() { pgrep -n -f "$BIN tui examples/demo/pipeline.json"; }

shell_start
check "a shell in the pane" 'shell$'
run_in_shell "'$BIN' tui examples/demo/pipeline.json"
check "the TUI from the shell" "Task graph · pipeline.js"
keys C-z
check "Ctrl-Z stops the job" "Stopped"
check_not "and hands the screen back" "Task graph · pipeline.js"
run_in_shell "$stty_line"
check "stty -a shows icanon echo while it is stopped" "MODES: icanon echo"
run_in_shell 'fg; echo EXITED $?'
check "fg redraws the whole screen" "Task graph · pipeline.js"
check "fg redraws every pane" "Manifest diff · defaults ↔ session"
# An SGR mouse click (press and release) on the pushdown pane focuses it.
$T send-keys -t s -l $'\e[<0;40;25M'
$T send-keys -t s -l $'\e[<0;40;25m'
check "a mouse click focuses the pane under it" "┏━ Pushdown"
$T send-keys -t s -l $'\e[<0;100;25M'
$T send-keys -t s -l $'\e[<0;100;25m'
check "a click on another pane focuses that one" "┏━ Manifest diff"
$T send-keys -t s -l $'\e[<0;10;26M'
$T send-keys -t s -l $'\e[<0;10;26m'
check "a click on a view's row selects it and plans it" "Optimizer trace · customer_totals"
$T send-keys -t s -l $'\e[<65;10;26M'
check "the wheel scrolls the graph (three views on)" "Optimizer trace · gene_coverage"
keys q
check "q after fg" "EXITED 0"
run_in_shell "$stty_line"
check "icanon echo after q" "MODES: icanon echo"
run_in_shell clear
# A crash: SIGSEGV in the default environment (the Swift backtracer on, interactive on a
# terminal: it waits for a key) leaves the terminal as it was.
run_in_shell "'$BIN' tui examples/demo/pipeline.json; echo EXITED \$?"
check "the TUI again" "Task graph · pipeline.js"
kill -SEGV "$(tui_pid)"
check "the crash is reported on the main screen" "Program crashed" 20
keys q
check "the crash ends the process with SIGSEGV" "EXITED 139" 20
run_in_shell "$stty_line"
check "stty -a shows icanon echo after the crash" "MODES: icanon echo"
# With the backtracer non-interactive, to a log file.
run_in_shell clear
run_in_shell "SWIFT_BACKTRACE=interactive=no,output-to=$STATE/crash.log '$BIN' tui examples/demo/pipeline.json; echo EXITED \$?"
check "a third TUI" "Task graph · pipeline.js"
kill -ABRT "$(tui_pid)"
check "SIGABRT ends it" "EXITED 134" 20
run_in_shell "$stty_line; grep -c 'Program crashed' $STATE/crash.log"
check "icanon echo after SIGABRT" "MODES: icanon echo"
if grep -q "Program crashed" "$STATE/crash.log" 2>/dev/null; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: no backtrace in $STATE/crash.log"; fi
$T kill-session -t s 2>/dev/null

# The Analyze view on `planscope tui --demo`: TPC-H Q5 typed after ':', then a, then !.
slowest_selected() {  # the selected operator's self time is the largest shown
  screen | python3 -c '
import re, sys
rows = [r for r in sys.stdin.read().split("\n") if re.search(r"Exec", r) and "%" in r and re.search(r"[0-9.]+ (ms|µs)", r)]
def t(r):
    m = re.search(r"([0-9.]+) (ms|µs)", r); return float(m.group(1)) * (1000 if m.group(2) == "ms" else 1)
sel = [r for r in rows if "▶" in r]
sys.exit(0 if sel and len(rows) > 5 and t(sel[0]) == max(map(t, rows)) else 1)'
}
for size in 120x40 80x24; do
  fresh_session "$T" s "${size%x*}" "${size#*x}" "cd '$STATE'; env XDG_STATE_HOME=$STATE '$BIN' tui --demo; echo EXITED \$?; sleep 60"
  check "$size: tui --demo" "planscope · demo"
  keys ':'
  text "$(tr '\n' ' ' < Tests/Fixtures/tpch/queries/q05.sql | sed 's/; *$//')"
  keys Enter
  # One pane at 80x24: the result is the fifth tab.
  [ "$size" = 80x24 ] && keys Tab Tab Tab Tab
  check "$size: Q5 ran (its result is shown)" "(0 rows)" 30
  keys a
  check "$size: a shows the Analyze view" "Analyze · query ·"
  check_not "$size: the analysis has finished (not the figures so far)" "running · so far"
  check "$size: with shares" "%"
  keys G '!'
  start_t=$SECONDS
  until slowest_selected; do
    if (( SECONDS - start_t >= 10 )); then fail=$((fail+1)); echo "FAIL $size: ! does not select the slowest operator"; screen; break; fi; sleep 0.1; done
  (( SECONDS - start_t < 10 )) && pass=$((pass+1))
  keys o
  check "$size: o lists by self time" "by self time"
  keys e
  check "$size: e writes the query's HTML report" "wrote planscope-report-query.html"
  keys q
  check "$size: q" "EXITED 0"
done

# Colour: the classes are coloured; NO_COLOR draws none.
start
check "third start" "Inexact"
if $T capture-pane -p -e -t s | grep -q $'\e\\[[0-9;]*3[0-9]m\|38;5;'; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL colours: no colour escapes on screen"; fi
keys q
start TERM=xterm
check "8-colour start" "Inexact"
screen8=$($T capture-pane -p -e -t s)
if grep -q $'\e\\[[0-9;]*3[0-7]m' <<<"$screen8" && ! grep -q '38;5;' <<<"$screen8"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL 8 colours: expected 8-colour escapes only"; fi
keys q
fresh_session "$T" s 120 40 "cd '$PWD'; '$BIN' tui no-such-spec.json; echo EXITED \$?; sleep 60"
check "a missing spec is one line, with why" "error: cannot read pipeline spec 'no-such-spec.json': no such file"
check "and exits 2 before the screen opens" "EXITED 2"
start TERM=no-such-terminal
check "an unknown terminal type is one clear line" "error: cannot use terminal type 'no-such-terminal'"
check "and exits 2" "EXITED 2"
start NO_COLOR=1
check "NO_COLOR start" "Inexact"
if $T capture-pane -p -e -t s | grep -q $'38;5;\|\e\\[3[0-7]m\|\e\\[9[0-7]m'; then fail=$((fail+1)); echo "FAIL NO_COLOR: colour escapes on screen"; else pass=$((pass+1)); fi
keys q
check "NO_COLOR quits" "EXITED 0"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
