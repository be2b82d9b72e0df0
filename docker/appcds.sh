#!/usr/bin/env bash
# Makes the AppCDS archive of the service (docs/jit.md, "Start-up"): a training run on a throwaway
# embedded PostgreSQL (initdb, migrations, the demo content through the services), a few reads, then
# SIGTERM; the JVM writes every class it loaded into the archive as it exits. Later starts with
# -XX:SharedArchiveFile=<archive> map those classes instead of loading them.
#
#   bash docker/appcds.sh <archive> [application directory, default /deployments]
#
# The archive holds for this JVM build and this class path only: run it with the java and the
# -jar path that will run the service (docker/Dockerfile does, at build time).
set -Eeuo pipefail

archive=$1
app=${2:-/deployments}
options=${APPCDS_JVM_OPTIONS:-@$app/jvm.options}
port=${APPCDS_PORT:-18099}
data=$(mktemp -d)
log=$data.log
pid=
unpacked=${TMPDIR:-/tmp}/embedded-pg
[[ -e $unpacked ]] && unpacked= # there before: another embedded PostgreSQL may use it

finish() {
    local rc=$?
    [[ -n $pid ]] && kill -KILL "$pid" 2> /dev/null
    # the training database, and the PostgreSQL binaries the embedded default unpacked for it
    rm -rf "$data" "$log"
    [[ -z $unpacked ]] || rm -rf "$unpacked"
    exit $rc
}
trap finish EXIT

# GET <path>: the status code (bash's /dev/tcp: the image has no curl)
get() {
    local status
    exec 3<> "/dev/tcp/127.0.0.1/$port" || return 1
    printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$1" >&3
    read -r _ status _ <&3 || true
    cat <&3 > /dev/null || true
    exec 3<&-
    echo "${status:-0}"
}

rm -f "$archive"
# shellcheck disable=SC2086
java $options -XX:ArchiveClassesAtExit="$archive" \
    -Dticker.embedded.enabled=true -Dticker.embedded.data-dir="$data/db" -Dticker.embedded.clean=false \
    -Dticker.demo.load=true -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
    -jar "$app/quarkus-run.jar" > "$log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
    kill -0 "$pid" 2> /dev/null || { cat "$log" >&2; pid=; echo "appcds.sh: the training run exited" >&2; exit 1; }
    [[ $(get /q/health/ready 2> /dev/null) == 200 ]] && break
    sleep 0.2
done
[[ $(get /q/health/ready) == 200 ]] || { cat "$log" >&2; echo "appcds.sh: not ready after 120 s" >&2; exit 1; }
# the read paths a client takes first (the write paths ran for the demo content)
for path in '/v1/news?limit=20' '/v1/news?state=DE-SN&include=members&limit=20' '/v1/issues/20' \
    '/v1/issues/20/email.html' '/v1/news/feed.atom' '/v1/events' '/v1/jobs' '/v1/members' '/v1/search?q=Digitalisierung' \
    '/q/openapi'; do
    get "$path" > /dev/null
done
kill -TERM "$pid"
wait "$pid" || true
pid=
[[ -s $archive ]] || { cat "$log" >&2; echo "appcds.sh: no archive written" >&2; exit 1; }
chmod 444 "$archive"
echo "appcds.sh: $(du -m "$archive" | cut -f1) MB in $archive"
