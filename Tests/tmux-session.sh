# One shared way to open a tmux session for the terminal checks (repl, tui, signals).
# Source it, then
#   fresh_session "$T" NAME WIDTH HEIGHT COMMAND
# ends session NAME on the server `$T` (a tmux command with its -L socket) if there is one
# and opens a new one running COMMAND. Killing a server's last session ends the server, and
# a new session can race its exit ("server exited unexpectedly"): so it tries again until
# the session is there, five times at most, and returns 1 if it never is.
fresh_session() {
  local t=$1 name=$2 width=$3 height=$4 command=$5 try
  $t kill-session -t "$name" 2>/dev/null
  for try in 1 2 3 4 5; do
    $t new-session -d -s "$name" -x "$width" -y "$height" "$command" 2>/dev/null \
      && $t has-session -t "$name" 2>/dev/null && return 0
    sleep 0.2
  done
  return 1
}
