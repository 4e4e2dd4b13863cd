#!/usr/bin/env bash
# Fuzzes one target with libFuzzer (+ AddressSanitizer) for SECONDS seconds.
#
#   bench/fuzz.sh TARGET SECONDS [libFuzzer flags...]
#   bench/fuzz.sh TARGET build            # only build .build-fuzz/debug/FuzzX
#   bench/fuzz.sh TARGET repro FILE...    # run the given inputs once (a crash, a regression)
#
# TARGET: sql sqlexec csv jsonl parquet pipeline manifest theme slt datafusiontrace sparktrace substrait. The driver is the SwiftPM product
# FuzzX, declared only when PLANSCOPE_FUZZ=1 and built in its own scratch path
# (.build-fuzz) so the normal build is untouched. Seeds are copied from the repository's
# fixtures into .build-fuzz/corpus/TARGET (generated, not committed) together with
# Tests/Fixtures/fuzz-regressions/TARGET; crashes, timeouts and OOMs go to
# .build-fuzz/findings/TARGET (not .build-fuzz/artifacts: SwiftPM owns that folder and
# empties it when the manifest changes). Everything runs under `nice -n 19`. See
# docs/testing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: bench/fuzz.sh TARGET SECONDS|build|repro FILE...}
mode=${2:?usage: bench/fuzz.sh TARGET SECONDS|build|repro FILE...}
shift 2
case $target in
    sql) product=FuzzSQL ;; sqlexec) product=FuzzSQLExec ;; csv) product=FuzzCSV ;; jsonl) product=FuzzJSONL ;; parquet) product=FuzzParquet ;;
    pipeline) product=FuzzPipeline ;; manifest) product=FuzzManifest ;;
    theme) product=FuzzTheme ;; slt) product=FuzzSLT ;;
    datafusiontrace) product=FuzzDataFusionTrace ;; sparktrace) product=FuzzSparkTrace ;; substrait) product=FuzzSubstrait ;;
    *) echo "unknown target '$target' (sql sqlexec csv jsonl parquet pipeline manifest theme slt datafusiontrace sparktrace substrait)" >&2; exit 2 ;;
esac

scratch=.build-fuzz
# Stack traces from libFuzzer/ASan, not Swift's interactive backtracer (slow, and it
# holds the process up after a trap).
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}

PLANSCOPE_FUZZ=1 nice -n 19 swift build -c debug --product "$product" --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld 2>&1 \
    | grep -v "Cannot export local symbol" >&2
binary=$scratch/debug/$product
[[ $mode == build ]] && { echo "$binary"; exit 0; }
if [[ $mode == repro ]]; then
    exec nice -n 19 "$binary" -timeout=10 -rss_limit_mb=4096 "$@"
fi

# Seeds: the fixtures a user's file of this kind looks like.
corpus=$scratch/corpus/$target
findings=$scratch/findings/$target
mkdir -p "$corpus" "$findings"
seed() { # copies each existing file into the corpus under a flat, unique name
    local f
    for f in "$@"; do
        [[ -f $f && $(stat -c %s "$f") -le 65536 ]] || continue
        cp "$f" "$corpus/seed-$(echo "$f" | tr '/' '_')"
    done
}
shopt -s nullglob globstar
case $target in
    sql|sqlexec)
        # Every SQL record of the sqllogictest suite, one file each.
        python3 - "$corpus" Tests/SLT/**/*.slt <<'PY'
import sys, re, os
out = sys.argv[1]; n = 0
for path in sys.argv[2:]:
    for block in re.split(r"\n\s*\n", open(path, encoding="utf-8", errors="replace").read()):
        lines = block.strip("\n").split("\n")
        while lines and lines[0].startswith("#"): lines.pop(0)
        if not lines or not re.match(r"(statement|query)\b", lines[0]): continue
        body = []
        for l in lines[1:]:
            if l.startswith("----"): break
            body.append(l)
        if body:
            n += 1
            open(os.path.join(out, "slt-%05d.sql" % n), "w").write("\n".join(body) + "\n")
PY
        seed examples/**/*.sql bench/**/*.sql Tests/Fixtures/**/*.sql ;;
    csv) seed Tests/Fixtures/**/*.csv Tests/SLT/**/*.csv examples/**/*.csv Tests/Fixtures/**/*.tbl ;;
    jsonl) seed Tests/Fixtures/**/*.json Tests/Fixtures/**/*.jsonl Tests/SLT/**/*.json Tests/SLT/**/*.jsonl \
                examples/**/*.jsonl Tests/SLT/**/*.ndjson ;;
    parquet)
        seed Tests/SLT/**/*.parquet Tests/Fixtures/**/*.parquet
        # Small files of every encoding, codec and type the reader knows (Tests/parquet/check.py's
        # matrix at 200 rows), written by DuckDB and pyarrow when the venv is there.
        if [[ -x .build-venv/bin/python ]]; then
            .build-venv/bin/python - "$corpus" <<'PY'
import sys; sys.path.insert(0, "Tests/parquet")
import check
check.ROWS = 200
check.duck_files(sys.argv[1]); check.arrow_files(sys.argv[1])
PY
        fi ;;
    pipeline) seed examples/**/pipeline*.json Tests/pipeline/**/*.json Tests/Fixtures/**/pipeline*.json docs/**/*.json ;;
    manifest) seed Tests/Fixtures/**/*manifest*.json Tests/**/*manifest*.json Tests/cli/golden/*.json ;;
    theme) seed themes/*.theme Tests/**/*.theme ;;
    slt) seed Tests/SLT/**/*.slt ;;
    # Whole traces take a quarter of a second each under ASan: their first 4 and 12 KB
    # stand in (a trace cut short is a case of its own), with a small complete one.
    datafusiontrace|sparktrace)
        engine=$([[ $target == datafusiontrace ]] && echo datafusion || echo spark)
        for f in Tests/Fixtures/traces/$engine/*.{txt,tsv,csv,log}; do
            head -c 4000 "$f" > "$corpus/seed-head4k-$(basename "$f")"
            head -c 12000 "$f" > "$corpus/seed-head12k-$(basename "$f")"
        done ;;
    substrait) ;;  # this build's plans (--write-seeds) and the regressions
esac
seed Tests/Fixtures/fuzz-regressions/"$target"/*
# Seeds only the build can make (this build's manifest, queries on the harness's tables).
SWIFT_BACKTRACE=enable=no "$binary" --write-seeds "$corpus"
echo "corpus $corpus: $(ls "$corpus" | wc -l) files" >&2

exec nice -n 19 "$binary" "$corpus" -max_total_time="$mode" -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="$findings/" "$@"
