#!/usr/bin/env bash
# Schedules to the first violation of every historical bug, random against pct, over 20 disjoint seed ranges:
# the table of docs/races.md. Usage: perf/races/measure.sh [SCHEDULES_PER_RANGE] (default 1000).
set -euo pipefail
cd "$(dirname "$0")/../.."
budget="${1:-1000}"
dotnet build src/CmaActors.Cli -c Release -nologo -v quiet >/dev/null
cli=(dotnet src/CmaActors.Cli/bin/Release/net10.0/cma-actors.dll)
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

summary() { # bug, strategy options...: the median schedules to the first violation, and the ranges that found one
  local bug="$1"; shift
  local line
  line="$("${cli[@]}" explore --bug "$bug" "$@" --ranges 20 --schedules "$budget" --quiet --out "$scratch/replay.json" | tail -n 1 || true)"
  local found median
  found="$(sed -E 's/.*found in ([0-9]+\/[0-9]+) ranges.*/\1/' <<<"$line")"
  median="$(sed -E 's/.*median ([^,;]+)[,;].*/\1/' <<<"$line")"
  printf '%s | %s' "$median" "$found"
}

echo "| race | bug | scenario | random: median | ranges found | pct d=3: median | ranges found |"
echo "|---|---|---|---:|---:|---:|---:|"
"${cli[@]}" bugs --names | while IFS=' ' read -r race name scenario; do
  echo "| $race | \`$name\` | $scenario | $(summary "$name" --strategy random) | $(summary "$name" --strategy pct --depth 3) |"
done
