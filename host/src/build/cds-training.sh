#!/bin/sh
# Build step (antrun, package phase): one training boot of the assembled distribution, so that
# it ships the class cache for the JDK that built it (lib/cds/, see bin/elephas and
# docs/operations.md): a JDK AOT cache on JDK 25 and later, a class-data sharing archive on
# older JDKs. The server boots with the sample extensions preloaded on a throwaway data
# directory (ELEPHAS_CDS=write), serves one client (TrainingClient.java), is stopped, and writes
# the cache as it exits; the file is then given its final name. Never fails the build: without a cache the
# distribution works, only its first start is slower (it writes an archive itself then).
#
#   cds-training.sh DISTRIBUTION WORKDIR
dist=$1
work=$2
rm -rf "$work"
mkdir -p "$work" || exit 0
# The data directory and log live in $work; a stale archive of an earlier build is replaced.
ELEPHAS_CDS=write ELEPHAS_CDS_DIR=$dist/lib/cds "$dist/bin/elephas" -D "$work/data" -p 0 -c listen_addresses=127.0.0.1 \
    -c shared_preload_bundles=audit,stat_statements,auto_explain,ticker,worker_spi >"$work/server.log" 2>&1 &
pid=$!
i=0
while ! grep -q 'database system is ready to accept connections' "$work/server.log" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$i" -ge 1200 ]; then
        echo "cds-training.sh: the training server did not become ready; the distribution has no class cache" >&2
        kill -KILL "$pid" 2>/dev/null
        exit 0
    fi
    i=$((i + 1))
    sleep 0.1
done
# The first client every boot serves: connect, a simple and an extended-protocol statement
# (TrainingClient.java beside this script, run as a single-file program by the building JDK).
port=$(sed -n 's/.*listening on IPv4 address "127.0.0.1", port \([0-9]*\).*/\1/p' "$work/server.log" | head -1)
if [ -n "${JAVA:-}" ]; then java=$JAVA; elif [ -n "${JAVA_HOME:-}" ]; then java=$JAVA_HOME/bin/java; else java=java; fi
if [ -z "$port" ] || ! "$java" "$(dirname "$0")/TrainingClient.java" 127.0.0.1 "$port" >"$work/client.log" 2>&1; then
    echo "cds-training.sh: the training client did not run (the cache holds the boot only): $(cat "$work/client.log" 2>/dev/null)" >&2
fi
kill -TERM "$pid"
wait "$pid"
for pending in "$dist"/lib/cds/elephas-jdk*-*."$pid".jsa "$dist"/lib/cds/elephas-jdk*-*."$pid".aot; do
    [ -f "$pending" ] && mv -f "$pending" "${pending%."$pid".*}.${pending##*.}"
done
written=
for cache in "$dist"/lib/cds/*.jsa "$dist"/lib/cds/*.aot; do
    [ -f "$cache" ] && written=yes
done
[ -n "$written" ] || echo "cds-training.sh: no class cache was written" >&2
rm -rf "$work"
exit 0
