package org.elephas.dialect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.elephas.sql.LexedStatement;
import org.elephas.sql.Token;

/**
 * Text edits on one statement, addressed by token positions, applied together: what a
 * {@link TokenRewrite} uses to replace, drop or insert text while keeping everything else as the
 * client wrote it.
 */
final class Splice {
    private record Edit(int start, int end, String text) {
    }

    private final LexedStatement statement;
    private final List<Edit> edits = new ArrayList<>();

    /** @param statement the statement to edit */
    Splice(LexedStatement statement) {
        this.statement = statement;
    }

    /**
     * Replace tokens {@code first..last} (inclusive) with text.
     *
     * @param first index of the first token
     * @param last index of the last token
     * @param text the replacement
     * @return this
     */
    Splice replace(int first, int last, String text) {
        List<Token> t = statement.tokens();
        edits.add(new Edit(t.get(first).start(), t.get(last).end(), text));
        return this;
    }

    /**
     * Drop tokens {@code first..last} (inclusive).
     *
     * @param first index of the first token
     * @param last index of the last token
     * @return this
     */
    Splice drop(int first, int last) {
        return replace(first, last, " ");
    }

    /**
     * Insert text after a token.
     *
     * @param index the token
     * @param text the text
     * @return this
     */
    Splice insertAfter(int index, String text) {
        int at = statement.tokens().get(index).end();
        edits.add(new Edit(at, at, text));
        return this;
    }

    /** @return whether any edit was made */
    boolean changed() {
        return !edits.isEmpty();
    }

    /** @return the edited text */
    String text() {
        if (edits.isEmpty()) {
            return statement.text();
        }
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end));
        String src = statement.text();
        StringBuilder out = new StringBuilder(src.length() + 16);
        int copied = 0;
        for (Edit e : sorted) {
            if (e.start() < copied) {
                throw new IllegalStateException("overlapping edits in: " + src);
            }
            out.append(src, copied, e.start()).append(e.text());
            copied = e.end();
        }
        return out.append(src, copied, src.length()).toString();
    }

    /**
     * The source text of a token range.
     *
     * @param statement the statement
     * @param first index of the first token
     * @param last index of the last token (inclusive)
     * @return the text between them, as written
     */
    static String source(LexedStatement statement, int first, int last) {
        if (last < first) {
            return "";
        }
        List<Token> t = statement.tokens();
        return statement.text().substring(t.get(first).start(), t.get(last).end());
    }
}
