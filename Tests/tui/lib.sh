# The tmux helpers every TUI check shares. Source it from a check as
#   source "$(dirname "$0")/lib.sh" NAME "$1"
# with NAME a word for the check's tmux server and $1 the planscope binary: it sets BIN,
# STATE (a temporary directory), T (the tmux command on a server of its own), the pass and
# fail counts, and moves to the repository's root.
export LC_ALL=C.UTF-8
BIN=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
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
