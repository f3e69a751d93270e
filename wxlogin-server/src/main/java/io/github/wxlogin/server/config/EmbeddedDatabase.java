package io.github.wxlogin.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded database, used when no {@code WXLOGIN_DB_URL} is given: SQLite in the data directory
 * ({@code wxlogin.db}) with a write-ahead log and {@code synchronous=NORMAL}: a commit is written to the
 * log before the answer, so a killed process loses nothing acknowledged (a power loss may lose the last
 * commits; use a server database where that matters). A data directory that holds the H2 database of
 * an earlier version ({@code wxlogin.mv.db}) and no SQLite one keeps running on it, and says so.
 * Sets {@code wxlogin.db.embedded-url}, which {@code spring.datasource.url} defaults to.
 */
public final class EmbeddedDatabase implements EnvironmentPostProcessor, Ordered {

    /** Late, after the configuration files are read. */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    public static final String PROPERTY = "wxlogin.db.embedded-url";
    static final String SQLITE_FILE = "wxlogin.db";
    static final String H2_FILE = "wxlogin.mv.db";

    private final Log log;

    public EmbeddedDatabase(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedDatabase.class);
    }

    /**
     * The JDBC URL of an SQLite database file as the service opens it. The service reads no generated
     * keys, so the driver is told not to query {@code last_insert_rowid()} after every insert.
     */
    public static String sqliteUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath().normalize()
                + "?journal_mode=WAL&synchronous=NORMAL&foreign_keys=true&busy_timeout=10000"
                + "&jdbc.get_generated_keys=false";
    }

    /** The JDBC URL of the H2 database of earlier versions in a data directory. */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("wxlogin")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Path dataDir = Path.of(env.getProperty("wxlogin.data-dir", "./data"));
        boolean legacy = Files.exists(dataDir.resolve(H2_FILE)) && !Files.exists(dataDir.resolve(SQLITE_FILE));
        String url = legacy ? h2Url(dataDir) : sqliteUrl(dataDir.resolve(SQLITE_FILE));
        env.getPropertySources().addLast(new MapPropertySource("wxlogin-embedded-database", Map.of(PROPERTY, url)));
        if (!url.equals(env.getProperty("spring.datasource.url"))) {
            return; // a server database (or another file) is configured
        }
        if (legacy) {
            log.warn("The data directory " + dataDir.toAbsolutePath().normalize() + " holds the H2 database of an"
                    + " earlier wxlogin: it keeps running on it (docs/operations.md, \"The embedded database\").");
        }
        // Nothing is created here: the settings are checked first (startup.StartupCheck, after this), and
        // the directory is made just before the database is opened (SqlitePool).
    }

    /** Before {@code startup.StartupCheck}, which reads the database URL this sets. */
    @Override
    public int getOrder() {
        return ORDER;
    }
}
