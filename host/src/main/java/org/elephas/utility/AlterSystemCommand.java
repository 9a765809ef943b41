package org.elephas.utility;

import java.util.List;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.pipeline.HostQuery;
import org.elephas.pipeline.UtilityCommand;
import org.elephas.session.Session;
import org.elephas.session.TransactionBlock;
import org.elephas.sql.LexedStatement;
import org.elephas.sql.Token;

/**
 * {@code ALTER SYSTEM SET name {TO | =} value | DEFAULT} and {@code ALTER SYSTEM RESET name | ALL}
 * (PostgreSQL's {@code AlterSystemSetConfigFile}): rewrites {@code elephas.auto.conf}; the server
 * applies it at the next reload. Superusers only, and never inside a transaction block, since
 * the file change cannot be rolled back.
 */
final class AlterSystemCommand implements UtilityCommand {

    @Override
    public void execute(HostQuery statement, ProcessUtilityContext context, List<Object> params, DestReceiver dest,
            QueryCompletion qc) {
        Session session = Session.current();
        if (context != ProcessUtilityContext.TOPLEVEL) {
            throw PgException.error(SqlState.ACTIVE_SQL_TRANSACTION, "ALTER SYSTEM cannot be executed from a function");
        }
        if (session.transaction().state() != TransactionBlock.State.IDLE) {
            throw PgException.error(SqlState.ACTIVE_SQL_TRANSACTION, "ALTER SYSTEM cannot run inside a transaction block");
        }
        if (!session.role().superuser()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to execute ALTER SYSTEM command");
        }
        LexedStatement s = statement.lexed();
        String action = s.word(2);
        if (action.equals("reset")) {
            String name = ParameterCommands.name(s, 3);
            end(s, 3 + ParameterCommands.dottedLength(s, 3));
            session.server().gucs().alterSystem(name, null);
        } else if (action.equals("set")) {
            String name = ParameterCommands.name(s, 3);
            int i = 3 + ParameterCommands.dottedLength(s, 3);
            Token assign = ParameterCommands.token(s, i);
            if (!(assign.is("=") || assign.isWord("to"))) {
                throw ParameterCommands.syntaxError(assign);
            }
            session.server().gucs().alterSystem(name, ParameterCommands.value(s, i + 1));
        } else {
            throw ParameterCommands.syntaxError(ParameterCommands.token(s, 2));
        }
        qc.set("ALTER SYSTEM");
    }

    private static void end(LexedStatement s, int index) {
        if (index < s.tokens().size()) {
            throw ParameterCommands.syntaxError(s.tokens().get(index));
        }
    }
}
