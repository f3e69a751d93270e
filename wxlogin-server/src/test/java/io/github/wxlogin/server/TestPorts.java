package io.github.wxlogin.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports for services a test starts on a port it must know beforehand (the issuer names it).
 * They are picked below Linux's ephemeral range (32768 and up), so the outgoing connections of the
 * running tests, whose local ports the kernel takes from that range, cannot take one between the pick
 * and the bind: the race that once failed a CI run with "Port … is already in use".
 *
 * <p>Surefire runs a suite in two test JVMs at once ({@code wxlogin.test.forks}, this one number
 * {@code wxlogin.test.fork} of them, from 1): each picks from its own share of the range, so that one JVM
 * cannot pick a port the other has picked and not yet bound. Without those properties (a test run from an
 * IDE, the jar tests) the whole range is this JVM's.
 */
public final class TestPorts {

    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;
    private static final int FORKS = Math.max(1, Integer.getInteger("wxlogin.test.forks", 1));
    private static final int FORK = Math.min(FORKS, Math.max(1, Integer.getInteger("wxlogin.test.fork", 1)));
    private static final int FROM = LOW + (FORK - 1) * ((HIGH - LOW) / FORKS);
    private static final int TO = FROM + (HIGH - LOW) / FORKS;

    private TestPorts() {}

    public static int free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FROM, TO);
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port), 1);
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between " + FROM + " and " + TO);
    }
}
