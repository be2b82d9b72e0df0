# shellcheck shell=bash
# CPU time of the service's JVM and of its embedded PostgreSQL, read from /proc: sourced by
# bench/run.sh (every scenario) and bench/cpu-split.sh (one ad-hoc run). In clock ticks
# (getconf CLK_TCK, 100 per second on Linux); the difference of two readings is the CPU used in between.

# proc_ticks <pid> [children]: utime + stime of a process, all its threads; with "children" also
# cutime + cstime, what the children it has waited for used. 0 when the process is gone.
proc_ticks() {
    local stat f
    stat=$(cat "/proc/$1/stat" 2> /dev/null) || { echo 0; return 0; }
    # the command name (field 2) may hold spaces and parentheses: split after its last ')'
    read -r -a f <<< "${stat##*) }"
    # f[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17
    if [[ ${2:-} == children ]]; then
        echo $((f[11] + f[12] + f[13] + f[14]))
    else
        echo $((f[11] + f[12]))
    fi
}

# postgres_ticks <postmaster pid>: the postmaster, its running children (backends, autovacuum,
# checkpointer, parallel workers) and, through the postmaster's cutime + cstime, the children that
# ended: so the difference of two readings holds the backends that came and went in between.
postgres_ticks() {
    local postmaster=$1 total p
    total=$(proc_ticks "$postmaster" children)
    for p in $(pgrep -P "$postmaster" || true); do
        total=$((total + $(proc_ticks "$p")))
    done
    echo "$total"
}

# cpu_ticks <jvm pid> <postmaster pid>: "<jvm ticks> <postgres ticks>"
cpu_ticks() {
    echo "$(proc_ticks "$1") $(postgres_ticks "$2")"
}
