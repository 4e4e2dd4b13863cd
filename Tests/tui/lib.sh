# The tmux helpers every TUI check shares. Source it from a check as
#   source "$(dirname "$0")/lib.sh" NAME "$1"
# with NAME a word for the check's tmux server and $1 the planscope binary: it sets BIN,
# STATE (a temporary directory), T (the tmux command on a server of its own), the pass and
# fail counts, and moves to the repository's root; `keys`, `command_line`, `start_sized`
# and `check_rows` drive and read the session, and the server and STATE go on exit.
export LC_ALL=C.UTF-8
BIN=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source Tests/tmux-session.sh
STATE=$(mktemp -d)
T="tmux -L planscope-$1-$$"
pass=0; fail=0
screen() { $T capture-pane -p -t s 2>/dev/null; }
wait_for() {  # text [seconds]
  local limit=${2:-10} start=$SECONDS
  until screen | grep -qF -- "$1"; do
    (( SECONDS - start >= limit )) && return 1; sleep 0.05; done
}
check() {  # name text [seconds]
  if wait_for "$2" "${3:-10}"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $1: '$2' not on screen"; screen | head -40; fi
}
check_not() {  # name text [seconds]: waits until the text is gone
  local limit=${3:-10} start=$SECONDS
  while screen | grep -qF -- "$2"; do
    if (( SECONDS - start >= limit )); then fail=$((fail+1)); echo "FAIL $1: '$2' is on screen"; screen | head -40; return; fi; sleep 0.05; done
  pass=$((pass+1))
}
keys() { $T send-keys -t s "$@"; }
command_line() { keys ':'; $T send-keys -t s -l "$1"; keys Enter; }
start_sized() {  # WIDTH HEIGHT ARGS…: `planscope tui ARGS` in a WIDTH×HEIGHT tmux session
  local w=$1 h=$2; shift 2
  fresh_session "$T" s "$w" "$h" "cd '$PWD'; env XDG_STATE_HOME=$STATE '$BIN' tui $*; echo EXITED \$?; sleep 60"
}
check_rows() {  # name python-condition on `rows` (the screen's lines)
  local start=$SECONDS
  until screen | python3 -c "import sys; rows = sys.stdin.read().split('\n'); sys.exit(0 if ($2) else 1)"; do
    if (( SECONDS - start >= 10 )); then fail=$((fail+1)); echo "FAIL $1"; screen | head -40; return; fi; sleep 0.05; done
  pass=$((pass+1))
}
trap '$T kill-server 2>/dev/null; rm -rf "$STATE"' EXIT
