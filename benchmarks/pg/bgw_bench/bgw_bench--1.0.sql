-- bgw_bench 1.0. benchmarks/pg-workers.sh runs this script with MODULE_PATHNAME replaced by
-- the library's absolute path (plain CREATE FUNCTION, no CREATE EXTENSION), so nothing is
-- installed into the server's directories.
\echo Use "CREATE EXTENSION bgw_bench" to load this file. \quit

-- One sample per launch, in microseconds, after `warmup` unrecorded launches. measure:
--   'started'      register -> WaitForBackgroundWorkerStartup returns STARTED
--   'running'      register -> the worker's entry point has signalled the registrant
--   'round_trip'   register, wait for startup, terminate, wait for shutdown
--   'running_round_trip'  the same, terminating once the entry point has signalled
--   'restart'      bgw_restart_time = 0: from the entry point's first run (signal, exit 1)
--                  to its run after the postmaster restarted it
CREATE FUNCTION bgw_bench_lifecycle(measure text, samples int, warmup int)
RETURNS float8[] AS 'MODULE_PATHNAME', 'bgw_bench_lifecycle' LANGUAGE C STRICT;

-- One sample per round, in milliseconds, after `warmup` unrecorded rounds: n workers at once.
--   'running'  register n waiting workers until every entry point has signalled
--   'stop'     register n, wait for each one's startup, terminate each, wait for each one's shutdown
CREATE FUNCTION bgw_bench_many(measure text, n int, rounds int, warmup int)
RETURNS float8[] AS 'MODULE_PATHNAME', 'bgw_bench_many' LANGUAGE C STRICT;

-- Launch n waiting workers (connected to database `dbname` when not null) and return once each
-- one's entry point runs (after connecting). They outlive the session: stop the server to end
-- them. For memory measurements.
CREATE FUNCTION bgw_bench_launch(n int, dbname text)
RETURNS int AS 'MODULE_PATHNAME', 'bgw_bench_launch' LANGUAGE C;
