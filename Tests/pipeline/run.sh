#!/usr/bin/env bash
# Pipelines end to end: the demo spec graphed and run twice in two processes (identical
# contracts, plan fingerprints and output files), a replay check, and error reports.
# Usage: Tests/pipeline/run.sh PLANSCOPE
set -u
BIN=$1
cd "$(dirname "$0")/../.."
pass=0; fail=0
check() {  # name, expected, actual
  if [ "$2" == "$3" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $1"; diff <(echo "$2") <(echo "$3") | head -20; fi
}
W=$(mktemp -d)
cp -r examples/demo/pipeline.json examples/demo/data "$W/"
first=$("$BIN" pipeline run --report "$W/first.json" "$W/pipeline.json" 2>&1) || echo "$first"
cp -r "$W/out" "$W/out-first"
second=$("$BIN" pipeline run --report "$W/second.json" "$W/pipeline.json" 2>&1) || echo "$second"
contract() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(json.dumps(r['contract'], sort_keys=True)); print([(v['name'], v['plan_fingerprint'], v['rows']) for v in r['views']])" "$1"; }
check "two processes: same contract and plan fingerprints" "$(contract "$W/first.json")" "$(contract "$W/second.json")"
check "two processes: identical output files" "" "$(diff -r "$W/out-first" "$W/out")"
check "outputs written" "4" "$(ls "$W/out" | wc -l | tr -d ' ')"
check "graph --hashes equals the run's contract" "$("$BIN" graph --hashes --format json "$W/pipeline.json" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), sort_keys=True))')" \
  "$(python3 -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))['contract'], sort_keys=True))" "$W/first.json")"
rm -rf "$W/out"
replay=$("$BIN" pipeline run --check-replay "$W/first.json" "$W/pipeline.json" 2>&1); code=$?
check "replay of the same spec is valid" "replay valid 0" "$(echo "$replay" | tail -n 1) $code"
check "a replay check writes no outputs" "no" "$([ -d "$W/out" ] && echo yes || echo no)"
sed -i 's/"rulepack_profile": "default"/"rulepack_profile": "pushdown"/' "$W/pipeline.json"
replay=$("$BIN" pipeline run --check-replay "$W/first.json" "$W/pipeline.json" 2>&1); code=$?
check "a changed rulepack names the hashes and the first changed view" \
  "contract: spec_hash differs|envelope_hash differs|rulepack_fingerprint differs|first view whose plan changed: customer_geo|exit 2" \
  "$(echo "$replay" | grep -E '^contract|^first' | sed 's/ (sha256:[^)]*)//g; s/; /|/g' | tr '\n' '|')exit $code"
# No worker of the runtime blocks on other work of the runtime: on one CPU (one worker
# thread) every wait is run by the waiter itself, so views never stall for a second.
if command -v taskset >/dev/null; then
  rm -rf "$W/out"
  waits=$(PLANSCOPE_LOG=info taskset -c 0 "$BIN" pipeline run "$W/pipeline.json" 2>&1 >/dev/null | grep -o 'worker_blocking_waits=[0-9]*')
  check "one CPU: no runtime worker blocks waiting for runtime work" "worker_blocking_waits=0" "$waits"
fi
# Errors name the JSON path.
printf '{"version": 1, "view_definitions": [{"name": "v", "sql": "SELECT 1 FROM t", "view_dependencies": ["t"]}]}' > "$W/bad.json"
check "unknown dependency named with its path" "$W/bad.json: view_definitions[0].view_dependencies[0]: 't' is neither an input relation nor a view (did you mean 'v'?)" \
  "$("$BIN" pipeline graph "$W/bad.json" 2>&1)"
printf '{"version": 1, "view_definitions": [{"name": "a", "sql": "SELECT 1 AS x FROM c", "view_dependencies": ["c"]}, {"name": "b", "sql": "SELECT 1 AS x FROM a", "view_dependencies": ["a"]}, {"name": "c", "sql": "SELECT 1 AS x FROM b", "view_dependencies": ["b"]}]}' > "$W/cycle.json"
check "a cycle is named" "$W/cycle.json: the views form a cycle: a → b → c → a" "$("$BIN" pipeline graph "$W/cycle.json" 2>&1)"
# Declared columns of CSV and JSON lines inputs type them (money as DECIMAL sums exactly);
# names must match the header in order; an unknown type is an error at its JSON path.
printf 'Id,Amount\n1,0.10\n2,0.20\n' > "$W/money.csv"
printf '{"id": 1, "amount": 0.10}\n{"id": 2, "amount": 0.20}\n' > "$W/money.jsonl"
money() {  # format, file, columns
  printf '{"version": 1, "input_relations": [{"logical_name": "m", "format": "%s", "location": "%s", "columns": %s}], "view_definitions": [{"name": "total", "sql": "SELECT sum(amount) AS total FROM m", "view_dependencies": ["m"]}], "output_targets": [{"table_name": "total", "source_view": "total", "format": "csv", "location": "out/total.csv"}]}' "$1" "$2" "$3" > "$W/money.json"
  "$BIN" pipeline run "$W/money.json" >/dev/null 2>&1 && cat "$W/out/total.csv"
}
check "csv columns: DECIMAL sums exactly" $'total\n0.30' "$(money csv money.csv '[{"name": "id", "type": "INTEGER"}, {"name": "amount", "type": "DECIMAL(15,2)"}]')"
check "jsonl columns: DECIMAL sums exactly" $'total\n0.30' "$(money jsonl money.jsonl '[{"name": "id", "type": "INTEGER"}, {"name": "amount", "type": "DECIMAL(15,2)"}]')"
money csv money.csv '[{"name": "id", "type": "INTEGER"}, {"name": "amount", "type": "MONEYS"}]' >/dev/null
check "an unknown column type is an error at its path" "$W/money.json: input_relations[0].columns[1].type: unknown type 'MONEYS'" "$("$BIN" pipeline run "$W/money.json" 2>&1)"
money csv money.csv '[{"name": "amount", "type": "DECIMAL(15,2)"}, {"name": "id", "type": "INTEGER"}]' >/dev/null
check "declared names follow the header in order" \
  "$W/money.json: input_relations[0].columns[0].name: 'amount' does not match the header of $W/money.csv: column 1 is 'Id'" "$("$BIN" pipeline run "$W/money.json" 2>&1)"
money jsonl money.jsonl '[{"name": "id", "type": "INTEGER"}, {"name": "amnt", "type": "DECIMAL(15,2)"}]' >/dev/null
check "a declared JSON lines column must be a key" \
  "$W/money.json: input_relations[0].columns[1].name: no line of $W/money.jsonl has the key 'amnt'" "$("$BIN" pipeline run "$W/money.json" 2>&1)"
# The demo spec follows the published JSON Schema.
if [ -x .build-venv/bin/python ]; then
  check "the demo spec is valid against docs/semantic-execution-spec.schema.json" "valid" \
    "$(.build-venv/bin/python -c "import json, jsonschema; jsonschema.validate(json.load(open('examples/demo/pipeline.json')), json.load(open('docs/semantic-execution-spec.schema.json'))); print('valid')" 2>&1 | tail -1)"
fi
rm -rf "$W"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
