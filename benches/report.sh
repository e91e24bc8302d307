#!/usr/bin/env bash
# `desk report` over a million tickets as one process (issue 6: under 2 s): the summary,
# `--by agent` and `--by hour` over the whole history (every ticket read, hot and archived),
# and the default last-30-days summary. Medians of RUNS interleaved rounds.
#
#   BIG_HOME=/tmp/desk-bench-1m bash benches/report.sh     # reuse benches/process.sh's home
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-7}"
WARMUP="${WARMUP:-1}"
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
tickets=$(DESK_HOME="$big" "$desk" report --since 2000-01-01 --json |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["created"])')
echo "==> $tickets tickets in $big; medians of $RUNS interleaved rounds"

python3 benches/interleaved.py "$RUNS" "$WARMUP" "$desk" <<CASES | tee "$BENCH_DIR/report-times.tsv"
report summary, all history	$big	report	--since	2000-01-01	--json
report --by agent, all history	$big	report	--since	2000-01-01	--by	agent	--json
report --by hour, all history	$big	report	--since	2000-01-01	--by	hour	--json
report summary, last 30 days	$big	report	--json
CASES
