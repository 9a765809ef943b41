package org.elephas.guc;

/**
 * The tokenizer of configuration files, PostgreSQL's {@code guc-file.l}, with flex's rule: the
 * longest match wins, and among equally long ones the rule listed first.
 *
 * <pre>
 * ID              {LETTER}{LETTER_OR_DIGIT}*
 * QUALIFIED_ID    {ID}"."{ID}
 * STRING          \'([^'\\\n]|\\.|\'\')*\'
 * UNQUOTED_STRING {LETTER}({LETTER_OR_DIGIT}|[-._:/])*
 * INTEGER         {SIGN}?({DIGIT}+|0x{HEXDIGIT}+){UNIT_LETTER}*
 * REAL            {SIGN}?{DIGIT}*"."{DIGIT}*{EXPONENT}?
 * </pre>
 *
 * Letters include every non-ASCII character, as flex's {@code \200-\377} bytes do.
 */
final class ConfigLexer {

    /** Token kinds, in flex's rule order (which breaks ties). */
    enum Token {
        ID, QUALIFIED_ID, STRING, UNQUOTED_STRING, INTEGER, REAL, EQUALS, ERROR, EOL, EOF
    }

    private final String text;
    private int pos;
    private int line = 1;
    private String tokenText = "";

    ConfigLexer(String text) {
        this.text = text;
    }

    /** @return the current line number: incremented when a newline token is read, as flex's yylineno */
    int line() {
        return line;
    }

    /** @return the text of the last token ({@code yytext}) */
    String tokenText() {
        return tokenText;
    }

    /** @return the next token; white space and comments are skipped */
    Token next() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                break;
            }
        }
        if (pos >= text.length()) {
            tokenText = "";
            return Token.EOF;
        }
        if (text.charAt(pos) == '\n') {
            pos++;
            line++;
            tokenText = "\n";
            return Token.EOL;
        }
        Token best = Token.ERROR;
        int bestLen = 1; // flex's "." rule: one character, an error token
        int[] lengths = {id(pos), qualifiedId(), string(), unquoted(), integer(), real(),
            text.charAt(pos) == '=' ? 1 : -1};
        Token[] kinds = {Token.ID, Token.QUALIFIED_ID, Token.STRING, Token.UNQUOTED_STRING, Token.INTEGER, Token.REAL,
            Token.EQUALS};
        int longest = 0;
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] > longest) {
                longest = lengths[i];
                best = kinds[i];
                bestLen = lengths[i];
            }
        }
        tokenText = text.substring(pos, pos + bestLen);
        pos += bestLen;
        return best;
    }

    private static boolean isLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
    }

    private static boolean isLetterOrDigit(char c) {
        return isLetter(c) || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private char at(int i) {
        return i < text.length() ? text.charAt(i) : 0;
    }

    private int id(int from) {
        if (!isLetter(at(from)) || from >= text.length()) {
            return -1;
        }
        int i = from + 1;
        while (i < text.length() && isLetterOrDigit(text.charAt(i))) {
            i++;
        }
        return i - from;
    }

    private int qualifiedId() {
        int first = id(pos);
        if (first < 0 || at(pos + first) != '.') {
            return -1;
        }
        int second = id(pos + first + 1);
        return second < 0 ? -1 : first + 1 + second;
    }

    private int unquoted() {
        if (!isLetter(at(pos)) || pos >= text.length()) {
            return -1;
        }
        int i = pos + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!(isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == ':' || c == '/')) {
                break;
            }
            i++;
        }
        return i - pos;
    }

    private int string() {
        if (at(pos) != '\'') {
            return -1;
        }
        int end = -1;
        int i = pos + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                end = i + 1; // a closing quote; a doubled one may let the match go on
                if (at(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                break;
            } else if (c == '\\') {
                if (i + 1 >= text.length() || text.charAt(i + 1) == '\n') {
                    break;
                }
                i += 2;
            } else if (c == '\n') {
                break;
            } else {
                i++;
            }
        }
        return end < 0 ? -1 : end - pos;
    }

    private int integer() {
        int i = pos;
        if (at(i) == '+' || at(i) == '-') {
            i++;
        }
        int best = -1;
        // {DIGIT}+
        int j = i;
        while (isDigit(at(j))) {
            j++;
        }
        if (j > i) {
            best = withUnitLetters(j) - pos;
        }
        // 0x{HEXDIGIT}+
        if (at(i) == '0' && at(i + 1) == 'x' && Character.digit(at(i + 2), 16) >= 0 && at(i + 2) < 0x80) {
            j = i + 2;
            while (Character.digit(at(j), 16) >= 0 && at(j) < 0x80) {
                j++;
            }
            best = Math.max(best, withUnitLetters(j) - pos);
        }
        return best;
    }

    private int withUnitLetters(int i) {
        while ((at(i) >= 'a' && at(i) <= 'z') || (at(i) >= 'A' && at(i) <= 'Z')) {
            i++;
        }
        return i;
    }

    private int real() {
        int i = pos;
        if (at(i) == '+' || at(i) == '-') {
            i++;
        }
        while (isDigit(at(i))) {
            i++;
        }
        if (at(i) != '.') {
            return -1;
        }
        i++;
        while (isDigit(at(i))) {
            i++;
        }
        if (at(i) == 'e' || at(i) == 'E') {
            int j = i + 1;
            if (at(j) == '+' || at(j) == '-') {
                j++;
            }
            int digits = j;
            while (isDigit(at(j))) {
                j++;
            }
            if (j > digits) {
                i = j;
            }
        }
        return i - pos;
    }

    /**
     * {@code DeescapeQuotedString}: strip the quotes of a STRING token and resolve {@code ''},
     * {@code \b \f \n \r \t}, up to three octal digits, and a backslash before any other character.
     *
     * @param token a STRING token, quotes included
     * @return its value
     */
    static String unquote(String token) {
        StringBuilder out = new StringBuilder(token.length());
        for (int i = 1; i < token.length() - 1; i++) {
            char c = token.charAt(i);
            if (c == '\\') {
                i++;
                char e = token.charAt(i);
                switch (e) {
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                        int value = 0;
                        int k = 0;
                        while (k < 3 && i + k < token.length() - 1 && token.charAt(i + k) >= '0'
                                && token.charAt(i + k) <= '7') {
                            value = (value << 3) + (token.charAt(i + k) - '0');
                            k++;
                        }
                        i += k - 1;
                        out.append((char) (value & 0xFF));
                    }
                    default -> out.append(e);
                }
            } else if (c == '\'' && token.charAt(i + 1) == '\'') {
                out.append('\'');
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
