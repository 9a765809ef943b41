# Shared by the scripts that start PostgreSQL and the Elephas distribution side by side
# (pgbench.sh, pg-workers.sh, boot.sh). Source it after defining die(); it uses $tmp, $pg_pid,
# $elephas_pid and $KEEP of the sourcing script.

# Check that the built distribution ($ELEPHAS_HOME) and PostgreSQL's initdb and postgres are
# there; sets PG_BIN when unset (PATH, else Debian's /usr/lib/postgresql/15/bin).
require_both_servers() {
    [ -x "$ELEPHAS_HOME/bin/elephas" ] || die "$ELEPHAS_HOME/bin/elephas is missing; build first: ./mvnw -B -q -DskipTests package"
    if [ -z "${PG_BIN:-}" ]; then
        if command -v initdb >/dev/null && command -v postgres >/dev/null; then
            PG_BIN=$(dirname "$(command -v postgres)")
        else
            PG_BIN=/usr/lib/postgresql/15/bin
        fi
    fi
    [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/postgres" ] || die "no initdb/postgres in $PG_BIN (set PG_BIN)"
}

# Run a command as the user "postgres" when root (PostgreSQL refuses to run as root).
as_pg() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# A free TCP port on 127.0.0.1.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Wait until a log file has a line matching a pattern, or fail after 60 s.
await_line() {
    local file=$1 pattern=$2
    for _ in $(seq 1 600); do
        if grep -q "$pattern" "$file" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    cat "$file" >&2
    die "timed out waiting for '$pattern' in $file"
}

# Stop both servers by their PIDs (never by name) and remove the temporary directory unless
# KEEP is set: Elephas with SIGTERM (SIGKILL after 10 s), PostgreSQL with a fast shutdown.
stop_servers_and_clean() {
    if [ -n "${elephas_pid:-}" ] && kill -0 "$elephas_pid" 2>/dev/null; then
        kill -TERM "$elephas_pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$elephas_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$elephas_pid" 2>/dev/null || true
    fi
    if [ -n "${pg_pid:-}" ] && kill -0 "$pg_pid" 2>/dev/null; then
        kill -INT "$pg_pid" 2>/dev/null || true
        for _ in $(seq 1 300); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.1; done
    fi
    if [ -n "${KEEP:-}" ]; then
        echo "kept $tmp"
    else
        rm -rf "$tmp"
    fi
}
