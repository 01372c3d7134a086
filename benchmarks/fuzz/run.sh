#!/usr/bin/env bash
# Fuzz every input format at scale: the seeded fuzz tests of the three suites, each run
# BOOKS_FUZZ_SCALE times its CI count (default 14: about 103,000 executions in all).
#
#   benchmarks/fuzz/run.sh [scale]
#
# A crash ends the test process (non-zero exit, no report line for the targets left); a hang
# is an execution over one second (counted per target) or the whole run passing the timeout.
# Writes benchmarks/fuzz/results.md.
set -uo pipefail
cd "$(dirname "$0")/../.."
scale="${1:-14}"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT

swift build --build-tests >/dev/null || exit 1
start=$(date +%s)
BOOKS_FUZZ_SCALE="$scale" BOOKS_FUZZ_REPORT="$report" timeout 7200 \
  swift test --skip-build --filter 'DynamicBooksTests.FuzzTests|AssignmentEngineTests.GAPFuzzTests|BooksServiceTests.HTTPFuzzTests' \
  >"$report.log" 2>&1
status=$?
seconds=$(( $(date +%s) - start ))
targets=$(wc -l <"$report" | tr -d ' ')
crashes=0; [ "$status" -gt 1 ] && crashes=1           # 1 = a failed expectation; above = killed or timed out
{
  echo "# Fuzzing: $(awk '{n += $2} END {print n}' "$report") executions"
  echo
  echo "\`benchmarks/fuzz/run.sh $scale\` on $(uname -sm), $(nproc 2>/dev/null || sysctl -n hw.ncpu) cores, debug build, ${seconds} s."
  echo "Exit status of the test run: $status (0: every expectation held)."
  echo
  echo "| target | executions | loaded | refused | slowest (ms) | over 1 s |"
  echo "|---|---:|---:|---:|---:|---:|"
  sort "$report" | awk '{printf "| %s | %d | %d | %d | %s | %d |\n", $1, $2, $3, $4, $5, $6}'
  awk -v crashes="$crashes" -v targets="$targets" '{n += $2; a += $3; r += $4; h += $6; if ($5 > s) s = $5}
    END {printf "| **all %d targets** | **%d** | %d | %d | %s | **%d** |\n\nCrashes: **%d**. Hangs (executions over 1 s): **%d**.\n", targets, n, a, r, s, h, crashes, h}' "$report"
} >benchmarks/fuzz/results.md
cat benchmarks/fuzz/results.md
if [ "$status" -ne 0 ]; then tail -40 "$report.log"; fi
rm -f "$report.log"
[ "$status" -eq 0 ] && [ "$targets" -ge 10 ]
