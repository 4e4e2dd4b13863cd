#!/usr/bin/env bash
# Runs every `planscope …` command in README.md's ```sh blocks, as written, and checks its
# exit status: 0, or N when its comment says "exits N". Commands whose comment says
# "(needs files)" (your own schema.sql, script.sql) are skipped. They run in order, in a
# scratch folder holding a copy of examples/ (and of the trace fixtures), with `planscope` on PATH.
# Usage: Tests/cli/readme.sh PLANSCOPE [README]
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.."
README=${2:-README.md}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
mkdir -p "$T/bin"; ln -s "$BIN" "$T/bin/planscope"
cp -r examples "$T/examples"
mkdir -p "$T/Tests/Fixtures" && cp -r Tests/Fixtures/traces "$T/Tests/Fixtures/traces"
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"

# The commands, one per line (continuation lines joined), with their line numbers.
python3 - "$README" > "$T/commands" <<'EOF'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
in_sh = False
i = 0
while i < len(lines):
    line = lines[i]
    stripped = line.strip()
    if stripped.startswith("```"):
        in_sh = (not in_sh) and stripped == "```sh"
        i += 1
        continue
    if in_sh and stripped.startswith("planscope"):
        start = i + 1
        command = stripped
        while command.endswith("\\") and i + 1 < len(lines):
            i += 1
            command = command[:-1].rstrip() + " " + lines[i].strip()
        print(f"{start}\t{command}")
    i += 1
EOF

pass=0; fail=0; skipped=0
while IFS=$'\t' read -r line command; do
  if [[ "$command" == *"(needs files)"* ]]; then skipped=$((skipped+1)); continue; fi
  expected=0
  if [[ "$command" =~ \#.*exits\ ([0-9]+) ]]; then expected=${BASH_REMATCH[1]}; fi
  (cd "$T" && PATH="$T/bin:$PATH" bash -c "$command" </dev/null >"$T/out" 2>&1); code=$?
  if [ "$code" = "$expected" ]; then pass=$((pass+1)); else
    fail=$((fail+1)); echo "FAIL README.md:$line exit $code (expected $expected): $command"; head -n 5 "$T/out"
  fi
done < "$T/commands"
echo "README commands: $pass passed, $fail failed, $skipped skipped (need files)"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
