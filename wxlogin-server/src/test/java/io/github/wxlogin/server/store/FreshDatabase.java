package io.github.wxlogin.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.wxlogin.server.TestDatabase;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A new database for each test, on the database of this run ({@link TestDatabase#current()}: SQLite,
 * H2, PostgreSQL or MariaDB), migrated by Flyway from the service's own migrations (or a copy of one so
 * migrated, where that is cheaper) and reached as the
 * service reaches it: a Hikari pool, its {@link DeferringJdbcClient} and a {@link TransactionTemplate}. Dropped
 * after the test. Register it on an instance field, so it is ready before the test's {@code @BeforeEach}.
 */
final class FreshDatabase implements BeforeEachCallback, AfterEachCallback {

    /** As the service's default pool: enough for the contract tests' concurrent callers; SQLite's is one. */
    private static final int POOL_SIZE = 10;

    /**
     * A database migrated once for this test JVM, which each test's database is a copy of where the
     * database copies cheaply ({@link TestDatabase#copies()}): Flyway's run took about 0.3 s a test on
     * PostgreSQL, the copy about as long as creating an empty database. Dropped when the JVM ends, as every
     * server database {@link TestDatabase#createEmpty()} made.
     */
    private static TestDatabase.Empty template;

    private TestDatabase.Empty database;
    private HikariDataSource dataSource;
    private DeferringJdbcClient jdbc;
    private TransactionTemplate tx;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        TestDatabase db = TestDatabase.current();
        if (db.copies()) {
            database = db.createCopyOf(template(db));
            dataSource = pool(database);
        } else {
            database = db.createEmpty();
            dataSource = pool(database);
            migrate(dataSource);
        }
        jdbc = DeferringJdbcClient.over(
                JdbcClient.create(dataSource), DeferringJdbcClient.takesSeveralStatements(database.url()));
        tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (dataSource != null) {
            dataSource.close();
        }
        if (database != null) {
            TestDatabase.current().drop(database);
        }
    }

    private static synchronized TestDatabase.Empty template(TestDatabase db) {
        if (template == null) {
            TestDatabase.Empty empty = db.createEmpty();
            try (HikariDataSource migrating = pool(empty)) {
                migrate(migrating);
            }
            template = empty;
        }
        return template;
    }

    private static HikariDataSource pool(TestDatabase.Empty database) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(database.url().startsWith("jdbc:sqlite:") ? 1 : POOL_SIZE);
        return new HikariDataSource(config);
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    DeferringJdbcClient jdbc() {
        return jdbc;
    }

    TransactionTemplate tx() {
        return tx;
    }

    DataSource dataSource() {
        return dataSource;
    }
}
