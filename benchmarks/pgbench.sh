#!/bin/bash
# End to end over the wire: real pgbench against Elephas (the built distribution) and PostgreSQL
# 15 on this machine, started side by side, each workload run on both back to back (interleaved),
# printing tps and per-statement latency with the ratio. Builds nothing: build first from the
# repository root with  ./mvnw -B -q -DskipTests package
#
#   benchmarks/pgbench.sh                     # 10 s per run
#   DURATION=30 CLIENTS="1 8" benchmarks/pgbench.sh
#
# Environment:
#   DURATION       seconds per measured run (default 10)
#   ROUNDS         measured runs per workload and server, alternating PostgreSQL and Elephas;
#                  the median tps and latency are reported (default 1; 3 on a noisy machine)
#   WARMUP         seconds of warm-up per workload and server, at the first client count, before
#                  anything is measured (default 10: the JVM's JIT needs it on 2 cores)
#   CLIENTS        client counts (default "1 8"); pgbench threads: min(clients, CORES)
#   CORES          most pgbench threads (default 2)
#   WORKLOADS      which workloads (default "select1-simple select1-prepared S-simple S-prepared
#                  tpcb-simple tpcb-prepared"); the tpcb ones (pgbench's builtin tpcb-like) change
#                  the tables, and each run is checked for consistent balances afterwards
#   ELEPHAS_HOME   the distribution (default host/target/elephas of this repository)
#   PG_BIN         the directory with initdb and postgres (default: PATH, else
#                  /usr/lib/postgresql/15/bin)
#   RESULTS        also write the results as JSON to this file (or give the path as the first
#                  argument): per workload and client count, tps (unit "tps") and latency per
#                  statement (unit "us") for "Elephas" and "PostgreSQL 15", one sample per round,
#                  and "pgbench -i -s 1" (unit "s")
#   ELEPHAS_JAVA_OPTS  passed to bin/elephas (e.g. -XX:StartFlightRecording=filename=/tmp/e.jfr)
#   KEEP           set to keep the temporary directory (data directories, server logs)
#
# Both servers run with their default settings on 127.0.0.1 (PostgreSQL also on a Unix socket in
# the temporary directory, unused). Run as root, PostgreSQL runs as the user "postgres".
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
RESULTS=${1:-${RESULTS:-}}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-1}
WARMUP=${WARMUP:-10}
CLIENTS=${CLIENTS:-"1 8"}
CORES=${CORES:-2}
WORKLOADS=${WORKLOADS:-"select1-simple select1-prepared S-simple S-prepared tpcb-simple tpcb-prepared"}
ELEPHAS_HOME=${ELEPHAS_HOME:-$here/../host/target/elephas}

die() { echo "pgbench.sh: $*" >&2; exit 1; }
[ -z "$RESULTS" ] || touch "$RESULTS" || die "cannot write $RESULTS"

. "$here/lib/servers.sh"
require_both_servers
command -v pgbench >/dev/null || die "pgbench is not on PATH"
command -v psql >/dev/null || die "psql is not on PATH"

tmp=$(mktemp -d /tmp/elephas-pgbench.XXXXXX)
chmod 755 "$tmp"
samples=$tmp/samples.tsv   # system, measure, unit, value: one line per observation
: >"$samples"
sample() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$samples"; }
elephas_pid=
pg_pid=

trap stop_servers_and_clean EXIT
trap 'exit 130' INT TERM

echo "machine: $(nproc) CPUs, $(uname -r), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)"
echo "postgres: $("$PG_BIN/postgres" --version)   pgbench: $(pgbench --version)"

# ---- PostgreSQL 15 ----
pg_port=$(free_port)
mkdir "$tmp/pg"
[ "$(id -u)" = 0 ] && chown postgres "$tmp/pg"
as_pg "$PG_BIN/initdb" -D "$tmp/pg/data" -U postgres -A trust >"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log" >&2; die "initdb failed"; }
as_pg "$PG_BIN/postgres" -D "$tmp/pg/data" -p "$pg_port" -k "$tmp/pg" -c listen_addresses=127.0.0.1 \
    >"$tmp/pg/postgres.log" 2>&1 &
pg_pid=$!
await_line "$tmp/pg/postgres.log" "database system is ready to accept connections"

# ---- Elephas ----
elephas_port=$(free_port)
"$ELEPHAS_HOME/bin/elephas" -D "$tmp/elephas-data" -p "$elephas_port" >"$tmp/elephas.log" 2>&1 &
elephas_pid=$!
await_line "$tmp/elephas.log" "database system is ready to accept connections"

echo "PostgreSQL: pid $pg_pid port $pg_port   Elephas: pid $elephas_pid port $elephas_port   data: $tmp"
echo

bench() { # port, args...
    local port=$1; shift
    pgbench -h 127.0.0.1 -p "$port" -U postgres "$@" postgres 2>&1
}

# pgbench -i -s 1 on both, timed by pgbench itself.
init_line() {
    bench "$1" -i -s 1 -q | grep '^done in' || echo "(failed)"
}
init_seconds() { sed -n 's/^done in \([0-9.]*\) s.*/\1/p' <<<"$1"; }
echo "pgbench -i -s 1 (COPY of 100000 rows, primary keys):"
pg_init=$(init_line "$pg_port")
el_init=$(init_line "$elephas_port")
echo "  PostgreSQL: $pg_init"
echo "  Elephas:    $el_init"
echo
[ -n "$(init_seconds "$pg_init")" ] && sample "PostgreSQL 15" "pgbench -i -s 1" s "$(init_seconds "$pg_init")"
[ -n "$(init_seconds "$el_init")" ] && sample "Elephas" "pgbench -i -s 1" s "$(init_seconds "$el_init")"

printf 'SELECT 1;\n' >"$tmp/select1.sql"
workload_args() {
    case $1 in
        select1-simple) echo "-f $tmp/select1.sql -M simple" ;;
        select1-prepared) echo "-f $tmp/select1.sql -M prepared" ;;
        S-simple) echo "-S -M simple" ;;
        S-prepared) echo "-S -M prepared" ;;
        tpcb-simple) echo "-b tpcb-like -M simple" ;;
        tpcb-prepared) echo "-b tpcb-like -M prepared" ;;
        *) die "unknown workload $1" ;;
    esac
}

# A human label for a workload, for the results.
label_of() {
    case $1 in
        select1-*) echo "SELECT 1, ${1#select1-}" ;;
        S-*) echo "pgbench -S, ${1#S-}" ;;
        tpcb-*) echo "TPC-B-like, ${1#tpcb-}" ;;
    esac
}

# tps, and the mean latency (ms) of the script's SQL statements from -r (\set lines are not
# statements; the -r lines are: latency, failures, statement).
tps_of() { sed -n 's/^tps = \([0-9.]*\) .*/\1/p' <<<"$1"; }
latency_of() { awk '/statement latencies in milliseconds/ {s=1; next} s && $0 !~ /\\set/ && NF >= 3 {t+=$1; n++} END {if (n) printf "%.4f", t/n}' <<<"$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.2f", a / b }'; }
us() { awk -v ms="$1" 'BEGIN { if (ms == "") print "-"; else printf "%.1f", ms * 1000 }'; }

run_one() { # port, clients, workload, seconds
    local threads=$2
    [ "$threads" -gt "$CORES" ] && threads=$CORES
    # shellcheck disable=SC2046
    bench "$1" -n -r -c "$2" -j "$threads" -T "$4" $(workload_args "$3")
}

check() { # output, label
    if ! grep -q '^number of failed transactions: 0 ' <<<"$1" || grep -qi 'aborted' <<<"$1"; then
        echo "$2 failed:" >&2
        echo "$1" >&2
        exit 1
    fi
}

# After TPC-B-like transactions every balance change is in all three tables and in the history.
consistent() { # port, label
    local q="SELECT (SELECT sum(abalance) FROM pgbench_accounts) = (SELECT sum(bbalance) FROM pgbench_branches)
        AND (SELECT sum(bbalance) FROM pgbench_branches) = (SELECT sum(tbalance) FROM pgbench_tellers)
        AND (SELECT sum(tbalance) FROM pgbench_tellers) = (SELECT coalesce(sum(delta), 0) FROM pgbench_history)"
    local ok
    ok=$(psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -XAtc "$q" 2>&1) || true
    [ "$ok" = t ] || die "$2: balances are not consistent after the run ($ok)"
}

if [ "$WARMUP" -gt 0 ]; then
    first_clients=${CLIENTS%% *}
    echo "warming up: ${WARMUP} s per workload and server at $first_clients client(s)"
    for workload in $WORKLOADS; do
        run_one "$pg_port" "$first_clients" "$workload" "$WARMUP" >/dev/null
        run_one "$elephas_port" "$first_clients" "$workload" "$WARMUP" >/dev/null
    done
    echo
fi

echo "measured: ${DURATION} s per run, median of ${ROUNDS} run(s) each; E/PG = Elephas / PostgreSQL (tps: higher is better; latency: lower is better)"
printf '%-17s %7s | %10s %11s %6s | %10s %15s %6s\n' workload clients "PG tps" "Elephas tps" "E/PG" "PG us/stmt" "Elephas us/stmt" "E/PG"
# The median of the numbers on standard input.
median() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

for workload in $WORKLOADS; do
    for clients in $CLIENTS; do
        pg_tps=(); el_tps=(); pg_lat=(); el_lat=()
        for _ in $(seq 1 "$ROUNDS"); do
            pg_out=$(run_one "$pg_port" "$clients" "$workload" "$DURATION")
            check "$pg_out" "PostgreSQL $workload $clients"
            el_out=$(run_one "$elephas_port" "$clients" "$workload" "$DURATION")
            check "$el_out" "Elephas $workload $clients"
            if [[ $workload == tpcb-* ]]; then
                consistent "$pg_port" "PostgreSQL $workload $clients"
                consistent "$elephas_port" "Elephas $workload $clients"
            fi
            measure="$(label_of "$workload"), $clients client$([ "$clients" = 1 ] || echo s)"
            sample "PostgreSQL 15" "$measure, tps" tps "$(tps_of "$pg_out")"
            sample "Elephas" "$measure, tps" tps "$(tps_of "$el_out")"
            sample "PostgreSQL 15" "$measure, latency per statement" us "$(us "$(latency_of "$pg_out")")"
            sample "Elephas" "$measure, latency per statement" us "$(us "$(latency_of "$el_out")")"
            pg_tps+=("$(tps_of "$pg_out")"); el_tps+=("$(tps_of "$el_out")")
            pg_lat+=("$(latency_of "$pg_out")"); el_lat+=("$(latency_of "$el_out")")
        done
        pt=$(printf '%s\n' "${pg_tps[@]}" | median); et=$(printf '%s\n' "${el_tps[@]}" | median)
        pl=$(printf '%s\n' "${pg_lat[@]}" | median); el=$(printf '%s\n' "${el_lat[@]}" | median)
        printf '%-17s %7s | %10.0f %11.0f %6s | %10s %15s %6s\n' "$workload" "$clients" "$pt" "$et" \
            "$(ratio "$et" "$pt")" "$(us "$pl")" "$(us "$el")" "$(ratio "$el" "$pl")"
    done
done
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -n "$RESULTS" ]; then
    python3 - "$samples" "$RESULTS" "$DURATION" "$ROUNDS" "$WARMUP" "$CORES" "$(pgbench --version)" \
        "$("$PG_BIN/postgres" --version)" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, sys
samples, out, duration, rounds, warmup, cores, pgbench, postgres, load = sys.argv[1:]
series = {}
for line in open(samples):
    system, measure, unit, value = line.rstrip("\n").split("\t")
    if value in ("", "-"):
        continue
    s = series.setdefault((system, measure, unit), [])
    s.append(float(value))
doc = {"title": "pgbench end to end: Elephas and PostgreSQL 15 side by side",
       "notes": [f"{pgbench}, {postgres}, both with default settings on 127.0.0.1",
                 f"{duration} s per run, {rounds} round(s) alternating the servers, {warmup} s warm-up, "
                 f"-j min(clients, {cores}), -n -r",
                 "latency per statement: the mean of the script's statements from pgbench -r",
                 f"load average at the end: {load}"],
       "series": [{"system": k[0], "measure": k[1], "unit": k[2], "samples": v} for k, v in series.items()]}
with open(out, "w") as f:
    json.dump(doc, f, indent=1)
    f.write("\n")
PY
    echo "results: $RESULTS"
fi
