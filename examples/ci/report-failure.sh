#!/usr/bin/env bash
# Open a desk ticket when a CI job fails, or add an occurrence to the one already open.
#
# Run it as the last step of a job, only on failure (see github-actions.yml and
# gitlab-ci.yml next to this file). It reads the CI system's own variables, so it needs no
# arguments; the dedup key ci:REPO:JOB:BRANCH makes a job that keeps failing bump one open
# ticket instead of opening one per run. Once that ticket is closed, the next failure opens
# a new one.
#
#   DESK          the desk binary (default: desk on PATH)
#   DESK_URL, DESK_TOKEN
#                 the team's `desk serve` and an API token (any runner, no database
#                 credentials): `desk token create --user ci --scope ticket:new --type ci-failure`
#   DESK_HOME     or the team's desk home itself (on a self-hosted runner, or a mounted volume)
#   DESK_USER     who files it there (default here: ci); `desk requester add ci --tier internal`
#   CI_LOG_FILE   optional: the tail of this file becomes the ticket body / occurrence details
#
# Prints the ticket id. Exits non-zero only if desk does: a CI step should not hide that.
set -euo pipefail

desk="${DESK:-desk}"
# Over DESK_URL the token says who files it.
[[ -z "${DESK_URL:-}" ]] && export DESK_USER="${DESK_USER:-ci}"

# GitHub Actions, then GitLab CI, then generic names.
repo="${GITHUB_REPOSITORY:-${CI_PROJECT_PATH:-${CI_REPO:?set CI_REPO (owner/name)}}}"
job="${GITHUB_JOB:-${CI_JOB_NAME:-${CI_JOB:?set CI_JOB}}}"
branch="${GITHUB_REF_NAME:-${CI_COMMIT_REF_NAME:-${CI_BRANCH:-main}}}"
commit="${GITHUB_SHA:-${CI_COMMIT_SHA:-${CI_COMMIT:-}}}"
if [[ -n "${GITHUB_RUN_ID:-}" ]]; then
    run_url="${GITHUB_SERVER_URL:-https://github.com}/$repo/actions/runs/$GITHUB_RUN_ID"
else
    run_url="${CI_JOB_URL:-${CI_RUN_URL:-}}"
fi

args=(ticket new --type ci-failure -q --channel ci
      --title "CI failed: $repo $job on $branch"
      --dedup-key "ci:$repo:$job:$branch"
      --field "repo=$repo" --field "job=$job" --field "branch=$branch")
[[ -n "$commit" ]] && args+=(--field "commit=$commit")
[[ -n "$run_url" ]] && args+=(--field "run_url=$run_url")
if [[ -n "${CI_LOG_FILE:-}" && -r "$CI_LOG_FILE" ]]; then
    tail -n 50 "$CI_LOG_FILE" | "$desk" "${args[@]}" --body -
else
    "$desk" "${args[@]}" --body "Job $job failed on $branch${run_url:+: $run_url}"
fi
