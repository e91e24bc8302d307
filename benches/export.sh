#!/usr/bin/env bash
# Whole-process timings of export, import, backup and restore on a home with 1M tickets of
# history (10k open, the rest closed and archived), and a check that the round trips
# reproduce it. Writes benches/RESULTS-export.md.
#
#   bash benches/export.sh                               # generates a 1M-ticket home first
#   BIG_HOME=/tmp/desk-bench-1m bash benches/export.sh   # reuse a home made by benches/process.sh
#   TICKETS=100000 bash benches/export.sh                # smaller
#   KEEP=1 ...                                           # keep the files it writes
#
# The home is only read (export and backup do not write to it). Needs about 4× the home's
# size free under $BENCH_DIR. Times are single runs with a warm page cache (the home is
# read once before timing); max RSS from /usr/bin/time shows the export and import stream.
set -euo pipefail
cd "$(dirname "$0")/.."

TICKETS="${TICKETS:-1000000}"
OPEN="${OPEN:-10000}"
BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/desk-bench}"
big="${BIG_HOME:-$BENCH_DIR/history-$TICKETS}"
work="$BENCH_DIR/export-bench"
results="benches/RESULTS-export.md"

echo "==> building (release)"
cargo build --release --quiet
desk="${CARGO_TARGET_DIR:-$PWD/target}/release/desk"
export DESK_USER=admin
unset DESK_NOW

if [[ ! -d "$big/hot" ]]; then
    echo "==> generating $TICKETS tickets ($OPEN open) in $big"
    cargo bench --quiet --bench fill -- --home "$big" --tickets "$TICKETS" --open "$OPEN" --unclaimed
fi
rm -rf "$work"
mkdir -p "$work"
cat "$big"/cold/* >/dev/null 2>&1 || true # warm the page cache

# run NAME CMD...: time one run; records "seconds max_rss_kb" in $work/NAME.time.
run() {
    local name=$1
    shift
    /usr/bin/time -f "%e %M %U %S" -o "$work/$name.time" "$@"
}
secs() { cut -d' ' -f1 "$work/$1.time"; }
rss_mb() { awk '{ printf "%.0f", $2 / 1024 }' "$work/$1.time"; }
cpu() { awk '{ printf "%.1f", $3 + $4 }' "$work/$1.time"; }
# while_timing NAME CMD...: run CMD while another process keeps running `ticket show` on
# the home (it needs the store's lock); records the slowest show in $work/NAME.wait (ms).
while_timing() {
    local name=$1 home=$2
    shift 2
    local stop="$work/$name.stop"
    rm -f "$stop"
    (
        slowest=0
        while [[ ! -e "$stop" ]]; do
            start=$(date +%s%N)
            "$desk" --home "$home" ticket show "$open_id" -q >/dev/null 2>&1 || echo "show failed" >>"$work/$name.busy"
            ms=$(( ($(date +%s%N) - start) / 1000000 ))
            (( ms > slowest )) && slowest=$ms
        done
        echo "$slowest" >"$work/$name.wait"
    ) &
    local watcher=$!
    run "$name" "$@"
    touch "$stop"
    wait "$watcher"
}
wait_ms() { cat "$work/$1.wait"; [[ ! -e "$work/$1.busy" ]] || echo -n " ($(wc -l <"$work/$1.busy") shows FAILED)"; }
rate() { python3 -c "print(f'{$1 / $2:,.0f}')"; }
size_mb() { du -sm "$1" | cut -f1; }
open_id=$("$desk" --home "$big" ticket list --status unclaimed -q | tail -1)

echo "==> export --format jsonl"
while_timing export "$big" "$desk" --home "$big" export -o "$work/export.jsonl" -q
count=$(grep -c '"record":"ticket"' "$work/export.jsonl")
echo "    $count tickets in $(secs export) s, CPU $(cpu export) s ($(rate "$count" "$(secs export)") tickets/s), $(size_mb "$work/export.jsonl") MB, max RSS $(rss_mb export) MB; slowest ticket show meanwhile $(wait_ms export) ms"

echo "==> export --format csv"
run csv "$desk" --home "$big" export --format csv -o "$work/export.csv" -q
echo "    $(secs csv) s, $(size_mb "$work/export.csv") MB"

echo "==> import into a fresh home"
fresh="$work/imported"
"$desk" --home "$fresh" init -q >/dev/null
cp "$big"/templates/*.toml "$fresh/templates/"
cp "$big/config.toml" "$fresh/config.toml"
run import "$desk" --home "$fresh" import "$work/export.jsonl" -q
echo "    $(secs import) s, CPU $(cpu import) s ($(rate "$count" "$(secs import)") tickets/s), home $(size_mb "$fresh") MB, max RSS $(rss_mb import) MB"
"$desk" --home "$fresh" export -o "$work/reexport.jsonl" -q
if cmp -s <(tail -n +2 "$work/export.jsonl") <(tail -n +2 "$work/reexport.jsonl"); then
    import_check="identical"
else
    import_check="DIFFERENT"
fi
echo "    re-export of the imported home: $import_check"

echo "==> import again (idempotent: everything unchanged)"
run reimport "$desk" --home "$fresh" import "$work/export.jsonl" -q
echo "    $(secs reimport) s"

echo "==> backup"
while_timing backup "$big" "$desk" --home "$big" backup "$work/desk.backup" -q
echo "    $(secs backup) s, CPU $(cpu backup) s, $(size_mb "$work/desk.backup") MB; slowest ticket show meanwhile $(wait_ms backup) ms"

echo "==> restore into an empty home"
restored="$work/restored"
run restore "$desk" --home "$restored" restore "$work/desk.backup" -q
echo "    $(secs restore) s"
"$desk" --home "$restored" export -o "$work/restored.jsonl" -q
if cmp -s <(tail -n +2 "$work/export.jsonl") <(tail -n +2 "$work/restored.jsonl"); then
    restore_check="identical"
else
    restore_check="DIFFERENT"
fi
echo "    export of the restored home: $restore_check"

cat >"$results" <<EOF
# Export, import, backup and restore

Measured $(date -u +%Y-%m-%d) on a $(nproc)-core machine by \`bash benches/export.sh\`: whole
\`desk\` processes, release build, warm page cache, one run each, on a home with $count
tickets ($OPEN open, the rest closed and archived; generated by \`cargo bench --bench fill\`).

| what | wall time | CPU time | rate / size | max RSS |
|---|---|---|---|---|
| \`desk export --format jsonl\` | $(secs export) s | $(cpu export) s | $(rate "$count" "$(secs export)") tickets/s, $(size_mb "$work/export.jsonl") MB | $(rss_mb export) MB |
| \`desk export --format csv\` | $(secs csv) s | $(cpu csv) s | $(rate "$count" "$(secs csv)") tickets/s, $(size_mb "$work/export.csv") MB | $(rss_mb csv) MB |
| \`desk import\` of that JSONL into a fresh home | $(secs import) s | $(cpu import) s | $(rate "$count" "$(secs import)") tickets/s | $(rss_mb import) MB |
| the same import again (all unchanged) | $(secs reimport) s | $(cpu reimport) s | $(rate "$count" "$(secs reimport)") tickets/s | $(rss_mb reimport) MB |
| \`desk backup\` | $(secs backup) s | $(cpu backup) s | $(size_mb "$work/desk.backup") MB | $(rss_mb backup) MB |
| \`desk restore\` into an empty home | $(secs restore) s | $(cpu restore) s | $(rate "$count" "$(secs restore)") tickets/s | $(rss_mb restore) MB |

While the export and the backup ran, another process ran \`desk ticket show\` on the same home
in a loop (each show needs the store's lock): the slowest show took $(wait_ms export) ms during
the export and $(wait_ms backup) ms during the backup, so both hold the lock only briefly and
other commands go on. Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is
shared: wall time above CPU time is time spent waiting for a core).

Round trips: the export of the imported home is **$import_check** to the original export
(header line aside); the export of the restored home is **$restore_check**.
EOF
cat "$results"
if [[ -z "${KEEP:-}" ]]; then rm -rf "$work"; fi
