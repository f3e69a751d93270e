package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One instance of {@link FaultsUnderLoadIT}'s fleet: a process of the packaged jar, started through the
 * launcher ({@link JarProcesses#launchServer}), on a fixed port,
 * started again on the same one, each process with a log of its own ({@code a-1.log}, {@code a-2.log}, …).
 */
final class FleetInstance {

    final String name;
    final Http http;
    private final int port;
    private final Map<String, String> env;
    private final List<String> args;
    private final Path dir;
    private final List<Process> processes;
    private Process process;
    private Path log;
    private long startedAt;
    private int starts;

    /**
     * @param args settings added to the command line (the database)
     * @param processes where every process started is added, for the test to stop them all
     */
    FleetInstance(
            String name, int port, Map<String, String> env, List<String> args, Path dir, List<Process> processes) {
        this.name = name;
        this.port = port;
        this.env = env;
        this.args = args;
        this.dir = dir;
        this.processes = processes;
        this.http = new Http(URI.create("http://127.0.0.1:" + port));
    }

    /** A new process; {@link #startedAt} is its start. */
    void start() throws IOException {
        startedAt = System.nanoTime();
        launch();
    }

    /** A new process after one that exited while starting: {@link #startedAt} stays the first one's. */
    void startAgain() {
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long startedAt() {
        return startedAt;
    }

    boolean exited() {
        return !process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** SIGKILL, and the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as("exit status 128 + 9: killed by SIGKILL")
                .isEqualTo(137);
    }

    /** UP: polled often, so an answer that takes longer than a few seconds counts as not UP yet. */
    boolean healthy() {
        return status("/actuator/health", Duration.ofSeconds(10)) == 200;
    }

    /**
     * Ready. The readiness of an instance whose database is gone is only known when the pool gives up
     * waiting for a connection (5 s in FaultsUnderLoadIT, 30 s by default), so the wait here is longer.
     */
    boolean ready() {
        return status("/actuator/health/readiness", Duration.ofSeconds(45)) == 200;
    }

    /** The last {@code Caused by:} line of the current process's log, or its last line: why it ended. */
    String lastCause() {
        try (Stream<String> lines = Files.lines(log)) {
            List<String> all = lines.toList();
            String last = all.isEmpty() ? "(empty log)" : all.get(all.size() - 1);
            for (String line : all) {
                if (line.startsWith("Caused by:")) {
                    last = line;
                }
            }
            return last.length() > 200 ? last.substring(0, 200) + "…" : last;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * What the service logged of each failure it answered 500 (its "Unexpected error" line, the exception
     * and its causes), from every process of this instance: so a 500 in CI says why, though the logs are
     * gone with the machine.
     */
    String unexpectedErrors() {
        StringBuilder out = new StringBuilder();
        for (int n = 1; n <= starts; n++) {
            try (Stream<String> lines = Files.lines(dir.resolve(name + "-" + n + ".log"))) {
                boolean inOne = false;
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.contains("Unexpected error")) {
                        inOne = true;
                        out.append('\n')
                                .append(name)
                                .append('-')
                                .append(n)
                                .append(": ")
                                .append(line);
                    } else if (inOne
                            && (line.startsWith("Caused by:") || line.matches("^[a-z][\\w.]*\\.[A-Z]\\w*: .*"))) {
                        out.append("\n  ").append(line.length() > 300 ? line.substring(0, 300) + "…" : line);
                    } else if (inOne && line.matches("^\\d{4}-\\d\\d-\\d\\dT.*")) {
                        inOne = false;
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                out.append('\n')
                        .append(name)
                        .append('-')
                        .append(n)
                        .append(": (no log: ")
                        .append(e)
                        .append(')');
            }
        }
        return out.toString();
    }

    private void launch() throws IOException {
        List<String> settings = new ArrayList<>(args);
        settings.add("--wxlogin.rate-limit.per-ip=0");
        settings.add("--server.address=127.0.0.1");
        log = dir.resolve(name + "-" + ++starts + ".log");
        try {
            process = JarProcesses.launchServer(log, env, port, dir.resolve(name), settings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the launcher was prepared", e);
        }
        processes.add(process);
    }

    /** The status of a GET, or 0 without an answer within {@code wait}. */
    private int status(String path, Duration wait) {
        try {
            return http.send(http.request(path).timeout(wait).GET().build()).status();
        } catch (RuntimeException noAnswer) {
            return 0;
        }
    }
}
