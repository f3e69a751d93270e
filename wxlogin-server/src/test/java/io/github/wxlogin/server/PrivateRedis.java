package io.github.wxlogin.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Redis of the test's own, a child process on a port of its own, without persistence (as the
 * project runs it): stopping and starting it again empties it. The machine's shared Redis on 6379 is
 * never touched. Without the {@code redis-server} binary the test is skipped, or fails when {@code CI=true}.
 */
final class PrivateRedis implements AutoCloseable {

    final int port;
    private final Path log;
    private Process server;

    PrivateRedis(Path log) {
        this.port = TestPorts.free();
        this.log = log;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    void start() throws Exception {
        try {
            server = new ProcessBuilder(
                            "redis-server",
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException noBinary) {
            Missing.abort("no redis-server binary: " + noBinary.getMessage());
        }
        JarProcesses.awaitTrue(this::pong, Duration.ofSeconds(30), log);
    }

    /** SIGTERM, as a service manager stops it; what it held is gone (no persistence). */
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean pong() {
        if (!server.isAlive()) {
            throw new AssertionError("redis-server exited with " + server.exitValue() + "; log in " + log);
        }
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] answer = in.readNBytes(7);
            return new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException notYet) {
            return false;
        }
    }
}
