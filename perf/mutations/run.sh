#!/usr/bin/env bash
# The mutation test at full size: N mutated built-in scenarios (default 10,000) through the real command line, each
# refused with exit 2 and a clean message or run to the end with exit 0, no stack trace, no left-over folder.
# Usage: perf/mutations/run.sh [N] [SEED] [THREADS]   (the test suite runs 300 with seed 0000000000001).
set -euo pipefail
cd "$(dirname "$0")/../.."
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
CMA_ACTORS_MUTATIONS="${1:-10000}" CMA_ACTORS_MUTATIONS_SEED="${2:-0000000000042}" CMA_ACTORS_MUTATIONS_THREADS="${3:-2}" \
CMA_ACTORS_MUTATIONS_REPORT="$report" \
  dotnet test test/CmaActors.Cli.Tests -c Release --filter "FullyQualifiedName~MutationTests" --nologo -v quiet
cat "$report"
