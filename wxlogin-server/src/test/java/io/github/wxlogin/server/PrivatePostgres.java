package io.github.wxlogin.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, on a port of its own, that the test may stop and start: a
 * fresh cluster made by {@code initdb} in a temporary directory. The machine's shared PostgreSQL on
 * 5432 is never touched. PostgreSQL refuses to run as root, so as root the cluster belongs to the
 * {@code postgres} user and its programs run as that user through {@code setpriv}, which execs them:
 * the process started is the postmaster itself, so a signal sent to it reaches PostgreSQL.
 */
final class PrivatePostgres implements AutoCloseable {

    private static final String ROOT = "/usr/lib/postgresql";
    private static final String OWNER = "postgres";

    private final Path bin;
    private final Path home;
    private final Path data;
    private final Path logs;
    private final boolean asOwner;
    final int port;
    private Process postmaster;

    private PrivatePostgres(Path bin, Path home, Path logs, boolean asOwner, int port) {
        this.bin = bin;
        this.home = home;
        this.logs = logs;
        this.data = home.resolve("data");
        this.asOwner = asOwner;
        this.port = port;
    }

    /**
     * A new cluster, not started. Without PostgreSQL's programs (or, as root, without a {@code postgres}
     * user) the test is skipped, or fails when {@code CI=true}. Its logs go to {@code logs}, which
     * outlives it.
     */
    static PrivatePostgres create(Path logs) throws Exception {
        Path bin = newestBin();
        if (bin == null) {
            Missing.abort("no PostgreSQL server programs under " + ROOT + "/*/bin");
        }
        boolean asOwner = "root".equals(System.getProperty("user.name"));
        Path home = Files.createTempDirectory("wxlogin-pg-");
        if (asOwner) {
            UserPrincipalLookupService users = home.getFileSystem().getUserPrincipalLookupService();
            try {
                PosixFileAttributeView view = Files.getFileAttributeView(home, PosixFileAttributeView.class);
                view.setOwner(users.lookupPrincipalByName(OWNER));
                view.setGroup(users.lookupPrincipalByGroupName(OWNER));
            } catch (IOException noSuchUser) {
                delete(home);
                Missing.abort("running as root and there is no '" + OWNER + "' user to run PostgreSQL: " + noSuchUser);
            }
        }
        PrivatePostgres pg = new PrivatePostgres(bin, home, logs, asOwner, TestPorts.free());
        pg.run(
                List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        pg.data.toString(),
                        "-U",
                        "postgres",
                        "-A",
                        "trust",
                        "-E",
                        "UTF8",
                        "--no-sync"),
                logs.resolve("initdb.log"));
        return pg;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
    }

    /** Starts the postmaster on its port and waits until it takes connections. */
    void start() throws Exception {
        List<String> command = owned(List.of(
                bin.resolve("postgres").toString(),
                "-D",
                data.toString(),
                "-p",
                Integer.toString(port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "unix_socket_directories=" + home,
                // The machine does not crash in this test, only PostgreSQL stops and starts: what it
                // committed is in the operating system's cache either way, so fsync only costs time.
                "-c",
                "fsync=off"));
        postmaster = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logs.resolve("postgres.log").toFile()))
                .start();
        JarProcesses.awaitTrue(this::accepts, Duration.ofSeconds(60), logs);
    }

    /** A fast shutdown (SIGINT), what {@code pg_ctl stop} does: sessions are ended, the cluster checkpointed. */
    void stop() throws IOException, InterruptedException {
        if (postmaster == null || !postmaster.isAlive()) {
            return;
        }
        new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
                .inheritIO()
                .start()
                .waitFor();
        if (!postmaster.waitFor(60, TimeUnit.SECONDS)) {
            postmaster.destroyForcibly().waitFor();
            throw new AssertionError("PostgreSQL did not stop within 60 s of a fast shutdown; log in " + logs);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (postmaster != null) {
                postmaster.destroyForcibly();
            }
            delete(home);
        }
    }

    private boolean accepts() {
        if (!postmaster.isAlive()) {
            throw new AssertionError("PostgreSQL exited with " + postmaster.exitValue() + "; log in " + logs);
        }
        try (Connection c = connect("postgres")) {
            return c.isValid(5);
        } catch (SQLException notYet) {
            return false;
        }
    }

    private void run(List<String> command, Path log) throws Exception {
        Process p = new ProcessBuilder(owned(command))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(command.get(0) + " failed; log in " + log);
        }
    }

    /** The command as the cluster's owner: through {@code setpriv}, which execs it (no process in between). */
    private List<String> owned(List<String> command) {
        if (!asOwner) {
            return command;
        }
        List<String> out = new ArrayList<>(
                List.of("setpriv", "--reuid=" + OWNER, "--regid=" + OWNER, "--clear-groups", "--reset-env", "--"));
        out.addAll(command);
        return out;
    }

    private static Path newestBin() throws IOException {
        Path root = Path.of(ROOT);
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparingInt(PrivatePostgres::version))
                    .orElse(null);
        }
    }

    private static int version(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException other) {
            return 0;
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
