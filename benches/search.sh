#!/usr/bin/env bash
# Full-text search on a big home: building the index (tickets/s), the latency of
# `desk ticket search` as a whole process, and what the search feature costs `ticket new`
# (empty store vs 1M tickets of history). Writes benches/SEARCH.md.
#
#   bash benches/search.sh                                  # generates a 1M-ticket home first
#   BIG_HOME=/tmp/desk-bench-1m bash benches/search.sh      # reuse a home made by benches/process.sh
#   REINDEX=0 ...                                           # keep an index built by an earlier run
#   RUNS=20 WARMUP=3 ...                                    # timed rounds (default 30 after 3)
#
# The home is changed: the index goes to <home>/search/ and every run files tickets.
# Times are medians of interleaved rounds (benches/interleaved.py), warm page cache. In each
# round `ticket new` on the big home runs just before the searches, so every first search
# of a round also catches up with one freshly filed ticket, as in real use.
set -euo pipefail
cd "$(dirname "$0")/.."

TICKETS="${TICKETS:-1000000}"
OPEN="${OPEN:-10000}"
RUNS="${RUNS:-30}"
WARMUP="${WARMUP:-3}"
BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/desk-bench}"
big="${BIG_HOME:-$BENCH_DIR/history-$TICKETS}"
empty="$BENCH_DIR/search-empty"
results="benches/SEARCH.md"

echo "==> building (release)"
cargo build --release --quiet
desk="${CARGO_TARGET_DIR:-$PWD/target}/release/desk"
export DESK_USER=admin
unset DESK_NOW

mkdir -p "$BENCH_DIR"
rm -rf "$empty"
DESK_HOME="$empty" "$desk" init --examples -q >/dev/null
# The OS account signs in as `admin`, like the generated home (benches/fill.rs).
DESK_HOME="$empty" "$desk" agent add admin --role admin --os-user "$(id -un)" -q >/dev/null
DESK_HOME="$empty" "$desk" ticket new --type incident --title "first" -f service=api -q >/dev/null

if [[ ! -d "$big/hot" ]]; then
    echo "==> generating $TICKETS tickets ($OPEN open) in $big"
    cargo bench --quiet --bench fill -- --home "$big" --tickets "$TICKETS" --open "$OPEN" --unclaimed |
        tee "$BENCH_DIR/fill.txt"
fi

reindex_s=""
if [[ "${REINDEX:-1}" != 0 || ! -d "$big/search/index" ]]; then
    echo "==> building the search index of $big"
    start=$(date +%s%N)
    DESK_HOME="$big" "$desk" ticket search --reindex -q
    reindex_s=$(python3 -c "print('%.1f' % (($(date +%s%N) - $start) / 1e9))")
    echo "    ${reindex_s} s"
fi
index_mb=$(du -sm "$big/search/index" | cut -f1)
DESK_HOME="$empty" "$desk" ticket search first -q >/dev/null

echo "==> timing: medians of $RUNS interleaved rounds after $WARMUP warm-up rounds"
new_args=$'ticket\tnew\t--type\tincident\t--title\tbench run: checkout latency\t-f\tservice=api\t-q'
python3 benches/interleaved.py "$RUNS" "$WARMUP" "$desk" >"$BENCH_DIR/search-times.tsv" <<CASES
new-empty	$empty	$new_args
new-big	$big	$new_args
search-empty	$empty	ticket	search	checkout	latency	-q
search-2words	$big	ticket	search	checkout	latency	-q
search-3words	$big	ticket	search	database	replica	timeout	-q
search-rare	$big	ticket	search	grafana	-q
search-closed	$big	ticket	search	disk	full	--status	closed	-q
search-type-since	$big	ticket	search	vpn	dns	--type	incident	--since	30d	-q
search-table	$big	ticket	search	cert	expired	--limit	20
search-cjk	$big	ticket	search	打印机	脱机	-q
kb-search	$big	kb	search	vpn	-q
CASES
sed 's/^/    /' "$BENCH_DIR/search-times.tsv"
median() { awk -F'\t' -v n="$1" '$1 == n { print $2 }' "$BENCH_DIR/search-times.tsv"; }
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
searches="search-2words search-3words search-rare search-closed search-type-since search-table search-cjk"
search_median=$(for s in $searches; do median "$s"; done | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
search_max=$(for s in $searches; do median "$s"; done | sort -n | tail -1)
new_empty=$(median new-empty); new_big=$(median new-big)

{
    echo "# Search benchmark"
    echo
    echo "Measured $(date -u +%Y-%m-%d) on a $(nproc)-core machine by \`bash benches/search.sh\` (home: $TICKETS tickets,"
    echo "$OPEN open, the rest closed and archived). Whole \`desk\` processes, release build, warm page"
    echo "cache, medians of $RUNS interleaved rounds after $WARMUP warm-up rounds."
    echo
    if [[ -n "$reindex_s" ]]; then
        echo "- Building the index from scratch (\`desk ticket search --reindex\`): ${reindex_s} s for $TICKETS tickets"
        echo "  ($(python3 -c "print(round($TICKETS / $reindex_s))") tickets/s); index size ${index_mb} MB."
    else
        echo "- Index size ${index_mb} MB."
    fi
    echo "- \`desk ticket search\`: median of the queries' medians ${search_median} ms, slowest query ${search_max} ms (target < 200 ms)."
    echo "- \`desk ticket new\`: ${new_empty} ms empty, ${new_big} ms with $TICKETS tickets of history: $(ratio "$new_big" "$new_empty")× (target ≤ 1.5×)."
    echo
    echo "| case | median ms | min ms |"
    echo "|---|---|---|"
    awk -F'\t' '{ printf "| %s | %s | %s |\n", $1, $2, $3 }' "$BENCH_DIR/search-times.tsv"
} >"$results"
cat "$results"
