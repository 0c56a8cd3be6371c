#!/usr/bin/env bash
# Benchmark of jiebie on synthetic workspaces (SPEC §6). Not a timed test: it prints a
# Markdown report of wall time, peak memory and throughput, and checks the targets.
#
#   bash benches/bench.sh                 # 10k, 100k and 1M activities
#   BENCH_SIZES="100x100 1000x100" bash benches/bench.sh    # sectors x activities per sector
#
# Environment:
#   CARGO_TARGET_DIR  where to build (default /tmp/bench-target, so that a build in the
#                     project's own target/ is never blocked)
#   BENCH_DIR         where the workspaces and outputs go (default /tmp/jiebie-bench)
#   BENCH_SIZES       space-separated SECTORSxACTIVITIES (default "100x100 1000x100 1000x1000")
#   BENCH_RUNS        runs per measurement (default 5, at most 3 from 1M activities; best kept)
#   BENCH_SEED        generator seed (default 1)
#
# Installs nothing. Wall time: best of BENCH_RUNS runs (the commands take turns), timed by a
# python3 wrapper (else by `date`); peak memory (maximum resident set size): one more run under
# /usr/bin/time -v (else getrusage in python3). `summarize` writes to standard output (sent to
# /dev/null); one more row times `-o FILE`, which writes a temporary file, syncs it to disk and
# renames it.
# The report is printed on standard output and saved to $BENCH_DIR/results.md.

set -euo pipefail

cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/tmp/bench-target}"
BENCH_DIR="${BENCH_DIR:-/tmp/jiebie-bench}"
SIZES="${BENCH_SIZES:-100x100 1000x100 1000x1000}"
RUNS="${BENCH_RUNS:-5}"
SEED="${BENCH_SEED:-1}"
BIN="$CARGO_TARGET_DIR/release"

log() { printf '%s\n' "$*" >&2; }

log "building (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)…"
cargo build --release --quiet --bin jiebie --example synth --example parse_only >&2
mkdir -p "$BENCH_DIR"

fmt() { awk -v x="$1" -v f="$2" 'BEGIN { printf f, x }'; }
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }

# wall CMD... → seconds of one run (fails when the command fails). python3's perf_counter
# around the command itself when python3 is there (process starts cost 4–10 ms on small VMs,
# so `date` before and after would add that much), else `date +%s%N`.
if command -v python3 >/dev/null; then
    wall() {
        python3 - "$@" <<'PY'
import subprocess, sys, time
start = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
print(f"{wall:.4f}")
sys.exit(rc)
PY
    }
else
    wall() {
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1 || return 1
        end=$(date +%s%N)
        calc "($end - $start) / 1e9" 4
    }
fi

# peak CMD... → maximum resident set size in KB of one run: /usr/bin/time -v when present,
# else getrusage(RUSAGE_CHILDREN) in python3 (which cannot go below python's own ~14 MB, since
# the child's high-water mark starts from the forked interpreter).
if [[ -x /usr/bin/time ]]; then
    peak() {
        local stats="$BENCH_DIR/time.txt"
        /usr/bin/time -v -o "$stats" "$@" >/dev/null 2>&1 || return 1
        awk -F': *' '/Maximum resident set size/ {print $2}' "$stats"
    }
elif command -v python3 >/dev/null; then
    peak() {
        python3 - "$@" <<'PY'
import resource, subprocess, sys
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(rc)
PY
    }
else
    log "need /usr/bin/time or python3 to measure peak memory"; exit 2
fi

# min A B → the smaller of two numbers (the first when B is empty).
min() { awk -v a="$1" -v b="${2:-}" 'BEGIN { print (b == "" || a < b) ? a : b }'; }

ROWS=()
declare -A WALL PEAK ACTS MB

for size in $SIZES; do
    sectors=${size%x*}; per=${size#*x}
    dir="$BENCH_DIR/ws-${size}-seed${SEED}"
    rm -rf "$dir"
    log "generating $dir…"
    "$BIN/examples/synth" "$dir" --sectors "$sectors" --activities "$per" --seed "$SEED"

    json=$("$BIN/jiebie" validate "$dir" --format json)
    acts=$(grep -o '"activities": *[0-9]*' <<<"$json" | head -1 | grep -o '[0-9]*$')
    files=$(grep -o '"files": *[0-9]*' <<<"$json" | head -1 | grep -o '[0-9]*$')
    errors=$(grep -o '"errors": *[0-9]*' <<<"$json" | head -1 | grep -o '[0-9]*$')
    warnings=$(grep -o '"warnings": *[0-9]*' <<<"$json" | head -1 | grep -o '[0-9]*$')
    if [[ "$errors" != 0 || "$warnings" != 0 ]]; then
        log "WARNING: the generated workspace has $errors errors and $warnings warnings"
    fi
    bytes=$(find "$dir" -name '*.toml' -printf '%s\n' | awk '{ s += $1 } END { print s }')
    mb=$(calc "$bytes / 1e6" 1)
    ACTS[$size]=$acts; MB[$size]=$mb
    runs=$RUNS
    if (( acts >= 1000000 && runs > 3 )); then runs=3; fi

    declare -A CMDS=(
        [validate]="$BIN/jiebie validate $dir"
        [csv]="$BIN/jiebie summarize $dir --format csv --view activities"
        [json]="$BIN/jiebie summarize $dir --format json"
        [csv-o]="$BIN/jiebie summarize $dir --format csv --view activities -o $BENCH_DIR/x.csv"
        [xlsx-o]="$BIN/jiebie summarize $dir -o $BENCH_DIR/x.xlsx"
        [overview-o]="$BIN/jiebie summarize $dir -o $BENCH_DIR/overview.csv"
        [docx-o]="$BIN/jiebie summarize $dir -o $BENCH_DIR/x.docx"
        [parse-only]="$BIN/examples/parse_only $dir"
        [parse-table]="$BIN/examples/parse_only $dir --table"
    )
    NAMES="parse-only parse-table validate csv json csv-o"
    # A sheet holds at most 1,048,576 rows: the workbook of 1M activities is refused.
    if (( acts < 1000000 )); then NAMES="$NAMES xlsx-o"; fi
    # The Word document (SPEC §8) against `-o x.csv` (its default view, the overview), below
    # 1M activities (a document of a million paragraphs is no benchmark of any use).
    if (( acts < 1000000 )); then NAMES="$NAMES overview-o docx-o"; fi
    # The commands take turns, run after run, so that a busy spell of the host weighs on all of
    # them alike; each keeps its fastest run.
    for ((run = 1; run <= runs; run++)); do
        log "  $size run $run of $runs…"
        for name in $NAMES; do
            # shellcheck disable=SC2086 # the command is split on purpose (no spaces in paths)
            s=$(wall ${CMDS[$name]}) || { log "measurement failed: ${CMDS[$name]}"; exit 1; }
            WALL[$size,$name]=$(min "$s" "${WALL[$size,$name]:-}")
        done
    done
    for name in $NAMES; do
        # shellcheck disable=SC2086
        PEAK[$size,$name]=$(peak ${CMDS[$name]}) || { log "measurement failed: ${CMDS[$name]}"; exit 1; }
        s=${WALL[$size,$name]}; kb=${PEAK[$size,$name]}
        label=$name
        case $name in
            validate) label='`validate`' ;;
            csv) label='`summarize --format csv --view activities`' ;;
            json) label='`summarize --format json`' ;;
            csv-o) label='`summarize --format csv --view activities -o FILE`' ;;
            xlsx-o) label='`summarize -o FILE.xlsx` (every sheet)' ;;
            overview-o) label='`summarize -o FILE.csv` (the overview)' ;;
            docx-o) label='`summarize -o FILE.docx` (the document, view `full`)' ;;
            parse-only) label='parse only (`examples/parse_only`)' ;;
            parse-table) label='parse into `toml::Table` (`parse_only --table`)' ;;
        esac
        ROWS+=("| $size | $acts | $files | $mb | $label | $(fmt "$s" '%.3f') | $(calc "$kb / 1024" 0) | $(calc "$acts / $s" 0) | $(calc "$mb / $s" 1) | $(calc "$s / ${WALL[$size,parse-only]}" 2) |")
    done
done

{
    echo "| sectors×activities | activities | files | data MB | command | wall s | peak MB | activities/s | MB/s | ÷ parse-only |"
    echo "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "Wall time: best of $RUNS runs below 1M activities, of at most 3 from 1M (the commands taking turns); peak memory: maximum resident set size of one more run (\`/usr/bin/time -v\`)."
    echo

    # Scaling: each size against the previous one.
    prev=""
    for size in $SIZES; do
        if [[ -n "$prev" ]]; then
            factor=$(calc "${ACTS[$size]} / ${ACTS[$prev]}" 1)
            for name in validate csv json parse-only; do
                echo "- scaling $prev → $size (${factor}× the activities), $name: $(calc "${WALL[$size,$name]} / ${WALL[$prev,$name]}" 2)× the time"
            done
        fi
        prev=$size
    done
    echo

    # Targets of SPEC §6, checked on the size with 100,000 activities.
    for size in $SIZES; do
        [[ "${ACTS[$size]}" == 100000 ]] || continue
        for name in validate csv json; do
            s=${WALL[$size,$name]}; mbpeak=$(calc "${PEAK[$size,$name]} / 1024" 0)
            t=$(awk -v s="$s" 'BEGIN { print (s < 1) ? "PASS" : "FAIL" }')
            m=$(awk -v m="$mbpeak" 'BEGIN { print (m < 300) ? "PASS" : "FAIL" }')
            r=$(calc "$s / ${WALL[$size,parse-only]}" 2)
            p=$(awk -v r="$r" 'BEGIN { print (r <= 1.5) ? "PASS" : "FAIL" }')
            r2=$(calc "$s / ${WALL[$size,parse-table]}" 2)
            p2=$(awk -v r="$r2" 'BEGIN { print (r <= 1.5) ? "PASS" : "FAIL" }')
            echo "- 100k $name: wall $(fmt "$s" '%.3f') s < 1 s: **$t**; peak $mbpeak MB < 300 MB: **$m**; ${r}× parse-only (DeTable) ≤ 1.5×: **$p**; ${r2}× parse into toml::Table ≤ 1.5×: **$p2**"
        done
    done
    for size in $SIZES; do
        [[ "${ACTS[$size]}" == 100000 ]] || continue
        r=$(calc "${WALL[$size,xlsx-o]} / ${WALL[$size,csv-o]}" 2)
        t=$(awk -v r="$r" 'BEGIN { print (r <= 3) ? "PASS" : "FAIL" }')
        echo "- 100k workbook (\`-o x.xlsx\`, every sheet): ${r}× the activities CSV (\`-o x.csv\`) ≤ 3×: **$t**"
        r=$(calc "${WALL[$size,docx-o]} / ${WALL[$size,overview-o]}" 2)
        t=$(awk -v r="$r" 'BEGIN { print (r <= 3) ? "PASS" : "FAIL" }')
        echo "- 100k Word document (\`-o x.docx\`): ${r}× \`-o x.csv\` (the overview) ≤ 3×: **$t**"
    done
    prev=""
    for size in $SIZES; do
        if [[ -n "$prev" && "${ACTS[$prev]}" == 100000 && "${ACTS[$size]}" == 1000000 ]]; then
            for name in validate csv json; do
                r=$(calc "${WALL[$size,$name]} / ${WALL[$prev,$name]}" 2)
                t=$(awk -v r="$r" 'BEGIN { print (r <= 11) ? "PASS" : "FAIL" }')
                echo "- 10× the data, $name: ${r}× the time ≤ 11×: **$t**"
            done
        fi
        prev=$size
    done
} | tee "$BENCH_DIR/results.md"
