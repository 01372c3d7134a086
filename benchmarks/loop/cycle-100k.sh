#!/usr/bin/env bash
# A weekly cycle on a 100k-account workspace with a year of activity and 1,000 return requests.
# Usage: benchmarks/loop/cycle-100k.sh [WORKDIR]   (needs the release build: swift build -c release --product books)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
books="$root/.build/release/books"
work="${1:-$root/benchmarks/.instances/cycle-100k}"
rm -rf "$work" && mkdir -p "$work"
cd "$work"
"$books" generate --accounts 100000 --reps 600 --seed 3 --out data --as-of 2026-11-30 > /dev/null
# A year of activity: every owned account touched 12–24 times by its owner over the last 365 days,
# and 1,000 return requests from owners (some will break the guardrails, as in real life).
python3 - <<'PY'
import csv, random, datetime
random.seed(7)
as_of = datetime.date(2026, 11, 30)
owned = []
with open("data/accounts.csv", newline="") as f:
    for row in csv.DictReader(f):
        if row["owner"]:
            owned.append((row["id"], row["owner"]))
types = ["call", "email", "meeting", "note"]
with open("data/activity.csv", "a", newline="") as f:
    w = csv.writer(f)
    for account, rep in owned:
        for _ in range(random.randint(12, 24)):
            w.writerow([account, rep, (as_of - datetime.timedelta(days=random.randint(1, 365))).isoformat(), random.choice(types)])
reasons = ["not_interested", "bad_timing", "poor_fit", "bad_data", "worked_to_completion"]
with open("data/returns.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["account_id", "rep_id", "date", "reason", "note"])
    for account, rep in random.sample(owned, 1000):
        w.writerow([account, rep, as_of.isoformat(), random.choice(reasons), ""])
print(f"{len(owned)} owned accounts")
PY
wc -l data/activity.csv data/returns.csv
"$books" import --data data --db ws.sqlite --as-of 2026-11-30 > /dev/null
"$books" return --db ws.sqlite --file data/returns.csv --queue --as-of 2026-11-30 > /dev/null
/usr/bin/time -v "$books" cycle --db ws.sqlite --as-of 2026-11-30 2> time.txt | tail -8
grep -E "Elapsed|Maximum resident|User time|System time" time.txt
# A second weekly cycle a week later (no pending returns): the steady state.
/usr/bin/time -v "$books" cycle --db ws.sqlite --as-of 2026-12-07 2> time.txt | tail -8
grep -E "Elapsed|Maximum resident|User time|System time" time.txt
