package org.elephas.auth;

import java.text.Normalizer;

/**
 * SASLprep (RFC 4013) of a password, as PostgreSQL's {@code pg_saslprep} applies it before
 * hashing for SCRAM: an ASCII password is used as is; otherwise non-ASCII spaces become
 * spaces, characters "commonly mapped to nothing" go, the result is NFKC-normalised and
 * checked for prohibited characters and bidirectional rules. A password that fails the check
 * is used unprepared, as PostgreSQL does, so that any password still works.
 *
 * <p>The tables are those of RFC 3454 for the characters a password plausibly holds; the
 * unassigned-code-point check uses the JDK's Unicode version rather than Unicode 3.2.
 */
final class SaslPrep {
    private SaslPrep() {
    }

    /**
     * @param password the password
     * @return its SASLprep'd form, or the password itself when preparation fails
     */
    static String prepareOrRaw(String password) {
        if (isAscii(password)) {
            return password;
        }
        StringBuilder mapped = new StringBuilder(password.length());
        password.codePoints().forEach(cp -> {
            if (isNonAsciiSpace(cp)) {
                mapped.append(' ');
            } else if (!isMappedToNothing(cp)) {
                mapped.appendCodePoint(cp);
            }
        });
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        if (normalized.codePoints().anyMatch(SaslPrep::isProhibited) || !bidiOk(normalized)) {
            return password;
        }
        return normalized;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3454 C.1.2. */
    private static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** RFC 3454 B.1. */
    private static boolean isMappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    /** RFC 4013 section 2.3: RFC 3454 C.1.2, C.2.1, C.2.2, C.3 to C.9, and unassigned code points. */
    private static boolean isProhibited(int cp) {
        return isNonAsciiSpace(cp)
                || cp <= 0x1F || (cp >= 0x7F && cp <= 0x9F) // C.2.1, C.2.2 controls
                || cp == 0x06DD || cp == 0x070F || cp == 0x180E || cp == 0x200C || cp == 0x200D || cp == 0x2028
                || cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2063) || (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF
                || (cp >= 0xFFF9 && cp <= 0xFFFD) || (cp >= 0x1D173 && cp <= 0x1D17A)
                || (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000 // C.3 private use (planes 15, 16 too)
                || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE // C.4 non-characters
                || (cp >= 0xD800 && cp <= 0xDFFF) // C.5 surrogates
                || (cp >= 0x2FF0 && cp <= 0x2FFB) // C.7
                || cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) // C.8
                || cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F) // C.9
                || Character.getType(cp) == Character.UNASSIGNED;
    }

    /** RFC 3454 section 6: right-to-left text must not mix with left-to-right, and must start and end so. */
    private static boolean bidiOk(String s) {
        boolean anyRandAL = s.codePoints().anyMatch(SaslPrep::isRandAL);
        if (!anyRandAL) {
            return true;
        }
        if (s.codePoints().anyMatch(cp -> Character.getDirectionality(cp) == Character.DIRECTIONALITY_LEFT_TO_RIGHT)) {
            return false;
        }
        return isRandAL(s.codePointAt(0)) && isRandAL(s.codePointBefore(s.length()));
    }

    private static boolean isRandAL(int cp) {
        byte d = Character.getDirectionality(cp);
        return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }
}
