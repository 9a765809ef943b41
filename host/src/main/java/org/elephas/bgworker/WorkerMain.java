package org.elephas.bgworker;

import org.elephas.api.Datum;

/** A resolved worker entry point: {@code void fn(Datum main_arg)}. */
@FunctionalInterface
public interface WorkerMain {

    /**
     * Run the worker's main function.
     *
     * @param mainArg {@code bgw_main_arg}
     * @throws Throwable whatever the entry point throws; the runner classifies it
     */
    void run(Datum mainArg) throws Throwable;
}
