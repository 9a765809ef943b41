package org.elephas.wire;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code DATADIR/hba.conf}: pg_hba.conf's syntax, read at startup and at each reload. Records
 * are tried in order; the first whose type, database, user and address match decides. A file
 * with an invalid line is refused as a whole (at startup the server does not start; at a reload
 * the previous rules stay), as PostgreSQL does.
 */
public final class HbaFile {
    private static final Set<String> METHODS = Set.of("trust", "reject", "password", "md5", "scram-sha-256");
    private static final Set<String> TYPES = Set.of("local", "host", "hostssl", "hostnossl");

    private final List<HbaRule> rules;

    private HbaFile(List<HbaRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * @param file the file
     * @return its rules
     * @throws IOException when it cannot be read
     * @throws IllegalArgumentException for an invalid line (the message names it)
     */
    public static HbaFile load(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /**
     * @param text the file's contents
     * @param name the file's name, for messages
     * @return its rules
     * @throws IllegalArgumentException for an invalid line
     */
    public static HbaFile parse(String text, String name) {
        List<HbaRule> rules = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                rules.add(parseLine(i + 1, line.split("\\s+")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " (line " + (i + 1) + " of configuration file \""
                        + name + "\")", e);
            }
        }
        return new HbaFile(rules);
    }

    private static HbaRule parseLine(int number, String[] f) {
        String type = f[0];
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("invalid connection type \"" + type + "\"");
        }
        boolean local = type.equals("local");
        int need = local ? 4 : 5;
        if (f.length < need) {
            throw new IllegalArgumentException("end-of-line before authentication method");
        }
        List<String> databases = Arrays.asList(unquote(f[1]).split(","));
        List<String> users = Arrays.asList(unquote(f[2]).split(","));
        byte[] network = null;
        int prefix = 0;
        int next = 3;
        if (!local) {
            String address = f[3];
            next = 4;
            if (!address.equals("all")) {
                int slash = address.indexOf('/');
                String host = slash < 0 ? address : address.substring(0, slash);
                network = literalAddress(host);
                if (slash >= 0) {
                    prefix = Integer.parseInt(address.substring(slash + 1));
                } else if (f.length > 5 && !METHODS.contains(f[4])) {
                    prefix = maskLength(literalAddress(f[4]));
                    next = 5;
                } else {
                    throw new IllegalArgumentException("specifying both host name and CIDR mask is invalid: \""
                            + address + "\"");
                }
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("invalid CIDR mask in address \"" + address + "\"");
                }
            }
        }
        String method = f[next];
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("invalid authentication method \"" + method + "\"");
        }
        return new HbaRule(number, type, databases, users, network, prefix, method);
    }

    private static String unquote(String s) {
        return s.replace("\"", "");
    }

    private static byte[] literalAddress(String host) {
        if (!host.matches("[0-9a-fA-F:.]+") || host.indexOf(':') < 0 && !host.matches("\\d+(\\.\\d+){3}")) {
            throw new IllegalArgumentException("invalid IP address \"" + host + "\" (host names are not supported)");
        }
        try {
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid IP address \"" + host + "\"");
        }
    }

    private static int maskLength(byte[] mask) {
        int n = 0;
        for (byte b : mask) {
            n += Integer.bitCount(b & 0xff);
        }
        return n;
    }

    /**
     * @param address the client's address
     * @param database the requested database
     * @param user the requested role
     * @return the first matching rule
     */
    public Optional<HbaRule> match(InetAddress address, String database, String user) {
        return rules.stream().filter(r -> r.matches(address, database, user)).findFirst();
    }

    /** @return the rules in order */
    public List<HbaRule> rules() {
        return rules;
    }
}
