/*
 * bgw_bench: measures PostgreSQL's dynamic background worker lifecycle from inside a backend,
 * the way Elephas's worker benchmarks measure Elephas's (benchmarks/pg-workers.sh,
 * docs/performance.md "PostgreSQL side by side: worker lifecycle").
 *
 * The calling backend is the registrant: it registers workers with bgw_notify_pid = its PID and
 * uses RegisterDynamicBackgroundWorker, WaitForBackgroundWorkerStartup,
 * TerminateBackgroundWorker and WaitForBackgroundWorkerShutdown, timing with CLOCK_MONOTONIC.
 *
 * A worker that reports "my entry point runs" sends the registrant a queued real-time signal
 * (sigqueue) carrying a token; the registrant's handler counts arrivals with the current token,
 * notes the time of the first two, and sets its latch; the registrant waits with the latch
 * protocol. This is what Elephas's benchmark registrant does with SIGUSR2. A real-time signal is
 * used because those are queued rather than merged (so N concurrent workers are N arrivals),
 * and the token lets the registrant ignore a late report from an earlier sample's worker.
 *
 * benchmarks/pg-workers.sh preloads the library by its absolute path (shared_preload_libraries),
 * as Elephas's benchmark bundle is preloaded, so a forked worker finds it already loaded; the
 * SQL functions are created with that path too.
 *
 * The waiting worker is worker_spi's main loop without the work: SIGTERM handler die, unblock
 * signals, then WaitLatch / ResetLatch / CHECK_FOR_INTERRUPTS until terminated.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE				/* dladdr */
#endif
#include "postgres.h"

#include <dlfcn.h>
#include <signal.h>
#include <time.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "tcop/tcopprot.h"
#include "utils/array.h"
#include "utils/builtins.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(bgw_bench_lifecycle);
PG_FUNCTION_INFO_V1(bgw_bench_many);
PG_FUNCTION_INFO_V1(bgw_bench_launch);

PGDLLEXPORT void bgw_bench_main(Datum main_arg);
void		_PG_init(void);

/* What a worker does once its entry point runs. */
typedef enum BenchMode
{
	MODE_WAIT = 'w',			/* wait on the latch until terminated */
	MODE_SIGNAL_WAIT = 's',		/* report, then wait until terminated */
	MODE_SIGNAL_EXIT = 'x',		/* report, then return (exit code 0) */
	MODE_SIGNAL_FAIL = 'f',		/* report, then FATAL (exit code 1: restarted) */
	MODE_CONNECT_WAIT = 'c'		/* connect to a database, report, wait until terminated */
} BenchMode;

/* Carried in bgw_extra. */
typedef struct BenchExtra
{
	char		mode;
	int			token;
	char		dbname[NAMEDATALEN];
} BenchExtra;

StaticAssertDecl(sizeof(BenchExtra) <= BGW_EXTRALEN, "BenchExtra does not fit bgw_extra");

#define REPORT_SIGNAL (SIGRTMIN + 5)
#define PATIENCE_MS 60000

/* This library's absolute path, as the server loaded it: every worker loads the same file. */
static char library_path[MAXPGPATH];

/* Registrant side, written by the signal handler. */
static volatile sig_atomic_t expected_token;
static volatile sig_atomic_t arrivals;
static volatile int64 arrival_ns[2];
static int	last_token;

static inline int64
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void
report_handler(int signo, siginfo_t *info, void *context)
{
	int			save_errno = errno;

	if (info->si_code == SI_QUEUE && info->si_value.sival_int == expected_token)
	{
		if (arrivals < 2)
			arrival_ns[arrivals] = now_ns();
		arrivals = arrivals + 1;
		SetLatch(MyLatch);
	}
	errno = save_errno;
}

void
_PG_init(void)
{
	Dl_info		info;

	if (dladdr((void *) bgw_bench_main, &info) == 0 || info.dli_fname == NULL)
		elog(ERROR, "bgw_bench: cannot find the library's own path");
	strlcpy(library_path, info.dli_fname, sizeof(library_path));
}

/*
 * Install the report handler in the registrant, at its first measurement: not in _PG_init,
 * which runs in the postmaster when the library is preloaded (and every child inherits the
 * library without running it again).
 */
static void
ensure_report_handler(void)
{
	static bool installed = false;
	struct sigaction sa;

	if (installed)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = report_handler;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(REPORT_SIGNAL, &sa, NULL) != 0)
		elog(ERROR, "bgw_bench: sigaction failed: %m");
	installed = true;
}

/* ---- worker ---- */

static void
report_to(pid_t registrant, int token)
{
	union sigval value;

	value.sival_int = token;
	if (sigqueue(registrant, REPORT_SIGNAL, value) != 0)
		elog(LOG, "bgw_bench: could not signal the registrant (PID %d): %m", (int) registrant);
}

static void
wait_until_terminated(void)
{
	for (;;)
	{
		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_EXIT_ON_PM_DEATH, -1L, PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
		CHECK_FOR_INTERRUPTS();
	}
}

void
bgw_bench_main(Datum main_arg)
{
	BenchExtra	extra;
	pid_t		registrant = DatumGetInt32(main_arg);

	memcpy(&extra, MyBgworkerEntry->bgw_extra, sizeof(extra));
	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();

	switch ((BenchMode) extra.mode)
	{
		case MODE_WAIT:
			wait_until_terminated();
			break;
		case MODE_SIGNAL_WAIT:
			report_to(registrant, extra.token);
			wait_until_terminated();
			break;
		case MODE_CONNECT_WAIT:
			BackgroundWorkerInitializeConnection(extra.dbname, NULL, 0);
			report_to(registrant, extra.token);
			wait_until_terminated();
			break;
		case MODE_SIGNAL_EXIT:
			report_to(registrant, extra.token);
			break;
		case MODE_SIGNAL_FAIL:
			report_to(registrant, extra.token);
			ereport(FATAL, (errmsg("bgw_bench: exiting with failure to be restarted")));
			break;
	}
	proc_exit(0);
}

/* ---- registrant ---- */

/* Start a new sample: reports with older tokens are ignored from now on. */
static int
next_token(void)
{
	ensure_report_handler();
	last_token++;
	if (last_token <= 0)
		last_token = 1;
	arrivals = 0;
	expected_token = last_token;
	return last_token;
}

static BackgroundWorkerHandle *
register_worker(BenchMode mode, int token, int restart_time, const char *dbname)
{
	BackgroundWorker worker;
	BackgroundWorkerHandle *handle;
	BenchExtra	extra;

	if (strlen(library_path) >= BGW_MAXLEN)
		ereport(ERROR, (errmsg("bgw_bench: library path \"%s\" is longer than bgw_library_name allows (%d bytes)",
							   library_path, BGW_MAXLEN - 1)));
	memset(&worker, 0, sizeof(worker));
	worker.bgw_flags = BGWORKER_SHMEM_ACCESS;
	if (mode == MODE_CONNECT_WAIT)
		worker.bgw_flags |= BGWORKER_BACKEND_DATABASE_CONNECTION;
	worker.bgw_start_time = BgWorkerStart_RecoveryFinished;
	worker.bgw_restart_time = restart_time;
	strlcpy(worker.bgw_library_name, library_path, BGW_MAXLEN);
	strlcpy(worker.bgw_function_name, "bgw_bench_main", BGW_MAXLEN);
	snprintf(worker.bgw_name, BGW_MAXLEN, "bgw_bench worker (%c)", (char) mode);
	snprintf(worker.bgw_type, BGW_MAXLEN, "bgw_bench");
	worker.bgw_main_arg = Int32GetDatum(MyProcPid);
	worker.bgw_notify_pid = MyProcPid;
	memset(&extra, 0, sizeof(extra));
	extra.mode = (char) mode;
	extra.token = token;
	if (dbname != NULL)
		strlcpy(extra.dbname, dbname, sizeof(extra.dbname));
	memcpy(worker.bgw_extra, &extra, sizeof(extra));

	if (!RegisterDynamicBackgroundWorker(&worker, &handle))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_RESOURCES),
				 errmsg("could not register background process"),
				 errhint("You may need to increase max_worker_processes.")));
	return handle;
}

static void
await_startup(BackgroundWorkerHandle *handle)
{
	pid_t		pid;
	BgwHandleStatus status = WaitForBackgroundWorkerStartup(handle, &pid);

	if (status != BGWH_STARTED)
		ereport(ERROR, (errmsg("bgw_bench: WaitForBackgroundWorkerStartup returned %d", (int) status)));
}

static void
await_shutdown(BackgroundWorkerHandle *handle)
{
	BgwHandleStatus status = WaitForBackgroundWorkerShutdown(handle);

	if (status != BGWH_STOPPED)
		ereport(ERROR, (errmsg("bgw_bench: WaitForBackgroundWorkerShutdown returned %d", (int) status)));
}

static void
stop(BackgroundWorkerHandle *handle)
{
	TerminateBackgroundWorker(handle);
	await_shutdown(handle);
	pfree(handle);
}

/* The latch protocol: check, wait, reset, until `count` workers have reported. */
static void
await_arrivals(int count)
{
	int64		deadline = now_ns() + (int64) PATIENCE_MS * 1000000;

	while (arrivals < count)
	{
		int			rc = WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
								   PATIENCE_MS, PG_WAIT_EXTENSION);

		ResetLatch(MyLatch);
		CHECK_FOR_INTERRUPTS();
		if (arrivals < count && ((rc & WL_TIMEOUT) || now_ns() > deadline))
			ereport(ERROR, (errmsg("bgw_bench: %d of %d workers reported within %d ms",
								   (int) arrivals, count, PATIENCE_MS)));
	}
}

static ArrayType *
float8_array(double *values, int n)
{
	Datum	   *datums = palloc(sizeof(Datum) * Max(n, 1));
	int			i;

	for (i = 0; i < n; i++)
		datums[i] = Float8GetDatum(values[i]);
	return construct_array(datums, n, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
}

/* One launch of `measure`; returns the measured time in nanoseconds. */
static int64
lifecycle_once(const char *measure)
{
	BackgroundWorkerHandle *h;
	int			token = next_token();
	int64		t0,
				t1;

	if (strcmp(measure, "started") == 0)
	{
		t0 = now_ns();
		h = register_worker(MODE_WAIT, token, BGW_NEVER_RESTART, NULL);
		await_startup(h);
		t1 = now_ns();
		stop(h);				/* not measured, as the JMH per-invocation teardown */
	}
	else if (strcmp(measure, "running") == 0)
	{
		t0 = now_ns();
		h = register_worker(MODE_SIGNAL_EXIT, token, BGW_NEVER_RESTART, NULL);
		await_arrivals(1);
		t1 = now_ns();
		stop(h);
	}
	else if (strcmp(measure, "round_trip") == 0)
	{
		t0 = now_ns();
		h = register_worker(MODE_WAIT, token, BGW_NEVER_RESTART, NULL);
		await_startup(h);
		TerminateBackgroundWorker(h);
		await_shutdown(h);
		t1 = now_ns();
		pfree(h);
	}
	else if (strcmp(measure, "running_round_trip") == 0)
	{
		t0 = now_ns();
		h = register_worker(MODE_SIGNAL_WAIT, token, BGW_NEVER_RESTART, NULL);
		await_arrivals(1);
		TerminateBackgroundWorker(h);
		await_shutdown(h);
		t1 = now_ns();
		pfree(h);
	}
	else if (strcmp(measure, "restart") == 0)
	{
		h = register_worker(MODE_SIGNAL_FAIL, token, 0, NULL);
		await_arrivals(2);
		t0 = arrival_ns[0];
		t1 = arrival_ns[1];
		stop(h);
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown measure \"%s\"", measure),
				 errhint("One of started, running, round_trip, running_round_trip, restart.")));
	return t1 - t0;
}

Datum
bgw_bench_lifecycle(PG_FUNCTION_ARGS)
{
	char	   *measure = text_to_cstring(PG_GETARG_TEXT_PP(0));
	int			samples = PG_GETARG_INT32(1);
	int			warmup = PG_GETARG_INT32(2);
	double	   *us;
	int			i;

	if (samples < 0 || warmup < 0)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("counts must not be negative")));
	us = palloc(sizeof(double) * Max(samples, 1));
	for (i = 0; i < warmup; i++)
		(void) lifecycle_once(measure);
	for (i = 0; i < samples; i++)
		us[i] = lifecycle_once(measure) / 1000.0;
	PG_RETURN_ARRAYTYPE_P(float8_array(us, samples));
}

/* One round of n workers; returns the measured time in nanoseconds. */
static int64
many_once(const char *measure, int n)
{
	BackgroundWorkerHandle **h = palloc(sizeof(BackgroundWorkerHandle *) * n);
	int			token = next_token();
	int64		t0,
				t1;
	int			i;

	if (strcmp(measure, "running") == 0)
	{
		t0 = now_ns();
		for (i = 0; i < n; i++)
			h[i] = register_worker(MODE_SIGNAL_WAIT, token, BGW_NEVER_RESTART, NULL);
		await_arrivals(n);
		t1 = now_ns();
		for (i = 0; i < n; i++)	/* not measured, as the JMH iteration teardown */
			TerminateBackgroundWorker(h[i]);
		for (i = 0; i < n; i++)
			await_shutdown(h[i]);
	}
	else if (strcmp(measure, "stop") == 0)
	{
		t0 = now_ns();
		for (i = 0; i < n; i++)
			h[i] = register_worker(MODE_WAIT, token, BGW_NEVER_RESTART, NULL);
		for (i = 0; i < n; i++)
			await_startup(h[i]);
		for (i = 0; i < n; i++)
			TerminateBackgroundWorker(h[i]);
		for (i = 0; i < n; i++)
			await_shutdown(h[i]);
		t1 = now_ns();
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown measure \"%s\"", measure),
				 errhint("One of running, stop.")));
	for (i = 0; i < n; i++)
		pfree(h[i]);
	pfree(h);
	return t1 - t0;
}

Datum
bgw_bench_many(PG_FUNCTION_ARGS)
{
	char	   *measure = text_to_cstring(PG_GETARG_TEXT_PP(0));
	int			n = PG_GETARG_INT32(1);
	int			rounds = PG_GETARG_INT32(2);
	int			warmup = PG_GETARG_INT32(3);
	double	   *ms;
	int			i;

	if (n < 1 || rounds < 0 || warmup < 0)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("n must be positive, counts not negative")));
	ms = palloc(sizeof(double) * Max(rounds, 1));
	for (i = 0; i < warmup; i++)
		(void) many_once(measure, n);
	for (i = 0; i < rounds; i++)
		ms[i] = many_once(measure, n) / 1000000.0;
	PG_RETURN_ARRAYTYPE_P(float8_array(ms, rounds));
}

Datum
bgw_bench_launch(PG_FUNCTION_ARGS)
{
	int			n = PG_ARGISNULL(0) ? 0 : PG_GETARG_INT32(0);
	char	   *dbname = PG_ARGISNULL(1) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(1));
	int			token = next_token();
	int			i;

	for (i = 0; i < n; i++)
		pfree(register_worker(dbname ? MODE_CONNECT_WAIT : MODE_SIGNAL_WAIT, token, BGW_NEVER_RESTART, dbname));
	await_arrivals(n);
	PG_RETURN_INT32(n);
}
