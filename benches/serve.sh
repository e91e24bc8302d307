#!/usr/bin/env bash
# `desk serve` under load: requests per second for filing a ticket and for showing one,
# and latency p50/p99, with CONCURRENCY clients at once (default 32), on an embedded home.
# Writes benches/RESULTS-serve.md.
#
#   bash benches/serve.sh
#   REQUESTS=2000 CONCURRENCY=32 bash benches/serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."

REQUESTS="${REQUESTS:-1000}"
CONCURRENCY="${CONCURRENCY:-32}"
BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/desk-bench-serve}"
results="benches/RESULTS-serve.md"

echo "==> building (release)"
cargo build --release --quiet
desk="${CARGO_TARGET_DIR:-$PWD/target}/release/desk"
unset DESK_NOW DESK_STORE DESK_USER

rm -rf "$BENCH_DIR"; mkdir -p "$BENCH_DIR"
export DESK_HOME="$BENCH_DIR/home"
"$desk" init --examples >/dev/null
"$desk" agent add ci-bot >/dev/null
token=$("$desk" token create --user ci-bot --scope ticket:new,ticket:read -q)
"$desk" serve --listen 127.0.0.1:0 --threads "$CONCURRENCY" >"$BENCH_DIR/out" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening "$BENCH_DIR/out" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/.*listening on //p' "$BENCH_DIR/out")

echo "==> $REQUESTS requests each, $CONCURRENCY clients at once"
python3 - "$base" "$token" "$REQUESTS" "$CONCURRENCY" >"$BENCH_DIR/figures" <<'PY'
import json, sys, threading, time, urllib.request

base, token, total, clients = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

def call(method, path, body=None):
    request = urllib.request.Request(base + path, method=method, data=body,
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        answer = response.read()
    return time.perf_counter() - started, answer

def run(make):
    latencies, lock, next_index = [], threading.Lock(), [0]
    def client():
        while True:
            with lock:
                if next_index[0] >= total:
                    return
                n = next_index[0]; next_index[0] += 1
            took, _ = make(n)
            with lock:
                latencies.append(took)
    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads: t.start()
    for t in threads: t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
    return total / wall, pick(0.50), pick(0.99)

body = lambda n: json.dumps({"type": "incident", "title": f"load {n}", "fields": {"service": "api"}}).encode()
new = run(lambda n: call("POST", "/api/v1/tickets", body(n)))
show = run(lambda n: call("GET", f"/api/v1/tickets/{n % total + 1}"))
for name, (rps, p50, p99) in (("new", new), ("show", show)):
    print(f"{name}\t{rps:.0f}\t{p50:.1f}\t{p99:.1f}")
PY
cat "$BENCH_DIR/figures"

# One person's command, run here and through the server: `desk ticket show` as a fresh
# process 30 times each, the median.
"$desk" requester add carol >/dev/null
all=$("$desk" token create --user ci-bot --scope ticket:read --name reader -q)
median() {
    local times=()
    for _ in $(seq 30); do
        local t0 t1; t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
        times+=($(( (t1 - t0) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 15p | awk '{printf "%.1f", $1 / 1000}'
}
here=$(DESK_USER= median "$desk" ticket show 1)
there=$(DESK_URL="$base" DESK_TOKEN="$all" median "$desk" ticket show 1)
printf 'cli\t%s\t%s\n' "$here" "$there" >>"$BENCH_DIR/figures"
row() { awk -F'\t' -v n="$1" -v what="$2" '$1 == n { printf "| %s | %s | %s ms | %s ms |\n", what, $2, $3, $4 }' "$BENCH_DIR/figures"; }
cat >"$results" <<MD
# \`desk serve\` under load

Measured $(date +%Y-%m-%d) on a $(nproc)-core machine by \`bash benches/serve.sh\`: an embedded
(sled) home, release build, the server with $CONCURRENCY threads, $CONCURRENCY clients at once
(Python's urllib on the same machine, one connection per request), $REQUESTS requests each.

| request | requests/s | p50 | p99 |
|---|---|---|---|
$(row new "\`POST /api/v1/tickets\` (file)")
$(row show "\`GET /api/v1/tickets/ID\` (show)")

\`desk ticket show 1\` as a fresh process, median of 30: $(awk -F'\t' '$1 == "cli" { printf "%s ms on the home, %s ms through the server (DESK_URL)", $2, $3 }' "$BENCH_DIR/figures").

Each request opens the home's store and commits as one \`desk\` command does; on an
embedded home requests take turns on the store, so filing is bounded by its commits.
MD
echo "wrote $results"
