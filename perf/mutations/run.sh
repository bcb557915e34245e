#!/usr/bin/env bash
# The mutation test at full size: N mutated built-in scenarios (default 10,000) through the real command line, each
# refused with exit 2 and a clean message or run to the end with exit 0, no stack trace, no left-over folder.
# Usage: perf/mutations/run.sh [N] [SEED] [THREADS]   (the test suite runs 300 with seed 0000000000001).
# CMA_ACTORS_NO_BUILD=1 skips the build. A progress line every 250 inputs goes to $CMA_ACTORS_MUTATIONS_REPORT (default: a temporary file), printed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
report="${CMA_ACTORS_MUTATIONS_REPORT:-$(mktemp)}"
: > "$report"
CMA_ACTORS_MUTATIONS="${1:-10000}" CMA_ACTORS_MUTATIONS_SEED="${2:-0000000000042}" CMA_ACTORS_MUTATIONS_THREADS="${3:-2}" \
CMA_ACTORS_MUTATIONS_REPORT="$report" \
  dotnet test test/CmaActors.Cli.Tests -c Release ${CMA_ACTORS_NO_BUILD:+--no-build} --filter "FullyQualifiedName~MutationTests" --nologo -v quiet || status=$?
cat "$report"
exit "${status:-0}"
