#!/bin/bash
# PostgreSQL 15's dynamic background worker lifecycle, measured on this machine with the C
# extension benchmarks/pg/bgw_bench (the same measures as Elephas's WorkerLifecycleBenchmark,
# ManyDynamicWorkersBenchmark and WorkerRestartBenchmark), plus resident memory idle and with
# 1000 waiting workers for PostgreSQL 15 and for the Elephas distribution. Writes the results
# JSON (docs/performance.md "PostgreSQL side by side: worker lifecycle") and prints a table.
#
#   benchmarks/pg-workers.sh OUT.json
#   RESULTS=OUT.json SAMPLES=2000 benchmarks/pg-workers.sh
#
# Needs pg_config, the PostgreSQL 15 server headers (package postgresql-server-dev-15), make and
# a C compiler. The extension is built with PGXS in a temporary directory and loaded by its
# absolute path: nothing is installed into PostgreSQL's directories. The memory part also needs
# the built distribution (./mvnw -B -q -DskipTests package); MEMORY=0 skips it.
#
# Environment:
#   SAMPLES         samples per single-worker measure (default 1000)
#   WARMUP          unrecorded launches before each single-worker measure (default 200)
#   RESTART_SAMPLES samples of the restart measure (default 200; each restart costs a fork)
#   ROUNDS          rounds per many-workers measure and N (default 10)
#   MANY_WARMUP     unrecorded rounds before each many-workers measure (default 2)
#   MEMORY          1 (default) to also measure resident memory, 0 to skip
#   ELEPHAS_HOME    the distribution (default host/target/elephas of this repository)
#   PG_CONFIG       pg_config of PostgreSQL 15 (default: pg_config on PATH)
#   PG_BIN          the directory with initdb and postgres (default: pg_config --bindir)
#   KEEP            set to keep the temporary directory (build, data directories, server logs)
#
# PostgreSQL runs with max_worker_processes=1010 and the library in shared_preload_libraries (so
# forked workers inherit it loaded, as Elephas's bench bundle is preloaded) on a Unix socket in the temporary directory
# and 127.0.0.1 on a free port; as root it runs as the user "postgres". Both servers are always
# stopped on exit.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-${RESULTS:-}}
SAMPLES=${SAMPLES:-1000}
WARMUP=${WARMUP:-200}
RESTART_SAMPLES=${RESTART_SAMPLES:-200}
ROUNDS=${ROUNDS:-10}
MANY_WARMUP=${MANY_WARMUP:-2}
MEMORY=${MEMORY:-1}
ELEPHAS_HOME=${ELEPHAS_HOME:-$here/../host/target/elephas}
PG_CONFIG=${PG_CONFIG:-pg_config}

die() { echo "pg-workers.sh: $*" >&2; exit 1; }

[ -n "$out" ] || die "usage: benchmarks/pg-workers.sh OUT.json (or RESULTS=OUT.json)"
command -v "$PG_CONFIG" >/dev/null || die "pg_config not found: install postgresql-server-dev-15 (or set PG_CONFIG)"
pg_version=$("$PG_CONFIG" --version)
case $pg_version in
    "PostgreSQL 15."*) ;;
    *) die "$PG_CONFIG is $pg_version, not PostgreSQL 15 (set PG_CONFIG)" ;;
esac
[ -f "$("$PG_CONFIG" --includedir-server)/postgres.h" ] && [ -f "$("$PG_CONFIG" --pgxs)" ] ||
    die "the PostgreSQL 15 server headers are missing: install postgresql-server-dev-15 (apt-get install postgresql-server-dev-15)"
command -v make >/dev/null || die "make is not on PATH"
PG_BIN=${PG_BIN:-$("$PG_CONFIG" --bindir)}
[ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/postgres" ] || die "no initdb/postgres in $PG_BIN (set PG_BIN)"
command -v psql >/dev/null || die "psql is not on PATH"
if [ "$MEMORY" = 1 ]; then
    [ -x "$ELEPHAS_HOME/bin/elephas" ] || die "$ELEPHAS_HOME/bin/elephas is missing; build first: ./mvnw -B -q -DskipTests package (or MEMORY=0)"
fi

# A short path: bgw_library_name holds at most 95 bytes.
tmp=$(mktemp -d /tmp/elephas-pgworkers.XXXXXX)
chmod 755 "$tmp"
pg_pid=
elephas_pid=

. "$here/lib/servers.sh"
trap stop_servers_and_clean EXIT
trap 'exit 130' INT TERM

echo "machine: $(nproc) CPUs, $(uname -r), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "postgres: $("$PG_BIN/postgres" --version)"

# ---- build the extension (PGXS, in the temporary directory) ----
mkdir "$tmp/build"
cp "$here/pg/bgw_bench/Makefile" "$here/pg/bgw_bench/bgw_bench.c" "$here/pg/bgw_bench/bgw_bench.control" \
    "$here/pg/bgw_bench/bgw_bench--1.0.sql" "$tmp/build/"
# with_llvm=no: no JIT bitcode, which would need clang and is never used here.
make -C "$tmp/build" PG_CONFIG="$PG_CONFIG" with_llvm=no >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; die "building bgw_bench failed"; }
lib=$tmp/build/bgw_bench.so

# ---- PostgreSQL 15 ----
pg_port=$(free_port)
mkdir "$tmp/pg"
[ "$(id -u)" = 0 ] && chown postgres "$tmp/pg"
as_pg "$PG_BIN/initdb" -D "$tmp/pg/data" -U postgres -A trust >"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log" >&2; die "initdb failed"; }
as_pg "$PG_BIN/postgres" -D "$tmp/pg/data" -p "$pg_port" -k "$tmp/pg" -c listen_addresses=127.0.0.1 \
    -c max_worker_processes=1010 -c shared_preload_libraries="$lib" >"$tmp/pg/postgres.log" 2>&1 &
pg_pid=$!
await_line "$tmp/pg/postgres.log" "database system is ready to accept connections"
# The postmaster itself ($pg_pid may be runuser's PID).
pm_pid=$(head -1 "$tmp/pg/data/postmaster.pid")
echo "PostgreSQL: pid $pm_pid port $pg_port, max_worker_processes=1010, bgw_bench preloaded; data and logs: $tmp"

pg_sql() { psql -h "$tmp/pg" -p "$pg_port" -U postgres -d postgres -AtqX -v ON_ERROR_STOP=1 "$@"; }

# ---- memory helpers ----
# The server's processes: the postmaster and its children.
pg_tree() { echo "$pm_pid"; ps -o pid= --ppid "$pm_pid" | tr -d ' '; }
# The postmaster's children that are bench workers (process title "postgres: bgw_bench worker ...").
bench_children() { ps -o pid=,stat=,cmd= --ppid "$pm_pid" | awk '$3 == "postgres:" && $4 == "bgw_bench" || $2 ~ /^Z/ {print $1}'; }
# MB of a field summed over /proc/PID/smaps_rollup (Pss) or /proc/PID/status (VmRSS) of PIDs on stdin.
sum_kb() { # file, field
    local total=0 kb
    while read -r p; do
        kb=$(awk -v f="$2:" '$1 == f {print $2}' "/proc/$p/$1" 2>/dev/null || true)
        total=$((total + ${kb:-0}))
    done
    awk -v kb="$total" 'BEGIN {printf "%.1f", kb / 1024}'
}
pg_memory() { # prints "pss_mb rss_mb processes"
    local pids
    pids=$(pg_tree)
    echo "$(sum_kb smaps_rollup Pss <<<"$pids") $(sum_kb status VmRSS <<<"$pids") $(wc -l <<<"$pids")"
}

if [ "$MEMORY" = 1 ]; then
    read -r pg_idle_pss pg_idle_rss pg_idle_procs <<<"$(pg_memory)"
fi

sed "s|MODULE_PATHNAME|$lib|g" "$tmp/build/bgw_bench--1.0.sql" | grep -v '^\\echo' | pg_sql -f - >/dev/null

# name|unit|comma-separated samples, one line per series
series=$tmp/series.txt
: >"$series"
record() { # system, measure, unit, postgres array text {a,b,...}
    local values=${4#\{}
    values=${values%\}}
    printf '%s|%s|%s|%s\n' "$1" "$2" "$3" "$values" >>"$series"
}

lifecycle() { # sql measure, label, samples
    echo "  $2 ..." >&2
    record "PostgreSQL 15" "$2" us "$(pg_sql -c "select bgw_bench_lifecycle('$1', $3, $WARMUP)")"
}
many() { # sql measure, n, label
    echo "  $3 ..." >&2
    record "PostgreSQL 15" "$3" ms "$(pg_sql -c "select bgw_bench_many('$1', $2, $ROUNDS, $MANY_WARMUP)")"
}

echo "measuring ($SAMPLES samples after $WARMUP warm-up launches; many workers: $ROUNDS rounds after $MANY_WARMUP)"
lifecycle started "register -> STARTED" "$SAMPLES"
lifecycle running "register -> entry point running" "$SAMPLES"
lifecycle round_trip "start + terminate + wait" "$SAMPLES"
lifecycle running_round_trip "start, running, terminate + wait" "$SAMPLES"
lifecycle restart "restart after crash (bgw_restart_time = 0)" "$RESTART_SAMPLES"
for n in 199 1000; do
    many running "$n" "$n workers running"
    many stop "$n" "$n workers started, terminated, waited"
done

if [ "$MEMORY" = 1 ]; then
    echo "  resident memory ..." >&2
    # 1000 waiting workers without a database connection (Elephas's bench workers), then 1000
    # connected ones (what worker_spi's workers are).
    pg_sql -c "select bgw_bench_launch(1000, null)" >/dev/null
    read -r pg_bare_pss pg_bare_rss pg_bare_procs <<<"$(pg_memory)"
    # SIGTERM (what pg_terminate_backend sends) to each by PID: workers without a database
    # connection are not in pg_stat_activity.
    bench_children | xargs -r kill -TERM
    # Slots are freed when the postmaster reaps the workers: wait until no child is one (or a zombie).
    for _ in $(seq 1 600); do
        [ -z "$(bench_children)" ] && break
        sleep 0.1
    done
    pg_sql -c "select bgw_bench_launch(1000, 'postgres')" >/dev/null
    read -r pg_conn_pss pg_conn_rss pg_conn_procs <<<"$(pg_memory)"

    # Elephas: the distribution, idle, then with 1000 worker_spi dynamic workers waiting on their
    # latches (naptime so long that none wakes while measured). max_worker_processes=1010 as for
    # PostgreSQL: the shipped configuration's ticker worker takes a slot too.
    elephas_port=$(free_port)
    "$ELEPHAS_HOME/bin/elephas" -D "$tmp/elephas-data" -p "$elephas_port" -c max_worker_processes=1010 \
        -c worker_spi.naptime=2147483647 >"$tmp/elephas.log" 2>&1 &
    elephas_pid=$!
    await_line "$tmp/elephas.log" "database system is ready to accept connections"
    el_sql() { psql -h 127.0.0.1 -p "$elephas_port" -U postgres -d postgres -AtqX -v ON_ERROR_STOP=1 "$@"; }
    el_sql -c "select 1" >/dev/null
    el_rss() { awk '$1 == "VmRSS:" {printf "%.1f", $2 / 1024}' "/proc/$elephas_pid/status"; }
    el_idle_rss=$(el_rss)
    el_sql -c "create extension worker_spi" >/dev/null
    for i in $(seq 1 1000); do echo "select worker_spi_launch($i);"; done | el_sql -f - >/dev/null
    # Each worker logs this once it has created its schema and entered its latch wait.
    for _ in $(seq 1 1200); do
        [ "$(grep -c 'initialized with schema' "$tmp/elephas.log" || true)" -ge 1000 ] && break
        sleep 0.1
    done
    el_ready=$(grep -c 'initialized with schema' "$tmp/elephas.log" || true)
    [ "$el_ready" -ge 1000 ] || die "only $el_ready of 1000 worker_spi workers initialized in Elephas (log: $tmp/elephas.log)"
    el_workers_rss=$(el_rss)

    record "PostgreSQL 15" "resident memory, idle" MB "$pg_idle_pss"
    record "PostgreSQL 15" "resident memory, 1000 workers" MB "$pg_conn_pss"
    record "PostgreSQL 15" "resident memory, 1000 workers (not connected)" MB "$pg_bare_pss"
    record "PostgreSQL 15" "resident memory, idle (RSS sum)" MB "$pg_idle_rss"
    record "PostgreSQL 15" "resident memory, 1000 workers (RSS sum)" MB "$pg_conn_rss"
    record "PostgreSQL 15" "resident memory, 1000 workers (not connected, RSS sum)" MB "$pg_bare_rss"
    record "Elephas" "resident memory, idle" MB "$el_idle_rss"
    record "Elephas" "resident memory, 1000 workers" MB "$el_workers_rss"
fi

# ---- results ----
python3 - "$series" "$out" "$pg_version" "$SAMPLES" "$WARMUP" "$RESTART_SAMPLES" "$ROUNDS" "$MANY_WARMUP" "$MEMORY" <<'EOF'
import json, statistics, sys
series_file, out, version, samples, warmup, restart_samples, rounds, many_warmup, memory = sys.argv[1:]
series = []
for line in open(series_file):
    system, measure, unit, values = line.rstrip("\n").split("|")
    series.append({"system": system, "measure": measure, "unit": unit,
                   "samples": [round(float(v), 3) for v in values.split(",") if v]})
notes = [
    f"{version}, max_worker_processes=1010, shared_preload_libraries = the bgw_bench library, otherwise initdb's defaults; measured inside a backend by "
    "the C extension benchmarks/pg/bgw_bench (RegisterDynamicBackgroundWorker, WaitForBackgroundWorker"
    "Startup/Shutdown, TerminateBackgroundWorker, bgw_notify_pid = the registrant)",
    f"single-worker measures: {samples} samples after {warmup} warm-up launches (restart: {restart_samples}); "
    f"many workers: {rounds} rounds after {many_warmup}",
    "entry point running: the worker sends the registrant a queued real-time signal; the registrant "
    "counts it in its handler and waits on its latch",
    "restart: a worker with bgw_restart_time = 0 signals then exits with FATAL (code 1); sample = time "
    "between the registrant's handler seeing its first and its restarted run",
]
if memory == "1":
    notes += [
        "resident memory, PostgreSQL: sum of Pss (smaps_rollup) over the postmaster and its children "
        "(the figure to use: shared buffers counted once); the RSS sums count shared memory once per process",
        "resident memory, 1000 workers: PostgreSQL with 1000 bgw_bench workers connected to database "
        "postgres waiting on their latches; Elephas (VmRSS of its one JVM process, default heap settings) "
        "with 1000 worker_spi dynamic workers (worker_spi_launch, each connected, schema created) waiting, plus the shipped ticker worker",
    ]
json.dump({"title": "Dynamic background worker lifecycle and resident memory, PostgreSQL 15 on this machine",
           "notes": notes, "series": series}, open(out, "w"), indent=1)

def q(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(p * len(v)))]
print()
print(f"{'system':14} {'measure':56} {'unit':4} {'n':>5} {'median':>10} {'p10':>10} {'p90':>10} {'p99':>10}")
for s in series:
    v = s["samples"]
    print(f"{s['system']:14} {s['measure']:56} {s['unit']:4} {len(v):5d} {statistics.median(v):10.1f} "
          f"{q(v, 0.1):10.1f} {q(v, 0.9):10.1f} {q(v, 0.99):10.1f}")
EOF
echo
echo "wrote $out"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
