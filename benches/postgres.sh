#!/usr/bin/env bash
# Whole-process timings of `desk` on the embedded store and on a team store (PostgreSQL),
# side by side in one run: per-call `ticket new`, `ticket show`, `ticket list`, `report`,
# and 32 concurrent `ticket new` from 4 homes ("hosts") on one database.
# Writes benches/RESULTS-postgres.md.
#
#   bash benches/postgres.sh               # TICKETS=2000 filed through the CLI first
#   TICKETS=10000 RUNS=30 bash benches/postgres.sh
#
# It starts a throwaway PostgreSQL from the system's packages (Debian's `postgresql`:
# /usr/lib/postgresql/NN/bin; as the `postgres` OS user when run as root) on a free port in
# a temporary directory, with fsync on (the server's defaults), and stops it at the end.
# Times are medians of RUNS interleaved rounds (benches/interleaved.py).
set -euo pipefail
cd "$(dirname "$0")/.."

TICKETS="${TICKETS:-2000}"
RUNS="${RUNS:-40}"
WARMUP="${WARMUP:-5}"
BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/desk-bench-pg}"
results="benches/RESULTS-postgres.md"

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x "$bin/initdb" ]] || { echo "no PostgreSQL server binaries: apt-get install postgresql" >&2; exit 1; }
run_pg=()
[[ "$(id -u)" == 0 ]] && run_pg=(runuser -u postgres --)

echo "==> building (release)"
cargo build --release --quiet
desk="${CARGO_TARGET_DIR:-$PWD/target}/release/desk"
export DESK_USER=admin
unset DESK_NOW DESK_STORE

rm -rf "$BENCH_DIR"; mkdir -p "$BENCH_DIR/pg"
[[ ${#run_pg[@]} -gt 0 ]] && chown postgres: "$BENCH_DIR/pg"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${run_pg[@]}" "$bin/initdb" -D "$BENCH_DIR/pg/data" -U desk -A trust -E UTF8 --no-locale >/dev/null
"${run_pg[@]}" "$bin/pg_ctl" -D "$BENCH_DIR/pg/data" -l "$BENCH_DIR/pg/log" -w \
    -o "-p $port -k $BENCH_DIR/pg -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null
trap '"${run_pg[@]}" "$bin/pg_ctl" -D "$BENCH_DIR/pg/data" -m fast -w stop >/dev/null' EXIT
"$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U desk -d postgres -c "CREATE DATABASE desk" >/dev/null
url="postgres://desk@127.0.0.1:$port/desk?sslmode=disable"
pg_version=$("$bin/postgres" --version)

sled_home="$BENCH_DIR/embedded"; pg_home="$BENCH_DIR/team"
DESK_HOME="$sled_home" "$desk" init --examples -q --insecure-test-identities
DESK_HOME="$pg_home" "$desk" init --examples -q --insecure-test-identities --store "$url"
echo "==> filing $TICKETS tickets in each store (one desk process per ticket)"
for home in "$sled_home" "$pg_home"; do
    for i in $(seq 1 "$TICKETS"); do
        DESK_HOME="$home" "$desk" ticket new --type incident --title "seed $i" -f service=api -q \
            --over-limit >/dev/null
    done
done

echo "==> timing: medians of $RUNS interleaved rounds after $WARMUP warm-up rounds"
new_args=$'ticket\tnew\t--type\tincident\t--title\tbench run\t-f\tservice=api\t--over-limit\t-q'
python3 benches/interleaved.py "$RUNS" "$WARMUP" "$desk" >"$BENCH_DIR/times.tsv" <<CASES
new-sled	$sled_home	$new_args
new-pg	$pg_home	$new_args
show-sled	$sled_home	ticket	show	1	--json
show-pg	$pg_home	ticket	show	1	--json
list-sled	$sled_home	ticket	list	--status	unclaimed	-q
list-pg	$pg_home	ticket	list	--status	unclaimed	-q
report-sled	$sled_home	report	--since	30d	--json
report-pg	$pg_home	report	--since	30d	--json
CASES
sed 's/^/    /' "$BENCH_DIR/times.tsv"
median() { awk -F'\t' -v n="$1" '$1 == n { print $2 }' "$BENCH_DIR/times.tsv"; }

echo "==> 32 concurrent ticket new from 4 homes on the team store"
for h in 1 2 3 4; do
    mkdir -p "$BENCH_DIR/host$h"
    cp -r "$pg_home/config.toml" "$pg_home/templates" "$BENCH_DIR/host$h/"
done
conc="$BENCH_DIR/concurrent"; mkdir -p "$conc"
for i in $(seq 1 32); do
    ( start=$(date +%s%N)
      DESK_HOME="$BENCH_DIR/host$(( i % 4 + 1 ))" "$desk" ticket new --type incident \
          --title "concurrent $i" -f service=api --over-limit -q >"$conc/$i.id" 2>"$conc/$i.err" \
          || echo "exit $?" >>"$conc/$i.err"
      echo $(( ($(date +%s%N) - start) / 1000000 )) >"$conc/$i.ms" ) &
done
wait
distinct=$(cat "$conc"/*.id | sort -u | grep -c . || true)
slowest=$(cat "$conc"/*.ms | sort -n | tail -1)
fastest=$(cat "$conc"/*.ms | sort -n | head -1)
echo "    $distinct distinct ids; waits ${fastest}–${slowest} ms"
cat "$conc"/*.err 2>/dev/null | sed 's/^/    stderr: /' | head -5

ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
row() { echo "| \`desk $1\` | $(median "$2-sled") ms | $(median "$2-pg") ms | $(ratio "$(median "$2-pg")" "$(median "$2-sled")")× | $3 |"; }
cat >"$results" <<EOF2
# Embedded store and team store (PostgreSQL), side by side

Measured $(date -u +%Y-%m-%d) on a $(nproc)-core machine by \`bash benches/postgres.sh\`
(TICKETS=$TICKETS filed through the CLI into each store first). $pg_version on the same
machine over TCP to 127.0.0.1, server defaults (fsync on). Whole \`desk\` processes, release
build, medians of $RUNS interleaved rounds after $WARMUP warm-up rounds.

| what | embedded (sled) | team store (PostgreSQL) | ratio | target |
|---|---|---|---|---|
$(row "ticket new" new "≤ 2×")
$(row "ticket show 1 --json" show "≤ 2×")
$(row "ticket list --status unclaimed -q" list "")
$(row "report --since 30d --json" report "")
| 32 concurrent \`ticket new\` from 4 homes | | $distinct/32 distinct ids, waits ${fastest}–${slowest} ms | | slowest < 1 s |
EOF2
cat "$results"
