#!/bin/bash
# Boot to ready, side by side with PostgreSQL 15: the built distribution (bin/elephas) with the
# sample extensions preloaded, and postgres with its own equivalents preloaded, each booted
# ROUNDS times on a new and on an existing data directory, interleaved. "Ready" is the first
# successful `psql -c 'select 1'` over TCP: the wall time runs from just before the server
# process is launched until that query has answered (the port is probed every POLL seconds
# and psql runs once it accepts connections, so each sample includes up to one poll interval
# and one psql start, ~10-40 ms, on both systems).
# After the existing-directory boot, once IDLE seconds have passed, the memory of the idle server
# is read: PSS (/proc/PID/smaps_rollup; summed over PostgreSQL's processes, it counts their shared
# memory once) and RSS (VmRSS; summed over PostgreSQL's processes it counts shared pages once
# per process). The CPU time the server has used when it is ready (all its threads; for
# PostgreSQL all its processes) is also reported: unlike the wall time, it hardly depends on
# what else the machine runs. Builds nothing: build first from the repository root with
#   ./mvnw -B -q -DskipTests package
#
#   benchmarks/boot.sh [OUT.json]        # or RESULTS=OUT.json benchmarks/boot.sh
#
# Environment:
#   ROUNDS         boots per system and kind of data directory (default 10)
#   IDLE           seconds an idle server runs before its memory is read (default 2)
#   POLL           seconds between readiness probes (default 0.01)
#   PRELOAD        Elephas's shared_preload_bundles (default: every shipped sample extension,
#                  "audit,stat_statements,auto_explain,ticker,worker_spi")
#   PG_PRELOAD     PostgreSQL's shared_preload_libraries (default "pg_stat_statements,auto_explain":
#                  the contrib modules the samples model; PostgreSQL ships no audit, ticker or
#                  worker_spi module)
#   ELEPHAS_HOME   the distribution (default host/target/elephas of this repository)
#   PG_BIN         the directory with initdb and postgres (default: PATH, else
#                  /usr/lib/postgresql/15/bin)
#   ELEPHAS_JAVA_OPTS  passed to bin/elephas
#   JAVA_HOME / JAVA   the JDK bin/elephas runs on
#   NO_CDS_TOO     set to also boot Elephas with ELEPHAS_CDS=off in every round (series
#                  "Elephas (no CDS archive)"): the class-data sharing archive's effect in one run
#   AOT_JAVA_HOME  a JDK 25 or later: also boot Elephas on it in every round (existing data
#                  directory), once with the CDS archive bin/elephas writes at a first exit and
#                  once with the JDK AOT cache (JEP 483/514/515) it writes in a training boot
#                  (ELEPHAS_CDS=write) before the rounds. Written to AOT_RESULTS (default: RESULTS with "-aot" before ".json"),
#                  with the default boot's samples as "Elephas", so that the ratios compare them
#                  (under measures of their own, which the main table does not pick up)
#   KEEP           set to keep the temporary directory (data directories, server logs)
#
# Before the rounds, Elephas boots and stops once unmeasured: that writes the distribution's
# class-data sharing archive if it has none for this JDK yet (bin/elephas, docs/operations.md),
# as a user's first start would. Run as root, PostgreSQL runs as the user "postgres". PostgreSQL's boot does not include initdb
# (reported separately as "initdb"); Elephas initialises a new data directory itself while it boots.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
RESULTS=${1:-${RESULTS:-}}
ROUNDS=${ROUNDS:-10}
IDLE=${IDLE:-2}
POLL=${POLL:-0.01}
PRELOAD=${PRELOAD:-audit,stat_statements,auto_explain,ticker,worker_spi}
PG_PRELOAD=${PG_PRELOAD:-pg_stat_statements,auto_explain}
ELEPHAS_HOME=${ELEPHAS_HOME:-$here/../host/target/elephas}

die() { echo "boot.sh: $*" >&2; exit 1; }

. "$here/lib/servers.sh"
require_both_servers
command -v psql >/dev/null || die "psql is not on PATH"

tmp=$(mktemp -d /tmp/elephas-boot.XXXXXX)
chmod 755 "$tmp"
elephas_pid=
pg_pid=
pg_launcher=
boot_ms=
boot_cpu=


stop_elephas() {
    if [ -n "$elephas_pid" ] && kill -0 "$elephas_pid" 2>/dev/null; then
        kill -TERM "$elephas_pid" 2>/dev/null || true
        for _ in $(seq 1 200); do kill -0 "$elephas_pid" 2>/dev/null || break; sleep 0.05; done
        kill -KILL "$elephas_pid" 2>/dev/null || true
        wait "$elephas_pid" 2>/dev/null || true
    fi
    elephas_pid=
}

# $pg_pid is the postmaster's own PID (from postmaster.pid), $pg_launcher the runuser in between.
stop_pg() {
    if [ -n "$pg_pid" ] && kill -0 "$pg_pid" 2>/dev/null; then
        kill -INT "$pg_pid" 2>/dev/null || true   # fast shutdown
        for _ in $(seq 1 200); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.05; done
    fi
    if [ -n "$pg_launcher" ]; then
        wait "$pg_launcher" 2>/dev/null || true
    fi
    pg_pid=
    pg_launcher=
}

# Stop both servers by their PIDs (never by name) and remove the temporary directory.
cleanup() {
    stop_elephas
    if [ -z "$pg_pid" ] && [ -n "$pg_launcher" ] && [ -f "$tmp/pg/data/postmaster.pid" ]; then
        pg_pid=$(head -1 "$tmp/pg/data/postmaster.pid")
    fi
    stop_pg
    if [ -n "${KEEP:-}" ]; then
        echo "kept $tmp"
    else
        rm -rf "$tmp"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM


now_ns() { date +%s%N; }

# Whether something accepts TCP connections on 127.0.0.1:PORT (the connection is closed at once).
port_open() { # port
    { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
    exec 3>&-
}

# Wait until the server on PORT answers `select 1`; fail after 120 s or when PID has died. The
# port is probed with bash's /dev/tcp (no process started) and psql runs only once it accepts a
# connection: a psql started every POLL seconds costs about 30 ms of CPU each time, which took
# about a third of this 2-core machine from a server still booting (a slow boot paid for its
# own measurement).
await_ready() { # port pid log
    local port=$1 pid=$2 log=$3 deadline=$(( $(date +%s) + 120 ))
    until port_open "$port" && psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; do
        if ! kill -0 "$pid" 2>/dev/null; then cat "$log" >&2; die "the server (PID $pid) exited while starting"; fi
        if [ "$(date +%s)" -ge "$deadline" ]; then cat "$log" >&2; die "timed out waiting for port $port"; fi
        sleep "$POLL"
    done
}

# Memory of a process tree in MB: "PSS RSS" (PSS from smaps_rollup, RSS from VmRSS), summed over
# the PID and its children.
memory_mb() { # pid
    local pids="$1 $(pgrep -P "$1" | tr '\n' ' ')" pss=0 rss=0 p v
    for p in $pids; do
        v=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0); pss=$((pss + ${v:-0}))
        v=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0); rss=$((rss + ${v:-0}))
    done
    awk -v p="$pss" -v r="$rss" 'BEGIN {printf "%.1f %.1f", p / 1024, r / 1024}'
}

# CPU time (user + system, ms) a server has used so far: its own threads, and for PostgreSQL
# also its live children and the children it has waited for (fields 14-17 of /proc/PID/stat).
cpu_ms() { # pid
    local hz p total=0
    hz=$(getconf CLK_TCK)
    for p in $1 $(pgrep -P "$1" | tr '\n' ' '); do
        total=$((total + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat" 2>/dev/null || echo 0)))
    done
    echo $((total * 1000 / hz))
}

ms_since() { awk -v a="$1" -v b="$(now_ns)" 'BEGIN {printf "%.1f", (b - a) / 1e6}'; }

# Boot Elephas on DATADIR; sets $boot_ms to the milliseconds to ready, leaves it running as
# $elephas_pid (not called in a subshell, so that the PID is kept for stopping it).
boot_elephas() { # datadir log [ELEPHAS_CDS value [JAVA_HOME [ELEPHAS_JAVA_OPTS]]]
    local port t0
    port=$(free_port)
    t0=$(now_ns)
    JAVA_HOME=${4:-${JAVA_HOME:-}} ELEPHAS_JAVA_OPTS=${5:-${ELEPHAS_JAVA_OPTS:-}} \
    ELEPHAS_CDS=${3:-${ELEPHAS_CDS:-on}} "$ELEPHAS_HOME/bin/elephas" -D "$1" -p "$port" -c "shared_preload_bundles=$PRELOAD" >"$2" 2>&1 &
    elephas_pid=$!
    await_ready "$port" "$elephas_pid" "$2"
    boot_ms=$(ms_since "$t0")
    boot_cpu=$(cpu_ms "$elephas_pid")
}

boot_pg() { # datadir log
    local port t0
    port=$(free_port)
    t0=$(now_ns)
    as_pg "$PG_BIN/postgres" -D "$1" -p "$port" -k "$tmp/pg" -c listen_addresses=127.0.0.1 \
        -c "shared_preload_libraries=$PG_PRELOAD" >"$2" 2>&1 &
    pg_launcher=$!
    await_ready "$port" "$pg_launcher" "$2"
    boot_ms=$(ms_since "$t0")
    pg_pid=$(head -1 "$1/postmaster.pid")
    boot_cpu=$(cpu_ms "$pg_pid")
}

java_cmd=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
echo "machine: $(nproc) CPUs, $(uname -r), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $("$java_cmd" -version 2>&1 | head -1)   ELEPHAS_JAVA_OPTS: ${ELEPHAS_JAVA_OPTS:-(none)}"
echo "postgres: $("$PG_BIN/postgres" --version)"
echo "Elephas preloads: $PRELOAD   PostgreSQL preloads: $PG_PRELOAD   rounds: $ROUNDS"
echo

mkdir "$tmp/pg"
[ "$(id -u)" = 0 ] && chown postgres "$tmp/pg"
e_new=(); e_old=(); p_new=(); p_old=(); p_initdb=(); e_pss=(); e_rss=(); p_pss=(); p_rss=()
n_new=(); n_old=(); n_pss=(); e_cpu=(); p_cpu=(); n_cpu=()
boot_elephas "$tmp/warm-up" "$tmp/elephas-warm-up.log"
stop_elephas
rm -rf "$tmp/warm-up"
a_cds=(); a_aot=(); a_cds_cpu=(); a_aot_cpu=()
if [ -n "${AOT_JAVA_HOME:-}" ]; then
    [ -x "$AOT_JAVA_HOME/bin/java" ] || die "AOT_JAVA_HOME=$AOT_JAVA_HOME has no bin/java"
    # Each JDK 25 variant keeps its class cache in a directory of its own, as bin/elephas makes
    # it: the CDS archive written at the first exit of a normal start, the AOT cache by one
    # training boot (ELEPHAS_CDS=write: at exit a child JVM assembles it, which takes seconds).
    mkdir -p "$tmp/jdk25-cds" "$tmp/jdk25-aot"
    ELEPHAS_CDS_DIR=$tmp/jdk25-cds boot_elephas "$tmp/aot-data" "$tmp/elephas-jdk25-warm-up.log" on "$AOT_JAVA_HOME"
    stop_elephas
    ELEPHAS_CDS_DIR=$tmp/jdk25-aot boot_elephas "$tmp/aot-data" "$tmp/elephas-aot-training.log" write "$AOT_JAVA_HOME"
    kill -TERM "$elephas_pid"
    for _ in $(seq 1 1200); do kill -0 "$elephas_pid" 2>/dev/null || break; sleep 0.1; done
    stop_elephas
    # The next start adopts the file (it carries the training server's PID until then).
    ls "$tmp"/jdk25-aot/*.aot >/dev/null 2>&1 || { cat "$tmp/elephas-aot-training.log" >&2; die "the training boot wrote no AOT cache"; }
fi
for round in $(seq 1 "$ROUNDS"); do
    # PostgreSQL: initdb (timed on its own), the first boot on it, then a restart.
    rm -rf "$tmp/pg/data"
    t0=$(now_ns)
    as_pg "$PG_BIN/initdb" -D "$tmp/pg/data" -U postgres -A trust -N >"$tmp/initdb.log" 2>&1 \
        || { cat "$tmp/initdb.log" >&2; die "initdb failed"; }
    p_initdb+=("$(ms_since "$t0")")
    boot_pg "$tmp/pg/data" "$tmp/pg/new.log"; p_new+=("$boot_ms")
    stop_pg
    # Elephas: a new data directory.
    rm -rf "$tmp/elephas-data"
    boot_elephas "$tmp/elephas-data" "$tmp/elephas-new.log"; e_new+=("$boot_ms")
    stop_elephas
    # Restarts on the existing data directories, then idle memory.
    boot_pg "$tmp/pg/data" "$tmp/pg/old.log"; p_old+=("$boot_ms"); p_cpu+=("$boot_cpu")
    sleep "$IDLE"
    read -r pss rss <<<"$(memory_mb "$pg_pid")"; p_pss+=("$pss"); p_rss+=("$rss")
    stop_pg
    boot_elephas "$tmp/elephas-data" "$tmp/elephas-old.log"; e_old+=("$boot_ms"); e_cpu+=("$boot_cpu")
    sleep "$IDLE"
    read -r pss rss <<<"$(memory_mb "$elephas_pid")"; e_pss+=("$pss"); e_rss+=("$rss")
    stop_elephas
    if [ -n "${NO_CDS_TOO:-}" ]; then
        rm -rf "$tmp/elephas-nocds"
        boot_elephas "$tmp/elephas-nocds" "$tmp/elephas-nocds-new.log" off; n_new+=("$boot_ms")
        stop_elephas
        boot_elephas "$tmp/elephas-nocds" "$tmp/elephas-nocds-old.log" off; n_old+=("$boot_ms"); n_cpu+=("$boot_cpu")
        sleep "$IDLE"
        read -r pss rss <<<"$(memory_mb "$elephas_pid")"; n_pss+=("$pss")
        stop_elephas
    fi
    if [ -n "${AOT_JAVA_HOME:-}" ]; then
        ELEPHAS_CDS_DIR=$tmp/jdk25-cds boot_elephas "$tmp/aot-data" "$tmp/elephas-jdk25.log" on "$AOT_JAVA_HOME"
        a_cds+=("$boot_ms"); a_cds_cpu+=("$boot_cpu")
        stop_elephas
        ELEPHAS_CDS_DIR=$tmp/jdk25-aot boot_elephas "$tmp/aot-data" "$tmp/elephas-aot.log" on "$AOT_JAVA_HOME"
        a_aot+=("$boot_ms"); a_aot_cpu+=("$boot_cpu")
        stop_elephas
    fi
    printf 'round %2d: new dir  PG %7s ms  Elephas %7s ms | existing dir  PG %7s ms  Elephas %7s ms\n' \
        "$round" "${p_new[-1]}" "${e_new[-1]}" "${p_old[-1]}" "${e_old[-1]}"
done
echo

median() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
med() { printf '%s\n' "$@" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.1f", a / b }'; }
row() { # label unit pg-median elephas-median
    printf '%-40s %5s | %13s %10s %6s\n' "$1" "$2" "$3" "$4" "$(ratio "$4" "$3")"
}
# A row of the medians of two sample arrays, given by name: label unit baseline-array elephas-array
medians_row() {
    local -n baseline=$3 elephas=$4
    row "$1" "$2" "$(med "${baseline[@]}")" "$(med "${elephas[@]}")"
}
echo "medians of $ROUNDS; E/PG = Elephas / PostgreSQL"
printf '%-40s %5s | %13s %10s %6s\n' measure unit "PostgreSQL 15" Elephas "E/PG"
medians_row "boot to ready (new data directory)" ms p_new e_new
medians_row "boot to ready (existing data directory)" ms p_old e_old
medians_row "CPU time to ready (existing directory)" ms p_cpu e_cpu
medians_row "resident memory, idle (PSS)" MB p_pss e_pss
medians_row "resident memory, idle (RSS, summed)" MB p_rss e_rss
printf '%-40s %5s | %13s %10s\n' "initdb (PostgreSQL only)" ms "$(med "${p_initdb[@]}")" "-"
if [ -n "${NO_CDS_TOO:-}" ]; then
    echo "Elephas without the CDS archive (ELEPHAS_CDS=off), same rounds; E/PG here = with / without:"
    medians_row "boot to ready (new data directory)" ms n_new e_new
    medians_row "boot to ready (existing data directory)" ms n_old e_old
    medians_row "CPU time to ready (existing directory)" ms n_cpu e_cpu
    medians_row "resident memory, idle (PSS)" MB n_pss e_pss
fi
if [ -n "${AOT_JAVA_HOME:-}" ]; then
    echo "Elephas on $AOT_JAVA_HOME, existing data directory; E/PG here = default JDK / JDK 25:"
    medians_row "boot to ready, CDS archive" ms a_cds e_old
    medians_row "boot to ready, AOT cache" ms a_aot e_old
    medians_row "CPU time to ready, CDS archive" ms a_cds_cpu e_cpu
    medians_row "CPU time to ready, AOT cache" ms a_aot_cpu e_cpu
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -n "$RESULTS" ]; then
    json_array() { local IFS=,; echo "[$*]"; }
    series() { # system measure unit samples...
        local system=$1 measure=$2 unit=$3; shift 3
        printf '{"system": "%s", "measure": "%s", "unit": "%s", "samples": %s}' "$system" "$measure" "$unit" "$(json_array "$@")"
    }
    java_version=$("$java_cmd" -version 2>&1 | head -1 | sed 's/"/\\"/g')
    {
        echo '{"title": "Boot to ready with the sample extensions preloaded, and idle memory",'
        echo ' "notes": ['
        echo "  \"ready = first successful psql -c \\\"select 1\\\" over TCP, run once the port (probed every ${POLL} s without starting a process) accepts connections; time from just before the server is launched\","
        echo "  \"Elephas preloads $PRELOAD; PostgreSQL preloads $PG_PRELOAD\","
        echo "  \"Elephas initialises a new data directory while it boots; PostgreSQL's new-directory boot follows a separate initdb (median $(med "${p_initdb[@]}") ms, not included)\","
        echo "  \"memory read ${IDLE} s after ready on the existing data directory: PSS from smaps_rollup summed over the server's processes\","
        echo "  \"$java_version; ELEPHAS_JAVA_OPTS: ${ELEPHAS_JAVA_OPTS:-none} (besides bin/elephas's own); $(nproc) CPUs shared with other work\""
        echo ' ],'
        echo ' "series": ['
        echo "  $(series Elephas "boot to ready (new data directory)" ms "${e_new[@]}"),"
        echo "  $(series "PostgreSQL 15" "boot to ready (new data directory)" ms "${p_new[@]}"),"
        echo "  $(series Elephas "boot to ready (existing data directory)" ms "${e_old[@]}"),"
        echo "  $(series "PostgreSQL 15" "boot to ready (existing data directory)" ms "${p_old[@]}"),"
        echo "  $(series Elephas "CPU time to ready (existing data directory)" ms "${e_cpu[@]}"),"
        echo "  $(series "PostgreSQL 15" "CPU time to ready (existing data directory)" ms "${p_cpu[@]}"),"
        echo "  $(series Elephas "resident memory, idle" MB "${e_pss[@]}"),"
        echo "  $(series "PostgreSQL 15" "resident memory, idle" MB "${p_pss[@]}"),"
        echo "  $(series Elephas "resident memory, idle (RSS summed over processes)" MB "${e_rss[@]}"),"
        echo "  $(series "PostgreSQL 15" "resident memory, idle (RSS summed over processes)" MB "${p_rss[@]}"),"
        if [ -n "${NO_CDS_TOO:-}" ]; then
            echo "  $(series "Elephas (no CDS archive)" "boot to ready (new data directory)" ms "${n_new[@]}"),"
            echo "  $(series "Elephas (no CDS archive)" "boot to ready (existing data directory)" ms "${n_old[@]}"),"
            echo "  $(series "Elephas (no CDS archive)" "CPU time to ready (existing data directory)" ms "${n_cpu[@]}"),"
            echo "  $(series "Elephas (no CDS archive)" "resident memory, idle" MB "${n_pss[@]}"),"
        fi
        echo "  $(series "PostgreSQL 15" "initdb" ms "${p_initdb[@]}")"
        echo ' ]}'
    } >"$RESULTS"
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$RESULTS" || die "wrote invalid JSON to $RESULTS"
    echo "results: $RESULTS"
    if [ -n "${AOT_JAVA_HOME:-}" ]; then
        AOT_RESULTS=${AOT_RESULTS:-${RESULTS%.json}-aot.json}
        aot_version=$("$AOT_JAVA_HOME/bin/java" -version 2>&1 | head -1 | sed 's/"/\\"/g')
        jdk25="Elephas on JDK $("$AOT_JAVA_HOME/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')"
        {
            echo '{"title": "Boot to ready on a JDK 25: its CDS archive and its AOT cache, against the default boot",'
            echo ' "notes": ['
            echo "  \"Elephas = the default boot above ($java_version, CDS archive); the others run on $aot_version\","
            echo "  \"AOT cache: as bin/elephas writes it in a training boot (ELEPHAS_CDS=write, -XX:AOTCacheOutput) before the rounds and uses it (-XX:AOTCache); existing data directory\""
            echo ' ],'
            echo ' "series": ['
            echo "  $(series Elephas "boot to ready, default JDK or JDK 25 (existing data directory)" ms "${e_old[@]}"),"
            echo "  $(series "$jdk25 (CDS archive)" "boot to ready, default JDK or JDK 25 (existing data directory)" ms "${a_cds[@]}"),"
            echo "  $(series "$jdk25 (AOT cache)" "boot to ready, default JDK or JDK 25 (existing data directory)" ms "${a_aot[@]}"),"
            echo "  $(series Elephas "CPU time to ready, default JDK or JDK 25 (existing data directory)" ms "${e_cpu[@]}"),"
            echo "  $(series "$jdk25 (CDS archive)" "CPU time to ready, default JDK or JDK 25 (existing data directory)" ms "${a_cds_cpu[@]}"),"
            echo "  $(series "$jdk25 (AOT cache)" "CPU time to ready, default JDK or JDK 25 (existing data directory)" ms "${a_aot_cpu[@]}")"
            echo ' ]}'
        } >"$AOT_RESULTS"
        python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$AOT_RESULTS" || die "wrote invalid JSON to $AOT_RESULTS"
        echo "results: $AOT_RESULTS"
    fi
fi
