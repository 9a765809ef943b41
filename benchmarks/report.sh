#!/bin/bash
# The performance report in one command: builds what it needs, runs every benchmark, and
# regenerates docs/performance.md and docs/performance.png from this run's figures.
#
#   benchmarks/report.sh             # the full run, about 30 minutes on 2 cores
#   QUICK=1 benchmarks/report.sh     # a smoke run, about 12 minutes: fewer forks, iterations and
#                                    # rounds; the figures are indicative only
#
# Environment:
#   QUICK        set to make the smoke run
#   STEPS        the steps to run (default "build workers pg-workers hooks pgbench deploy boot");
#                the report is generated from whatever result files the results directory holds;
#                STEPS=none only regenerates it (after editing the template, say)
#   RESULTS      the results directory (default benchmarks/target/report); emptied first unless
#                STEPS is set, so that a partial re-run can add to an earlier full one
#   OUTPUT       the Markdown written (default docs/performance.md; the plot goes beside it)
#   JAVA_HOME    the JDK for the benchmarks and the distribution (default: java on PATH)
#   PG_BIN       where initdb and postgres are (default: PATH, else /usr/lib/postgresql/15/bin)
#   AOT_JAVA_HOME  a JDK 25 or later for the boot step's JDK 25 rows (its CDS archive and its AOT
#                cache; see boot.sh); default: the first JDK 25+ found in /usr/lib/jvm, none if none
#   SETTLE_MAX   seconds each measuring step waits at most for the machine to be quiet first
#                (default 120; see settle below)
#
# Needs: PostgreSQL 15 (initdb, postgres, pgbench, psql) and, for the PostgreSQL side of the
# worker lifecycle, its server headers (Debian: apt-get install postgresql-server-dev-15). A step
# that fails is logged and left out of the report ("not measured in this run"); the command then
# exits non-zero after writing the report.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root" || exit 1
results=${RESULTS:-$root/benchmarks/target/report}
output=${OUTPUT:-$root/docs/performance.md}
steps=${STEPS:-"build workers pg-workers hooks pgbench deploy boot"}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jar=$root/benchmarks/target/benchmarks.jar
mkdir -p "$results"
[ -n "${STEPS:-}" ] || rm -f "$results"/*.json "$results"/*.log
log=$results/report.log
failed=()
started=$(date +%s)

if [ -n "${QUICK:-}" ]; then
    mode=quick
    jmh_workers=(-f 1 -wi 2 -i 3)
    jmh_many=(-f 1 -wi 3 -i 5)
    jmh_dispatch=(-f 1 -wi 3 -i 3)
    hook_pairs=(1 6 10)        # forks, warm-up seconds, measured seconds per fork
    pg_hook_pairs=(1 3 10)     # PgHookPairBenchmark: starts of its servers, warm-up and measured seconds
    pgbench_env=(DURATION=3 ROUNDS=1 WARMUP=3)
    pg_workers_env=(SAMPLES=200 WARMUP=50 RESTART_SAMPLES=50 ROUNDS=3 MANY_WARMUP=1)
    restart_args=(100 50)
    deploy_rounds=5
    boot_env=(ROUNDS=3)
else
    mode=full
    jmh_workers=()             # the annotations: 2 forks x (3 warmup + 5 measured 1 s iterations)
    jmh_many=()                # 2 forks x (5 warmup + 10 measured single shots)
    jmh_dispatch=(-f 1 -wi 5 -i 5)
    hook_pairs=(4 12 40)       # HookPairBenchmark: forks, warm-up and measured seconds per fork;
                               # about 4 minutes. The pairs are inside one fork, so that
                               # fork-to-fork variation (JIT decisions) cancels; more forks show it
    pg_hook_pairs=(2 5 40)     # PgHookPairBenchmark: starts of its three PostgreSQL servers, warm-up
                               # and measured seconds per start; about 2 minutes
    pgbench_env=(DURATION=10 ROUNDS=3 WARMUP=10)
    pg_workers_env=()          # pg-workers.sh's defaults: 1000 samples, 10 rounds of N workers
    restart_args=(1000 200)
    deploy_rounds=20
    boot_env=(ROUNDS=10)
fi

# Wait (at most SETTLE_MAX seconds) until the machine is quiet: at most one other runnable task
# (/proc/stat's procs_running counts the reader too) in 6 samples in a row, half a second apart.
# A step that follows a heavy one (1000 PostgreSQL processes ending, a Maven build's JIT and GC
# winding down) would otherwise measure their tail. Prints how long it waited.
settle() {
    local quiet=0 waited=0 max=${SETTLE_MAX:-120} running
    while [ "$waited" -lt $((max * 2)) ]; do
        running=$(awk '/^procs_running/ {print $2}' /proc/stat)
        if [ "$running" -le 2 ]; then quiet=$((quiet + 1)); else quiet=0; fi
        [ "$quiet" -ge 6 ] && { echo "settled in $((waited / 2)) s"; return 0; }
        sleep 0.5
        waited=$((waited + 1))
    done
    echo "not settled after $max s ($running runnable); measuring anyway"
}

# Run one step, its output appended to the log; a failure is recorded, not fatal.
step() {
    local name=$1; shift
    case " $steps " in *" $name "*) ;; *) return 0 ;; esac
    [ "$name" = build ] || echo "   $(settle)" | tee -a "$log"
    # The load average lags (it stays high for minutes after a heavy step has ended); the
    # runnable tasks other than this script's awk are what the step starts next to.
    echo "== $name ($(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1 /proc/loadavg)," \
        "runnable $(awk '/^procs_running/ {print $2 - 1}' /proc/stat))" | tee -a "$log"
    step_start=$(date +%s)
    if "$@" >>"$log" 2>&1; then
        echo "   done in $(( $(date +%s) - step_start ))s" | tee -a "$log"
    else
        echo "   FAILED (see $log)" | tee -a "$log"
        failed+=("$name")
    fi
}
step_start=0
ran_any=
run_step() {
    case " $steps " in *" $1 "*) ran_any=1 ;; esac
    step_start=$(date +%s)
    step "$@"
}

run_step build ./mvnw -B -q -DskipTests package

jmh() { # result name, benchmark regexp, JMH options...
    local name=$1 regexp=$2; shift 2
    "$here/run.sh" "$regexp" "$@" -rf json -rff "$results/jmh-$name.json"
}

workers() {
    jmh workers 'WorkerLifecycleBenchmark' "${jmh_workers[@]}" &&
    jmh many-workers 'ManyDynamicWorkersBenchmark' "${jmh_many[@]}" &&
    "$java" -cp "$jar" org.elephas.benchmarks.WorkerRestartBenchmark "${restart_args[@]}" "$results/restart.json"
}
hooks() {
    jmh dispatch 'HookDispatchBenchmark' "${jmh_dispatch[@]}" || return 1
    # What the sample extensions add per statement: one server per fork, their hooks taken out
    # and put back between batches, each batch's CPU time per statement paired with the batch
    # without hooks of the same round (HookPairBenchmark).
    "$java" -cp "$jar" org.elephas.benchmarks.HookPairBenchmark "${hook_pairs[@]}" "$results/hook-pairs.json" || return 1
    # PostgreSQL's own pg_stat_statements + auto_explain, measured the same way in this run: a
    # server preloading both and one preloading nothing, each batch's backend CPU time per
    # statement paired (PgHookPairBenchmark); the report puts it beside the samples' figure.
    local pg_bin=${PG_BIN:-$(dirname "$(command -v postgres 2>/dev/null || echo /usr/lib/postgresql/15/bin/postgres)")}
    if [ -x "$pg_bin/postgres" ] && [ -x "$pg_bin/initdb" ] && [ -x "$pg_bin/pg_ctl" ]; then
        PG_BIN=$pg_bin "$java" -cp "$jar" org.elephas.benchmarks.PgHookPairBenchmark "${pg_hook_pairs[@]}" \
            "$results/pg-hook-pairs.json"
    else
        echo "no PostgreSQL 15 in $pg_bin (set PG_BIN): PgHookPairBenchmark skipped, the report shows Elephas's figures alone"
    fi
}

record_machine() {
    local pg_bin=${PG_BIN:-$(dirname "$(command -v postgres 2>/dev/null || echo /usr/lib/postgresql/15/bin/postgres)")}
    {
        echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
        echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
        echo "mode=$mode"
        echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
        echo "cores=$(nproc)"
        echo "memory=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
        echo "kernel=$(uname -sr)$(systemd-detect-virt >/dev/null 2>&1 && echo ", virtualised ($(systemd-detect-virt))")"
        echo "java=$("$java" -version 2>&1 | sed -n 2p), GC and heap defaults"
        echo "postgres=$("$pg_bin/postgres" --version 2>/dev/null || echo 'not found'), $(pgbench --version 2>/dev/null || echo 'no pgbench')"
        echo "load.start=$load_start"
        echo "load.end=$(cut -d' ' -f1-3 /proc/loadavg)"
        local s=$(( $(date +%s) - started ))
        echo "duration=$(( s / 60 )) min $(( s % 60 )) s"
    } >"$results/machine.properties"
}
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# A JDK 25 or later for the boot step's AOT cache rows: AOT_JAVA_HOME, else the first in
# /usr/lib/jvm whose release file says so; nothing when there is none.
jdk25() {
    if [ -n "${AOT_JAVA_HOME:-}" ]; then echo "$AOT_JAVA_HOME"; return; fi
    local release version
    for release in /usr/lib/jvm/*/release; do
        [ -f "$release" ] || continue
        version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
        if [ "${version:-0}" -ge 25 ] && [ -x "${release%/release}/bin/java" ]; then
            echo "${release%/release}"
            return
        fi
    done
}

if [ -f "$jar" ]; then
    run_step workers workers
    run_step pg-workers env "${pg_workers_env[@]}" "$here/pg-workers.sh" "$results/pg-workers.json"
    run_step hooks hooks
    run_step pgbench env "${pgbench_env[@]}" RESULTS="$results/pgbench.json" "$here/pgbench.sh"
    run_step deploy "$java" -cp "$jar" org.elephas.benchmarks.DeployLatencyBenchmark "$deploy_rounds" "$results/deploy.json"
    run_step boot env "${boot_env[@]}" AOT_JAVA_HOME="$(jdk25)" "$here/boot.sh" "$results/boot.json"
else
    echo "no $jar: the build failed" | tee -a "$log"
    failed+=(benchmarks)
fi

# A run that measured nothing (STEPS naming no step) only regenerates the report: it keeps the
# machine description of the run that measured.
if [ ! -f "$results/machine.properties" ] || { [ -n "$ran_any" ] && [ -z "${STEPS:-}" ]; }; then
    record_machine
elif [ -n "$ran_any" ]; then
    # A partial re-run keeps the full run's description and says what it re-measured.
    echo "reruns=$(sed -n 's/^reruns=//p' "$results/machine.properties")${steps} on $(git rev-parse --short HEAD) at $(date -u '+%H:%M UTC'); " \
        >"$results/rerun.tmp"
    grep -v '^reruns=' "$results/machine.properties" >>"$results/rerun.tmp"
    mv "$results/rerun.tmp" "$results/machine.properties"
fi
"$java" -cp "$jar" org.elephas.benchmarks.report.PerformanceReport "$results" "$here/report/performance.template.md" \
    "$output" "$(dirname "$output")/performance.png" || failed+=(report)

if [ ${#failed[@]} -gt 0 ]; then
    echo "report.sh: failed steps: ${failed[*]} (log: $log)" >&2
    exit 1
fi
echo "report.sh: $output regenerated in $(( ($(date +%s) - started) / 60 )) min (results and log in $results)"
