#!/usr/bin/env bash
# sqllogictest dialects and reports: DuckDB's and DataFusion's directives, line endings,
# the error paths with their messages, --complete in each file's dialect, --junit (the
# project's whole suite, the XML read back), --format json, --fail-fast, the same report
# whatever the number of jobs.
# Usage: Tests/SLT-dialects/run.sh PLANSCOPE
set -u
BIN=$1
cd "$(dirname "$0")/../.."
D=Tests/SLT-dialects
pass=0; fail=0
check() {  # name, expected, actual
  if [ "$2" == "$3" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $1"; diff <(echo "$2") <(echo "$3") | head -20; fi
}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# 1. The sample files pass, each file's counts in order, then the closing line.
out=$("$BIN" slt "$D/duckdb" "$D/datafusion" "$D/lines" 2>&1); code=$?
check "DuckDB, DataFusion and line-ending samples pass" \
"$D/duckdb/directives.test: 18 passed, 0 failed, 2 skipped
$D/datafusion/directives.slt: 21 passed, 0 failed
$D/lines/bom_tabs.slt: 4 passed, 0 failed, 1 skipped
$D/lines/cr.slt: 6 passed, 0 failed
$D/lines/crlf.slt: 6 passed, 0 failed
55 passed, 0 failed, 3 skipped 0" "$out $code"
check "the same report on one job and on two" "$("$BIN" slt -j 1 "$D/duckdb" "$D/datafusion" "$D/lines" 2>&1)" "$("$BIN" slt -j 2 "$D/duckdb" "$D/datafusion" "$D/lines" 2>&1)"

# 2. Each error path: the file's `# expect:` lines are what the run prints first.
for f in "$D"/errors/*.slt; do
  expected=$(sed -n 's/^# expect: \{0,1\}//p' "$f" | tr -d '\r' | sed "1s|^|$f|")
  out=$("$BIN" slt "$f" 2>&1); code=$?
  check "error path $(basename "$f")" "$expected 1" "$(head -n "$(wc -l <<<"$expected")" <<<"$out") $code"
done

# 3. --complete writes results in the file's own dialect: completing a file whose results
# are right changes no byte (tabs, CRLF, CR, BOM, valuewise, B/D/P/? types, hashes kept),
# and a file whose top-level results were cut is written back as it was.
for f in duckdb/directives.test datafusion/directives.slt datafusion/setup.slt.part lines/crlf.slt lines/cr.slt lines/bom_tabs.slt; do
  mkdir -p "$T/c/$(dirname "$f")"; cp "$D/$f" "$T/c/$f"
done
"$BIN" slt --complete "$T/c/duckdb" "$T/c/datafusion" "$T/c/lines" >/dev/null 2>&1
for f in duckdb/directives.test datafusion/directives.slt lines/crlf.slt lines/cr.slt lines/bom_tabs.slt; do
  cmp -s "$D/$f" "$T/c/$f"; check "--complete leaves $f as written" 0 "$?"
done
for f in duckdb/directives.test datafusion/directives.slt lines/crlf.slt lines/cr.slt; do
  # Cut the results of queries outside loops (not `query error`) that run, complete, compare.
  python3 - "$T/c/$f" <<'PY'
import sys
p = sys.argv[1]
data = open(p, 'rb').read()
nl = b'\r\n' if b'\r\n' in data else (b'\r' if b'\r' in data and b'\n' not in data else b'\n')
lines = data.split(nl)
out, depth, i = [], 0, 0
while i < len(lines):
    w = lines[i].replace(b'\xef\xbb\xbf', b'').split()
    if w and w[0] in (b'loop', b'foreach'): depth += 1
    if w and w[0] in (b'endloop', b'endforeach'): depth -= 1
    if w and w[0] in (b'mode', b'require', b'halt'): depth = 1000  # records that do not run are not completed
    out.append(lines[i])
    if w and w[0] == b'query' and len(w) > 1 and w[1] != b'error' and depth == 0:
        i += 1
        while i < len(lines) and lines[i].strip() != b'----' and lines[i].strip(): out.append(lines[i]); i += 1
        if i < len(lines) and lines[i].strip() == b'----':
            i += 1
            while i < len(lines) and lines[i].strip(): i += 1
        continue
    i += 1
open(p, 'wb').write(nl.join(out))
PY
  "$BIN" slt --complete "$T/c/$f" >/dev/null 2>&1
  cmp -s "$D/$f" "$T/c/$f"; check "--complete writes $f's cut results back in its dialect" 0 "$?"
done

# 4. The project's whole suite with --junit: the XML parses and agrees with the closing line.
closing=$("$BIN" slt --junit "$T/suite.xml" Tests/SLT 2>&1 | tail -n 1)
check "the suite with --junit: the XML's counts are the closing line's" "$closing" "$(python3 - "$T/suite.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == 'testsuites', root.tag
cases = root.findall('./testsuite/testcase')
failed = sum(1 for c in cases if c.find('failure') is not None)
skipped = sum(1 for c in cases if c.find('skipped') is not None)
assert int(root.get('tests')) == len(cases) and int(root.get('failures')) == failed and int(root.get('skipped')) == skipped
for s in root.findall('testsuite'):
    assert int(s.get('tests')) == len(s.findall('testcase')), s.get('name')
    assert all(c.get('name').startswith(s.get('name') + ':') for c in s.findall('testcase'))
print(f"{len(cases) - failed - skipped} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
)"
"$BIN" slt --junit "$T/errors.xml" "$D/errors" >/dev/null 2>&1
check "--junit: a failure's message and text, escaped" "$(ls "$D"/errors/*.slt | wc -l) True" "$(python3 - "$T/errors.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
f = [c.find('failure') for c in root.iter('testcase') if c.find('failure') is not None]
print(len(f), any(x.get('message') == "unknown directive 'sleepy'" for x in f) and any("expected: /overflow in .*/" in x.text for x in f))
PY
)"

# 5. --format json: one document with each file's counts.
check "--format json: files and counts" "5 55 3 0" "$("$BIN" slt --format json "$D/duckdb" "$D/datafusion" "$D/lines" | python3 -c "
import json,sys; d=json.load(sys.stdin); print(len(d['files']), d['passed'], d['skipped'], d['failed'])")"

# 6. --fail-fast: no file after the first failing one is reported, whatever the jobs.
out=$("$BIN" slt --fail-fast -j 2 "$D/lines/crlf.slt" "$D/errors/regex_mismatch.slt" "$D/errors/bad_loop.slt" "$D/lines/cr.slt" 2>&1); code=$?
check "--fail-fast stops at the first failing file" "$D/lines/crlf.slt: 6 passed, 0 failed|$D/errors/regex_mismatch.slt: 0 passed, 1 failed|6 passed, 1 failed|1" \
  "$(grep -E '(passed|failed)' <<<"$out" | tr '\n' '|')$code"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
