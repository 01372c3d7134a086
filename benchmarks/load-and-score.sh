#!/bin/sh
# Load + score + tier a generated file of N accounts (default 1,000,000) with the release `books`,
# under /usr/bin/time -v, three times. Prints the phases (`--timings`: wall and CPU seconds) and
# the whole run's wall time, CPU time and peak memory.
#
#   swift build -c release --product books && benchmarks/load-and-score.sh [N]
set -e
n=${1:-1000000}
books=${BOOKS:-.build/release/books}
dir=${TMPDIR:-/tmp}/dynamicbooks-bench-$n
if [ ! -f "$dir/accounts.csv" ]; then
    "$books" generate --accounts "$n" --reps $((n / 160 + 1)) --seed 7 --out "$dir" >/dev/null
fi
echo "$(wc -c < "$dir/accounts.csv") bytes, $(($(wc -l < "$dir/accounts.csv") - 1)) accounts; load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
for run in 1 2 3; do
    /usr/bin/time -v "$books" score --accounts "$dir/accounts.csv" --policy "$dir/policy.yaml" \
        --out "$dir/scored.csv" --timings 2>&1 >/dev/null |
        awk '/s CPU$/{printf "  %s", $0} /User time/{u=$4} /System time/{s=$4} /Elapsed/{e=$8} /Maximum resident/{m=$6}
             END{printf "\n  run: wall %s, CPU %.2f s (user %s + sys %s), peak %.0f MB\n", e, u+s, u, s, m/1024}'
done
