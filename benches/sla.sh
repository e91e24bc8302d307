#!/usr/bin/env bash
# `desk sla check` as cron runs it, on a store with 10k open tickets and no history vs the
# same 10k open tickets among 1M (the rest closed and archived): the check reads the SLA
# index and the tickets it names, so its cost must not depend on the history.
#
#   BIG_HOME=/tmp/desk-bench-1m bash benches/sla.sh     # reuse benches/process.sh's home
#
# Steps per store: copy the home, add an SLA policy, `sla check --recompute` (indexes the
# open tickets' deadlines), a first `sla check` (records a warning and a breach on every
# overdue ticket), then RUNS steady-state checks (nothing new to record; lists them all).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-10}"
BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/desk-bench}"
big="${BIG_HOME:-$BENCH_DIR/history-1000000}"
small="$BENCH_DIR/open-only-10000"

cargo build --release --quiet
desk="${CARGO_TARGET_DIR:-$PWD/target}/release/desk"
export DESK_USER=admin
unset DESK_NOW

if [[ ! -d "$big/hot" ]]; then
    echo "no history home at $big: run benches/process.sh first (or set BIG_HOME)" >&2
    exit 1
fi
if [[ ! -d "$small/hot" ]]; then
    cargo bench --quiet --bench fill -- --home "$small" --tickets 10000 --open 10000 --unclaimed >/dev/null
fi

policy='
[sla]
default_policy = "bench"
[sla.policies.bench]
first_response = { urgent = "15m", high = "1h", normal = "4h", low = "1d" }
resolution = { urgent = "4h", high = "8h", normal = "1d", low = "3d" }
escalation = { tag = "sla-breached" }
'

ms() { python3 -c 'import sys,time,subprocess,os
start=time.perf_counter(); subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print("%.0f" % ((time.perf_counter()-start)*1000))' "$@"; }

for name in small big; do
    src="${!name}"
    home="$BENCH_DIR/sla-$name"
    rm -rf "$home"; mkdir -p "$home"
    cp -r "$src/hot" "$src/templates" "$home/"
    [[ -d "$src/cold" ]] && ln -s "$src/cold" "$home/cold"
    # The generated home's config has no [sla]; append one (replacing any).
    python3 - "$src/config.toml" "$home/config.toml" "$policy" <<'PY'
import sys
text = open(sys.argv[1]).read()
start = text.find("[sla]")
if start >= 0:
    end = text.find("\n[email]", start)
    text = text[:start] + (text[end + 1:] if end >= 0 else "")
open(sys.argv[2], "w").write(text + sys.argv[3])
PY
    export DESK_HOME="$home"
    recompute=$(ms "$desk" sla check --recompute -q)
    first=$(ms "$desk" sla check -q)
    listed=$("$desk" sla check -q | wc -l)
    steady=()
    for ((i = 0; i < RUNS; i++)); do steady+=("$(ms "$desk" sla check -q)"); done
    median=$(printf '%s\n' "${steady[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "$name: recompute ${recompute} ms, first check ${first} ms, steady check median ${median} ms ($listed tickets listed)"
done
