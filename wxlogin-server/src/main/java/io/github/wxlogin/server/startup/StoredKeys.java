package io.github.wxlogin.server.startup;

import io.github.wxlogin.core.token.StoredSigningKey;
import io.github.wxlogin.server.store.JdbcSigningKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The signing keys a database already holds, read before the start creates anything, over one plain
 * connection closed at once: so that a master key that does not open them is refused before a key
 * file, a database file or a signing key is written. A database that does not exist yet holds none,
 * and is not created to find that out (an SQLite or H2 file that is not there is not opened). When
 * the database cannot be read now (not reachable, or reachable only with pool settings this plain
 * connection lacks), the answer is empty and the start checks the keys later, once it has opened the
 * database itself ({@link MasterKeyConfiguration}).
 */
final class StoredKeys {

    private static final String TABLE = "wx_signing_keys";
    private static final int LOGIN_TIMEOUT_SECONDS = 5;

    private StoredKeys() {}

    static Optional<List<StoredSigningKey>> read(String url, String user, String password) {
        Optional<String> openable = openable(url);
        if (openable.isEmpty()) {
            return Optional.of(List.of());
        }
        try (Connection connection = connect(openable.get(), user, password)) {
            if (!hasTable(connection)) {
                return Optional.of(List.of());
            }
            SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
            return Optional.of(new JdbcSigningKeyStore(
                            JdbcClient.create(single),
                            new TransactionTemplate(new DataSourceTransactionManager(single)))
                    .listActive());
        } catch (SQLException | DataAccessException cannotReadNow) {
            return Optional.empty();
        }
    }

    /** Gives up after a few seconds: the start's own pool tries again, and says why it cannot connect. */
    private static Connection connect(String url, String user, String password) throws SQLException {
        int before = DriverManager.getLoginTimeout();
        DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
        try {
            return DriverManager.getConnection(url, user, password);
        } finally {
            DriverManager.setLoginTimeout(before);
        }
    }

    /** The URL to open, or empty when the database is a file or memory that does not exist yet. */
    private static Optional<String> openable(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            String path = url.substring("jdbc:sqlite:".length());
            path = path.indexOf('?') < 0 ? path : path.substring(0, path.indexOf('?'));
            boolean file = !path.isEmpty() && !path.startsWith(":") && !path.startsWith("file:");
            return file && Files.isRegularFile(Path.of(path)) ? Optional.of(url) : Optional.empty();
        }
        if (url.startsWith("jdbc:h2:mem:")) {
            return Optional.empty();
        }
        if (url.startsWith("jdbc:h2:")) {
            return Optional.of(url + ";IFEXISTS=TRUE"); // else H2 creates the file it is asked to open
        }
        return Optional.of(url);
    }

    private static boolean hasTable(Connection connection) throws SQLException {
        try (ResultSet tables =
                connection.getMetaData().getTables(connection.getCatalog(), null, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                if (TABLE.equalsIgnoreCase(tables.getString("TABLE_NAME"))) {
                    return true;
                }
            }
            return false;
        }
    }
}
