#!/usr/bin/env bash
# Command-line checks: piped script against a golden, -c/-f order, exit codes, formats.
# Usage: Tests/cli/run.sh PLANSCOPE  (UPDATE=1 rewrites goldens)
set -u
BIN=$1
case $BIN in */*) BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN") ;; esac  # checks cd into folders
cd "$(dirname "$0")/../.."
G=Tests/cli/golden
pass=0; fail=0
check() {  # name, expected, actual
  if [ "$2" == "$3" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $1"; diff <(echo "$2") <(echo "$3") | head -20; fi
}
golden() {  # name, actual (a missing golden fails; UPDATE=1 writes it for review)
  if [ "${UPDATE:-}" = 1 ]; then printf '%s\n' "$2" > "$G/$1"; fi
  if [ ! -f "$G/$1" ]; then fail=$((fail+1)); echo "FAIL $1: golden file $G/$1 is missing (UPDATE=1 writes it)"; return; fi
  check "$1" "$(cat "$G/$1")" "$2"
}
mkdir -p "$G"

golden tour.out "$("$BIN" --demo < examples/demo/tour.sql 2>&1)"
golden commands.out "$("$BIN" --demo < examples/demo/commands.sql 2>&1)"
golden tour.json "$("$BIN" --demo --format json < examples/demo/tour.sql 2>&1 | tail -n 22)"

out=$("$BIN" --no-demo -c "CREATE TABLE t (a INT)" -f <(echo "INSERT INTO t VALUES (1), (2);") -c "SELECT sum(a) AS s FROM t" --format csv 2>&1)
check "-c and -f run in order" $'CREATE TABLE\nINSERT 0 2\ns\n3' "$out"

"$BIN" --no-demo -c "SELECT 1" -c "SELECT nope" -c "SELECT 3" >/dev/null 2>&1; check "exit status on error" 1 "$?"
out=$("$BIN" --no-demo -c "SELECT 1 AS one" -c "SELECT nope" -c "SELECT 3 AS three" --format csv --continue-on-error 2>/dev/null)
check "--continue-on-error" $'one\n1\nthree\n3' "$out"
err=$("$BIN" --no-demo -c "SELECT 1 +" 2>&1 >/dev/null)
check "error is one line plus caret" $'error: line 1, column 11: expected an expression, found end of input\nSELECT 1 +\n          ^' "$err"
out=$(printf 'SELECT 1 AS a;\nSELEC 2;\nSELECT 3 AS c;\n' | "$BIN" --no-demo --format csv 2>&1); code=$?
check "piped stdin stops at the first error" $'a\n1\nerror: line 2, column 1: expected a statement (SELECT, WITH, VALUES, CREATE, INSERT, DELETE, UPDATE, DROP, EXPLAIN, SET, RESET, SHOW, COPY), found \'SELEC\'\nSELEC 2;\n^^^^^' "$out"
check "piped stdin exit status" 1 "$code"
"$BIN" --no-demo -c "SELECT 1" >/dev/null 2>&1; check "exit status on success" 0 "$?"
check "--version" "0.1.0" "$("$BIN" --version)"
check "RESET and SET … TO DEFAULT: tags, the declared default" $'SET\nRESET\nname,value\nexecution.time_zone,UTC\nSET\nRESET' \
  "$("$BIN" run --format csv -c "SET TimeZone = 'Asia/Tokyo'; RESET TimeZone; SHOW TimeZone; SET TimeZone TO DEFAULT; RESET ALL" 2>&1)"
# Stage logs go to stderr with PLANSCOPE_LOG, never into the results on stdout; none without it.
out=$(PLANSCOPE_LOG=debug "$BIN" run --format csv -c "SELECT 1 AS one" 2>"$G/../log.err"); err=$(cat "$G/../log.err"); rm -f "$G/../log.err"
check "PLANSCOPE_LOG=debug: results alone on stdout" $'one\n1' "$out"
check "PLANSCOPE_LOG=debug: stage lines on stderr" "parse bind execute" "$(echo "$err" | grep -oE 'planscope\.engine: .*\] (parse|bind|execute)$' | grep -oE '(parse|bind|execute)$' | tr '\n' ' ' | sed 's/ $//')"
check "no PLANSCOPE_LOG: nothing on stderr" "" "$("$BIN" run --format csv -c "SELECT 1 AS one" 2>&1 >/dev/null)"
"$BIN" --format yaml -c "SELECT 1" >/dev/null 2>&1; check "bad --format is rejected" 64 "$?"
golden explain.txt "$("$BIN" explain --demo "SELECT n_name FROM nation JOIN region ON n_regionkey = r_regionkey WHERE r_name = 'ASIA'")"
golden explain.json "$("$BIN" explain --demo --format json "SELECT count(*) FROM region")"
golden explain_tree.txt "$("$BIN" explain --demo --format tree "SELECT r_name FROM region WHERE r_regionkey IN (SELECT n_regionkey FROM nation)")"
golden explain_window.txt "$("$BIN" explain --demo --format tree "SELECT n_regionkey, n_name, rank() OVER (PARTITION BY n_regionkey ORDER BY n_name) AS r FROM nation QUALIFY r <= 2")"
out=$("$BIN" --demo --format csv -c "SELECT n_regionkey, n_name FROM nation QUALIFY row_number() OVER (PARTITION BY n_regionkey ORDER BY n_name DESC) = 1 ORDER BY 1" 2>&1)
check "top-N per group with QUALIFY" $'n_regionkey,n_name\n0,MOZAMBIQUE\n1,UNITED STATES\n2,VIETNAM\n3,UNITED KINGDOM\n4,SAUDI ARABIA' "$out"
err=$("$BIN" --demo -c "SELECT n_name FROM nation WHERE rank() OVER (ORDER BY n_name) = 1" 2>&1 >/dev/null)
check "a window call in WHERE is one error line" $'error: line 1, column 33: window functions are not allowed in WHERE\nSELECT n_name FROM nation WHERE rank() OVER (ORDER BY n_name) = 1\n                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^' "$err"
"$BIN" explain --demo "SELECT nope FROM region" >/dev/null 2>&1; check "explain error exit" 1 "$?"
# Scripts start empty (as psql and duckdb do): a user's own 'orders' never meets the demo's.
out=$("$BIN" -c "CREATE TABLE orders (id INT)" -c "SELECT count(*) AS n FROM orders" --format csv 2>&1)
check "-c starts without the demo tables" $'CREATE TABLE\nn\n0' "$out"
out=$(echo "SELECT count(*) AS n FROM region;" | "$BIN" --format csv 2>&1)
check "piped scripts start without the demo tables" $'error: line 1, column 27: table \'region\' not found (the demo tables load with --demo)\nSELECT count(*) AS n FROM region;\n                          ^^^^^^' "$out"
out=$(printf "SELECT 'first' AS k\n\\\\format csv\n;\nSELECT 'dropped' AS d\n\\\\r\nSELECT 'kept' AS k;\n" | "$BIN" 2>&1)
check "piped scripts: a command mid-statement runs at once, \\r drops the statement" $'k\nfirst\nk\nkept' "$out"
# Several statements in JSON: one document; jsonl: one row per line.
out=$("$BIN" -c "SELECT 1 AS a; SELECT 2 AS b" -c "CREATE TABLE t (x INT)" --format json 2>&1 | python3 -c "import json,sys; print(json.load(sys.stdin))")
check "--format json: one document for several statements" "[[{'a': 1}], [{'b': 2}]]" "$out"
check "--format jsonl: one object per row" $'{"a":1}\n{"b":2}' "$("$BIN" -c "SELECT 1 AS a; SELECT 2 AS b" --format jsonl 2>&1)"
check "--format jsonl: a command's tag is an object too" $'{"command":"CREATE TABLE"}\n{"a":1}\n{"command":"RESET"}' \
  "$("$BIN" --format jsonl -c "CREATE TABLE t (a INT); SELECT 1 AS a; RESET ALL" 2>&1)"
check "-q leaves out command tags" $'a\n1' "$("$BIN" -q -c "CREATE TABLE t (a INT); INSERT INTO t VALUES (1); SELECT a FROM t" --format csv 2>&1)"
printf "CREATE TABLE t (name TEXT);\n\nSELECT nmae\n  FROM t;\n" > "$G/../schema_err.sql"
check "-f errors name file:line:column" "Tests/cli/schema_err.sql:3:8: unknown column 'nmae' (did you mean 'name'?)" \
  "$("$BIN" -q -f Tests/cli/schema_err.sql 2>&1 | head -n 1)"
rm -f Tests/cli/schema_err.sql
check "\\prev after a failed \\step keeps the position" $'error: \\step: step 99 is out of range (0…0)\nerror: \\prev: already at the initial plan (step 0); \\next or \\step N moves on' \
  "$(printf "SET optimizer.rulepack = 'none';\nSELECT 1;\n\\\\step 99\n\\\\prev\n" | "$BIN" --continue-on-error 2>&1 >/dev/null)"
check "\\dt shows a small CSV file's rows, counted (records, not lines)" "t,csv,4," \
  "$(printf 'CREATE EXTERNAL TABLE t STORED AS CSV LOCATION '"'"'Tests/Fixtures/csv/people.csv'"'"';\n\\format csv\n\\dt\n' | "$BIN" -q 2>&1 | tail -n 1)"
# Identifiers keep their case: a CSV header's names are the result's column names.
check "CSV header names keep their case" $'UserName,Amount\nann,1.5\nbob,2' \
  "$("$BIN" -q -c "SELECT * FROM 'Tests/SLT/files/data/m.csv'" --format csv 2>&1)"
check "an unquoted name finds a column in any case" $'UserName\nann' \
  "$("$BIN" -q -c "SELECT username FROM 'Tests/SLT/files/data/m.csv' LIMIT 1" --format csv 2>&1)"
# A .parquet file that is not Parquet is an error naming it and the byte (exit 1), not an empty CSV table.
P=$(mktemp -d); printf 'not parquet at all\n' > "$P/x.parquet"
out=$("$BIN" -q -c "SELECT count(*) FROM '$P/x.parquet'" 2>&1); code=$?
check "a .parquet file that is not Parquet is refused with exit 1" "error: line 1, column 22: $P/x.parquet: byte 0: the file does not start with PAR1: not a Parquet file 1" "$(echo "$out" | head -n 1) $code"
rm -rf "$P"
# A Parquet file is read by its footer's schema.
check "a Parquet file is read" $'id,name\n1,ann\n2,' \
  "$("$BIN" -q -c "SELECT id, name FROM 'Tests/SLT/files/data/small.parquet' WHERE id < 3 ORDER BY id" --format csv 2>&1)"
# INSERT INTO a CSV table appends; a failed INSERT leaves the file as it was.
T=$(mktemp -d); printf 'id,name\n1,a\n' > "$T/t.csv"
"$BIN" -q -c "CREATE EXTERNAL TABLE t STORED AS CSV LOCATION '$T/t.csv'; INSERT INTO t VALUES (2, 'b, c'), (3, NULL)" >/dev/null 2>&1
check "INSERT INTO a CSV table appends" $'id,name\n1,a\n2,"b, c"\n3,' "$(cat "$T/t.csv")"
"$BIN" -q -c "CREATE EXTERNAL TABLE t STORED AS CSV LOCATION '$T/t.csv'; INSERT INTO t VALUES (4, 'd'), ('x', 'bad')" >/dev/null 2>&1
check "a failed INSERT leaves the CSV file as it was" $'id,name\n1,a\n2,"b, c"\n3,' "$(cat "$T/t.csv")"
rm -rf "$T"
# explain: --trace-json with --analyze writes the trace; every mode honours --format json.
T=$(mktemp -d)
"$BIN" explain --demo --analyze --trace-json "$T/trace.json" "SELECT count(*) FROM region" >/dev/null 2>&1
check "explain --analyze --trace-json writes the trace" "1" "$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['schema_version'])" "$T/trace.json" 2>&1)"
check "explain --verbose --format json is one JSON document" "True" \
  "$("$BIN" explain --demo --verbose --format json "SELECT r_name FROM region" | python3 -c "import json,sys; d=json.load(sys.stdin); print('optimizer_trace' in d and 'logical_plan' in d)")"
# The Analyze view's figures: the tree (the REPL's \explain analyze prints the same), and
# self_ns, share (adding to 1) and misestimate in the JSON, on TPC-H Q5.
q5=$(cat Tests/Fixtures/tpch/queries/q05.sql)
tree=$("$BIN" explain --demo --analyze --format tree "$q5")
check "explain --analyze --format tree draws the Analyze tree" "True" \
  "$(python3 -c "import sys; t=sys.argv[1]; print('analyze:' in t and 'Σ self' in t and '└─ HashJoinExec' in t and '%' in t)" "$tree")"
repl=$(printf '%s\n' "\\explain analyze $(tr '\n' ' ' <<<"$q5")" | "$BIN" --demo 2>&1)
check "the REPL's \\explain analyze draws the same tree" "True" \
  "$(python3 -c "import sys; t=sys.argv[1]; print('analyze:' in t and 'Σ self' in t and '└─ HashJoinExec' in t)" "$repl")"
check "EXPLAIN ANALYZE JSON: self_ns, share adding to 1, misestimate" "True" \
  "$("$BIN" explain --demo --analyze --format json "$q5" | python3 -c "
import json, sys
def walk(n):
    yield n
    for c in n['children']: yield from walk(c)
ops = list(walk(json.load(sys.stdin)['physical_plan']))
print(all('self_ns' in o and 'share' in o for o in ops) and abs(sum(o['share'] for o in ops) - 1) < 1e-4
      and any(o.get('misestimate', 0) >= 10 for o in ops))")"
check "SQL EXPLAIN ANALYZE keeps its (plan_type, plan) rows" "True" \
  "$("$BIN" --demo --format json -c "EXPLAIN ANALYZE SELECT count(*) FROM region" | python3 -c "
import json, sys
types = [r['plan_type'] for r in json.load(sys.stdin)]
print(types[0] == 'logical_plan' and 'physical_plan' in types and 'analyze' not in types)")"
# compare: two plans side by side with the tree diff; exit 1 when they differ, 0 when not.
# (A text filter: with every rule off, a number compared with INTEGER keeps its cast unfolded.)
out=$("$BIN" compare --demo --sql "SELECT r_name FROM region WHERE r_name > 'B'" --rulepack default --rulepack none); code=$?
check "compare --rulepack: both plans, the pushed filter moved, exit 1" "True 1" \
  "$(python3 -c "import sys; t=sys.argv[1]; print('rulepack default' in t.splitlines()[0] and '│ rulepack none' in t and '+   Filter: region.r_name > Utf8(\"B\")' in t and 'moved region.r_name > Utf8(\"B\"): TableScan: region → Filter' in t)" "$out") $code"
"$BIN" compare --demo --sql "SELECT 1" --sql "SELECT 1" >/dev/null; check "compare: the same plan exits 0" "0" "$?"
check "compare --format json: both sides and the diff" "True" \
  "$("$BIN" compare --demo --format json --sql "SELECT o_orderkey FROM orders" --sql "SELECT o_orderkey FROM orders WHERE o_orderstatus = 'O'" | python3 -c "
import json, sys; d = json.load(sys.stdin); print(d['differs'] and d['left']['label'] == 'A' and 'plan' in d['right'] and d['diff']['changed'])")"
T=$(mktemp -d)
"$BIN" manifest show > "$T/a.json" 2>/dev/null
"$BIN" manifest show --set optimizer.rule.push_down_filter=off > "$T/b.json" 2>/dev/null
out=$("$BIN" compare --demo --sql "SELECT r_name FROM region WHERE r_regionkey > 1" --manifest "$T/a.json" --manifest "$T/b.json")
check "compare --manifest: the plan under each manifest, diffed" "True" "$(python3 -c "import sys; t=sys.argv[1]; print('a.json' in t.splitlines()[0] and '+   Filter: region.r_regionkey > Int32(1)' in t)" "$out")"
check "manifest diff --query keeps working" "True" \
  "$("$BIN" manifest diff --demo --query "SELECT r_name FROM region WHERE r_regionkey > 1" "$T/a.json" "$T/b.json" | python3 -c "import sys; print('Filter' in sys.stdin.read())")"
check "\\compare at the REPL: the query in view against another" "True" \
  "$(printf '%s\n' 'SELECT r_name FROM region WHERE r_regionkey > 1;' '\compare SELECT r_name FROM region' | "$BIN" --demo 2>&1 | python3 -c "import sys; t=sys.stdin.read(); print('diff (A → B):' in t and '1 node changed' in t)")"
# trace import / \trace load: planscope's own trace JSON read back, each changed step diffed.
"$BIN" explain --demo --trace-json "$T/trace.json" "SELECT r_name FROM region WHERE r_regionkey > 1" >/dev/null
check "trace import: the steps and each changed step's diff" "True" \
  "$("$BIN" trace import "$T/trace.json" | python3 -c "import sys; t=sys.stdin.read(); print(t.startswith('trace: ') and 'after 9 push_down_filter (pass 1):' in t and '-   Filter: region.r_regionkey > Int32(1)' in t)")"
check "\\trace load at the REPL" "True" \
  "$(printf '%s\n' "\\trace load $T/trace.json" | "$BIN" --demo 2>&1 | python3 -c "import sys; print('after 9 push_down_filter' in sys.stdin.read())")"
"$BIN" trace import "$T/a.json" >/dev/null 2>&1; check "trace import of a file that is not a trace is an error" "2" "$?"
# Trace JSON is read by the engine version that wrote it: another's is refused in one line
# naming both versions; one without engine_version is read with a warning.
python3 -c "import json,sys; t=json.load(open(sys.argv[1])); t['engine_version']='0.0.9'; json.dump(t, open(sys.argv[2],'w'))" "$T/trace.json" "$T/old-engine.json"
err=$("$BIN" trace import "$T/old-engine.json" 2>&1 >/dev/null); code=$?
check "trace import of another engine version's trace: exit 2" "2" "$code"
check "trace import of another engine version's trace: one line naming both versions" "1 True" \
  "$(echo "$err" | wc -l) $(echo "$err" | python3 -c "import sys; e=sys.stdin.read(); print('written by planscope engine 0.0.9, this is ' in e and 'old-engine.json' in e)")"
python3 -c "import json,sys; t=json.load(open(sys.argv[1])); del t['engine_version']; json.dump(t, open(sys.argv[2],'w'))" "$T/trace.json" "$T/unversioned.json"
err=$("$BIN" trace import "$T/unversioned.json" 2>&1 >/dev/null); code=$?
check "trace import of a trace without engine_version: read, with a warning" "0 True" \
  "$code $(echo "$err" | python3 -c "import sys; print(sys.stdin.read().startswith('warning: ') )")"
# trace import / \trace load of other engines' traces (Tests/Fixtures/traces, made by Tests/traces/*.py).
TR=Tests/Fixtures/traces
check "trace import: DataFusion's EXPLAIN VERBOSE (Python's bordered table)" \
  "DataFusion EXPLAIN VERBOSE: 75 steps (3 analyzer, 50 logical in 2 passes, 22 physical), 9 changed the plan" \
  "$("$BIN" trace import $TR/datafusion/q06.explain.txt | head -n 1)"
check "trace import: Spark's plan change log" "Spark plan change log: 18 steps (10 analyzer, 4 logical in 3 passes, 4 physical), 18 changed the plan" \
  "$("$BIN" trace import $TR/spark/q01.log | head -n 1)"
check "\\trace load of DataFusion's trace at the REPL, then \\step" "True" \
  "$(printf '%s\n' "\\trace load $TR/datafusion/q01.tsv" "\\trace load $TR/datafusion/q03.txt" "\\step 22" | "$BIN" --no-demo 2>&1 | python3 -c "
import sys; t = sys.stdin.read(); print('after step 22 (pass 1, push_down_filter):' in t and 'moved lineitem.l_shipdate > Date32(\"1995-03-15\"): Filter → TableScan: lineitem' in t)")"
head -n 100 $TR/datafusion/q06.explain.txt > "$T/cut.txt"
check "trace import of a cut table: one line naming the line" "error: $T/cut.txt: line 100: the table has no closing border: the trace is cut short" \
  "$("$BIN" trace import "$T/cut.txt" 2>&1)"
"$BIN" trace import "$T/cut.txt" >/dev/null 2>&1; check "trace import of a cut table: exit status" "2" "$?"
grep -v "Metrics of Executed Rules org.apache.spark.sql.execution" $TR/spark/q01.log > "$T/cut.log"
check "trace import of a Spark log without its last section" "True" \
  "$("$BIN" trace import "$T/cut.log" 2>&1 | python3 -c "import sys; t = sys.stdin.read(); print(t.count(chr(10)) == 1 and t.startswith('error: $T/cut.log: line ') and 'cut short' in t)")"
rm -rf "$T"
# Headers of unaliased expressions as PostgreSQL names them.
check "unaliased columns are named as PostgreSQL does" $'?column?,count,upper\n42,1,X' "$("$BIN" -c "SELECT 41 + 1, count(*), upper('x')" --format csv 2>&1)"
# The startup file runs first; -X skips it.
mkdir -p "$T/config/planscope"; printf "SET optimizer.max_passes = 2;\n" > "$T/config/planscope/planscoperc"
check "the startup file runs first" $'name,value\noptimizer.max_passes,2' "$(XDG_CONFIG_HOME="$T/config" "$BIN" -q -c "SHOW optimizer.max_passes" --format csv 2>&1)"
check "-X skips the startup file" $'name,value\noptimizer.max_passes,3' "$(XDG_CONFIG_HOME="$T/config" "$BIN" -X -q -c "SHOW optimizer.max_passes" --format csv 2>&1)"
# With --format json, errors are JSON objects on stderr.
check "errors as JSON with --format json" '{"error":{"message":"unknown column '"'"'nope'"'"'","kind":"unknownName","line":1,"column":8}}' \
  "$("$BIN" -c "SELECT nope" --format json 2>&1 >/dev/null)"
# \copy writes relative to the client's directory.
ABS=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN"); (cd "$T" && printf "\\\\copy (SELECT 1 AS a, 'x' AS b) TO 'c.csv'\n" | "$ABS" -q >/dev/null 2>&1)
check "\\copy writes a file" $'a,b\n1,x' "$(cat "$T/c.csv" 2>&1)"
rm -rf "$T"
# Manifests: saved, diffed by path, exit 0 same / 1 different / 2 error.
T=$(mktemp -d)
"$BIN" manifest save "$T/a.json" >/dev/null; "$BIN" manifest save --set optimizer.max_passes=5 "$T/b.json" >/dev/null
"$BIN" manifest diff "$T/a.json" "$T/a.json" >/dev/null; check "manifest diff of equal manifests exits 0" 0 "$?"
out=$("$BIN" manifest diff --format brief "$T/a.json" "$T/b.json"); code=$?
check "manifest diff names the change and exits 1" "manifests differ: 0 added, 0 removed, 1 changed 1" "$out $code"
check "manifest diff by path" "~ planning_config.optimizer.max_passes: 3 → 5" "$("$BIN" manifest diff "$T/a.json" "$T/b.json" | head -n 1)"
printf '{"manifest_version": 9}' > "$T/c.json"
out=$("$BIN" manifest diff "$T/a.json" "$T/c.json" 2>&1); code=$?
check "a newer manifest version is refused with exit 2" "$T/c.json: manifest version 9 cannot be read by this planscope (it reads version 2) 2" "$out $code"
printf '{"manifest_version": 2, "engine_version": "0.1.0", "table_factories": []}' > "$T/d.json"
out=$("$BIN" manifest diff "$T/a.json" "$T/d.json" 2>&1); code=$?
check "a manifest missing sections is refused, naming them, with exit 2" \
  "$T/d.json: manifest is missing required sections 'relation_planners', 'expression_planners', 'type_planners', 'planning_config', 'rulepack' 2" "$out $code"
# Two processes, settings given in another order: the same fingerprint.
fp1=$("$BIN" manifest save --set optimizer.max_passes=4 --set planner.expression.span=off "$T/p1.json")
fp2=$("$BIN" manifest save --set planner.expression.span=off --set optimizer.max_passes=4 "$T/p2.json")
check "the fingerprint is the same in another process" "${fp1#*: }" "${fp2#*: }"
# Why did my plan change: a planner switched off, the plan diff and the reason.
"$BIN" manifest save --set planner.expression.span=off "$T/nospan.json" >/dev/null
printf 'CREATE TABLE r (pos INT, name TEXT);\n' > "$T/setup.sql"
golden manifest-why.out "$("$BIN" manifest diff "$T/a.json" "$T/nospan.json" --setup "$T/setup.sql" --query "SELECT name FROM r WHERE span_contains(10, 20, pos)" | grep -v fingerprint | grep -v '→ sha256')"
"$BIN" manifest diff "$T/a.json" "$T/nospan.json" --setup "$T/setup.sql" --query "SELECT 1" >/dev/null; check "manifest diff --query exits 1 when the manifests differ" 1 "$?"
out=$("$BIN" manifest diff "$T/a.json" "$T/a.json" --demo --query "SELECT n_name FROM nation" --format brief); code=$?
check "manifest diff --query on equal manifests" "manifests are the same; plan unchanged 0" "$(sed 's/ (sha256:[0-9a-f]*…)//' <<<"$out") $code"
out=$("$BIN" manifest diff "$T/a.json" "$T/nospan.json" --query "SELECT * FROM nowhere" --format json | grep -c '"error"')
check "a query that fails on both sides is reported, not an error" 2 "$out"
out=$("$BIN" manifest capabilities --format json | grep -E '"contract_version"|"schema_version"' | tr -d ' ,')
check "capabilities carry their contract version" $'"schema_version":1\n"contract_version":1' "$out"
rm -rf "$T"
# Issue 30, the rough edges a new user hits.
# 1. Errors about huge input stay readable: a window of the line, long names cut, controls escaped.
long=$(printf 'x%.0s' $(seq 10000))
check "a 10,000-character name: the message cut with …, a window of the SQL line" \
  $'error: line 1, column 11: unknown column \'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\'\nSELECT 1, xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…\n          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^' \
  "$("$BIN" -c "SELECT 1, $long FROM (SELECT 1 AS a) s" 2>&1)"
cols=$(python3 -c 'print(", ".join(f"{i} AS c{i}" for i in range(40)))')
check "an error far along a long line: the window around it, … at the cut" \
  $'error: line 1, column 428: unknown column \'nope\'\n…S c35, 36 AS c36, 37 AS c37, 38 AS c38, 39 AS c39, nope FROM (SELECT 1 AS a) s\n                                                    ^^^^' \
  "$("$BIN" -c "SELECT $cols, nope FROM (SELECT 1 AS a) s" 2>&1)"
check "binary on stdin: control characters shown escaped, none written" \
  $'error: line 1, column 9: unexpected character \'\\x00\'\nSELECT 1\\x00;\n        ^^^^ 0' \
  "$(printf 'SELECT 1\x00;' | "$BIN" 2>&1) $(printf 'SELECT 1\x00\x1b[2J;' | "$BIN" 2>&1 | tr -d '\n' | LC_ALL=C grep -c '[[:cntrl:]]')"
# 2. SET errors point at the value (or at an unknown name); a theme that does not exist is an error.
check "SET: a bad value is pointed at" \
  $'error: line 1, column 28: invalid value \'1000\' for optimizer.max_passes (expected an integer from 1 to 100)\nSET optimizer.max_passes = 1000\n                           ^^^^' \
  "$("$BIN" -c "SET optimizer.max_passes = 1000" 2>&1)"
check "SET: an unknown name is pointed at" $'error: line 1, column 5: unknown setting \'nosuch.x\'\nSET nosuch.x = 1\n    ^^^^^^^^' \
  "$("$BIN" -c "SET nosuch.x = 1" 2>&1)"
T=$(mktemp -d)
out=$(XDG_CONFIG_HOME="$T" "$BIN" -c "SET display.theme = nosuch" 2>&1); code=$?
check "SET display.theme = nosuch is an error naming the themes, exit 1" \
  "error: line 1, column 21: no theme 'nosuch' for display.theme (the themes: default, high-contrast, light, monochrome) 1" "$(head -n 1 <<<"$out") $code"
XDG_CONFIG_HOME="$T" "$BIN" -q -c "SET display.theme = light" >/dev/null 2>&1; check "SET display.theme to a theme there is" 0 "$?"
# 3. Every file error says why.
out=$("$BIN" manifest diff "$T/nonexistent.json" 2>&1); code=$?
check "a manifest that is not there: no such file, exit 2" "cannot read manifest '$T/nonexistent.json': no such file 2" "$out $code"
check "a manifest that is a folder" "cannot read manifest '$T': is a folder" "$("$BIN" manifest diff "$T" 2>&1)"
printf '{\n  "manifest_version": 2,\n  oops\n}\n' > "$T/bad.json"
check "a manifest that is not JSON: line and column" "$T/bad.json: not valid JSON: line 3, column 3: expected a quoted key" "$("$BIN" manifest diff "$T/bad.json" 2>&1)"
check "-f FILE that is not there" "error: cannot read '$T/no.sql': no such file" "$("$BIN" -f "$T/no.sql" 2>&1)"
check "\\i FILE that is not there" "error: \\i: cannot read '$T/no.sql': no such file" "$("$BIN" -c "\\i $T/no.sql" 2>&1)"
# Scripts as written anywhere: CRLF and CR endings, a byte-order mark, no final newline.
printf '\xef\xbb\xbfSELECT 1 AS a;\r\n\\pset pager off\r\nSELECT 2\r\n  AS b;\r\nSELEC 3;\r\n' > "$T/crlf.sql"
check "-f reads CRLF lines after a byte-order mark (commands too; errors name the right line)" \
  $'a\n1\nb\n2\n'"$T/crlf.sql:5:1: expected a statement" \
  "$("$BIN" --no-demo --format csv -f "$T/crlf.sql" 2>&1 | sed -E 's/(statement).*/\1/' | head -n 5)"
printf 'SELECT 1 AS a;\r\\pset pager off\rSELECT 2 AS b;' > "$T/cr.sql"
check "\\i reads CR lines and a last line without newline" $'a\n1\nb\n2' "$("$BIN" --no-demo --format csv -c "\\i $T/cr.sql" 2>&1)"
check "trace import of a file that is not there" "error: cannot read '$T/no.json': no such file" "$("$BIN" trace import "$T/no.json" 2>&1)"
check "a pipeline spec that is not there" "error: cannot read pipeline spec '$T/no.json': no such file" "$("$BIN" pipeline graph "$T/no.json" 2>&1)"
check "a CSV table that is not there: no such file" "error: cannot read '$T/no.csv': no such file" \
  "$("$BIN" -c "CREATE EXTERNAL TABLE t STORED AS CSV LOCATION '$T/no.csv'" 2>&1)"
check "a folder with no CSV files" "error: line 1, column 15: cannot read '$T': a folder with no .csv files" "$("$BIN" -c "SELECT * FROM '$T'" 2>&1 | head -n 1)"
check "a JSON lines table that is not there: no such file" "error: line 1, column 15: cannot read '$T/no.jsonl': no such file" \
  "$("$BIN" -c "SELECT * FROM '$T/no.jsonl'" 2>&1 | head -n 1)"
printf '{"spec_version": 1}' > "$T/bad-spec.json"
check "planscope tui bad-spec.json names the file on each error, as pipeline run does" \
  "$T/bad-spec.json: spec_version: unknown key 'spec_version'|$T/bad-spec.json: version: missing (the spec's version, currently 1)|" \
  "$(script -qec "$BIN tui $T/bad-spec.json" /dev/null </dev/null | tr -d '\r' | tr '\n' '|')"
# 5. A demo table's name not found says how the demo tables load.
check "explain without --demo: table not found says --demo" \
  "error: line 1, column 22: table 'lineitem' not found (the demo tables load with --demo)" \
  "$("$BIN" explain "SELECT count(*) FROM lineitem" 2>&1 | head -n 1)"
check "a table of one's own not found says nothing of the demo" "error: line 1, column 15: table 'mine' not found" \
  "$("$BIN" -c "SELECT * FROM mine" 2>&1 | head -n 1)"
# 4. Options do what they say.
check "explain --verbose --format tree draws each step as a tree" "True" \
  "$("$BIN" explain --demo --verbose --format tree "SELECT r_name FROM region WHERE r_regionkey > 1" | python3 -c "
import sys; t = sys.stdin.read(); print('initial_logical_plan:\nProjection: region.r_name\n└── Filter:' in t and 'logical_plan after simplify_expressions:\nProjection: region.r_name\n└── Filter: region.r_regionkey > Int32(1)' in t)")"
out=$(printf '\\timing on\n\\o %s/o.csv\nSELECT 1 AS a;\n' "$T" | "$BIN" --format csv 2>&1)
check "\\o FILE: the rows to the file, Time: to the terminal" "a,1|Timing is on.|Time:" "$(tr '\n' ',' < "$T/o.csv" | sed 's/,$//')|$(head -n 1 <<<"$out")|$(sed -n 2p <<<"$out" | cut -c1-5)"
"$BIN" manifest save "$T/m.json" >/dev/null
cp -r examples/demo/pipeline.json examples/demo/data "$T/"
# Every subcommand `planscope --help` lists that prints (tui draws a screen instead).
for cmd in "explain --demo SELECT_1" "compare --demo --sql SELECT_1 --sql SELECT_2" "report --demo -o $T/r.html SELECT_1" "trace_import $T/trace.json" \
           "pushdown --demo SELECT_1" "pipeline graph examples/demo/pipeline.json" "graph examples/demo/pipeline.json" "pipeline run $T/pipeline.json" \
           "manifest show" "manifest save $T/m2.json" "manifest diff $T/m.json" "manifest capabilities" "slt Tests/SLT/identity/cse.slt" "-c SELECT_1"; do
  [ "${cmd%% *}" = trace_import ] && "$BIN" explain --demo --trace-json "$T/trace.json" "SELECT 1" >/dev/null
  args=(${cmd//trace_import/trace import}); args=("${args[@]//SELECT_/SELECT }")
  "$BIN" "${args[@]}" --format json 2>/dev/null | python3 -c "import json,sys; json.load(sys.stdin)" 2>/dev/null
  check "--format json prints one JSON document: planscope ${cmd//_/ }" 0 "$?"
done
# Issue 30, more rough edges.
# 1. With --format json every subcommand's errors are JSON, one object a line, in one shape
# (message, kind, and file, line, column when known), with the exit status of the text.
T=$(mktemp -d); "$BIN" manifest save "$T/m0.json" >/dev/null
for cmd in "1 explain SELEC_1" "2 compare --sql SELEC --sql SELECT_1" "1 report -o $T/r.html SELEC" "2 trace_import $T/no.json" \
           "1 pushdown SELEC" "1 pipeline graph $T/no.json" "1 graph $T/no.json" "1 pipeline run $T/no.json" \
           "2 manifest diff $T/no.json $T/no2.json" "2 manifest show --set nosuch=1" "2 manifest save --set nosuch=1 $T/m.json" \
           "2 manifest capabilities --set nosuch=1" "1 -c SELEC" "1 -f $T/no.sql" "1 explain --trace-json $T/no/t.json SELECT_1" \
           "1 slt --junit $T/no/j.xml Tests/SLT/identity/cse.slt" "1 pipeline run --check-replay $T/no.json examples/demo/pipeline.json" \
           "2 manifest diff $T/m0.json --setup $T/no.sql --query SELECT_1" "2 compare --demo --sql SELECT_1 --manifest $T/no.json --manifest $T/m0.json"; do
  args=(${cmd#* }); args=("${args[@]//trace_import/trace import}"); args=(${args[@]}); args=("${args[@]//SELECT_/SELECT }")
  "$BIN" "${args[@]}" >/dev/null 2>&1; text=$?
  err=$("$BIN" "${args[@]}" --format json 2>&1 >/dev/null); json=$?
  check "--format json errors are JSON, exit as in text: planscope ${cmd#* }" "${cmd%% *} ${cmd%% *} True" "$text $json $(python3 -c "
import json, sys
lines = sys.argv[1].splitlines()
def ok(line):
    e = json.loads(line)['error']
    return {'message', 'kind'} <= set(e) <= {'message', 'kind', 'file', 'line', 'column'} and '\n' not in e['message']
print(bool(lines) and all(ok(l) for l in lines))" "$err" 2>&1)"
done
check "explain --format json: a syntax error's kind and position" '{"error":{"message":"expected a statement (SELECT, WITH, VALUES, CREATE, INSERT, DELETE, UPDATE, DROP, EXPLAIN, SET, RESET, SHOW, COPY), found '"'"'SELEC'"'"'","kind":"syntax","line":1,"column":1}}' \
  "$("$BIN" explain --format json "SELEC 1" 2>&1)"
check "pushdown --format json: the same shape (kind, line, column; no caret in the message)" '{"error":{"message":"unknown column '"'"'nope'"'"'","kind":"unknownName","line":1,"column":8}}' \
  "$("$BIN" pushdown --demo --format json "SELECT nope FROM region" 2>&1)"
check "a spec's problems: one JSON object each, naming the file" "2 $T/bad.json spec" \
  "$(printf '{"spec_version": 1}' > "$T/bad.json"; "$BIN" pipeline graph --format json "$T/bad.json" 2>&1 | python3 -c "
import json, sys; e = [json.loads(l)['error'] for l in sys.stdin]; print(len(e), e[0]['file'], e[0]['kind'])")"
# 2. report --format json says what it wrote.
check "report --format json: the file and its sections" "True True True" \
  "$("$BIN" report --demo --format json -o "$T/r.html" "SELECT count(*) FROM region" | python3 -c "
import json, sys; d = json.load(sys.stdin); print(d['file'] == sys.argv[1] and d['sections'] == ['trace', 'pushdown', 'analyze', 'manifest'], d['output_rows'] == 1)" "$T/r.html") $([ -s "$T/r.html" ] && echo True)"
# 3. compare: a side that cannot be planned is exit 2, its error whole (message, SQL line, caret).
out=$("$BIN" compare --demo --sql "SELECT nope FROM region" --rulepack default --rulepack none 2>&1); code=$?
check "compare: a query failing under both rulepacks is an error, exit 2" $'error: line 1, column 8: unknown column \'nope\'\nSELECT nope FROM region\n       ^^^^ 2' "$out $code"
out=$("$BIN" compare --sql "SELEC" --sql "SELECT 1" 2>&1); code=$?
check "compare: one side that does not parse is an error naming the side, exit 2" \
  $'A: error: line 1, column 1: expected a statement (SELECT, WITH, VALUES, CREATE, INSERT, DELETE, UPDATE, DROP, EXPLAIN, SET, RESET, SHOW, COPY), found \'SELEC\'\nSELEC\n^^^^^ 2' "$out $code"
# 5. The task graph's JSON: unique node ids, order and levels of those ids, edges from → to.
check "pipeline graph --format json: unique ids; order, levels, edges and critical path use them" "True" \
  "$("$BIN" pipeline graph examples/demo/pipeline.json --format json | python3 -c "
import json, sys
d = json.load(sys.stdin); ids = [n['id'] for n in d['nodes']]
out = [n for n in d['nodes'] if n['kind'] == 'output']
print(len(set(ids)) == len(ids) and sorted(d['order']) == sorted(ids) and sorted(sum(d['levels'], [])) == sorted(ids)
      and all(e['from'] in ids and e['to'] in ids for e in d['edges'])
      and len(d['edges']) == sum(len(n['dependencies']) for n in d['nodes']) and all(x in ids for x in d['critical_path']['nodes'])
      and len(out) == 4 and all(n['id'] == 'output:' + n['name'] for n in out)
      and {'from': 'open_orders', 'to': 'customer_totals'} in d['edges'])")"
# 6. \o says why it cannot write; \d shows a Parquet column planscope cannot read as what it is.
check "\\o FOLDER: is a folder" "error: \\o: cannot write to '$T': is a folder" "$(printf '\\o %s\n' "$T" | "$BIN" 2>&1)"
check "\\o FILE in a folder that is not there" "error: \\o: cannot write to '$T/no/x.txt': no such folder" "$(printf '\\o %s/no/x.txt\n' "$T" | "$BIN" 2>&1)"
check "\\d shows a Parquet LIST column as LIST (not supported)" "│ xs     │ LIST (not supported) │ yes      │" \
  "$(printf "CREATE EXTERNAL TABLE n STORED AS PARQUET LOCATION 'Tests/SLT/files/data/nested.parquet';\n\\\\d n\n" | "$BIN" -q 2>&1 | grep xs)"
rm -rf "$T"
# 6. Estimates agree between views: the task graph shows each view's EXPLAIN estimate, and
# inputs their files' rows (counted, not a size over 100 bytes a row).
# (`graph --check` binds and estimates; `graph` alone parses the views and estimates nothing.)
graph=$("$BIN" pipeline graph --check examples/demo/pipeline.json --format json)
check "task graph without --check: nothing estimated, the critical path by views" "True" \
  "$("$BIN" pipeline graph examples/demo/pipeline.json --format json | python3 -c "import json,sys; d=json.load(sys.stdin); print(all(n['estimated_rows'] is None for n in d['nodes']) and d['critical_path']['estimated_rows'] is None and d['critical_path']['views'] == 4)")"
check "task graph: inputs estimate their files' rows (region 5, nation 25, orders 1,500)" "5 25 1500" \
  "$(python3 -c "import json,sys; n={x['name']+x['kind']:x['estimated_rows'] for x in json.load(sys.stdin)['nodes']}; print(*(int(n[k+'input']) for k in ('region','nation','orders')))" <<<"$graph")"
check "EXPLAIN ANALYZE of a CSV scan estimates the file's rows" "output_rows=5, estimated_rows=5" \
  "$(cd examples/demo && "$BIN" explain --analyze "SELECT * FROM 'data/region.csv' AS region" | grep ScanExec | grep -o 'output_rows=[0-9]*, estimated_rows=[0-9]*')"
view_est=$(python3 -c "import json,sys; print(int([x for x in json.load(sys.stdin)['nodes'] if x['name']=='open_orders' and x['kind']=='view'][0]['estimated_rows']))" <<<"$graph")
sql=$(python3 -c "import json; print([v for v in json.load(open('examples/demo/pipeline.json'))['view_definitions'] if v['name']=='open_orders'][0]['sql'])")
explain_est=$(cd examples/demo && "$BIN" explain --format json "$(sed 's/FROM orders/FROM '"'"'data\/orders.csv'"'"' AS orders/' <<<"$sql")" \
  | python3 -c "import json,sys; print(json.load(sys.stdin)['physical_plan']['estimated_rows'])")
check "task graph: a view's estimate is its EXPLAIN estimate" "$explain_est" "$view_est"
rm -rf "$T"
out=$("$BIN" --demo -c "SELECT count(*) AS n FROM region" --format csv 2>&1)
check "--demo loads the demo tables" $'n\n5' "$out"
# Parquet pruning in the pushdown report: row groups, pages and bytes read with each mechanism on and off.
PQ=Tests/SLT/files/data/pruning.parquet
S=$(mktemp -d)
printf 'SET pushdown.parquet.row_groups = off;\nSET pushdown.parquet.page_index = off;\nSET pushdown.parquet.bloom_filter = off;\n' > "$S/off.sql"
golden pushdown-parquet.out "$(for q in "SELECT id, name FROM '$PQ' WHERE id BETWEEN 450 AND 460" "SELECT count(*) FROM '$PQ' WHERE grp = 'd'" "SELECT count(*) FROM '$PQ' WHERE opt IS NULL" "SELECT count(*) FROM '$PQ' WHERE id BETWEEN 150 AND 160 AND d = DATE '2020-01-01'"; do
  "$BIN" pushdown "$q" | tail -n 1; "$BIN" pushdown -f "$S/off.sql" "$q" | tail -n 1; done 2>&1)"
check "pushdown JSON counts row groups and pages offered, pruned (by mechanism) and read" \
  "row groups 5 4 1 {'statistics': 4} | pages 8 6 2 {'page index': 6} | 34963" \
  "$("$BIN" pushdown --format json "SELECT id, name FROM '$PQ' WHERE id BETWEEN 450 AND 460" | python3 -c "
import json, sys
s = json.load(sys.stdin)['scans'][0]
print(' | '.join(f\"{u['kind']} {u['offered']} {u['pruned']} {u['read']} {u['pruned_by']}\" for u in s['units']), '|', s['file_bytes'])")"
check "EXPLAIN ANALYZE shows row groups, pages and bytes read" \
  "row groups 1 of 5 read (4 pruned: 4 statistics), pages 2 of 8 read (6 pruned: 6 page index), bytes 1.2 KiB of 34.1 KiB]" \
  "$("$BIN" explain --analyze "SELECT id, name FROM '$PQ' WHERE id BETWEEN 450 AND 460" | grep -o 'row groups [^]]*]' | head -n 1)"
rm -rf "$S"
# A pipeline spec reads a Parquet input (format parquet).
S=$(mktemp -d)
printf '{"version": 1, "input_relations": [{"logical_name": "events", "format": "parquet", "location": "%s"}],\n "view_definitions": [{"name": "recent", "sql": "SELECT count(*) AS n, min(id) AS first FROM events WHERE id >= 1990", "view_dependencies": ["events"]}],\n "output_targets": [{"table_name": "out", "source_view": "recent", "format": "csv", "location": "out.csv"}]}\n' "$PWD/$PQ" > "$S/spec.json"
"$BIN" pipeline run "$S/spec.json" >/dev/null 2>&1
check "a pipeline spec with a parquet input runs" $'n,first\n10,1990' "$(cat "$S/out.csv" 2>&1)"
rm -rf "$S"
# A pipeline over TIMESTAMPTZ values writes the same rows whatever the machine's TZ says
# (execution.time_zone is UTC unless the session or spec sets it).
S=$(mktemp -d)
printf 'k,t\n1,2024-03-31 00:30:00+00\n2,2024-03-31 02:30:00+02\n3,2024-10-27 00:30:00Z\n' > "$S/ev.csv"
printf '{"version": 1, "input_relations": [{"logical_name": "ev", "format": "csv", "location": "ev.csv"}],\n "view_definitions": [{"name": "v", "sql": "SELECT k, t, date_trunc(\x27day\x27, t) AS d, CAST(t AS TIMESTAMP) AS wall, CAST(t AS DATE) AS day, t + INTERVAL \x271 day\x27 AS next FROM ev ORDER BY k", "view_dependencies": ["ev"]}],\n "output_targets": [{"table_name": "out", "source_view": "v", "format": "csv", "location": "out.csv"}]}\n' > "$S/spec.json"
TZ=UTC "$BIN" pipeline run "$S/spec.json" >/dev/null 2>&1; cp "$S/out.csv" "$S/utc.csv"
TZ=America/New_York "$BIN" pipeline run "$S/spec.json" >/dev/null 2>&1
check "a pipeline's TIMESTAMPTZ output is the same under TZ=UTC and TZ=America/New_York" "$(cat "$S/utc.csv")" "$(cat "$S/out.csv" 2>&1)"
check "…and is UTC's" $'k,t,d,wall,day,next\n1,2024-03-31 00:30:00+00,2024-03-31 00:00:00+00,2024-03-31 00:30:00,2024-03-31,2024-04-01 00:30:00+00' "$(head -n 2 "$S/utc.csv")"
rm -rf "$S"

# Substrait: export, import and run, the tree diff against the query, --format substrait, errors naming the place.
S=$(mktemp -d)
Q="SELECT n_name, count(*) AS n FROM nation JOIN region ON n_regionkey = r_regionkey WHERE r_name = 'ASIA' GROUP BY n_name ORDER BY n_name LIMIT 2"
"$BIN" substrait export --demo "$Q" -o "$S/plan.json"; check "substrait export writes a plan" 0 "$?"
check "the plan names Substrait 0.85" '"minorNumber" : 85,' "$(grep -o '"minorNumber" : 85,' "$S/plan.json")"
check "substrait import runs it" $'n_name,n\nCHINA,1\nINDIA,1' "$("$BIN" substrait import --demo --format csv "$S/plan.json" 2>&1)"
check "substrait import --against: no changes" "no changes: the imported plan is the query's plan" "$("$BIN" substrait import --demo "$S/plan.json" --against "$Q" 2>&1)"
check "--against names the changed nodes" "2 nodes changed, 0 removed, 0 added" "$("$BIN" substrait import --demo "$S/plan.json" --against "${Q/LIMIT 2/LIMIT 3}" 2>&1 | tail -n 1)"
check "explain --format substrait is the export" "$(cat "$S/plan.json")" "$("$BIN" explain --demo --format substrait "$Q")"
check "\\substrait load runs a plan in a script" $'n_name,n\nCHINA,1\nINDIA,1' "$(printf '\\substrait load %s\n' "$S/plan.json" | "$BIN" --demo --format csv 2>&1)"
echo '{"relations":[{"root":{"input":{"expand":{}}}}]}' > "$S/expand.json"
check "an unknown relation kind names its place" "error: $S/expand.json: relations[0].root.input.expand: relation kind 'expand' is not supported" "$("$BIN" substrait import --demo "$S/expand.json" 2>&1)"
check "the same error as JSON" "{\"error\":{\"message\":\"$S/expand.json: relations[0].root.input.expand: relation kind 'expand' is not supported\",\"kind\":\"invalidPlan\",\"file\":\"$S/expand.json\"}}" "$("$BIN" substrait import --demo --format json "$S/expand.json" 2>&1)"
check "substrait import --analyze runs it with EXPLAIN ANALYZE's figures" "1" "$("$BIN" substrait import --demo --analyze "$S/plan.json" 2>&1 | grep -c '^physical_plan:')"
check "substrait import --verbose steps the optimizer from the imported plan" "1" "$("$BIN" substrait import --demo --verbose "$S/plan.json" 2>&1 | grep -c '^initial_logical_plan:')"
check "substrait import --pushdown reports the imported plan's scans" "1" "$("$BIN" substrait import --demo --pushdown "$S/plan.json" 2>&1 | grep -c 'region.r_name = Utf8("ASIA")')"
echo '{"relations":[{"root":{"input":{"read":{"namedTable":{"names":["region"]},"advancedExtension":{"enhancement":{}}}}}}]}' > "$S/extra.json"
check "a field planscope does not read is an error, not a dropped option" "error: $S/extra.json: relations[0].root.input.read.advancedExtension: this field is not read by planscope" "$("$BIN" substrait import --demo "$S/extra.json" 2>&1)"
head -c 200 "$S/plan.json" > "$S/cut.json"
check "a truncated plan is a syntax error with its line" "error: $S/cut.json: line 9, column 0: unterminated string" "$("$BIN" substrait import --demo "$S/cut.json" 2>&1 | sed -E 's/column [0-9]+/column 0/')"
"$BIN" substrait import "$S/plan.json" >/dev/null 2>&1; check "a plan over tables that are not there fails" 1 "$?"
check "a DML statement has no Substrait form" "error: Substrait export: only queries have a Substrait form here, not Dml" "$("$BIN" substrait export --demo "DELETE FROM region" 2>&1 | head -n 1)"
rm -rf "$S"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
