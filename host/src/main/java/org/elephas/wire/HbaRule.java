package org.elephas.wire;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * One line of {@code hba.conf}: connection type, databases, users, address and method.
 *
 * @param lineNumber where it is in the file
 * @param type {@code local}, {@code host}, {@code hostssl} or {@code hostnossl}
 * @param databases database names or keywords ({@code all}, {@code sameuser}, {@code samerole})
 * @param users role names or {@code all}; {@code +name} matches the role {@code name}
 * @param network the address (null for {@code local} or {@code all})
 * @param prefixLength the CIDR mask length
 * @param method {@code trust}, {@code reject}, {@code password}, {@code md5} or {@code scram-sha-256}
 */
public record HbaRule(int lineNumber, String type, List<String> databases, List<String> users, byte[] network,
        int prefixLength, String method) {

    /**
     * Whether this rule decides a TCP connection (PostgreSQL's {@code check_hba}; Elephas has no
     * SSL and no Unix-domain sockets, so only {@code host} and {@code hostnossl} lines apply).
     *
     * @param address the client's address
     * @param database the requested database
     * @param user the requested role
     * @return whether it matches
     */
    public boolean matches(InetAddress address, String database, String user) {
        if (!type.equals("host") && !type.equals("hostnossl")) {
            return false;
        }
        return matchesAddress(address) && matchesDatabase(database, user) && matchesUser(user);
    }

    private boolean matchesDatabase(String database, String user) {
        for (String d : databases) {
            String k = d.toLowerCase(Locale.ROOT);
            if (k.equals("all") || (k.equals("sameuser") || k.equals("samerole")) && database.equals(user)
                    || d.equals(database)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesUser(String user) {
        for (String u : users) {
            if (u.equalsIgnoreCase("all") || u.equals(user) || u.startsWith("+") && u.substring(1).equals(user)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesAddress(InetAddress address) {
        if (network == null) {
            return true;
        }
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            // An IPv4 client also matches an IPv4-mapped IPv6 rule and the reverse, as PostgreSQL does.
            a = a.length == 4 ? mapped(a) : unmapped(a);
            if (a == null || a.length != network.length) {
                return false;
            }
        }
        int bits = prefixLength;
        for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((a[i] & mask) != (network[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] mapped(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    private static byte[] unmapped(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return null;
            }
        }
        if (v6[10] != (byte) 0xff || v6[11] != (byte) 0xff) {
            return null;
        }
        return java.util.Arrays.copyOfRange(v6, 12, 16);
    }
}
