#!/usr/bin/env bash
# Where the CPU goes, per request: the JVM, PostgreSQL (all its processes) and wrk, for one wrk
# run against a service that runs on the bench database (bench/work/data; BENCH_DATA_DIR=bench/work/data-10k
# for the 10,000-item one):
#
#   java -Dticker.embedded.data-dir=bench/work/data -jar target/quarkus-app/quarkus-run.jar &
#   bench/cpu-split.sh 15 'http://127.0.0.1:8080/v1/news?limit=20'
#   bench/cpu-split.sh 15 -H 'If-None-Match: "…"' 'http://127.0.0.1:8080/v1/news?limit=20'
#
# Arguments: seconds, then wrk arguments (URL, -H …). Reads utime + stime from /proc before and
# after (bench/cpu-lib.sh, which bench/run.sh uses for every scenario); warm the service up first
# (a few seconds of the same load).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export BENCH_DIR=$PWD/bench
# shellcheck source=bench/cpu-lib.sh
source bench/cpu-lib.sh
seconds=$1
shift
data=${BENCH_DATA_DIR:-bench/work/data}
pidfile=$data/postmaster.pid
[[ -f $pidfile ]] || { echo "no $pidfile: start the service on $data first" >&2; exit 1; }
postmaster=$(head -1 "$pidfile")
jvm=$(pgrep -f -- "-Dticker.embedded.data-dir=$data( |$)" | head -1 || true)
[[ -n $jvm ]] || { echo "no service running with -Dticker.embedded.data-dir=$data" >&2; exit 1; }
hz=$(getconf CLK_TCK)

read -r jvm0 pg0 < <(cpu_ticks "$jvm" "$postmaster")
out=$({ /usr/bin/env time -f 'WRKCPU %U %S' wrk -t2 -c32 -d"${seconds}s" --latency -s bench/read.lua "$@"; } 2>&1)
read -r jvm1 pg1 < <(cpu_ticks "$jvm" "$postmaster")

summary=$(sed -n 's/^BENCH-JSON //p' <<< "$out")
[[ -n $summary ]] || { echo "$out" >&2; exit 1; }
wrk_cpu=$(awk '/^WRKCPU/ { print $2 + $3 }' <<< "$out")
jq -r --argjson jvm "$((jvm1 - jvm0))" --argjson pg "$((pg1 - pg0))" --argjson wrk "$wrk_cpu" --argjson hz "$hz" '
    def ms(t): (t / $hz * 1000 / .requests * 100 | round / 100);
    "\(.rps | round) req/s, p99 \(.latency_us.p99 / 1000) ms, errors \(.errors); CPU ms per request: JVM \(ms($jvm)), PostgreSQL \(ms($pg)), wrk \(($wrk * 1000 / .requests * 100 | round) / 100)"' <<< "$summary"
