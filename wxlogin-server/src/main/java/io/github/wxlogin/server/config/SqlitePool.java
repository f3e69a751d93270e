package io.github.wxlogin.server.config;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * One connection for an SQLite database: SQLite takes one writer at a time, and writers queued on its
 * file lock wait in sleeps, while writers queued on the pool are handed the connection the moment it is
 * free. Reads are short (and /v1/me and the session check are answered from caches). The connection is
 * opened by {@link SqliteConnections}, which keeps its prepared statements and checkpoints its log less often.
 *
 * <p>Also makes the folder the database file goes in (SQLite makes its file, not the folder), here,
 * just before the pool opens it: after the settings were checked, so a start refused for a mistake
 * leaves no data directory behind.
 */
final class SqlitePool implements BeanPostProcessor {

    private static final String PREFIX = "jdbc:sqlite:";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool
                && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith(PREFIX)) {
            pool.setMaximumPoolSize(1);
            pool.setMinimumIdle(1);
            pool.setDataSource(new SqliteConnections(new DriverDataSource(
                    pool.getJdbcUrl(),
                    pool.getDriverClassName(),
                    pool.getDataSourceProperties(),
                    pool.getUsername(),
                    pool.getPassword())));
            folder(pool.getJdbcUrl()).ifPresent(SqlitePool::create);
        }
        return bean;
    }

    /** The folder of a file database ({@code jdbc:sqlite:/path/file?…}); none for memory and URI forms. */
    static Optional<Path> folder(String url) {
        String path = url.substring(PREFIX.length());
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        if (path.isEmpty() || path.startsWith(":") || path.startsWith("file:")) {
            return Optional.empty();
        }
        return Optional.ofNullable(Path.of(path).toAbsolutePath().getParent());
    }

    private static void create(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of the SQLite database " + folder, e);
        }
    }
}
