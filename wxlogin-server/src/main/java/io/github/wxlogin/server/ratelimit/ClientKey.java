package io.github.wxlogin.server.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The bucket a client address counts against: an IPv4 address itself; an IPv6 address by its /64,
 * since one subscriber holds at least a /64 and could otherwise step through addresses to dodge its
 * limit (and fill the buckets with keys). The address is a literal here (the connection's, or one
 * {@code TrustedProxies} checked), so nothing is ever looked up.
 */
final class ClientKey {

    private ClientKey() {}

    static String of(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress(); // an IPv4-mapped address: the IPv4 address
            }
            byte[] network = Arrays.copyOf(parsed.getAddress(), 16);
            Arrays.fill(network, 8, 16, (byte) 0);
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
