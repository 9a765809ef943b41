package org.elephas.api.ipc;

import org.elephas.api.host.HostAccess;

/**
 * The calling backend's identity ({@code MyProcPid}, {@code MyDatabaseId}, {@code GetUserId()},
 * {@code superuser()}, its database and role names) and signalling other backends ({@code kill}).
 */
public final class Backends {

    private Backends() {
    }

    /**
     * {@code MyProcPid}.
     *
     * @return the calling backend's PID
     * @throws IllegalStateException when the caller is not a session or worker thread
     */
    public static int myProcPid() {
        return HostAccess.host().backend().myProcPid();
    }

    /**
     * {@code get_database_name(MyDatabaseId)}: the database the calling backend is connected to.
     *
     * @return its name, or null for a background worker not connected to a database
     * @throws IllegalStateException when the caller is not a session or worker thread
     */
    public static String myDatabaseName() {
        return HostAccess.host().backend().myDatabaseName();
    }

    /**
     * {@code GetUserNameFromId(GetUserId())}: the role the calling backend runs as.
     *
     * @return its name, or null for a background worker that runs as no role
     * @throws IllegalStateException when the caller is not a session or worker thread
     */
    public static String myRoleName() {
        return HostAccess.host().backend().myRoleName();
    }

    /**
     * {@code kill(pid, signal)} for backends: deliver a signal to another session or worker.
     *
     * @param pid the target's PID
     * @param signal the signal
     * @return false when no backend has that PID
     */
    public static boolean kill(int pid, Signal signal) {
        return HostAccess.host().backend().kill(pid, signal);
    }

    /**
     * {@code MyDatabaseId}.
     *
     * @return the OID of the database the calling backend is connected to, 0 for none
     * @throws IllegalStateException when the caller is not a session or worker thread
     */
    public static int myDatabaseId() {
        return HostAccess.host().backend().myDatabaseId();
    }

    /**
     * {@code GetUserId()}: the role the calling backend runs as.
     *
     * @return its OID, 0 for a worker that has not connected
     * @throws IllegalStateException when the caller is not a session or worker thread
     */
    public static int getUserId() {
        return HostAccess.host().backend().userId();
    }

    /**
     * {@code superuser()}.
     *
     * @return whether the calling backend's role is a superuser (a worker without a role is)
     * @throws IllegalStateException when the caller is not a session or worker thread
     */
    public static boolean superuser() {
        return HostAccess.host().backend().superuser();
    }
}
