#!/usr/bin/env bash
# Whole-process timings of `desk` against an empty store and a store with 1M tickets of
# history (10k open, all unclaimed; the rest closed and archived), for the foundation's
# targets. Writes benches/RESULTS.md.
#
#   bash benches/process.sh                 # 1M tickets (about 1.6 GB under $BENCH_DIR)
#   TICKETS=100000 bash benches/process.sh  # smaller
#   BIG_HOME=/tmp/desk-bench-1m bash benches/process.sh      # where the history home goes
#   REUSE=1 BIG_HOME=/tmp/desk-bench-1m bash benches/process.sh   # reuse a generated home
#   RUNS=20 ...                             # fewer timed runs per command (default 60)
#
# Uses hyperfine when it is installed (or installable with apt-get), else a plain loop
# timing each run with `date +%s%N`. Timings are with a warm page cache.
set -euo pipefail
cd "$(dirname "$0")/.."

TICKETS="${TICKETS:-1000000}"
OPEN="${OPEN:-10000}"
RUNS="${RUNS:-60}"
WARMUP="${WARMUP:-5}"
BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/desk-bench}"
big="${BIG_HOME:-$BENCH_DIR/history-$TICKETS}"
empty="$BENCH_DIR/empty"
results="benches/RESULTS.md"

if ! command -v hyperfine >/dev/null; then
    echo "==> installing hyperfine (Debian)"
    apt-get install -y hyperfine >/dev/null 2>&1 ||
        { apt-get update >/dev/null 2>&1 && apt-get install -y hyperfine >/dev/null 2>&1; } ||
        echo "    (not installable; timing with a shell loop instead)"
fi
if command -v hyperfine >/dev/null; then timer="hyperfine"; else timer="a date +%s%N loop"; fi

echo "==> building (release)"
cargo build --release --quiet
desk="${CARGO_TARGET_DIR:-$PWD/target}/release/desk"
export DESK_USER=admin
unset DESK_NOW

mkdir -p "$BENCH_DIR"
rm -rf "$empty"
DESK_HOME="$empty" "$desk" init --examples -q >/dev/null
DESK_HOME="$empty" "$desk" ticket new --type incident --title "first" -f service=api -q >/dev/null

if [[ -z "${REUSE:-}" || ! -d "$big/hot" ]]; then
    rm -rf "$big"
    echo "==> generating $TICKETS tickets ($OPEN open, all unclaimed) in $big"
    cargo bench --quiet --bench fill -- --home "$big" --tickets "$TICKETS" --open "$OPEN" --unclaimed |
        tee "$BENCH_DIR/fill.txt"
fi
open_id="$TICKETS"                 # the newest generated ticket is open
archived_id=$(( (TICKETS - OPEN) / 2 ))

# Median in ms of `env DESK_HOME=home desk args...`, $RUNS runs after $WARMUP warm-ups.
# hyperfine -N splits the command on spaces: arguments must not contain any.
time_cmd() { # name home args...
    local name="$1" home="$2"; shift 2
    if [[ "$timer" == hyperfine ]]; then
        hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --export-json "$BENCH_DIR/$name.json" \
            "env DESK_HOME=$home $desk $*" >/dev/null 2>&1
        python3 -c 'import json,sys; print("%.1f" % (1000*json.load(open(sys.argv[1]))["results"][0]["median"]))' \
            "$BENCH_DIR/$name.json"
    else
        local i start
        for ((i = 0; i < WARMUP; i++)); do DESK_HOME="$home" "$desk" "$@" >/dev/null; done
        : >"$BENCH_DIR/$name.ns"
        for ((i = 0; i < RUNS; i++)); do
            start=$(date +%s%N)
            DESK_HOME="$home" "$desk" "$@" >/dev/null
            echo $(( $(date +%s%N) - start )) >>"$BENCH_DIR/$name.ns"
        done
        sort -n "$BENCH_DIR/$name.ns" | awk '{a[NR]=$1} END {m = (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%.1f\n", m/1e6}'
    fi
}

echo "==> timing with $timer (medians of $RUNS runs after $WARMUP warm-ups)"
new_args=(ticket new --type incident --title bench -f service=api -q)
new_empty=$(time_cmd new-empty "$empty" "${new_args[@]}");      echo "    new, empty:            $new_empty ms"
new_big=$(time_cmd new-big "$big" "${new_args[@]}");            echo "    new, history:          $new_big ms"
show_empty=$(time_cmd show-empty "$empty" ticket show 1 -q);     echo "    show open, empty:      $show_empty ms"
show_big=$(time_cmd show-big "$big" ticket show "$open_id" -q);  echo "    show open, history:    $show_big ms"
show_archived=$(time_cmd show-archived "$big" ticket show "$archived_id" -q)
echo "    show archived:         $show_archived ms"
dedup_args=(ticket new --type ci-failure --title CI-failed -f repo=acme/shop -f job=test --dedup-key ci:acme/shop:test -q)
dedup_empty=$(time_cmd dedup-empty "$empty" "${dedup_args[@]}"); echo "    dedup occurrence, empty:   $dedup_empty ms"
dedup_big=$(time_cmd dedup-big "$big" "${dedup_args[@]}");       echo "    dedup occurrence, history: $dedup_big ms"
list_big=$(time_cmd list-big "$big" ticket list --status unclaimed -q)
listed=$(DESK_HOME="$big" "$desk" ticket list --status unclaimed -q | wc -l)
echo "    list unclaimed ($listed): $list_big ms"

echo "==> 16 concurrent ticket new on the history store"
conc="$BENCH_DIR/concurrent"; rm -rf "$conc"; mkdir -p "$conc"
for i in $(seq 1 16); do
    ( start=$(date +%s%N)
      DESK_HOME="$big" "$desk" ticket new --type incident --title "concurrent $i" -f service=api -q \
          >"$conc/$i.id" 2>"$conc/$i.err" || echo "exit $?" >>"$conc/$i.err"
      echo $(( ($(date +%s%N) - start) / 1000000 )) >"$conc/$i.ms" ) &
done
wait
distinct=$(cat "$conc"/*.id | sort -u | grep -c . || true)
stored=0
for id in $(cat "$conc"/*.id | sort -u); do
    if DESK_HOME="$big" "$desk" ticket show "$id" --json | grep -q "concurrent"; then stored=$((stored + 1)); fi
done
slowest=$(cat "$conc"/*.ms | sort -n | tail -1)
fastest=$(cat "$conc"/*.ms | sort -n | head -1)
echo "    $distinct distinct ids printed, $stored found in the store; waits ${fastest}–${slowest} ms"
cat "$conc"/*.err 2>/dev/null | sed 's/^/    stderr: /' | head -5

ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
cat >"$results" <<EOF2
# Benchmark results

Measured $(date -u +%Y-%m-%d) on a $(nproc)-core machine by \`bash benches/process.sh\`
(TICKETS=$TICKETS, OPEN=$OPEN, all open tickets unclaimed). Whole \`desk\` processes, release
build, warm page cache, medians of $RUNS runs after $WARMUP warm-ups ($timer). The history store was
generated by \`cargo bench --bench fill\`: $(grep -h "tickets/s" "$BENCH_DIR/fill.txt" 2>/dev/null | head -1 | sed 's/^ *//')

| what | empty store | $TICKETS tickets of history | ratio | target |
|---|---|---|---|---|
| \`desk ticket new\` | $new_empty ms | $new_big ms | $(ratio "$new_big" "$new_empty")× | ≤ 1.5× |
| \`desk ticket new --dedup-key\` (an occurrence on the open ticket) | $dedup_empty ms | $dedup_big ms | $(ratio "$dedup_big" "$dedup_empty")× | ≤ 1.5× |
| \`desk ticket show\` (open ticket) | $show_empty ms | $show_big ms | $(ratio "$show_big" "$show_empty")× | ≤ 1.5× |
| \`desk ticket show\` (archived ticket) | | $show_archived ms | | < 100 ms |
| \`desk ticket list --status unclaimed\` ($listed tickets) | | $list_big ms | | < 100 ms |
| 16 concurrent \`desk ticket new\` | | $stored/16 landed ($distinct distinct ids), waits ${fastest}–${slowest} ms | | all land, slowest < 1 s |

Fill rate through the library:

\`\`\`
$(cat "$BENCH_DIR/fill.txt" 2>/dev/null)
\`\`\`
EOF2
cat "$results"
