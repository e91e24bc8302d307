#!/usr/bin/env bash
# A short, realistic day at the help desk, played in a throwaway home.
#
#   bash examples/quickstart.sh          # builds desk (release) and runs the story
#   DESK=/path/to/desk bash examples/quickstart.sh
#
# Nothing outside a temporary directory is touched.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -z "${DESK:-}" ]]; then
    echo "==> building desk (cargo build --release)"
    cargo build --release --quiet --manifest-path "$here/Cargo.toml"
    DESK="${CARGO_TARGET_DIR:-$here/target}/release/desk"
fi

DESK_HOME="$(mktemp -d "${TMPDIR:-/tmp}/desk-quickstart.XXXXXX")"
export DESK_HOME
trap 'rm -rf "$DESK_HOME"' EXIT

# You run this as yourself: your OS account creates the home and is its first admin.
# The colleagues in the story (bob, carol, …) are played through `desk --as NAME …`, an
# admin's power that every event records as `you (as NAME)` and `desk audit` lists.
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }
desk() { "$DESK" "$@"; }

echo "==> a fresh desk home in $DESK_HOME"
step desk init --examples
step desk agent add bob   --skills ops,network --capacity 5 --status online
step desk agent add chen  --skills iam,support --capacity 8 --status online
step desk agent add dana  --skills ops --role lead --status online
step desk requester add carol --tier vip
step desk template list

echo; echo "==> three tickets arrive"
inc=$(desk --as carol ticket new --type incident --title "Checkout API returns 502" \
        --field service=checkout-api --field severity=sev2 --field users_affected=1200 \
        --body "Since 09:10 about 5% of checkout calls fail with 502 behind the VPN." -q)
echo "carol filed INC-$inc"
acc=$(desk --as erik ticket new --type access-request --title "Grafana access for audit" \
        --field system=grafana --field until=2026-12-31 \
        --field "justification=Read the billing dashboards for the Q3 audit" -q)
echo "erik filed ACC-$acc"
cs=$(desk --as carol ticket new --type customer-complaint --title "Charged twice for order A-1042" \
        --field order=A-1042 --field contact=phone -q)
echo "carol filed CS-$cs"

echo; echo "==> CI fails twice on the same job: one ticket, two occurrences"
for run in 101 102; do
    id=$(GITHUB_REPOSITORY=acme/shop GITHUB_JOB=test GITHUB_REF_NAME=main GITHUB_RUN_ID=$run \
        DESK="$DESK" bash "$here/examples/ci/report-failure.sh")
    echo "CI run $run failed → CI-$id"
done
step desk ticket show "CI-$id"

echo; echo "==> a customer writes in by e-mail"
desk ingest email <<'MAIL'
From: Wang Fang <fang@example.com>
Subject: Cannot download my invoice
Message-ID: <q1@mail.example.com>
Content-Type: text/plain; charset=utf-8

The invoice link in my account page returns an error.
MAIL
step desk ticket list

echo; echo "==> the team works the queue"
step desk --as bob  ticket claim "INC-$inc"
step desk --as bob  ticket comment "INC-$inc" -m "LB health checks flapping on two nodes"
step desk --as bob  ticket reply "INC-$inc" -m "Drained the two bad nodes; please retry."
step desk --as carol ticket reply "INC-$inc" -m "Still seeing a few 502s from Shanghai."
step desk --as bob  ticket reply "INC-$inc" -m "Fixed the VPN route too; error rate is 0 now."
step desk --as carol ticket confirm "INC-$inc"

step desk --as dana ticket assign "ACC-$acc" --to chen
step desk --as chen ticket reply "ACC-$acc" -m "Granted read access until 2026-12-31."
step desk --as erik ticket confirm "ACC-$acc"

step desk --as chen ticket claim "CS-$cs"
step desk --as chen ticket reply "CS-$cs" -m "Refunded the duplicate charge; sorry about that."
step desk --as chen ticket close "CS-$cs"
step desk --as carol ticket rate "CS-$cs" --score 5 -m "Quick and friendly"

echo; echo "==> the 502s come back: carol's confirmed ticket is reopened, and a rule is a rule"
step desk --as bob ticket reopen "INC-$inc"
echo "(bob cannot close an internal ticket: its requester confirms; exit 4)"
set +e; desk --as bob ticket close "INC-$inc"; echo "exit code: $?"; set -e

echo; echo "==> the lead lets desk route what is still unclaimed (skills, load, quality)"
step desk --as dana assign auto --dry-run
step desk --as dana assign auto

echo; echo "==> cron's SLA check, as if run a day later (nothing is recorded: --dry-run)"
if tomorrow=$(date -u -d "+1 day" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null); then
    step env DESK_NOW="$tomorrow" "$DESK" sla check --dry-run
else
    step desk sla check --dry-run
fi

echo; echo "==> where things stand"
step desk ticket list --all
step desk ticket log "INC-$inc"
step desk ticket show "CS-$cs"

echo; echo "==> how the desk is doing: the summary, the per-agent table, an HTML page"
step desk --as dana report
step desk --as dana report --by agent
page="${TMPDIR:-/tmp}/desk-quickstart-report.html"
step desk --as dana report --by hour --format html -o "$page"
echo "(open $page in a browser)"

echo; echo "==> who did what as whom: the audit log"
step desk audit -n 8
