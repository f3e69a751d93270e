package io.github.wxlogin.server;

import io.github.wxlogin.server.config.EmbeddedDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The database a test service runs on, chosen by the system property {@code wxlogin.test.db}:
 * {@code embedded} (the default: the service's own, SQLite in the data directory), {@code h2} (the
 * embedded database of earlier versions, a file in the data directory), {@code postgresql} or
 * {@code mariadb} (the servers on this machine, see DEVELOPERS.md). For a server database, each data
 * directory gets its own database, created on first use (so a restart on the same directory finds its
 * data) and dropped when the test JVM ends. Unreachable servers skip the test, unless {@code CI=true}:
 * then they fail it, loudly. Tests of the JDBC stores take a new, empty database each
 * ({@link #createEmpty()}).
 */
public enum TestDatabase {
    EMBEDDED(null, null, null, null),
    H2(null, null, null, null),
    POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/", "postgres", "", "postgres"),
    MARIADB("jdbc:mariadb://127.0.0.1:3306/", "root", "", "");

    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropCreated, "drop-test-databases"));
    }

    private final String base;
    private final String user;
    private final String password;
    private final String adminDatabase;

    TestDatabase(String base, String user, String password, String adminDatabase) {
        this.base = base;
        this.user = user;
        this.password = password;
        this.adminDatabase = adminDatabase;
    }

    /** Where a database made by {@link #createEmpty()} is: its name, JDBC URL and credentials. */
    public record Empty(String name, String url, String user, String password) {}

    public static TestDatabase current() {
        return valueOf(System.getProperty("wxlogin.test.db", "embedded").toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Skips the calling test unless the suite runs on the embedded database: for a test whose outcome no
     * suite database changes, so that it runs once, not once per database (DEVELOPERS.md).
     */
    public static void onlyInTheEmbeddedSuite(String why) {
        Assumptions.assumeTrue(current() == EMBEDDED, why);
    }

    /** Whether this is one of the file databases in the service's data directory. */
    public boolean embedded() {
        return base == null;
    }

    /** The command-line settings that point the service at this database for {@code dataDir}. */
    List<String> serviceArgs(Path dataDir) {
        if (this == EMBEDDED) {
            return List.of();
        }
        if (this == H2) {
            return List.of("--spring.datasource.url=" + EmbeddedDatabase.h2Url(dataDir));
        }
        String name = "wxt_" + hash(dataDir.toAbsolutePath().toString());
        create(name);
        return List.of(
                "--spring.datasource.url=" + base + name,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password);
    }

    /**
     * A connection to the database the service runs on for {@code dataDir}, for tests that look at the
     * tables themselves. For H2, stop the service first: its file is locked while the service has it open.
     */
    Connection connect(Path dataDir) throws SQLException {
        if (this == EMBEDDED) {
            // The service's default spring.datasource.url: the file wxlogin.db in its data directory.
            return DriverManager.getConnection(EmbeddedDatabase.sqliteUrl(dataDir.resolve("wxlogin.db")));
        }
        if (this == H2) {
            return DriverManager.getConnection(
                    "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("wxlogin"), "sa", "");
        }
        return DriverManager.getConnection(
                base + "wxt_" + hash(dataDir.toAbsolutePath().toString()), user, password);
    }

    /**
     * A new, empty database of its own (for SQLite, a file in the temporary folder; for H2, one in
     * memory), for one test of a JDBC store; {@link #drop}
     * removes it when the test is done (a server database is dropped at the latest when the JVM ends).
     */
    public Empty createEmpty() {
        String name = "wxs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (this == EMBEDDED) {
            Path file = Path.of(System.getProperty("java.io.tmpdir"), name + ".db");
            return new Empty(name, EmbeddedDatabase.sqliteUrl(file), "", "");
        }
        if (this == H2) {
            return new Empty(name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
        }
        create(name);
        return new Empty(name, base + name, user, password);
    }

    /**
     * Whether {@link #createCopyOf} is supported, and cheaper than migrating an empty database: PostgreSQL
     * copies a template database inside the server. (The file databases migrate in a few milliseconds;
     * MariaDB has no copy of a whole database.)
     */
    public boolean copies() {
        return this == POSTGRESQL;
    }

    /**
     * A new PostgreSQL database of its own that starts as a copy of {@code template}, one
     * {@link #createEmpty()} made that nothing is connected to any more ({@code CREATE DATABASE … TEMPLATE});
     * {@link #drop} removes it.
     */
    public Empty createCopyOf(Empty template) throws SQLException {
        if (!copies()) {
            throw new UnsupportedOperationException(this + " makes no copy of a database");
        }
        String name = "wxs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(base + adminDatabase, user, password);
                Statement s = c.createStatement()) {
            // A backend whose client has just closed its connection may still be ending: PostgreSQL then
            // refuses to copy the template for a moment ("being accessed by other users", 55006).
            for (int attempt = 1; ; attempt++) {
                try {
                    s.execute("CREATE DATABASE " + name + " TEMPLATE " + template.name());
                    break;
                } catch (SQLException e) {
                    if (!"55006".equals(e.getSQLState()) || attempt == 100) {
                        throw e;
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }
        CREATED.add(name + "@" + name());
        return new Empty(name, base + name, user, password);
    }

    /** Drops a database {@link #createEmpty()} made, once nothing is connected to it any more. */
    public void drop(Empty database) throws SQLException {
        if (this == EMBEDDED) {
            Path file = Path.of(System.getProperty("java.io.tmpdir"), database.name() + ".db");
            for (String suffix : List.of("", "-wal", "-shm")) {
                try {
                    java.nio.file.Files.deleteIfExists(Path.of(file + suffix));
                } catch (java.io.IOException e) {
                    throw new SQLException("cannot delete " + file + suffix, e);
                }
            }
            return;
        }
        if (this == H2) {
            try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
                    Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
            return;
        }
        try (Connection c = DriverManager.getConnection(base + adminDatabase, user, password);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database.name());
        }
        CREATED.remove(database.name() + "@" + name());
    }

    private void create(String name) {
        if (CREATED.contains(name + "@" + name())) {
            return;
        }
        try (Connection c = DriverManager.getConnection(base + adminDatabase, user, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            CREATED.add(name + "@" + name());
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("exist")) {
                return;
            }
            String why = this + " at " + base + " is not reachable: " + e.getMessage();
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true requires " + why, e);
            }
            Assumptions.abort(why);
        }
    }

    private static void dropCreated() {
        for (String entry : CREATED) {
            String[] parts = entry.split("@");
            TestDatabase db = valueOf(parts[1]);
            try (Connection c = DriverManager.getConnection(db.base + db.adminDatabase, db.user, db.password);
                    Statement s = c.createStatement()) {
                // PostgreSQL waits (5 s per database) for sessions still connected, such as the pool of a
                // service whose own shutdown hook runs beside this one: FORCE ends them at once.
                s.execute("DROP DATABASE IF EXISTS " + parts[0] + (db == POSTGRESQL ? " WITH (FORCE)" : ""));
            } catch (SQLException ignored) {
                // best effort
            }
        }
    }

    private static String hash(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
