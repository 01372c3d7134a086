#!/bin/sh
# Runs every mode of the CSV package comparison on one file, each under /usr/bin/time -v.
#   swift build -c release && ./run.sh /path/to/accounts.csv
set -e
file=${1:?usage: run.sh accounts.csv}
for mode in csvswift-string csvswift-data csvswift-stream swiftcsv-enum swiftcsv-rows; do
    /usr/bin/time -v .build/release/CSVPackages "$mode" "$file" 2>&1 |
        awk -v mode="$mode" '/ rows, /{line=$0} /User time/{u=$4} /Elapsed/{e=$8} /Maximum resident/{m=$6}
             END{printf "%-16s wall %s  user %ss  peak %.0f MB   (%s)\n", mode, e, u, m/1024, line}'
done
