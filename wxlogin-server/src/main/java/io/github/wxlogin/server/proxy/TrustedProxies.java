package io.github.wxlogin.server.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code X-Forwarded-For} is believed ({@code WXLOGIN_TRUSTED_PROXIES}:
 * addresses and CIDR ranges, comma-separated, IPv4 and IPv6). The client is the first address, read
 * from the right of the chain, that is not one of them: a client cannot forge its way past the
 * proxies by sending its own header, because the proxy appends what it saw.
 */
public final class TrustedProxies {

    /** A literal address only: never a host name, so nothing here ever asks DNS. */
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /**
     * @param spec e.g. {@code 10.0.0.0/8, 192.168.1.10, ::1}; blank for none
     * @throws IllegalArgumentException naming the entry that is not an address or a range
     */
    public static TrustedProxies parse(String spec) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : spec.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            String[] parts = e.split("/", 2);
            byte[] network = literal(parts[0]);
            if (network == null) {
                throw new IllegalArgumentException("trusted proxy '" + e + "' is not an IP address or CIDR range");
            }
            int prefix = network.length * 8;
            if (parts.length == 2) {
                try {
                    prefix = Integer.parseInt(parts[1]);
                } catch (NumberFormatException ex) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("trusted proxy '" + e + "' has a bad prefix length");
                }
            }
            ranges.add(new Range(network, prefix));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    boolean trusts(String address) {
        byte[] bytes = literal(address);
        return bytes != null && ranges.stream().anyMatch(r -> r.contains(bytes));
    }

    /**
     * The client's address: {@code remoteAddr} itself unless it is a trusted proxy; then the chain of
     * {@code X-Forwarded-For} values walked from the right, past trusted proxies. A malformed entry
     * stops the walk at the last address known good.
     */
    public String clientOf(String remoteAddr, List<String> forwardedFor) {
        if (!trusts(remoteAddr)) {
            return remoteAddr;
        }
        List<String> chain = new ArrayList<>();
        for (String header : forwardedFor) {
            Arrays.stream(header.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .forEach(chain::add);
        }
        String client = remoteAddr;
        for (int i = chain.size() - 1; i >= 0; i--) {
            String hop = chain.get(i);
            if (literal(hop) == null) {
                break;
            }
            client = hop;
            if (!trusts(hop)) {
                break;
            }
        }
        return client;
    }

    private static byte[] literal(String s) {
        String candidate = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (!LITERAL.matcher(candidate).matches()) {
            return null;
        }
        if (candidate.indexOf(':') < 0 && !isDottedQuad(candidate)) {
            return null; // else InetAddress would take it for a host name and ask DNS
        }
        try {
            return InetAddress.getByName(candidate).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static boolean isDottedQuad(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty()
                    || part.length() > 3
                    || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
