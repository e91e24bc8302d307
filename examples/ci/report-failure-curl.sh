#!/usr/bin/env bash
# report-failure.sh without desk installed: one curl to the team's `desk serve`.
#
# The same ticket as report-failure.sh (type ci-failure, channel ci, dedup key
# ci:REPO:JOB:BRANCH, so a job that keeps failing bumps one open ticket), filed over the
# HTTP API with an API token that may only file ci-failure tickets:
#
#   desk token create --user ci --scope ticket:new --type ci-failure   (once, on the desk host)
#
#   DESK_URL      the server, e.g. https://desk.example.com (a CI secret)
#   DESK_TOKEN    the token (a CI secret)
#   CI_REPO, CI_JOB, CI_BRANCH   or the GitHub Actions / GitLab CI variables
#
# Prints the ticket id; needs curl and jq.
set -euo pipefail

repo="${GITHUB_REPOSITORY:-${CI_PROJECT_PATH:-${CI_REPO:?set CI_REPO (owner/name)}}}"
job="${GITHUB_JOB:-${CI_JOB_NAME:-${CI_JOB:?set CI_JOB}}}"
branch="${GITHUB_REF_NAME:-${CI_COMMIT_REF_NAME:-${CI_BRANCH:-main}}}"

jq -n --arg repo "$repo" --arg job "$job" --arg branch "$branch" '{
    type: "ci-failure", channel: "ci",
    title: "CI failed: \($repo) \($job) on \($branch)",
    dedup_key: "ci:\($repo):\($job):\($branch)",
    fields: {repo: $repo, job: $job, branch: $branch}
  }' |
  curl -sS --fail-with-body -H "Authorization: Bearer $DESK_TOKEN" \
    -H 'Content-Type: application/json' --data-binary @- "$DESK_URL/api/v1/tickets" |
  jq -r .id
