#!/usr/bin/env bash
# A weekly cycle on a 100k-account workspace with a year of activity and 1,000 return requests.
# The workspace is imported and rebalanced first (books full, as after a quarterly rebalance);
# the measured cycle then retrieves, decides the 1,000 queued returns and tops off.
# Usage: benchmarks/loop/cycle-100k.sh [WORKDIR]   (needs the release build: swift build -c release --product books)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
books="$root/.build/release/books"
work="${1:-$root/benchmarks/.instances/cycle-100k}"
rm -rf "$work" && mkdir -p "$work"
cd "$work"
"$books" generate --accounts 100000 --reps 600 --seed 3 --out data --as-of 2026-11-30 > /dev/null
# A year of activity: every owned account touched 12–24 times by its owner over the last 365 days.
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
print(f"{len(owned)} owned accounts")
PY
wc -l data/activity.csv
"$books" import --data data --db ws.sqlite --as-of 2026-11-30 > /dev/null
/usr/bin/time -v "$books" plan --db ws.sqlite --apply --as-of 2026-11-30 --out rebalance 2> time.txt | head -2
echo "rebalance:"; grep -E "Elapsed|Maximum resident" time.txt
# 1,000 return requests a week later from the owners of the rebalanced books (some will break the
# guardrails, as in real life: held too briefly, too few activities, too many per rep).
"$books" export --db ws.sqlite --out export > /dev/null
python3 - <<'PY'
import csv, random
random.seed(11)
with open("export/books.csv", newline="") as f:
    books = [(r["account_id"], r["rep_id"]) for r in csv.DictReader(f)]
reasons = ["not_interested", "bad_timing", "poor_fit", "bad_data", "worked_to_completion"]
with open("data/returns.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["account_id", "rep_id", "date", "reason", "note"])
    for account, rep in random.sample(books, 1000):
        w.writerow([account, rep, "2026-12-07", random.choice(reasons), ""])
PY
"$books" return --db ws.sqlite --file data/returns.csv --queue --as-of 2026-12-07 > /dev/null
cp ws.sqlite before-cycle.sqlite   # to profile the measured cycle again: books cycle --db COPY --as-of 2026-12-07
echo "cycle of 2026-12-07 (1,000 queued returns):"
/usr/bin/time -v "$books" cycle --db ws.sqlite --as-of 2026-12-07 2> time.txt | tail -6
grep -E "Elapsed|Maximum resident|User time|System time" time.txt
echo "cycle of 2026-12-14 (no returns):"
/usr/bin/time -v "$books" cycle --db ws.sqlite --as-of 2026-12-14 2> time.txt | tail -6
grep -E "Elapsed|Maximum resident|User time|System time" time.txt
