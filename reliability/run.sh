#!/usr/bin/env bash
# Ticker reliability suite: the failsafe ITs of package dev.ticker.reliability (Maven profile
# "reliability") against the packaged service, on the machine's PostgreSQL server for those that
# need one (127.0.0.1:5432, user postgres, database test; each run creates and drops its own
# database). See docs/reliability-crash.md.
#
#   reliability/run.sh            the long run (20 kills; 7-10 minutes on 2 busy cores)
#   reliability/run.sh --smoke    few kills, short phases, for CI (2-3 minutes once built)
#
# Environment: RELIABILITY_BUILD=auto (default: package the jar when it is missing or older than
# the sources), always, or never; RELIABILITY_SEED, RELIABILITY_KILLS, RELIABILITY_THREADS,
# RELIABILITY_POSTGRES (host:port); RELIABILITY_MAVEN_ARGS, more options for Maven (-o, -Dit.test=...).
# Each IT writes its figures to target/reliability/<name>.json; a summary of them ends the run.
set -Eeuo pipefail

MODE=long
for arg in "$@"; do
    case $arg in
        --smoke) MODE=smoke ;;
        -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "reliability/run.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
    esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
JAR=target/quarkus-app/quarkus-run.jar
OUT=target/reliability
BUILD=${RELIABILITY_BUILD:-auto}
log() { printf '[reliability %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- tools and the PostgreSQL server -------------------------------------------------------
# nginx: the proxy of the two-instance rolling restart (docker/nginx.conf); jq: the summary
missing=()
command -v nginx > /dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
command -v jq > /dev/null || missing+=(jq)
if (( ${#missing[@]} > 0 )); then
    sudo=()
    [[ $(id -u) == 0 ]] || sudo=(sudo)
    log "installing ${missing[*]} (apt-get)"
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi
# CrashSafetyIT needs the server at 127.0.0.1:5432 (or RELIABILITY_POSTGRES); start the machine's own when it is down
server=${RELIABILITY_POSTGRES:-127.0.0.1:5432}
if ! (exec 3<> "/dev/tcp/${server%:*}/${server#*:}") 2> /dev/null && [[ -d /etc/postgresql ]]; then
    log "no PostgreSQL server at $server: starting the machine's (pg_ctlcluster)"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi

# --- the jar ---------------------------------------------------------------------------------
needs_build() {
    [[ ! -f $JAR ]] && return 0
    [[ -n $(find src/main pom.xml -newer "$JAR" -type f -print -quit) ]]
}
case $BUILD in
    always) build=yes ;;
    never) [[ -f $JAR ]] || { log "FAILED: RELIABILITY_BUILD=never, but $JAR is missing"; exit 1; }; build=no ;;
    auto) if needs_build; then build=yes; else build=no; fi ;;
    *) log "FAILED: RELIABILITY_BUILD must be auto, always or never, not '$BUILD'"; exit 2 ;;
esac
if [[ $build == yes ]]; then
    log "packaging the service: ./mvnw -B -DskipTests package"
    ./mvnw -B -q -DskipTests package ${RELIABILITY_MAVEN_ARGS:-}
else
    log "using the packaged service as it is: $JAR"
fi

# --- the suite -------------------------------------------------------------------------------
PROPS=(-Dreliability.smoke=$([[ $MODE == smoke ]] && echo true || echo false))
[[ -n ${RELIABILITY_SEED:-} ]] && PROPS+=(-Dreliability.seed="$RELIABILITY_SEED")
[[ -n ${RELIABILITY_KILLS:-} ]] && PROPS+=(-Dreliability.kills="$RELIABILITY_KILLS")
[[ -n ${RELIABILITY_THREADS:-} ]] && PROPS+=(-Dreliability.threads="$RELIABILITY_THREADS")
[[ -n ${RELIABILITY_POSTGRES:-} ]] && PROPS+=(-Dreliability.postgres="$RELIABILITY_POSTGRES")

rm -rf "$OUT"
mkdir -p "$OUT"
log "running the reliability ITs ($MODE): ${PROPS[*]}"
started=$(date +%s)
status=0
# test-compile, then failsafe alone: the jar is not packaged again
./mvnw -B -Preliability test-compile failsafe:integration-test failsafe:verify "${PROPS[@]}" ${RELIABILITY_MAVEN_ARGS:-} || status=$?

# --- the summary -----------------------------------------------------------------------------
echo
echo "=== Reliability suite ($MODE), $(( $(date +%s) - started )) s, Maven exit status $status ==="
shopt -s nullglob
files=("$OUT"/*.json)
if (( ${#files[@]} == 0 )); then
    echo "(no figures in $OUT)"
fi
for file in "${files[@]}"; do
    echo "--- $(basename "$file" .json)"
    # every top-level figure but lists and long texts, one per line
    jq -r 'to_entries[] | select((.value | type) != "array") |
        "  \(.key): \(if (.value | type) == "object" then (.value | tostring) else .value end)"' "$file" 2>/dev/null \
        || cat "$file"
done
exit $status
