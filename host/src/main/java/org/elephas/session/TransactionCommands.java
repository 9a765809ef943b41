package org.elephas.session;

import java.util.List;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.pipeline.HostQuery;
import org.elephas.pipeline.UtilityCommand;
import org.elephas.sql.LexedStatement;
import org.elephas.sql.Token;
import org.elephas.sql.TokenKind;

/**
 * Transaction control: {@code BEGIN}, {@code START TRANSACTION}, {@code COMMIT}, {@code END},
 * {@code ROLLBACK}, {@code ABORT}, {@code SAVEPOINT}, {@code RELEASE [SAVEPOINT]},
 * {@code ROLLBACK [WORK|TRANSACTION] TO [SAVEPOINT]}, with PostgreSQL's warnings and tags.
 */
public final class TransactionCommands implements UtilityCommand {

    /**
     * @param statement a statement
     * @return whether it is transaction control
     */
    public static boolean handles(LexedStatement statement) {
        return switch (statement.word(0)) {
            case "begin", "commit", "end", "rollback", "abort", "savepoint", "release" -> true;
            case "start" -> statement.word(1).equals("transaction");
            default -> false;
        };
    }

    /**
     * @param statement a statement
     * @return whether it may run in a failed block (it ends it or rolls back to a savepoint)
     */
    static boolean endsFailedBlock(LexedStatement statement) {
        return switch (statement.word(0)) {
            case "commit", "end", "rollback", "abort" -> true;
            default -> false;
        };
    }

    @Override
    public void execute(HostQuery statement, ProcessUtilityContext context, List<Object> params, DestReceiver dest,
            QueryCompletion qc) {
        Session session = Session.current();
        if (context != ProcessUtilityContext.TOPLEVEL && context != ProcessUtilityContext.QUERY_NONATOMIC) {
            throw PgException.error(SqlState.INVALID_TRANSACTION_STATE, "invalid transaction termination");
        }
        TransactionBlock tx = session.transaction();
        LexedStatement s = statement.lexed();
        switch (s.word(0)) {
            case "begin", "start" -> {
                if (!tx.begin()) {
                    session.notice(LogLevel.WARNING, SqlState.ACTIVE_SQL_TRANSACTION,
                            "there is already a transaction in progress");
                }
                qc.set(s.word(0).equals("begin") ? "BEGIN" : "START TRANSACTION");
            }
            case "commit", "end" -> {
                String tag = tx.commit();
                if (tag == null) {
                    session.notice(LogLevel.WARNING, SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
                    tag = "COMMIT";
                }
                qc.set(tag);
            }
            case "rollback", "abort" -> {
                String savepoint = savepointAfterTo(s);
                if (savepoint != null) {
                    tx.rollbackTo(savepoint);
                    qc.set("ROLLBACK");
                    return;
                }
                if (!tx.rollback()) {
                    session.notice(LogLevel.WARNING, SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
                }
                qc.set("ROLLBACK");
            }
            case "savepoint" -> {
                tx.savepoint(name(s, 1));
                qc.set("SAVEPOINT");
            }
            case "release" -> {
                tx.release(name(s, s.word(1).equals("savepoint") ? 2 : 1));
                qc.set("RELEASE");
            }
            default -> throw new IllegalStateException("not transaction control: " + s.text());
        }
    }

    /** {@code ROLLBACK [WORK|TRANSACTION] TO [SAVEPOINT] name}: the name, or null for a plain ROLLBACK. */
    private static String savepointAfterTo(LexedStatement s) {
        for (int i = 1; i < s.tokens().size(); i++) {
            if (s.word(i).equals("to")) {
                return name(s, s.word(i + 1).equals("savepoint") ? i + 2 : i + 1);
            }
        }
        return null;
    }

    private static String name(LexedStatement s, int index) {
        if (index >= s.tokens().size()) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
        Token t = s.tokens().get(index);
        if (t.kind() != TokenKind.IDENTIFIER && t.kind() != TokenKind.QUOTED_IDENTIFIER) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.text() + "\"");
        }
        return t.text();
    }
}
