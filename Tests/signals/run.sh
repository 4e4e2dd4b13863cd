#!/usr/bin/env bash
# Signals mid-run: SIGINT, SIGTERM and SIGHUP to a piped script and to a pipeline run end
# them with 128 + the signal, one line on stderr and no output file (whole or partial);
# SIGPIPE ends a run quietly; SIGTERM and SIGHUP to the REPL while a query runs leave the
# terminal in its modes (icanon, echo) and the history file whole.
# Usage: Tests/signals/run.sh PLANSCOPE
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
source Tests/tmux-session.sh
pass=0; fail=0
check() {  # name, expected, actual
  if [ "$2" == "$3" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $1"; diff <(echo "$2") <(echo "$3") | head -20; fi
}
W=$(mktemp -d)
SLOW="SELECT count(*) AS c FROM generate_series(1, 20000) a(x), generate_series(1, 20000) b(y) WHERE x + y = 7"
echo "COPY ($SLOW) TO 'out.csv';" > "$W/slow.sql"
code_of() { case $1 in INT) echo 130;; TERM) echo 143;; HUP) echo 129;; esac; }
for sig in INT TERM HUP; do
  (cd "$W" && exec "$BIN" < slow.sql > stdout.txt 2> stderr.txt) & pid=$!
  sleep 1; kill -$sig $pid; wait $pid; code=$?
  check "script, SIG$sig: exit status" "$(code_of $sig)" "$code"
  check "script, SIG$sig: one line saying so" "planscope: stopped by SIG$sig" "$(tail -n 1 "$W/stderr.txt")"
  check "script, SIG$sig: no output file" "" "$(cd "$W" && ls -A | grep -v -e slow.sql -e stdout.txt -e stderr.txt)"
done
# A query spilling to disk (memory_limit): a signal leaves no spill file behind.
mkdir -p "$W/spill"
for sig in INT TERM; do
  "$BIN" -c "SET memory_limit = '1MiB'" -c "SET temp_directory = '$W/spill'" \
    -c "SELECT count(*) FROM (SELECT x FROM generate_series(1, 10000000) t(x) ORDER BY x % 1000, x DESC) s" > /dev/null 2>&1 & pid=$!
  # It is spilling: its open files include spill files, already unlinked.
  spilling=""
  for _ in $(seq 100); do
    ls -l /proc/$pid/fd 2>/dev/null | grep -q "$W/spill/planscope-spill-.*(deleted)" && { spilling=yes; break; }
    sleep 0.2
  done
  check "spilling query, SIG$sig: spill files open, none in the directory" "yes" "$spilling"
  kill -$sig $pid; wait $pid; code=$?
  check "spilling query, SIG$sig: exit status" "$(code_of $sig)" "$code"
  check "spilling query, SIG$sig: no spill file left" "" "$(ls -A "$W/spill")"
done
# A pipeline run: a slow view before an output.
mkdir -p "$W/p"
python3 - "$W/p/spec.json" <<'PY'
import json, sys
json.dump({"version": 1,
  "input_relations": [{"logical_name": "n", "format": "inline", "columns": [{"name": "x", "type": "INTEGER"}], "rows": [[i] for i in range(300)]}],
  "view_definitions": [{"name": "slow", "sql": "SELECT count(*) AS c FROM n a, n b, n c, n d WHERE a.x + b.x + c.x + d.x = 7", "view_dependencies": ["n"]}],
  "output_targets": [{"table_name": "slow_out", "source_view": "slow", "format": "csv", "location": "out/slow.csv"}]}, open(sys.argv[1], "w"))
PY
for sig in INT TERM HUP; do
  "$BIN" pipeline run "$W/p/spec.json" > /dev/null 2> "$W/p/stderr.txt" & pid=$!
  sleep 1; kill -$sig $pid; wait $pid; code=$?
  check "pipeline run, SIG$sig: exit status" "$(code_of $sig)" "$code"
  check "pipeline run, SIG$sig: no output written" "" "$(ls -A "$W/p/out" 2>/dev/null)"
done
"$BIN" -c "SELECT * FROM generate_series(1, 200000)" --format csv 2> "$W/pipe.txt" | head -n 1 > /dev/null
check "SIGPIPE: a closed pipe ends the run quietly" "141 " "${PIPESTATUS[0]} $(cat "$W/pipe.txt")"
# The REPL in a real terminal: a query running, then SIGTERM (or SIGHUP) to planscope.
if command -v tmux >/dev/null; then
  T="tmux -L planscope-signals"
  for sig in TERM HUP; do
    STATE="$W/state-$sig"; mkdir -p "$STATE"
    $T kill-server 2>/dev/null
    fresh_session "$T" s 120 40 sh
    sleep 0.3
    type() { $T send-keys -l "$1"; $T send-keys Enter; }
    type "cd $W && XDG_STATE_HOME=$STATE $BIN"
    for _ in $(seq 50); do $T capture-pane -p | grep -q "planscope>" && break; sleep 0.2; done
    type "SELECT 42 AS first; "
    sleep 0.5
    type "$SLOW; "
    sleep 1
    pkill -$sig -f "^$BIN\$"
    # Type only once planscope has gone, so no keystroke reaches it.
    for _ in $(seq 50); do pgrep -f "^$BIN\$" > /dev/null || break; sleep 0.1; done
    sleep 0.3
    type "clear; stty -a | grep -o -w -e icanon -e echo | sort -u | tr '\n' ' '; echo STTY-DONE"
    # The typed command line ends in STTY-DONE too: wait for the output line, not the echo.
    stty_line() { $T capture-pane -p | grep "STTY-DONE$" | grep -v "stty -a" | tail -n 1 | sed 's/ *$//'; }
    for _ in $(seq 50); do [ -n "$(stty_line)" ] && break; sleep 0.2; done
    check "REPL, SIG$sig mid-query: the terminal is back in canonical mode with echo" "echo icanon STTY-DONE" "$(stty_line)"
    # Bracketed paste is off again: a paste into `cat -v` comes without ESC[200~ markers
    # (the pane's shell is dash, which never switches the mode itself).
    type "cat -v"
    sleep 0.3
    $T set-buffer "PASTED"; $T paste-buffer -p; $T send-keys Enter C-d
    sleep 0.5
    check "REPL, SIG$sig mid-query: bracketed paste is off" "PASTED" "$($T capture-pane -p | grep "PASTED" | tail -n 1 | sed 's/ *$//')"
    check "REPL, SIG$sig mid-query: the history file holds both statements" "2" "$(grep -c "SELECT" "$STATE/planscope/history" 2>/dev/null)"
    $T kill-server 2>/dev/null
  done
fi
rm -rf "$W"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
