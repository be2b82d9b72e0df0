#!/usr/bin/env bash
# The JIT trade-off (issue 14, docs/jit.md): for each JVM configuration, on a copy of a bench
# database, the packaged service's start-up until /q/health/ready answers, a cached read, an
# uncached read and the write mix (wrk -t2 -c32), CPU per request split into the JVM and
# PostgreSQL, the JIT compilers' CPU, and the RSS after the load.
#
#   bash bench/jit.sh [data dir]      default: bench/work/data, what a full bench/run.sh leaves
#
# The data directory is never written: each configuration runs on a fresh copy
# (bench/work/jit/data, about 2 GB for the full volume), so every one starts on the same database.
# Per configuration: a fresh copy; a start with the read cache off (-Dticker.cache.responses=false):
# 5 s warm-up, 3 runs of 10 s of GET /v1/news?limit=20; a second start with the cache on: 5 s
# warm-up of the cached read and of the write mix, then 3 rounds of a 10 s cached run and a 10 s
# write mix run. The table quotes medians. Start-up is measured on both starts.
#
# Environment:
#   JIT_CONFIGS   the configurations, in order (default: "c1 c2 c2-lazy c1+cds"); "<name>+cds" is
#                 <name> with a dynamic AppCDS archive made by a training run of this script
#   JIT_ROUNDS    how often to run the whole list, alternated (default 1)
#   JIT_PORT      the service's port (default 18090)
#   JIT_DURATION, JIT_WARMUP, JIT_REPS   10, 5, 3
#   JIT_KEEP_DATA=1  keep bench/work/jit/data at the end
#
# The configurations start from docker/jvm.options without its JIT and class-sharing lines, so a
# change of the heap there applies to all of them:
#   c1        -XX:TieredStopAtLevel=1: C1 only (one compiler thread on 2 cores)
#   c2        tiered compilation to C2, as the JVM chooses on 2 cores: CICompilerCount=2, that is one
#             C1 and one C2 thread (the fewest tiered compilation allows)
#   c2-lazy   c2 with three times the C2 thresholds (Tier4*): fewer, hotter methods reach C2
#   c2-only   -XX:-TieredCompilation -XX:CICompilerCount=1: the interpreter, then C2 (not in the default list)
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export BENCH_DIR=$ROOT/bench
WORK=$ROOT/bench/work/jit
SOURCE=${1:-bench/work/data}
CONFIGS=${JIT_CONFIGS:-c1 c2 c2-lazy c1+cds}
ROUNDS=${JIT_ROUNDS:-1}
PORT=${JIT_PORT:-18090}
DURATION=${JIT_DURATION:-10} WARMUP=${JIT_WARMUP:-5} REPS=${JIT_REPS:-3}
BASE=http://127.0.0.1:$PORT
JAR=target/quarkus-app/quarkus-run.jar
TOKEN=tk_jit_$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
DATA=$WORK/data
ARCHIVE=$WORK/app-cds.jsa
LIST=/v1/news?limit=20
HZ=$(getconf CLK_TCK)

log() { printf '[jit %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

[[ -f $SOURCE/PG_VERSION ]] || fail "$SOURCE is no PostgreSQL data directory: run bench/run.sh first, or give one"
[[ -f $JAR ]] || fail "no $JAR: ./mvnw -B -q package -DskipTests"
# a copy of a running server's files is no consistent database
if [[ -f $SOURCE/postmaster.pid ]] && kill -0 "$(head -1 "$SOURCE/postmaster.pid")" 2> /dev/null; then
    fail "a PostgreSQL runs on $SOURCE: stop the service that uses it first"
fi
if (exec 3<> "/dev/tcp/127.0.0.1/$PORT") 2> /dev/null; then fail "port $PORT is in use"; fi
for tool in wrk jq psql curl; do command -v $tool > /dev/null || fail "$tool is missing (bench/run.sh installs it)"; done

# docker/jvm.options without its JIT and class-sharing choices
BASE_OPTS=$(grep -v -E '^\s*(#|$)' docker/jvm.options \
    | grep -v -E 'TieredStopAtLevel|TieredCompilation|CICompilerCount|Tier[0-9]|SharedArchiveFile|ArchiveClassesAtExit' | tr '\n' ' ')
jit_opts() {
    case ${1%+cds} in
        c1) echo "-XX:TieredStopAtLevel=1" ;;
        c2) echo "" ;;
        c2-lazy) echo "-XX:Tier4InvocationThreshold=15000 -XX:Tier4MinInvocationThreshold=1800 -XX:Tier4CompileThreshold=45000 -XX:Tier4BackEdgeThreshold=120000" ;;
        c2-only) echo "-XX:-TieredCompilation -XX:CICompilerCount=1" ;;
        *) fail "unknown configuration $1" ;;
    esac
}
opts_of() {
    local o="$BASE_OPTS $(jit_opts "$1")"
    [[ $1 == *+cds ]] && o="$o -XX:SharedArchiveFile=$ARCHIVE"
    echo "$o"
}

# --- the service ----------------------------------------------------------------------------
PID=
stop_service() {
    if [[ -n $PID ]] && kill -0 "$PID" 2> /dev/null; then
        kill -TERM "$PID"
        for _ in $(seq 1 600); do kill -0 "$PID" 2> /dev/null || break; sleep 0.1; done
        kill -0 "$PID" 2> /dev/null && kill -KILL "$PID"
        wait "$PID" 2> /dev/null || true
    fi
    PID=
    # a PostgreSQL left by a killed service
    local pg
    pg=$(head -1 "$DATA/postmaster.pid" 2> /dev/null || true)
    if [[ $pg =~ ^[0-9]+$ ]] && kill -0 "$pg" 2> /dev/null && tr '\0' ' ' < "/proc/$pg/cmdline" | grep -q -- "$DATA"; then
        kill -INT "$pg"
        for _ in $(seq 1 300); do kill -0 "$pg" 2> /dev/null || break; sleep 0.1; done
    fi
}
cleanup() {
    local rc=$?
    trap - EXIT
    set +e
    stop_service
    [[ ${JIT_KEEP_DATA:-0} == 1 ]] || rm -rf "$DATA"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ticks <pid...>: CPU (user + system) of these processes, in clock ticks
ticks() {
    local total=0 p
    for p in "$@"; do
        [[ -r /proc/$p/stat ]] && total=$((total + $(awk '{ print $14 + $15 }' "/proc/$p/stat")))
    done
    echo "$total"
}
pg_pids() { local m; m=$(head -1 "$DATA/postmaster.pid"); echo "$m" $(pgrep -P "$m" || true); }
# CPU of the JIT compiler threads, in ticks
compiler_ticks() {
    local total=0 t
    for t in /proc/"$PID"/task/*; do
        grep -q 'CompilerThre' "$t/comm" 2> /dev/null && total=$((total + $(awk '{ print $14 + $15 }' "$t/stat")))
    done
    echo "$total"
}
rss_mb() { awk '$1 == "VmRSS:" { printf "%d", $2 / 1024 }' "/proc/$PID/status"; }

# start <config> <log> [options...]: sets PID, READY_MS, READY_CPU_MS (the JVM's CPU until ready)
start() {
    local config=$1 logfile=$2 t code
    shift 2
    t=$(date +%s%N)
    # shellcheck disable=SC2046
    TICKER_ADMIN_TOKEN=$TOKEN MALLOC_ARENA_MAX=2 java $(opts_of "$config") "$@" \
        -Dticker.embedded.data-dir="$DATA" -Dticker.embedded.clean=false -Dticker.demo.load=true \
        -Dticker.rate-limit.enabled=false -Dquarkus.http.port="$PORT" -jar "$JAR" > "$logfile" 2>&1 &
    PID=$!
    for _ in $(seq 1 3000); do
        kill -0 "$PID" 2> /dev/null || { tail -20 "$logfile" >&2; PID=; fail "the service exited during start-up ($logfile)"; }
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/q/health/ready" || true)
        if [[ $code == 200 ]]; then
            READY_MS=$((($(date +%s%N) - t) / 1000000))
            READY_CPU_MS=$(($(ticks "$PID") * 1000 / HZ))
            return 0
        fi
        sleep 0.02
    done
    fail "not ready after 60 s ($logfile)"
}

# measure <out> <seconds> <wrk args...>: one wrk run; its JSON summary plus CPU per request in <out>.json
measure() {
    local out=$1 seconds=$2
    shift 2
    local j0 p0 j1 p1
    j0=$(ticks "$PID")
    p0=$(ticks $(pg_pids))
    wrk -t2 -c32 -d"${seconds}s" --timeout 2s --latency "$@" > "$out.txt" 2>&1 || true
    j1=$(ticks "$PID")
    p1=$(ticks $(pg_pids))
    local summary
    summary=$(sed -n 's/^BENCH-JSON //p' "$out.txt")
    [[ -n $summary ]] || { cat "$out.txt" >&2; fail "wrk printed no summary ($out.txt)"; }
    jq --argjson jvm $((j1 - j0)) --argjson pg $((p1 - p0)) --argjson hz "$HZ" '
        . + {jvm_cpu_ms: ($jvm / $hz * 1000 / ([.requests, 1] | max)), pg_cpu_ms: ($pg / $hz * 1000 / ([.requests, 1] | max))}' \
        <<< "$summary" > "$out.json"
}
read_run() { measure "$1" "$2" -s bench/read.lua "$BASE$LIST"; }
write_run() { measure "$1" "$2" -s bench/write.lua "$BASE/v1/news" -- "$TOKEN" "$RUN_ID" "$MEMBERS"; }

fresh_copy() {
    rm -rf "$DATA"
    cp -a "$SOURCE" "$DATA"
    rm -f "$DATA/postmaster.pid"
}

# --- the AppCDS archive: a training run ------------------------------------------------------
# -XX:ArchiveClassesAtExit writes every class loaded until the JVM exits (JDK 17: also those of
# Quarkus's own class loader) into a dynamic archive on top of the JDK's; a run with
# -XX:SharedArchiveFile maps them instead of loading, verifying and linking them.
train() {
    log "training run for the AppCDS archive ($ARCHIVE)"
    fresh_copy
    rm -f "$ARCHIVE"
    start c1 "$WORK/logs/train.log" -XX:ArchiveClassesAtExit="$ARCHIVE"
    members
    RUN_ID=train$$
    wrk -t1 -c2 -d2s -s bench/read.lua "$BASE$LIST" > /dev/null
    wrk -t1 -c2 -d2s -s bench/write.lua "$BASE/v1/news" -- "$TOKEN" "$RUN_ID" "$MEMBERS" > /dev/null
    curl -s -o /dev/null "$BASE/v1/news?state=DE-SN&include=members&limit=20"
    stop_service
    [[ -f $ARCHIVE ]] || fail "the training run wrote no archive (log: $WORK/logs/train.log)"
}
members() {
    MEMBERS=$(psql -X -q -At -h 127.0.0.1 -p "$(sed -n 4p "$DATA/postmaster.pid")" -U postgres postgres \
        -c "select string_agg(id::text, ',' order by slug) from member")
}

# --- one configuration -----------------------------------------------------------------------
run_config() {
    local config=$1 round=$2 dir=$WORK/runs/$config-$round r
    mkdir -p "$dir"
    log "$config (round $round): $(opts_of "$config")"
    fresh_copy
    local load_before
    load_before=$(cut -d' ' -f1-3 /proc/loadavg)

    # the read cache off: the uncached list
    start "$config" "$dir/service-uncached.log" -Dticker.cache.responses=false
    local ready1=$READY_MS cpu1=$READY_CPU_MS rss_start
    rss_start=$(rss_mb)
    read_run "$dir/uncached-warmup" "$WARMUP"
    for r in $(seq 1 "$REPS"); do read_run "$dir/uncached-$r" "$DURATION"; done
    local rss_uncached
    rss_uncached=$(rss_mb)
    stop_service

    # the read cache on: cached list and write mix, alternated
    start "$config" "$dir/service.log"
    local ready2=$READY_MS cpu2=$READY_CPU_MS c0
    c0=$(compiler_ticks)
    members
    RUN_ID=$config-$round-$$
    read_run "$dir/cached-warmup" "$WARMUP"
    write_run "$dir/write-warmup" "$WARMUP"
    for r in $(seq 1 "$REPS"); do
        read_run "$dir/cached-$r" "$DURATION"
        write_run "$dir/write-$r" "$DURATION"
    done
    local rss_load compiler_s code_cache
    rss_load=$(rss_mb)
    compiler_s=$((($(compiler_ticks) - c0) / HZ))
    code_cache=$(jcmd "$PID" Compiler.codecache 2> /dev/null | awk '/^CodeHeap|^CodeCache/ { for (i = 1; i <= NF; i++) if ($i ~ /^used=/) { sub("used=", "", $i); sub("Kb", "", $i); s += $i } } END { printf "%d", s / 1024 }' || echo null)
    stop_service

    jq -n --arg config "$config" --argjson round "$round" --arg opts "$(opts_of "$config")" \
        --arg load_before "$load_before" --arg load_after "$(cut -d' ' -f1-3 /proc/loadavg)" \
        --argjson ready "[$ready1, $ready2]" --argjson ready_cpu "[$cpu1, $cpu2]" \
        --argjson rss_start "$rss_start" --argjson rss_uncached "$rss_uncached" --argjson rss_load "$rss_load" \
        --argjson compiler_s "$compiler_s" --argjson code_cache "${code_cache:-null}" \
        --slurpfile uncached <(cat "$dir"/uncached-[0-9]*.json) --slurpfile cached <(cat "$dir"/cached-[0-9]*.json) \
        --slurpfile write <(cat "$dir"/write-[0-9]*.json) '
        def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
        def scenario: {rps: (map(.rps) | median), p50_ms: (map(.latency_us.p50 / 1000) | median),
                       p99_ms: (map(.latency_us.p99 / 1000) | median), errors: (map(.errors) | add),
                       jvm_cpu_ms: (map(.jvm_cpu_ms) | median), pg_cpu_ms: (map(.pg_cpu_ms) | median), runs: .};
        {config: $config, round: $round, options: $opts, load_before: $load_before, load_after: $load_after,
         ready_ms: $ready, ready_cpu_ms: $ready_cpu, rss_mb: {after_start: $rss_start, after_uncached: $rss_uncached, after_load: $rss_load},
         compiler_cpu_s: $compiler_s, code_cache_used_mb: $code_cache,
         uncached: ($uncached | scenario), cached: ($cached | scenario), write: ($write | scenario)}' > "$dir/summary.json"
    SUMMARIES+=("$dir/summary.json")
    jq -r '"  \(.config): ready \(.ready_ms | map(tostring) | join(" / ")) ms; uncached \(.uncached.rps | round) req/s; cached \(.cached.rps | round) req/s; writes \(.write.rps | round)/s p99 \(.write.p99_ms) ms; RSS \(.rss_mb.after_load) MB; compiler \(.compiler_cpu_s) s"' "$dir/summary.json" >&2
}

# ===========================================================================================
mkdir -p "$WORK/logs"
rm -rf "$WORK/runs"
SUMMARIES=()
log "source $SOURCE; configurations: $CONFIGS; $ROUNDS round(s); load average $(cut -d' ' -f1-3 /proc/loadavg)"
[[ $CONFIGS == *+cds* ]] && train
for round in $(seq 1 "$ROUNDS"); do
    for config in $CONFIGS; do run_config "$config" "$round"; done
done

jq -s '.' "${SUMMARIES[@]}" > "$WORK/results.json"
{
    echo "| configuration | ready ms (2 starts) | JVM CPU to ready ms | uncached list req/s (p99 ms) | CPU ms/req JVM + PG | cached list req/s (p99 ms) | CPU ms/req JVM + PG | write mix writes/s (p99 ms) | CPU ms/write JVM + PG | C1/C2 CPU s in the load | code cache MB | RSS MB after start / load |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    jq -r 'def r2: . * 100 | round / 100; def r1: . * 10 | round / 10;
        .[] | "| \(.config)\(if .round > 1 then " (\(.round))" else "" end) | \(.ready_ms | map(tostring) | join(" / ")) | \(.ready_cpu_ms | map(tostring) | join(" / ")) | \(.uncached.rps | round) (\(.uncached.p99_ms | r1)) | \(.uncached.jvm_cpu_ms | r2) + \(.uncached.pg_cpu_ms | r2) | \(.cached.rps | round) (\(.cached.p99_ms | r1)) | \(.cached.jvm_cpu_ms | r2) + \(.cached.pg_cpu_ms | r2) | \(.write.rps | round) (\(.write.p99_ms | r1)) | \(.write.jvm_cpu_ms | r2) + \(.write.pg_cpu_ms | r2) | \(.compiler_cpu_s) | \(.code_cache_used_mb) | \(.rss_mb.after_start) / \(.rss_mb.after_load) |"' "$WORK/results.json"
    echo
    echo "Load average before/after each: $(jq -r 'map("\(.config): \(.load_before) → \(.load_after)") | join("; ")' "$WORK/results.json")"
} | tee "$WORK/results.md"
