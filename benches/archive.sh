#!/usr/bin/env bash
# `desk archive status`, `desk ticket list --archived --type T` and `desk doctor` on a home
# with 1M tickets of history (10k open, the rest closed and archived); optionally a
# retention purge of the oldest archived tickets.
#
#   BIG_HOME=/tmp/desk-bench-1m bash benches/archive.sh       # reuse benches/process.sh's home
#   RUNS=5 ...                # timed runs of status and list (default 5; doctor runs twice)
#   PURGE=1 ...               # then purge the oldest ~5% of the archive (on the copy)
#
# Everything runs on a copy of the home (hot store and archive), so the generated home is
# never changed. `doctor --repair` runs first (a home generated before routing counters
# existed lacks them: doctor rebuilds them), then the timed checks. Whole-process wall
# times, warm page cache.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-5}"
BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/desk-bench}"
big="${BIG_HOME:-$BENCH_DIR/history-1000000}"

cargo build --release --quiet
desk="${CARGO_TARGET_DIR:-$PWD/target}/release/desk"
export DESK_USER=admin
unset DESK_NOW

if [[ ! -d "$big/hot" ]]; then
    echo "no history home at $big: run benches/process.sh first (or set BIG_HOME)" >&2
    exit 1
fi

home="$BENCH_DIR/archive-big"
rm -rf "$home"; mkdir -p "$home"
cp -r "$big/hot" "$big/templates" "$big/config.toml" "$big/cold" "$home/"
export DESK_HOME="$home"

ms() { python3 -c 'import sys,time,subprocess
start=time.perf_counter(); subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print("%.0f" % ((time.perf_counter()-start)*1000))' "$@"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
times() { local n=$1; shift; for ((i = 0; i < n; i++)); do ms "$@"; done | median; }

"$desk" archive status
type=$("$desk" template list -q | head -1)
listed=$("$desk" ticket list --archived --type "$type" -q | wc -l)
echo "status: median $(times "$RUNS" "$desk" archive status --json) ms"
echo "list --archived --type $type ($listed tickets, table): median $(times "$RUNS" "$desk" ticket list --archived --type "$type") ms"
echo "list --archived --type $type -q: median $(times "$RUNS" "$desk" ticket list --archived --type "$type" -q) ms"
echo "list --archived --type $type --json: median $(times 3 "$desk" ticket list --archived --type "$type" --json) ms"
echo "doctor --repair (first run, fixes what it finds): $(ms "$desk" doctor --repair -q) ms"
"$desk" doctor
echo "doctor: median $(times 2 "$desk" doctor -q) ms"

if [[ -n "${PURGE:-}" ]]; then
    purge_home="$home"
    # The oldest ~5% by close time: the generator closes tickets in id order over its period.
    cutoff=$(python3 - "$purge_home" "$desk" <<'PY'
import json, subprocess, sys
home, desk = sys.argv[1], sys.argv[2]
out = subprocess.run([desk, "--home", home, "ticket", "show", "50000", "--json"], check=True, capture_output=True, text=True).stdout
print(json.loads(out)["closed_at"])
PY
)
    echo "purging tickets closed before $cutoff"
    start=$(date +%s%N)
    "$desk" archive --purge-before "$cutoff" --export "$purge_home/purged.jsonl" --yes
    echo "purge: $(( ($(date +%s%N) - start) / 1000000 )) ms; export $(du -h "$purge_home/purged.jsonl" | cut -f1)"
    echo "doctor after purge: $(ms "$desk" doctor -q) ms"
    "$desk" archive status
fi
