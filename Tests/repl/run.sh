#!/usr/bin/env bash
# The REPL through a real terminal (tmux): multi-line input, history across processes,
# Tab completion, Ctrl-C cancelling a long query, \q. Usage: Tests/repl/run.sh PLANSCOPE
set -u
export LC_ALL=C.UTF-8
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
STATE=$(mktemp -d)
export XDG_STATE_HOME=$STATE
T="tmux -L planscope-repl-$$"
source "$(dirname "$0")/../tmux-session.sh"
pass=0; fail=0
screen() { $T capture-pane -p -t s 2>/dev/null; }
wait_for() {  # text [seconds]
  local limit=${2:-10} start=$SECONDS
  until screen | grep -qF -- "$1"; do
    (( SECONDS - start >= limit )) && return 1; sleep 0.05; done
}
check() {  # name text [seconds]
  if wait_for "$2" "${3:-10}"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $1: '$2' not on screen"; screen | grep -v '^$' | tail -12; fi
}
# tmux takes an argument ending in ';' as a command separator: escape it.
keys() { local t=$1; [[ $t == *";" ]] && t="${t%;}\\;"; $T send-keys -t s -l "$t"; }
type_line() { keys "$1"; $T send-keys -t s Enter; }
start() {
  fresh_session "$T" s 120 40 "env XDG_STATE_HOME=$STATE $BIN; echo EXITED; sleep 30"
  check "prompt" "planscope>"
}

start
type_line "SELECT r_name, count(*) AS n"
check "continuation prompt" "...>"
type_line "FROM region JOIN nation ON n_regionkey = r_regionkey GROUP BY 1 ORDER BY 1;"
check "multi-line query result" "MIDDLE EAST"
$T send-keys -t s -l "SELECT n_nam"; $T send-keys -t s Tab
check "column completion" "SELECT n_name"
$T send-keys -t s -l "FROM nat"; $T send-keys -t s Tab
check "table completion" "SELECT n_name FROM nation"
type_line "WHERE n_nationkey = 7;"
check "completed query runs" "GERMANY"
# After FROM only relations are offered (not the columns n_name, n_nationkey …).
$T send-keys -t s -l "SELECT count(*) AS nations FROM n"; $T send-keys -t s Tab
check "FROM completes a relation, not a column" "FROM nation"
type_line ";"
check "the completed FROM runs" "│      25 │"
type_line "SELECT p_partkey FROM part ORDER BY 1 LIMIT 60;"
if wait_for "p_partkey" 10 && sleep 0.3 && screen | tail -n 1 | grep -q '^:'; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL long result goes through the pager"; screen | tail -3; fi
$T send-keys -t s q
sleep 0.3
if screen | grep -v '^$' | tail -n 1 | grep -q '^planscope>'; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL the pager returns to the prompt"; fi
# Bracketed paste: pasted statements run only after Enter, not line by line.
printf 'SELECT 7 AS pasted_first;\nSELECT 8 AS pasted_second;' > "$STATE/paste.txt"
$T load-buffer "$STATE/paste.txt"; $T paste-buffer -p -t s
sleep 0.5
if screen | grep -qF "│ pasted_first │"; then fail=$((fail+1)); echo "FAIL pasted SQL ran before Enter"; else pass=$((pass+1)); fi
$T send-keys -t s Enter
check "pasted statements run on Enter" "│ pasted_second │"
type_line "SELECT count(*) FROM lineitem a, lineitem b, region;"
sleep 1.5
$T send-keys -t s C-c
check "Ctrl-C cancels the running query" "query cancelled" 20
# A narrow terminal: wide results narrow their text columns (cut with …), then leave out
# middle columns behind an … column (the box stays whole); \x auto expands them.
$T resize-window -t s -x 60 -y 40
type_line "SELECT c_name, c_address, c_comment, c_phone, c_mktsegment FROM customer LIMIT 2;"
check "wide results are cut to the terminal width" "│ c_mktsegm… │"
check "a middle column is left out, an … column in its place" "(2 rows; 4 of 5 columns shown)"
type_line '\x auto'
type_line "SELECT c_name, c_address, c_comment, c_phone, c_mktsegment FROM customer LIMIT 1;"
check "\\x auto shows a too-wide row expanded" "c_mktsegment | BUILDING"
type_line '\x off'
$T resize-window -t s -x 120 -y 40
# A backslash command on a continuation line runs at once; the statement is kept, \r drops it.
type_line "SELECT 'kept' AS buffer"
type_line '\timing on'
check "a command runs on a continuation line" "Timing is on" 5
type_line ";"
check "the statement gathered before the command runs" "│ kept   │"
type_line "SELECT 'dropped' AS nope"
type_line '\r'
check "\\r resets the query buffer" "query buffer reset"
type_line "SELECT 'after reset' AS fresh;"
check "after \\r a new statement starts" "│ after reset │"
type_line '\timing off'
# An error's line is the statement's own: a command before it or inside it counts no line.
type_line "SELECT l_shipdat FROM lineitem;"
check "after a backslash command an error is on the statement's line 1" "error: line 1, column 8: unknown column 'l_shipdat'"
type_line "SELECT 1 AS one"
type_line '\timing off'
type_line "FROM nosuch_table;"
check "a command inside a statement counts no line" "error: line 2, column 6: table 'nosuch_table' not found"
type_line '\timing off'
type_line "SELECT 40 + 2 AS answer;"
check "the next query works" "│     42 │"

type_line '\q'
check "\\q quits" "EXITED"

# A new process recalls the history.
start
$T send-keys -t s Up Up   # the last entry is \q itself
check "history recalled in a new process" "planscope> SELECT 40 + 2 AS answer;"
$T send-keys -t s Enter
check "recalled query runs" "│     42 │"
$T send-keys -t s C-d
check "Ctrl-D exits" "EXITED"
grep -qF 'SELECT r_name, count(*) AS n\nFROM region' "$STATE/planscope/history" && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL history file keeps the multi-line statement"; }

# \tui opens the full-screen UI on this session (the last query's plans in the panes);
# q comes back to a working prompt.
start
type_line "SELECT count(*) AS big FROM orders WHERE o_totalprice > 100000;"
check "a query before \\tui" "big"
type_line '\tui'
check "\\tui opens the TUI with the query's trace" "Optimizer trace · query"
$T send-keys -t s q
check "q returns to the prompt" "planscope>"
type_line "SELECT 6 * 7 AS after_tui;"
check "the prompt works after the TUI" "after_tui"

# A slow statement shows a progress line on the terminal (stderr) while it runs, gone
# when its result comes; with stderr redirected there is none.
start
type_line "SELECT count(*) AS slow FROM generate_series(1, 20000) a(x), generate_series(1, 400) b(y) WHERE x + y = 7;"
check "a slow query's progress line" "running: " 20
check "its result, the progress line cleared" "│    6 │" 120
if screen | grep -q "running: "; then fail=$((fail+1)); echo "FAIL the progress line is cleared"; else pass=$((pass+1)); fi
"$BIN" -c "SELECT count(*) FROM generate_series(1, 20000) a(x), generate_series(1, 300) b(y) WHERE x + y = 7" 2> "$STATE/stderr.txt" > /dev/null
check_file() { if [ ! -s "$1" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $2"; head -c 300 "$1"; fi; }
check_file "$STATE/stderr.txt" "no progress on a redirected stderr"

$T kill-server 2>/dev/null
rm -rf "$STATE"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
