package io.github.wxlogin.server.startup;

import io.github.wxlogin.server.config.ConfigurationMistake;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Locale;

/**
 * The address and port the server will listen on, tried before anything is written: bound and let go
 * at once, as the server will bind it. Another process may still take the port in between; the
 * server's own bind then fails the start the same way ({@link StartupFailures}), only later.
 */
final class Listening {

    private Listening() {}

    /** @param port {@code server.port}: 0 is any free port, a negative one no server; neither is tried */
    static void check(int port, InetAddress address) {
        if (port <= 0) {
            return;
        }
        if (port > 65_535) {
            throw new ConfigurationMistake(
                    "server.port must be a port from 1 to 65535 (0 for any free one), not " + port + ".");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as the server binds: a connection of its last run closing does not count
            socket.bind(new InetSocketAddress(address, port));
        } catch (BindException e) {
            String reason = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            if (reason.contains("in use")) {
                throw new ConfigurationMistake(StartupFailures.portInUse(port));
            }
            if (reason.contains("permission")) {
                throw new ConfigurationMistake("Port " + port + " (server.port) needs privileges this user does not"
                        + " have: use a port above 1023 behind your reverse proxy, or grant the privilege.");
            }
            if (address != null && reason.contains("assign")) {
                throw new ConfigurationMistake("server.address " + address.getHostAddress() + " is not an address of"
                        + " this machine: use one of its addresses, or unset it to listen on all.");
            }
            throw cannotListen(port, address, e);
        } catch (IOException e) {
            throw cannotListen(port, address, e);
        }
    }

    private static ConfigurationMistake cannotListen(int port, InetAddress address, IOException e) {
        String where = (address == null ? "" : address.getHostAddress()) + ":" + port;
        return new ConfigurationMistake("The service cannot listen on " + where + " (" + e.getMessage()
                + "): check server.address and server.port.");
    }
}
