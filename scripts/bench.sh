#!/usr/bin/env bash
# Runs the benchmark suites and the end-to-end import harness; figures go to bench/README.md by hand.
# Usage: scripts/bench.sh [suite filter, default '*'] [--full]   (--full: BenchmarkDotNet's default job instead of --job short)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
filter="${1:-*}"
job=(--job short)
[ "${2:-}" = "--full" ] && job=()
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/Tickwise.Bench -c Release --nologo -v quiet
bench="bench/Tickwise.Bench/bin/Release/net10.0/Tickwise.Bench.dll"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$bench" --filter "$filter" "${job[@]}" --exporters github
if [ "$filter" = "*" ]; then
  dotnet "$bench" import-throughput 10000000 "${TMPDIR:-/tmp}/tickwise-import-bench"
fi
