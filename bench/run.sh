#!/usr/bin/env bash
# Ticker load bench: builds and starts the packaged service on its own embedded PostgreSQL,
# generates a realistic volume, measures the scenarios with wrk against an nginx ceiling in the
# same run and writes the results. See bench/README.md.
#
#   bench/run.sh            the full bench (about 35 minutes on 2 cores); writes
#                           bench/results/<date>.json and the table in docs/performance.md
#   bench/run.sh --smoke    tiny volume, 2 s runs, about two minutes once built; exits
#                           non-zero when the service does not start or a scenario has errors
#   BENCH_ONLY=uncached bench/run.sh [--smoke]
#                           only the read path without the cache: the 10,000-item phase, the
#                           generation and the miss-path scenarios (about 10 minutes); writes
#                           bench/work/results-<mode>-uncached.json, not the results nor the docs
set -Eeuo pipefail

MODE=full
for arg in "$@"; do
    case $arg in
        --smoke) MODE=smoke ;;
        -h | --help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench/run.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
    esac
done

ONLY=${BENCH_ONLY:-}
case $ONLY in
    '' | uncached) ;;
    *) echo "bench/run.sh: BENCH_ONLY='$ONLY' is not known (only 'uncached')" >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BENCH=$ROOT/bench
WORK=$BENCH/work
export BENCH_DIR=$BENCH
# shellcheck source=bench/cpu-lib.sh
source "$BENCH/cpu-lib.sh"
HZ=$(getconf CLK_TCK)
# the data directory of the service that runs now (relative to the repository root): the
# 10,000-item phase has its own
DATA=bench/work/data
HTTP_PORT=18080
NGINX_PORT=18081 # fixed in bench/nginx.conf
RECEIVER_PORT=18082 # the webhook receiver
BASE=http://127.0.0.1:$HTTP_PORT
CEILING=http://127.0.0.1:$NGINX_PORT
SEED=0.42
STARTED_AT=$(date +%s)

if [[ $MODE == smoke ]]; then
    MEMBERS=58 NEWS=200 ISSUES=30 EVENTS=100 JOBS=50
    NEWS_10K=100 ISSUES_10K=5 EVENTS_10K=20 JOBS_10K=10 # the "10,000-item" phase, tiny
    DURATION=${BENCH_DURATION:-2} WARMUP=${BENCH_WARMUP:-0} REPS=${BENCH_REPS:-1} CEILING_DURATION=1
    # a cold JVM on a busy CI machine may take seconds for its first requests: only real failures count
    TIMEOUT=10
    DEEP_PAGE=5 SAMPLES=3 ALONE_SAMPLES=10 ITEM_OFFSET=50 BUILD=${BENCH_BUILD:-auto}
else
    MEMBERS=58 NEWS=100000 ISSUES=500 EVENTS=5000 JOBS=2000
    # a tenth of everything (each issue takes 10-20 news items of its time: 50 issues, 20 items apart)
    NEWS_10K=10000 ISSUES_10K=50 EVENTS_10K=500 JOBS_10K=200
    DURATION=${BENCH_DURATION:-10} WARMUP=${BENCH_WARMUP:-5} REPS=${BENCH_REPS:-3}
    CEILING_DURATION=$DURATION
    TIMEOUT=2 # wrk's default: a response slower than 2 s counts as an error (timeout)
    DEEP_PAGE=500 SAMPLES=50 ALONE_SAMPLES=50 ITEM_OFFSET=1000 BUILD=${BENCH_BUILD:-always}
fi
WAIT_MAX=${BENCH_WAIT_MAX:-900} # seconds, in all, to wait for other test JVMs to finish (full mode)
QUIET_FOR=${BENCH_QUIET_FOR:-30} # seconds without another test JVM that count as quiet

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
thousands() { sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta' <<< "$1"; }

# --- clean-up: whatever happens, nothing keeps running ------------------------------------
SERVICE_PID=
NGINX_PID=
stop_nginx() {
    if [[ -n $NGINX_PID ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
        kill -TERM "$NGINX_PID" 2>/dev/null || true
        wait "$NGINX_PID" 2>/dev/null || true
    fi
    NGINX_PID=
}
# a PostgreSQL left running on our data directory (the service was killed): stop it
stop_orphan_postgres() {
    local pidfile=$ROOT/$DATA/postmaster.pid pid
    [[ -f $pidfile ]] || return 0
    pid=$(head -1 "$pidfile" 2>/dev/null || true)
    [[ $pid =~ ^[0-9]+$ ]] || return 0
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$ROOT/$DATA\( \|$\)"; then
        log "stopping the embedded PostgreSQL (pid $pid) left by the service"
        kill -INT "$pid" 2>/dev/null || true
        for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
}
stop_service() {
    if [[ -n $SERVICE_PID ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
        kill -TERM "$SERVICE_PID" 2>/dev/null || true
        for _ in $(seq 1 600); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$SERVICE_PID" 2>/dev/null; then
            log "the service did not stop within 60 s: SIGKILL"
            kill -KILL "$SERVICE_PID" 2>/dev/null || true
        fi
        wait "$SERVICE_PID" 2>/dev/null || true
    fi
    SERVICE_PID=
    stop_orphan_postgres
}
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    set +e
    stop_nginx
    stop_service
    [[ -n ${RECEIVER_PID:-} ]] && kill "$RECEIVER_PID" 2>/dev/null
    exit $rc
}
trap cleanup EXIT
trap 'log "FAILED (exit $?) at line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 1. tools -------------------------------------------------------------------------------
install_tools() {
    local missing=()
    command -v curl > /dev/null || missing+=(curl ca-certificates)
    command -v jq > /dev/null || missing+=(jq)
    command -v wrk > /dev/null || missing+=(wrk)
    command -v nginx > /dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
    command -v psql > /dev/null || missing+=(postgresql-client)
    command -v java > /dev/null || missing+=(openjdk-17-jdk-headless)
    command -v pgrep > /dev/null || missing+=(procps)
    if ((${#missing[@]} > 0)); then
        local sudo=()
        [[ $(id -u) == 0 ]] || sudo=(sudo)
        log "installing ${missing[*]} (apt-get)"
        "${sudo[@]}" apt-get update -qq
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
    fi
    NGINX=$(command -v nginx || echo /usr/sbin/nginx)
}

# --- 2. build -------------------------------------------------------------------------------
JAR=target/quarkus-app/quarkus-run.jar
build() {
    local why=
    case $BUILD in
        always) why="full bench" ;;
        never) ;;
        *) if [[ ! -f $JAR ]]; then why="no package yet"
           elif [[ -n $(find src pom.xml -newer "$JAR" -print -quit) ]]; then why="sources changed"; fi ;;
    esac
    if [[ -n $why ]]; then
        log "building the service ($why): ./mvnw -B -q package -DskipTests"
        local t
        t=$(date +%s%N)
        ./mvnw -B -q package -DskipTests
        log "built in $(($(ms_since "$t") / 1000)) s"
    else
        log "using the package in target/ (BENCH_BUILD=always rebuilds)"
    fi
    [[ -f $JAR ]] || fail "no $JAR after the build"
}

# --- the service ----------------------------------------------------------------------------
# the JVM options the service runs with in production (docker/jvm.options); BENCH_JAVA_OPTS replaces them
JAVA_OPTS=${BENCH_JAVA_OPTS-@docker/jvm.options}
# AppCDS (docs/jit.md): the first start on the full volume's empty database (migrations, demo
# content, the rendering check) writes the classes it loaded into an archive when it stops; later
# starts map them from it. Only when the file exists: a missing archive would switch off the JDK's
# own class data sharing too.
CDS_ARCHIVE=$WORK/app-cds.jsa
cds_opts() { if [[ -f $CDS_ARCHIVE ]]; then echo "-XX:SharedArchiveFile=$CDS_ARCHIVE"; fi; }
ADMIN_TOKEN=tk_bench_$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
# starts the service; $1: ticker.embedded.clean, $2: log file, then more JVM options. Sets SERVICE_PID and STARTUP_MS.
start_service() {
    local clean=$1 logfile=$2 t code
    shift 2
    t=$(date +%s%N)
    # shellcheck disable=SC2086
    TICKER_ADMIN_TOKEN=$ADMIN_TOKEN MALLOC_ARENA_MAX=2 java $JAVA_OPTS "$@" \
        -Dticker.embedded.data-dir="$DATA" -Dticker.embedded.clean="$clean" -Dticker.demo.load=true \
        -Dticker.webhooks.allow-private-targets=true -Dticker.rate-limit.enabled=false \
        -Dquarkus.http.port=$HTTP_PORT -jar "$JAR" > "$logfile" 2>&1 &
    SERVICE_PID=$!
    for _ in $(seq 1 3000); do
        kill -0 "$SERVICE_PID" 2>/dev/null || { tail -30 "$logfile" >&2; SERVICE_PID=; fail "the service exited during start-up (log: $logfile)"; }
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/q/health/ready" || true)
        if [[ $code == 200 ]]; then
            STARTUP_MS=$(ms_since "$t")
            return 0
        fi
        sleep 0.05
    done
    tail -30 "$logfile" >&2
    fail "the service was not ready after 150 s (log: $logfile)"
}
connect_db() {
    local pidfile=$ROOT/$DATA/postmaster.pid
    [[ -f $pidfile ]] || fail "no $pidfile: is the embedded PostgreSQL running?"
    export PGHOST=127.0.0.1 PGPORT PGUSER=postgres PGDATABASE=postgres PGCONNECT_TIMEOUT=10
    PGPORT=$(sed -n 4p "$pidfile")
    psql -X -q -At -c 'select 1' > /dev/null || fail "cannot connect to the embedded PostgreSQL on port $PGPORT"
}
sql() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }
rss_kb() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$SERVICE_PID/status"; }

# --- wrk ------------------------------------------------------------------------------------
# run_wrk <out> <seconds> <wrk args...>: one run, its JSON summary in <out>.json
run_wrk() {
    local out=$1 seconds=$2
    shift 2
    wrk -t2 -c"${CONNECTIONS:-32}" -d"${seconds}s" --timeout "${TIMEOUT}s" --latency "$@" > "$out.txt" 2>&1 || true
    if ! grep '^BENCH-JSON ' "$out.txt" | sed 's/^BENCH-JSON //' > "$out.json" || [[ ! -s $out.json ]]; then
        cat "$out.txt" >&2
        fail "wrk printed no summary ($out.txt)"
    fi
}
other_jvms() { pgrep -f 'surefire|quarkus:dev' | wc -l || true; }

# Full mode: wait until no other test JVM (surefire, quarkus:dev) has run for QUIET_FOR seconds,
# before the first start and again before each scenario that would start while one runs, within
# WAIT_MAX seconds for the whole run
# (test suites come in bursts: one JVM ends, the next starts a second later). When the budget is
# spent, it measures anyway; the results say during which scenarios other JVMs ran.
WAITED=0
WAIT_SPENT_SAID=0
wait_quiet() {
    [[ $MODE == full ]] || return 0
    # before a scenario: go on at once when nothing else runs; at the start: be quiet for a while
    [[ ${1:-} == start ]] || (($(other_jvms) > 0)) || return 0
    local quiet=0 said=0
    while ((quiet < QUIET_FOR)); do
        if (($(other_jvms) > 0)); then
            quiet=0
            if ((WAITED >= WAIT_MAX)); then
                ((WAIT_SPENT_SAID)) || log "other test JVMs still run and the $((WAIT_MAX / 60)) min of waiting are spent: measuring anyway"
                WAIT_SPENT_SAID=1
                return 0
            fi
            if ((said == 0)); then
                log "waiting for $(other_jvms) other test JVM(s) (surefire, quarkus:dev) to finish ($((WAITED / 60)) of $((WAIT_MAX / 60)) min of waiting spent)"
                said=1
            fi
        else
            quiet=$((quiet + 5))
        fi
        ((quiet >= QUIET_FOR)) && break
        sleep 5
        WAITED=$((WAITED + 5))
    done
}

# alone <url> [curl args...]: one request at a time, nothing else running: ALONE_SAMPLES
# sequential requests on one keep-alive connection (curl given the URL that many times reuses its
# connection; checked), as JSON with the p50, p90 and max of curl's time_total in ms
alone() {
    local url=$1 urls=() i out
    shift
    for ((i = 0; i < ALONE_SAMPLES; i++)); do urls+=(-o /dev/null "$url"); done
    out=$(curl -s "$@" -w '%{num_connects} %{http_code} %{time_total}\n' "${urls[@]}") || fail "curl failed on $url"
    jq -R -s --arg url "$url" '
        def median: if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
        [split("\n")[] | select(length > 0) | split(" ") | {connects: (.[0] | tonumber), status: .[1], ms: (.[2] | tonumber * 1000)}] as $r |
        ($r | map(.ms) | sort) as $ms |
        if ($r | map(.connects) | add) != 1 then error("\($url): \($r | map(.connects) | add) connections for \($r | length) requests, not one")
        elif ($r | map(select(.status | test("^[23]") | not)) | length) > 0 then error("\($url): statuses \($r | map(.status) | unique | join(", "))")
        else {requests: ($r | length), connections: 1, p50_ms: ($ms | median * 1000 | round / 1000),
              p90_ms: ($ms[(($ms | length) * 0.9 | ceil) - 1] * 1000 | round / 1000), max_ms: ($ms[-1] * 1000 | round / 1000)} end' \
        <<< "$out" || fail "the single-request line of $url failed"
}

# settle: wait (at most 60 s) until the service is idle, i.e. its JVM used less than a tenth of a
# core during half a second; sets SETTLE_S. Requests that wrk gave up on (the timeout) go on running in
# the service: without this, a scenario whose requests piled up (the calendar, the uncached lists
# at their "before" speed) leaves its backlog to the next one (seen: events from today, cached,
# answered nothing right after the calendar on a loaded machine).
settle() {
    local t0 a b
    t0=$(date +%s%N)
    for _ in $(seq 1 120); do
        a=$(proc_ticks "$SERVICE_PID")
        sleep 0.5
        b=$(proc_ticks "$SERVICE_PID")
        ((b - a < HZ / 20)) && break
    done
    SETTLE_S=$((($(ms_since "$t0") + 500) / 1000))
    ((SETTLE_S <= 2)) || log "waited $SETTLE_S s for the service to become idle"
}

# scenario <name> <label> <url> [wrk args...]: warm-up, then REPS runs alternated with nginx
# (the URL goes before the arguments: what follows -- belongs to the script). The CPU time of the
# JVM and of PostgreSQL is read around every measured run of the service (not the nginx runs);
# ALONE=1 adds the single-request line of the URL afterwards, on the warm service.
SCENARIOS=()
scenario() {
    local name=$1 label=$2 url=$3 r
    shift 3
    local dir=$WORK/runs/$name
    mkdir -p "$dir"
    wait_quiet
    local load_before jvms_before postmaster jvm0 pg0 jvm1 pg1 jvm_ticks=0 pg_ticks=0 alone_json=null
    settle
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    jvms_before=$(other_jvms)
    postmaster=$(head -1 "$ROOT/$DATA/postmaster.pid")
    if ((WARMUP > 0)); then
        run_wrk "$dir/warmup" "$WARMUP" "$url" "$@"
        run_wrk "$dir/warmup-nginx" "$((WARMUP > 2 ? 2 : WARMUP))" -s "$BENCH/read.lua" "$CEILING/v1/news?limit=20"
    fi
    for r in $(seq 1 "$REPS"); do
        jvms_before=$((jvms_before + $(other_jvms)))
        read -r jvm0 pg0 < <(cpu_ticks "$SERVICE_PID" "$postmaster")
        run_wrk "$dir/service-$r" "$DURATION" "$url" "$@"
        read -r jvm1 pg1 < <(cpu_ticks "$SERVICE_PID" "$postmaster")
        jvm_ticks=$((jvm_ticks + jvm1 - jvm0)) pg_ticks=$((pg_ticks + pg1 - pg0))
        run_wrk "$dir/nginx-$r" "$CEILING_DURATION" -s "$BENCH/read.lua" "$CEILING/v1/news?limit=20"
    done
    if [[ ${ALONE:-} == 1 ]]; then alone_json=$(alone "$url"); fi
    jq -n --arg name "$name" --arg title "$label" --arg url "${url#"$BASE"}" \
        --arg load_before "$load_before" --arg load_after "$(cut -d' ' -f1 /proc/loadavg)" \
        --argjson jvms "$((jvms_before + $(other_jvms)))" --argjson connections "${CONNECTIONS:-32}" \
        --argjson jvm_ticks "$jvm_ticks" --argjson pg_ticks "$pg_ticks" --argjson hz "$HZ" --argjson alone "$alone_json" \
        --argjson settle_s "$SETTLE_S" \
        --slurpfile service <(cat "$dir"/service-*.json) --slurpfile nginx <(cat "$dir"/nginx-*.json) '
        def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
        ($service | map(.requests) | add) as $requests |
        def per_request(ticks): if $requests > 0 then (ticks / $hz * 1000 / $requests * 1000 | round / 1000) else null end;
        {name: $name, title: $title, url: $url, connections: $connections,
         rps: ($service | map(.rps) | median), p50_ms: ($service | map(.latency_us.p50 / 1000) | median),
         p99_ms: ($service | map(.latency_us.p99 / 1000) | median),
         errors: ($service | map(.errors) | add), requests: $requests,
         runs_without_responses: ($service | map(select(.requests == 0)) | length),
         nginx_rps: ($nginx | map(.rps) | median), nginx_p99_ms: ($nginx | map(.latency_us.p99 / 1000) | median),
         nginx_errors: ($nginx | map(.errors) | add),
         ratio: (($service | map(.rps) | median) / ($nginx | map(.rps) | median)),
         cpu_ms_per_request: {jvm: per_request($jvm_ticks), postgresql: per_request($pg_ticks),
                              method: "utime + stime from /proc around the measured runs, summed over the runs, divided by their requests"},
         alone: $alone,
         load_before: ($load_before | tonumber), load_after: ($load_after | tonumber), other_jvms_seen: ($jvms > 0),
         waited_for_idle_service_seconds: $settle_s,
         runs: $service, nginx_runs: $nginx}' > "$dir/summary.json"
    [[ ${HOLD_SUMMARY:-} == 1 ]] || SCENARIOS+=("$dir/summary.json")
    jq -r '"  \(.name): \(.rps | round) req/s, p50 \(.p50_ms * 100 | round / 100) ms, p99 \(.p99_ms * 100 | round / 100) ms, errors \(.errors)\(if .runs_without_responses > 0 then " (\(.runs_without_responses) run(s) without a single response)" else "" end); nginx \(.nginx_rps | round) req/s; ratio \(.ratio * 1000 | round / 10) %; CPU ms per request: JVM \(.cpu_ms_per_request.jvm), PostgreSQL \(.cpu_ms_per_request.postgresql)" +
           (if .alone then "; alone: p50 \(.alone.p50_ms) ms, p90 \(.alone.p90_ms) ms, max \(.alone.max_ms) ms" else "" end)' "$dir/summary.json" >&2
}

# expect <status> <curl args...>: a request the scenario will hammer answers as it should
expect() {
    local want=$1 got
    shift
    got=$(curl -s -o /dev/null -w '%{http_code}' "$@")
    [[ $got == "$want" ]] || fail "expected $want from curl $*, got $got"
}

# statements <name> <count> <curl args...>: SQL statements per request, from pg_stat_statements
# ({n} in an argument becomes the number of the request)
STATEMENTS='{}'
statements() {
    local name=$1 n=$2 i
    shift 2
    [[ $HAVE_PGSS == true ]] || return 0
    sql "select pg_stat_statements_reset()" > /dev/null
    for i in $(seq 1 "$n"); do curl -s -o /dev/null "${@//\{n\}/$i}"; done
    local result
    result=$(sql "select json_build_object(
        'requests', $n,
        'per_request', round(coalesce(sum(calls) filter (where query ~* '^\\s*(select|insert|update|delete|with)'), 0)::numeric / $n, 2),
        'per_request_all', round(coalesce(sum(calls), 0)::numeric / $n, 2),
        'db_ms_per_request', round(coalesce(sum(total_exec_time), 0)::numeric / $n, 3),
        'top', coalesce(json_agg(json_build_object('calls_per_request', round(calls::numeric / $n, 2),
                                                    'mean_ms', round(mean_exec_time::numeric, 3),
                                                    'rows_per_call', round(rows::numeric / greatest(calls, 1), 1),
                                                    'query', left(regexp_replace(query, '\\s+', ' ', 'g'), 400))
                                 order by total_exec_time desc) filter (where calls >= $n / 2), '[]'))
      from pg_stat_statements
     where query not like '%pg_stat_statements%'")
    STATEMENTS=$(jq --arg name "$name" --argjson r "$result" '. + {($name): $r}' <<< "$STATEMENTS")
    jq -r --arg name "$name" '"  \($name): \(.[$name].per_request) statements per request (\(.[$name].per_request_all) with BEGIN/COMMIT), \(.[$name].db_ms_per_request) ms in the database"' <<< "$STATEMENTS" >&2
}

# ===========================================================================================
# steps shared by the 10,000-item phase and the main one

# generate_volume <news> <issues> <events> <jobs>: bench/generate.sql into the running service's
# database; sets GENERATE_MS
generate_volume() {
    local t
    log "generating $1 news items, $MEMBERS members, $2 issues, $3 events, $4 jobs (seed $SEED)"
    t=$(date +%s%N)
    psql -X -v ON_ERROR_STOP=1 -v seed=$SEED -v members=$MEMBERS -v news="$1" -v issues="$2" \
        -v events="$3" -v jobs="$4" -f "$BENCH/generate.sql" >&2 || fail "the data generation failed"
    GENERATE_MS=$(ms_since "$t")
    log "generated in $((GENERATE_MS / 1000)) s"
    ((GENERATE_MS < 300000)) || log "WARNING: the generation took longer than 5 minutes"
}
# has_tables: whether the build has events and jobs (HAS_EVENTS, HAS_JOBS: t or f)
has_tables() {
    HAS_EVENTS=$(sql "select to_regclass('public.event') is not null")
    HAS_JOBS=$(sql "select to_regclass('public.job') is not null")
}
# volume_json: what the database holds (call has_tables first)
volume_json() {
    sql "select json_build_object('members', (select count(*) from member), 'news', (select count(*) from news),
        'news_member', (select count(*) from news_member), 'issues', (select count(*) from issue),
        'issue_sections', (select count(*) from issue_section), 'issue_section_news', (select count(*) from issue_section_news),
        'events', $([[ $HAS_EVENTS == t ]] && echo "(select count(*) from event)" || echo null),
        'jobs', $([[ $HAS_JOBS == t ]] && echo "(select count(*) from job)" || echo null),
        'news_body_avg_bytes', (select avg(octet_length(body))::int from news),
        'database_mb', pg_database_size('postgres') / 1048576)"
}
# pg_stat_statements: loaded with the next start (pgss_load), then created with tracking off
# (pgss_ready); tracking is switched on only while statements are counted (pgss_track top|none)
HAVE_PGSS=false
pgss_load() {
    HAVE_PGSS=false
    if [[ $(sql "select count(*) from pg_available_extensions where name = 'pg_stat_statements'") == 1 ]]; then
        sql "alter system set shared_preload_libraries = 'pg_stat_statements'"
        HAVE_PGSS=pending
    fi
}
pgss_ready() {
    if [[ $HAVE_PGSS == pending ]]; then
        if sql "create extension if not exists pg_stat_statements" && pgss_track none; then
            HAVE_PGSS=true
        else
            HAVE_PGSS=false
        fi
    fi
}
pgss_track() { sql "alter system set pg_stat_statements.track = '$1'" && sql "select pg_reload_conf()" > /dev/null; }

# start_nginx: the ceiling (bench/nginx.conf), serving what is in $WORK/nginx/html/v1/news
start_nginx() {
    mkdir -p "$WORK/nginx/tmp"
    "$NGINX" -p "$WORK/nginx/" -c "$BENCH/nginx.conf" > "$WORK/nginx/stdout.log" 2>&1 &
    NGINX_PID=$!
    for _ in $(seq 1 100); do
        curl -s -o /dev/null "$CEILING/v1/news?limit=20" && break
        kill -0 "$NGINX_PID" 2>/dev/null || { cat "$WORK/nginx/stdout.log" "$WORK/nginx/error.log" >&2 2>/dev/null; fail "nginx did not start"; }
        sleep 0.1
    done
    cmp -s "$WORK/nginx/html/v1/news" <(curl -s "$CEILING/v1/news?limit=20") || fail "nginx does not serve the list page bytes"
}

# ===========================================================================================
mkdir -p "$WORK"
rm -rf "$WORK/runs" "$WORK/nginx"
mkdir -p "$WORK/runs" "$WORK/nginx/html/v1"
install_tools
# a service or nginx left running on our ports would be measured instead of ours
for port in $HTTP_PORT $NGINX_PORT $RECEIVER_PORT; do
    if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
        fail "port $port is in use (another bench, or a service or nginx left running): stop that first"
    fi
done
build

wait_quiet start
OTHER_JVMS_AT_START=$(other_jvms)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
read_script=(-s "$BENCH/read.lua")
STATEMENTS='{}'

# --- 3. the 10,000-item phase: the uncached list page on a tenth of the volume -----------------
# Its own data directory, generated the same way, and the service started with the read cache
# off: the uncached list page at 10,000 items, next to the one at 100,000 of the main phase.
DATA=bench/work/data-10k
log "10,000-item phase: starting the service on a fresh embedded database in $DATA"
stop_orphan_postgres
rm -rf "${ROOT:?}/$DATA"
start_service false "$WORK/service-10k-first-start.log"
connect_db
generate_volume "$NEWS_10K" "$ISSUES_10K" "$EVENTS_10K" "$JOBS_10K"
GENERATE_10K_MS=$GENERATE_MS
has_tables
VOLUME_10K=$(volume_json)
pgss_load
log "restarting the service on the $NEWS_10K items with the read cache off"
stop_service
start_service false "$WORK/service-10k.log" -Dticker.cache.responses=false
RESTART_10K_MS=$STARTUP_MS
log "ready after $RESTART_10K_MS ms"
connect_db
pgss_ready
curl -s -o "$WORK/nginx/html/v1/news" "$BASE/v1/news?limit=20"
[[ $(jq '.items | length' "$WORK/nginx/html/v1/news") == 20 ]] || fail "the list page of the $NEWS_10K items does not hold 20 items"
PAGE_BYTES_10K=$(wc -c < "$WORK/nginx/html/v1/news")
start_nginx
log "scenarios: wrk -t2 -c32, ${WARMUP} s warm-up, ${REPS} x ${DURATION} s alternated with nginx"
# held back: the table shows it next to the uncached list page at the full volume
HOLD_SUMMARY=1 ALONE=1 scenario news_list_uncached_10k "News list page, uncached, $(thousands "$NEWS_10K") items" \
    "$BASE/v1/news?limit=20" "${read_script[@]}"
TENK_SUMMARY=$WORK/runs/news_list_uncached_10k/summary.json
if [[ $HAVE_PGSS == true ]]; then
    pgss_track top
    statements news_list_uncached_10k "$SAMPLES" "$BASE/v1/news?limit=20"
    pgss_track none
fi
stop_nginx
stop_service
DATA=bench/work/data

# --- 4. start on an empty database, generate the volume, restart with pg_stat_statements ----
# A throwaway data directory, emptied here rather than with -Dticker.embedded.clean=true: the
# embedded library deletes a "clean" data directory when the service stops, and the bench
# restarts the service once on the generated data (and leaves it for inspection afterwards).
log "starting the service on a fresh embedded database in $DATA"
stop_orphan_postgres
rm -rf "${ROOT:?}/$DATA"
rm -f "$CDS_ARCHIVE"
start_service false "$WORK/service-first-start.log" -XX:ArchiveClassesAtExit="$CDS_ARCHIVE"
FIRST_START_MS=$STARTUP_MS
log "ready after $FIRST_START_MS ms (initdb, migrations, demo content)"
connect_db

generate_volume "$NEWS" "$ISSUES" "$EVENTS" "$JOBS"
has_tables
VOLUME=$(volume_json)
PG_VERSION=$(sql "show server_version")

pgss_load
# BENCH_ONLY=uncached: no cached scenario, so the one restart is with the read cache off
CACHE_OPTS=()
[[ $ONLY == uncached ]] && CACHE_OPTS=(-Dticker.cache.responses=false)
log "restarting the service on the full database$([[ $HAVE_PGSS == pending ]] && echo ' (with pg_stat_statements loaded)')$([[ $ONLY == uncached ]] && echo ', read cache off')"
stop_service
# shellcheck disable=SC2046
start_service false "$WORK/service.log" "${CACHE_OPTS[@]}" $(cds_opts)
RESTART_MS=$STARTUP_MS
log "ready after $RESTART_MS ms"
connect_db
pgss_ready
RSS_AFTER_START=$(rss_kb VmRSS)

# --- 5. what the scenarios need -------------------------------------------------------------
HEADERS=$WORK/list-page.headers
curl -s -D "$HEADERS" -o "$WORK/nginx/html/v1/news" "$BASE/v1/news?limit=20"
grep -q '^HTTP/1.1 200' "$HEADERS" || fail "GET /v1/news?limit=20 did not answer 200"
ETAG=$(tr -d '\r' < "$HEADERS" | sed -n 's/^[Ee][Tt]ag: *//p')
[[ -n $ETAG ]] || fail "the list page has no ETag"
PAGE_BYTES=$(wc -c < "$WORK/nginx/html/v1/news")
[[ $(jq '.items | length' "$WORK/nginx/html/v1/news") == 20 ]] || fail "the list page does not hold 20 items"

# the generated body_html is what the service renders: post the body of a generated item
# (back-dated, so it stays off the first page), compare, delete
check_item=$(sql "select id from news where body like '%- %' and body like '%**%' order by published_at desc limit 1")
sql "select json_build_object('title', 'Bench-Prüfung ' || md5(random()::text), 'body', body,
        'publishedAt', '2001-01-01T00:00:00Z')::text from news where id = '$check_item'" > "$WORK/check-request.json"
curl -s -X POST "$BASE/v1/news" -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    --data-binary @"$WORK/check-request.json" > "$WORK/check-response.json"
jq -e .id "$WORK/check-response.json" > /dev/null || fail "POST /v1/news with a generated body failed: $(cat "$WORK/check-response.json")"
jq -j .bodyHtml "$WORK/check-response.json" > "$WORK/check-rendered.html"
sql "select body_html from news where id = '$check_item'" | head -c -1 > "$WORK/check-generated.html"
expect 204 -X DELETE "$BASE/v1/news/$(jq -r .id "$WORK/check-response.json")" -H "Authorization: Bearer $ADMIN_TOKEN"
cmp -s "$WORK/check-rendered.html" "$WORK/check-generated.html" \
    || fail "the generated body_html differs from what the service renders (diff $WORK/check-generated.html $WORK/check-rendered.html)"
cmp -s "$WORK/nginx/html/v1/news" <(curl -s "$BASE/v1/news?limit=20") || fail "the list page changed during the check"

log "following page.next to page $DEEP_PAGE (Link headers)"
DEEP_URL="$BASE/v1/news?limit=20"
t=$(date +%s%N)
for ((page = 1; page < DEEP_PAGE; page++)); do
    DEEP_URL=$(curl -s -D - -o /dev/null "$DEEP_URL" | tr -d '\r' | sed -n 's/^[Ll]ink: <\(.*\)>; rel="next"$/\1/p' || true)
    [[ -n $DEEP_URL ]] || fail "page $page has no next page"
done
FOLLOW_MS=$(ms_since "$t")
expect 200 "$DEEP_URL"

ITEM_SLUG=$(sql "select slug from news n where image_url is not null
                  and exists (select 1 from news_member m where m.news_id = n.id)
                order by published_at desc, id desc offset $ITEM_OFFSET limit 1")
MEMBER_IDS=$(sql "select string_agg(id::text, ',' order by slug) from member")
TODAY=$(TZ=Europe/Berlin date +%F)

# --- 6. nginx, the ceiling -----------------------------------------------------------------
start_nginx
NGINX_ALONE=$(alone "$CEILING/v1/news?limit=20")
jq -r '"  nginx alone: p50 \(.p50_ms) ms, p90 \(.p90_ms) ms, max \(.max_ms) ms"' <<< "$NGINX_ALONE" >&2

# --- 7. the scenarios --------------------------------------------------------------------------
log "scenarios: wrk -t2 -c32, ${WARMUP} s warm-up, ${REPS} x ${DURATION} s alternated with nginx"
SKIPPED='[]'
EVENTS_CODE=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/v1/events?from=$TODAY")
EVENTS_OK=false
if [[ $HAS_EVENTS == t && $EVENTS_CODE == 200 ]]; then
    EVENTS_OK=true
else
    for name in events_from_today events_from_today_uncached; do
        [[ $name == events_from_today && $ONLY == uncached ]] && continue
        SKIPPED=$(jq --arg name "$name" --arg reason "no events in this build (table event: $HAS_EVENTS, GET /v1/events: $EVENTS_CODE)" \
            '. + [{name: $name, reason: $reason}]' <<< "$SKIPPED")
    done
fi

if [[ -z $ONLY ]]; then
    expect 200 "$BASE/v1/news?limit=20"
    ALONE=1 scenario news_list "News list page" "$BASE/v1/news?limit=20" "${read_script[@]}"

    expect 200 "$BASE/v1/news?state=DE-SN&include=members&limit=20"
    scenario news_list_filter_members "News list, state filter and include=members" \
        "$BASE/v1/news?state=DE-SN&include=members&limit=20" "${read_script[@]}"

    scenario news_deep_page "News list, page $DEEP_PAGE by cursor" "$DEEP_URL" "${read_script[@]}"

    expect 200 "$BASE/v1/news/$ITEM_SLUG"
    scenario news_item "Single news item by slug" "$BASE/v1/news/$ITEM_SLUG" "${read_script[@]}"

    expect 200 "$BASE/v1/issues/20"
    scenario issue_20 "Issue 20 with its sections" "$BASE/v1/issues/20" "${read_script[@]}"

    expect 304 -H "If-None-Match: $ETAG" "$BASE/v1/news?limit=20"
    scenario not_modified "304 revalidation of the list page" "$BASE/v1/news?limit=20" "${read_script[@]}" -H "If-None-Match: $ETAG"
    (($(jq '[.runs[].bytes_per_response] | max' "$WORK/runs/not_modified/summary.json") < 1000)) \
        || fail "the revalidation scenario received whole pages, not 304s"

    expect 200 "$BASE/v1/issues/20/email.html"
    scenario issue_email_html "Issue 20 as HTML e-mail" "$BASE/v1/issues/20/email.html" "${read_script[@]}"

    expect 200 "$BASE/v1/news/feed.atom"
    scenario news_feed_atom "News feed (Atom)" "$BASE/v1/news/feed.atom" "${read_script[@]}"

    expect 200 "$BASE/v1/events/calendar.ics"
    scenario events_calendar_ics "IT calendar (iCalendar)" "$BASE/v1/events/calendar.ics" "${read_script[@]}"

    if [[ $EVENTS_OK == true ]]; then
        scenario events_from_today "Events from today" "$BASE/v1/events?from=$TODAY" "${read_script[@]}"
    fi

    # SQL statements per request, counted while nothing else runs
    if [[ $HAVE_PGSS == true ]]; then
        log "counting SQL statements per request (pg_stat_statements, $SAMPLES sequential requests each)"
        pgss_track top
        sleep 0.5
        statements news_list "$SAMPLES" "$BASE/v1/news?limit=20"
        statements news_list_filter_members "$SAMPLES" "$BASE/v1/news?state=DE-SN&include=members&limit=20"
        statements news_deep_page "$SAMPLES" "$DEEP_URL"
        statements news_item "$SAMPLES" "$BASE/v1/news/$ITEM_SLUG"
        statements issue_20 "$SAMPLES" "$BASE/v1/issues/20"
        statements not_modified "$SAMPLES" -H "If-None-Match: $ETAG" "$BASE/v1/news?limit=20"
        [[ $EVENTS_OK == true ]] && statements events_from_today "$SAMPLES" "$BASE/v1/events?from=$TODAY"
        statements write_post "$SAMPLES" -X POST "$BASE/v1/news" -H "Authorization: Bearer $ADMIN_TOKEN" \
            -H 'Content-Type: application/json' --data-binary @"$WORK/check-request.json"
        PATCH_ID=$(sql "select id from news where title like 'Bench-Prüfung%' order by created_at desc, id limit 1")
        statements write_patch "$SAMPLES" -X PATCH "$BASE/v1/news/$PATCH_ID" -H "Authorization: Bearer $ADMIN_TOKEN" \
            -H 'Content-Type: application/merge-patch+json' --data-binary '{"teaser": "Geändert im Bench ({n})."}'
        pgss_track none
    fi

    # the write mix last: it puts new items on top of the list
    expect 201 -X POST "$BASE/v1/news" -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
        --data-binary '{"title": "Bench: Schreibprobe vor dem Lasttest", "publishedAt": "2001-01-01T00:00:00Z"}'
    scenario write_mix "Write mix: POST + PATCH (merge patch)" "$BASE/v1/news" \
        -s "$BENCH/write.lua" -- "$ADMIN_TOKEN" "$(date +%s)" "$MEMBER_IDS"

    RSS_AFTER_LOAD=$(rss_kb VmRSS)
    RSS_PEAK=$(rss_kb VmHWM)

    log "restarting the service with the read cache off for the miss-path and search scenarios"
    stop_service
    # shellcheck disable=SC2046
    start_service false "$WORK/service-uncached.log" -Dticker.cache.responses=false $(cds_opts)
    connect_db
fi

# The miss path (issue 14): the read scenarios again, on the service with the read cache off, so
# that every request is answered by the engine (as one after any write, or with its own filters,
# cursor or token, is). Each with its single-request line and CPU split; then their SQL statements.
SCENARIOS+=("$TENK_SUMMARY")
expect 200 "$BASE/v1/news?limit=20"
ALONE=1 scenario news_list_uncached "News list page, uncached" "$BASE/v1/news?limit=20" "${read_script[@]}"
expect 200 "$BASE/v1/news?state=DE-SN&include=members&limit=20"
ALONE=1 scenario news_list_filter_members_uncached "News list, state filter and include=members, uncached" \
    "$BASE/v1/news?state=DE-SN&include=members&limit=20" "${read_script[@]}"
expect 200 "$DEEP_URL"
ALONE=1 scenario news_deep_page_uncached "News list, page $DEEP_PAGE by cursor, uncached" "$DEEP_URL" "${read_script[@]}"
expect 200 "$BASE/v1/news/$ITEM_SLUG"
ALONE=1 scenario news_item_uncached "Single news item by slug, uncached" "$BASE/v1/news/$ITEM_SLUG" "${read_script[@]}"
expect 200 "$BASE/v1/issues/20"
ALONE=1 scenario issue_20_uncached "Issue 20 with its sections, uncached" "$BASE/v1/issues/20" "${read_script[@]}"
if [[ $EVENTS_OK == true ]]; then
    ALONE=1 scenario events_from_today_uncached "Events from today, uncached" "$BASE/v1/events?from=$TODAY" "${read_script[@]}"
fi
if [[ $HAVE_PGSS == true ]]; then
    log "counting SQL statements per request without the read cache (pg_stat_statements, $SAMPLES sequential requests each)"
    pgss_track top
    sleep 0.5
    statements news_list_uncached "$SAMPLES" "$BASE/v1/news?limit=20"
    statements news_list_filter_members_uncached "$SAMPLES" "$BASE/v1/news?state=DE-SN&include=members&limit=20"
    statements news_deep_page_uncached "$SAMPLES" "$DEEP_URL"
    statements news_item_uncached "$SAMPLES" "$BASE/v1/news/$ITEM_SLUG"
    statements issue_20_uncached "$SAMPLES" "$BASE/v1/issues/20"
    [[ $EVENTS_OK == true ]] && statements events_from_today_uncached "$SAMPLES" "$BASE/v1/events?from=$TODAY"
    pgss_track none
fi

if [[ -z $ONLY ]]; then
    # Search (docs/search.md), at 8 connections, with the read cache off (the restart above): every request is answered by
    # PostgreSQL's full-text search, as a new query would be. Words of the generated news: "Kommunen"
    # in 4 of 5 items, "Dresden" (a city) in 1 of 50, "Lecos" (a member) in 1 of 250; "Digitalis" as
    # typed so far (a prefix); two words; all types at once; and a list with q (whole items, no snippets).
    SEARCH_SCENARIOS=(
        "search_common|Search: a common word (q=Kommunen, news)|/v1/search?types=news&q=Kommunen"
        "search_rare|Search: a rare word (q=Lecos, news)|/v1/search?types=news&q=Lecos"
        "search_mid|Search: a word in 1 of 50 items (q=Dresden, news)|/v1/search?types=news&q=Dresden"
        "search_prefix|Search: a prefix as typed (q=Digitalis, news)|/v1/search?types=news&q=Digitalis"
        "search_two_words|Search: two words (q=digitale Verwaltung, news)|/v1/search?types=news&q=digitale%20Verwaltung"
        "search_all_types|Search: all types (q=Rechenzentrum)|/v1/search?q=Rechenzentrum"
        "search_news_list|News list with q (q=Kommunen, whole items)|/v1/news?q=Kommunen"
    )
    for entry in "${SEARCH_SCENARIOS[@]}"; do
        IFS='|' read -r name label path <<< "$entry"
        expect 200 "$BASE$path"
        CONNECTIONS=8 scenario "$name" "$label" "$BASE$path" "${read_script[@]}"
    done
    # Webhooks (docs/webhooks.md), after the search scenarios (the published items would change what they find),
    # on the same service: the write mix with published items, first without and then with one
    # subscription to every event whose receiver runs on loopback (bench/WebhookReceiver.java). Every
    # write is an event then: a POST is news.published, a PATCH news.updated.
    log "webhooks: the write mix with published items, without and with a subscribed receiver"
    RECEIVER=http://127.0.0.1:$RECEIVER_PORT
    java "$BENCH/WebhookReceiver.java" "$RECEIVER_PORT" > "$WORK/receiver.log" 2>&1 &
    RECEIVER_PID=$!
    for _ in $(seq 1 200); do
        curl -s -o /dev/null "$RECEIVER/stats" && break
        kill -0 "$RECEIVER_PID" 2>/dev/null || { cat "$WORK/receiver.log" >&2; fail "the webhook receiver did not start"; }
        sleep 0.1
    done
    scenario write_mix_published "Write mix, items published, no webhook subscription" "$BASE/v1/news" \
        -s "$BENCH/write.lua" -- "$ADMIN_TOKEN" "$(date +%s)p" "$MEMBER_IDS" published
    WEBHOOK_ID=$(curl -s -X POST "$BASE/v1/webhooks" -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
        --data-binary "{\"url\": \"$RECEIVER/bench\", \"events\": [\"*\"], \"description\": \"bench receiver\"}" | jq -r .id)
    [[ $WEBHOOK_ID =~ ^[0-9a-f-]{36}$ ]] || fail "could not subscribe the bench receiver"
    curl -s -o /dev/null "$RECEIVER/reset"
    scenario write_mix_webhook "Write mix, items published, one webhook subscription" "$BASE/v1/news" \
        -s "$BENCH/write.lua" -- "$ADMIN_TOKEN" "$(date +%s)w" "$MEMBER_IDS" published
    t=$(date +%s%N)
    BACKLOG=$(sql "select count(*) from webhook_message where delivered_at is null")
    for _ in $(seq 1 1200); do
        [[ $(sql "select count(*) from webhook_message where delivered_at is null") == 0 ]] && break
        sleep 0.1
    done
    DRAIN_MS=$(ms_since "$t")
    PENDING=$(sql "select count(*) from webhook_message where delivered_at is null")
    QUEUED=$(sql "select count(*) from webhook_message")
    WEBHOOKS=$(curl -s "$RECEIVER/stats" | jq --argjson queued "$QUEUED" --argjson pending "$PENDING" --argjson backlog "$BACKLOG" \
        --argjson drain_ms "$DRAIN_MS" '. + {queued: $queued, undelivered: $pending, backlog_after_load: $backlog,
            drain_after_load_ms: $drain_ms,
            delivered_per_second: (if .last_ms > .first_ms then (.distinct / ((.last_ms - .first_ms) / 1000)) else null end)}')
    # the delay when nothing else runs: single published writes, one every 200 ms
    curl -s -o /dev/null "$RECEIVER/reset"
    for i in $(seq 1 "$SAMPLES"); do
        curl -s -o /dev/null -X POST "$BASE/v1/news" -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
            --data-binary "{\"title\": \"Bench: Webhook-Probe $i $(date +%s%N)\", \"status\": \"published\", \"publishedAt\": \"2001-01-01T00:00:00Z\"}"
        sleep 0.2
    done
    for _ in $(seq 1 100); do
        [[ $(curl -s "$RECEIVER/stats" | jq .distinct) -ge $SAMPLES ]] && break
        sleep 0.1
    done
    WEBHOOKS=$(jq --argjson idle "$(curl -s "$RECEIVER/stats")" '. + {idle: $idle}' <<< "$WEBHOOKS")
    expect 204 -X DELETE "$BASE/v1/webhooks/$WEBHOOK_ID" -H "Authorization: Bearer $ADMIN_TOKEN"
    kill "$RECEIVER_PID" 2>/dev/null || true
    RECEIVER_PID=
    jq -r '"  webhooks: \(.distinct) of \(.queued) events delivered (\(.duplicates) twice), \(.delivered_per_second // 0 | round) events/s, delay p50 \(.delay_ms.p50) ms, p99 \(.delay_ms.p99) ms; \(.backlog_after_load) queued when the load ended, delivered \(.drain_after_load_ms) ms later; one write at a time: delay p50 \(.idle.delay_ms.p50) ms, p99 \(.idle.delay_ms.p99) ms (\(.idle.distinct) events)"' <<< "$WEBHOOKS" >&2
else
    RSS_AFTER_LOAD=$(rss_kb VmRSS)
    RSS_PEAK=$(rss_kb VmHWM)
    WEBHOOKS='{}'
fi

LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
stop_nginx
stop_service

# --- 8. results ---------------------------------------------------------------------------------
DATE=$(date -u +%F)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -z $(git status --porcelain -- src pom.xml 2>/dev/null) ]] || COMMIT="$COMMIT (with uncommitted changes in src/ or pom.xml)"
CPU=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM_MB=$(($(awk '/^MemTotal:/ { print $2 }' /proc/meminfo) / 1024))
JAVA_VERSION=$(java -version 2>&1 | sed -n 1p)
COMMAND=bench/run.sh
[[ $MODE == full ]] || COMMAND="bench/run.sh --$MODE"
[[ -z $ONLY ]] || COMMAND="BENCH_ONLY=$ONLY $COMMAND"
RESULT=$WORK/results-$MODE${ONLY:+-$ONLY}.json
jq -n --arg date "$DATE" --arg commit "$COMMIT" --arg mode "$MODE" --arg only "$ONLY" --arg command "$COMMAND" \
    --arg cpu "$CPU" --argjson nproc "$(nproc)" --argjson mem_mb "$MEM_MB" --arg kernel "$(uname -r)" \
    --arg java "$JAVA_VERSION" --arg java_opts "$JAVA_OPTS" --arg pg "$PG_VERSION" \
    --arg wrk "$(wrk -v 2>&1 | sed -n '1s/^\([^ ]* [^ ]*\).*/\1/p' || true)" --arg nginx "$("$NGINX" -v 2>&1 | sed 's/.*: //')" \
    --argjson volume "$VOLUME" --argjson generate_ms "$GENERATE_MS" --argjson seed "$SEED" \
    --argjson volume_10k "$VOLUME_10K" --argjson generate_10k_ms "$GENERATE_10K_MS" --argjson restart_10k_ms "$RESTART_10K_MS" \
    --argjson page_bytes_10k "$PAGE_BYTES_10K" \
    --argjson first_start_ms "$FIRST_START_MS" --argjson restart_ms "$RESTART_MS" \
    --argjson rss_start "$RSS_AFTER_START" --argjson rss_load "$RSS_AFTER_LOAD" --argjson rss_peak "$RSS_PEAK" \
    --argjson page_bytes "$PAGE_BYTES" --argjson deep_page "$DEEP_PAGE" --argjson follow_ms "$FOLLOW_MS" \
    --argjson duration "$DURATION" --argjson timeout "$TIMEOUT" --argjson ceiling_duration "$CEILING_DURATION" --argjson warmup "$WARMUP" --argjson reps "$REPS" \
    --argjson alone_samples "$ALONE_SAMPLES" --argjson nginx_alone "$NGINX_ALONE" \
    --arg load_start "$LOAD_START" --arg load_end "$LOAD_END" --argjson jvms_start "$OTHER_JVMS_AT_START" \
    --argjson waited "$WAITED" \
    --argjson statements "$STATEMENTS" --arg pgss "$HAVE_PGSS" --argjson skipped "$SKIPPED" --argjson webhooks "$WEBHOOKS" \
    --slurpfile scenarios <(cat "${SCENARIOS[@]}") '
    ($scenarios | map({(.name): .}) | add) as $by |
    def alone_p50(s; ms): s.alone != null and s.alone.p50_ms <= ms;
    def target(s):
      if s.name == "news_list" then {text: "≥ 60 % of nginx, p99 < 20 ms", met: (s.ratio >= 0.60 and s.p99_ms < 20)}
      elif s.name == "news_item" or s.name == "not_modified" then {text: "≥ 40 % of nginx", met: (s.ratio >= 0.40)}
      elif s.name == "news_deep_page" then {text: "within 10 % of the first page", met: (s.rps >= 0.9 * $by.news_list.rps)}
      elif s.name == "news_list_uncached_10k" then {text: "≥ 2,000 req/s, p99 < 50 ms; alone p50 ≤ 3 ms",
                                                    met: (s.rps >= 2000 and s.p99_ms < 50 and alone_p50(s; 3))}
      elif s.name == "news_list_uncached" then {text: "≥ 1,500 req/s, p99 < 50 ms; alone p50 ≤ 3 ms",
                                                met: (s.rps >= 1500 and s.p99_ms < 50 and alone_p50(s; 3))}
      elif s.name == "news_item_uncached" then {text: "≥ 8,000 req/s", met: (s.rps >= 8000)}
      elif s.name == "write_mix" then {text: "≥ 600 writes/s, p99 < 50 ms", met: (s.rps >= 600 and s.p99_ms < 50)}
      elif s.name == "write_mix_webhook" then {text: "≥ 90 % of the writes/s without a subscription", met: (s.rps >= 0.9 * $by.write_mix_published.rps)}
      elif s.name == "search_common" then {text: "p99 < 50 ms; p50 ≤ 5 × that of the rare word", met: (s.p99_ms < 50 and ($by.search_rare == null or s.p50_ms <= 5 * $by.search_rare.p50_ms))}
      elif (s.name | startswith("search_")) then {text: "p99 < 50 ms", met: (s.p99_ms < 50)}
      else {text: null, met: null} end;
    [$scenarios[] | . + {target: target(.).text, target_met: (if target(.).met == null then null else (target(.).met and .errors == 0 and .runs_without_responses == 0) end)}] as $scored |
    {date: $date, mode: $mode, only: (if $only == "" then null else $only end), command: $command, commit: $commit,
     machine: {cpu: $cpu, nproc: $nproc, memory_mb: $mem_mb, kernel: $kernel, java: $java, java_opts: $java_opts,
               postgresql: $pg, wrk: $wrk, nginx: $nginx},
     volume: ($volume + {seed: $seed, generate_seconds: ($generate_ms / 1000)}),
     phase_10k: {volume: ($volume_10k + {seed: $seed, generate_seconds: ($generate_10k_ms / 1000)}),
                 restart_read_cache_off_ms: $restart_10k_ms, page_bytes: $page_bytes_10k,
                 data_dir: "bench/work/data-10k", scenarios: ["news_list_uncached_10k"]},
     setup: {wrk: "-t2 -c32 (search: -c8) --latency --timeout \($timeout)s; the *_uncached scenarios and search on the service restarted with the read cache off (-Dticker.cache.responses=false)",
             warmup_seconds: $warmup, run_seconds: $duration, repetitions: $reps,
             ceiling_seconds: $ceiling_duration,
             ceiling: "nginx, static file with the bytes of GET /v1/news?limit=20 (\($page_bytes) bytes; \($page_bytes_10k) in the 10,000-item phase), gzip off, access_log off",
             quoted: "medians of the repetitions, each alternated with an nginx run",
             alone: "\($alone_samples) sequential requests on one keep-alive connection (curl, the URL repeated), after the scenario on the warm service, nothing else running; curl time_total",
             cpu: "utime + stime from /proc of the JVM and of PostgreSQL (postmaster, its processes, and those that ended), around the measured runs (not warm-up, not nginx), per request"},
     startup_ms: {first_start_empty_database: $first_start_ms, restart_full_database: $restart_ms},
     startup_target_met: ($restart_ms < 3000),
     rss_kb: {after_start: $rss_start, after_load: $rss_load, peak: $rss_peak},
     nginx_alone: $nginx_alone,
     deep_page: {page: $deep_page, follow_ms_per_page: (if $deep_page > 1 then ($follow_ms / ($deep_page - 1) * 10 | round / 10) else null end)},
     statements: (if $pgss == "true" then {method: "pg_stat_statements (loaded after the generation; track = top only while counting)", per_scenario: $statements} else {method: "unavailable"} end),
     noise: {load_average_start: $load_start, load_average_end: $load_end, other_test_jvms_at_start: $jvms_start,
             waited_for_other_jvms_seconds: $waited,
             scenarios_with_other_test_jvms: [$scenarios[] | select(.other_jvms_seen) | .name]},
     scenarios: $scored,
     skipped: $skipped,
     webhooks: (if $webhooks == {} then null
                else $webhooks + {write_mix_ratio: (if $by.write_mix_webhook and $by.write_mix_published
                                                    then $by.write_mix_webhook.rps / $by.write_mix_published.rps else null end)} end),
     errors: ([$scenarios[].errors] | add),
     runs_without_responses: ([$scenarios[].runs_without_responses] | add),
     rss_target_met: ($rss_load < 300 * 1024),
     targets: ([$scored[] | select(.target != null) | {target: "\(.title): \(.target)", met: .target_met}]
               + [{target: "start-up on the full database < 3 s to ready", met: ($restart_ms < 3000)},
                  {target: "RSS after the load < 300 MB", met: ($rss_load < 300 * 1024)},
                  {target: "no scenario with errors or a run without responses",
                   met: (([$scenarios[].errors] | add) == 0 and ([$scenarios[].runs_without_responses] | add) == 0)}])}' > "$RESULT"

# the table, in Markdown
TABLE=$WORK/table-$MODE${ONLY:+-$ONLY}.md
jq -r '
  def r1: . * 10 | round / 10;
  def r2: . * 100 | round / 100;
  def pct: . * 1000 | round / 10 | tostring + " %";
  def verdict: if . == null then "" elif . then "met" else "**missed**" end;
  def alone: if . == null then "" else "\(.p50_ms | r2) / \(.p90_ms | r2)" end;
  def cpu: if .jvm == null then "" else "\(.jvm | r2) + \(.postgresql | r2)" end;
  "Measured \(.date) on commit `\(.commit)` with `\(.command)`: \(.machine.nproc) cores (\(.machine.cpu)), \(.machine.memory_mb) MB RAM, Linux \(.machine.kernel), \(.machine.java) (JVM options `\(.machine.java_opts)`, MALLOC_ARENA_MAX=2), PostgreSQL \(.machine.postgresql) (embedded), \(.machine.wrk), nginx \(.machine.nginx).",
  "",
  "Volume: \(.volume.members) members, \(.volume.news) news items (body \(.volume.news_body_avg_bytes) bytes on average, \(.volume.news_member) member relations), \(.volume.issues) issues (\(.volume.issue_section_news) section entries), \(.volume.events // "no") events, \(.volume.jobs // "no") jobs; \(.volume.database_mb) MB; generated in \(.volume.generate_seconds | r1) s (seed \(.volume.seed)). The 10,000-item phase ran first on its own database: \(.phase_10k.volume.news) news items, \(.phase_10k.volume.issues) issues, \(.phase_10k.volume.events // "no") events, \(.phase_10k.volume.jobs // "no") jobs; \(.phase_10k.volume.database_mb) MB.",
  "",
  "`wrk \(.setup.wrk)`, \(.setup.warmup_seconds) s warm-up, then \(.setup.repetitions) run(s) of \(.setup.run_seconds) s, each followed by a run of \(.setup.ceiling_seconds) s against the nginx ceiling (\(.setup.ceiling)); the table quotes the medians. *Alone*: p50 / p90 of \(.nginx_alone.requests) sequential requests on one keep-alive connection (curl) after the scenario, nothing else running. *CPU*: ms of CPU per request, JVM + PostgreSQL (utime + stime during the measured runs).",
  "",
  "| scenario | req/s | p50 ms | p99 ms | errors | nginx req/s | ratio | alone ms | CPU ms | target | |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
  (.scenarios[] | "| \(.title)\(if (.connections // 32) != 32 then ", \(.connections) connections" else "" end) | \(.rps | round) | \(.p50_ms | r2) | \(.p99_ms | r2) | \(.errors)\(if .runs_without_responses > 0 then " (**no response in \(.runs_without_responses) of \(.runs | length) runs**)" else "" end) | \(.nginx_rps | round) | \(.ratio | pct) | \(.alone | alone) | \(.cpu_ms_per_request | cpu) | \(.target // "") | \(.target_met | verdict) |"),
  (.skipped[] | "| \(.name) | — | | | | | | | | skipped: \(.reason) | |"),
  "",
  "- One request alone, nginx serving the list page bytes: p50 \(.nginx_alone.p50_ms | r2) ms, p90 \(.nginx_alone.p90_ms | r2) ms, max \(.nginx_alone.max_ms | r2) ms; " +
    ([.scenarios[] | select(.alone) | "\(.name) max \(.alone.max_ms | r1) ms"] | join(", ")) + ".",
  "- Start-up until `/q/health/ready` answers: \(.startup_ms.restart_full_database) ms on the full database (restart): \(if .startup_target_met then "under" else "**over**" end) the 3 s target; \(.startup_ms.first_start_empty_database) ms for the very first start (initdb, migrations, demo content); \(.phase_10k.restart_read_cache_off_ms) ms on the 10,000 items.",
  "- RSS of the service: \(.rss_kb.after_start / 1024 | round) MB after start, \(.rss_kb.after_load / 1024 | round) MB after the load (peak \(.rss_kb.peak / 1024 | round) MB): \(if .rss_target_met then "under" else "**over**" end) the 300 MB target.",
  (if .webhooks then
    "- Webhooks, one subscription to every event, receiver on loopback, during the write mix with published items: \(.webhooks.distinct) of \(.webhooks.queued) events delivered (\(.webhooks.duplicates) twice, \(.webhooks.undelivered) undelivered at the end), \(.webhooks.delivered_per_second // 0 | round) events/s from the first delivery to the last; delay from the write to its delivery p50 \(.webhooks.delay_ms.p50) ms, p99 \(.webhooks.delay_ms.p99) ms (max \(.webhooks.delay_ms.max) ms); \(.webhooks.backlog_after_load) events were still queued when the scenario ended (its last nginx run included: the backlog drains during the nginx runs), all delivered \(.webhooks.drain_after_load_ms) ms later. Writes/s with the subscription: \(.webhooks.write_mix_ratio | pct) of those without. One write at a time (\(.webhooks.idle.distinct) writes, 200 ms apart): delay p50 \(.webhooks.idle.delay_ms.p50) ms, p99 \(.webhooks.idle.delay_ms.p99) ms."
   else empty end),
  "- Following `page.next` to page \(.deep_page.page) took \(.deep_page.follow_ms_per_page) ms per page with curl (sequential).",
  (if .statements.per_scenario then
    "- SQL statements per request (\(.statements.method)): " +
    ([.statements.per_scenario | to_entries[] | "\(.key) \(.value.per_request) (\(.value.db_ms_per_request) ms in PostgreSQL)"] | join(", ")) +
    ". BEGIN/COMMIT not counted."
   else "- SQL statements per request: pg_stat_statements unavailable." end),
  "- Noise: load average \(.noise.load_average_start) at the start, \(.noise.load_average_end) at the end" +
    (if (.noise.scenarios_with_other_test_jvms | length) > 0 then "; other test JVMs ran during: \(.noise.scenarios_with_other_test_jvms | join(", "))" else "; no other test JVM ran during the scenarios" end) + "."
' "$RESULT" > "$TABLE"

if [[ $MODE == full && -z $ONLY ]]; then
    mkdir -p "$BENCH/results"
    cp "$RESULT" "$BENCH/results/$DATE.json"
    DOC=$ROOT/docs/performance.md
    if [[ ! -f $DOC ]]; then
        mkdir -p "$ROOT/docs"
        printf '# Performance\n\n<!-- bench:results:begin -->\n<!-- bench:results:end -->\n' > "$DOC"
    fi
    if grep -q '<!-- bench:results:begin -->' "$DOC"; then
        awk -v table="$TABLE" '
            /<!-- bench:results:begin -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
            /<!-- bench:results:end -->/ { skip = 0 }
            !skip { print }' "$DOC" > "$DOC.tmp" && mv "$DOC.tmp" "$DOC"
    fi
    log "results: bench/results/$DATE.json and docs/performance.md"
fi

echo
cat "$TABLE"
echo
ERRORS=$(jq '.errors' "$RESULT")
SILENT_RUNS=$(jq '.runs_without_responses' "$RESULT")
log "done in $(($(date +%s) - STARTED_AT)) s"
if ((ERRORS > 0)); then
    log "FAILED: $ERRORS errors in the scenarios (see bench/work/runs/*/)"
    exit 3
fi
if ((SILENT_RUNS > 0)); then
    # wrk counts no error for a request still open when the run ends: a run in which nothing
    # answered in time would otherwise pass. The smoke mode runs 2 s on a cold JVM, so only warns.
    if [[ $MODE == full ]]; then
        log "FAILED: $SILENT_RUNS run(s) without a single response (see bench/work/runs/*/)"
        exit 3
    fi
    log "WARNING: $SILENT_RUNS run(s) without a single response (a cold JVM on a busy machine?)"
fi
