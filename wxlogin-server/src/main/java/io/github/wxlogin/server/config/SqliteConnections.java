package io.github.wxlogin.server.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Opens the pool's SQLite connections, set up for a login's writes beyond what the URL can say:
 *
 * <ul>
 *   <li>The write-ahead log is checkpointed into the database file every {@value #CHECKPOINT_PAGES}
 *       pages instead of SQLite's 1,000. A login writes about two dozen pages, so at 1,000 the commit of
 *       every fortieth login also copied the log into the file and synced both; at 10,000 the log holds
 *       about 40 MB at most, most of its pages written many times over, and each page goes to the file
 *       once per checkpoint. A commit is in the log before it is answered either way, so a killed process
 *       still loses nothing.
 *   <li>Prepared statements are kept for reuse ({@link StatementCache}, at most {@value #STATEMENTS}).
 * </ul>
 */
final class SqliteConnections extends DelegatingDataSource {

    static final int CHECKPOINT_PAGES = 10_000;
    static final int STATEMENTS = 64;

    SqliteConnections(DataSource driver) {
        super(driver);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return setUp(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return setUp(super.getConnection(username, password));
    }

    private static Connection setUp(Connection connection) throws SQLException {
        try (Statement pragma = connection.createStatement()) {
            pragma.execute("PRAGMA wal_autocheckpoint=" + CHECKPOINT_PAGES);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return StatementCache.around(connection, STATEMENTS);
    }
}
