package io.github.wxlogin.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.github.wxlogin.server.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite connections as the pool opens them: statements kept for reuse, and the log's checkpoints. */
class SqliteConnectionsTest {

    @TempDir
    Path dir;

    private String url;
    private Connection raw;
    private Connection cached;

    @BeforeEach
    void open() throws SQLException {
        TestDatabase.onlyInTheEmbeddedSuite("SQLite only, and the same in every suite");
        url = EmbeddedDatabase.sqliteUrl(dir.resolve("wxlogin.db"));
        raw = DriverManager.getConnection(url);
        try (Statement s = raw.createStatement()) {
            s.execute("create table t (id integer primary key, name text not null)");
            s.execute("insert into t values (1, 'one'), (2, 'two'), (3, 'three')");
        }
        cached = StatementCache.around(raw, 2);
    }

    @AfterEach
    void close() throws SQLException {
        if (cached != null) {
            cached.close();
        }
    }

    private static PreparedStatement underlying(PreparedStatement lent) {
        return StatementCache.underlying(lent);
    }

    /** Whether a connection holds a read transaction: then a checkpoint that must reset the log is busy. */
    private boolean checkpointIsBusy() throws SQLException {
        try (Connection other = DriverManager.getConnection(url);
                Statement w = other.createStatement()) {
            w.execute("insert into t (name) values ('written meanwhile')");
            try (ResultSet checkpoint = w.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                checkpoint.next();
                return checkpoint.getInt(1) != 0;
            }
        }
    }

    @Test
    void aClosedStatementIsLentAgainForTheSameSql() throws SQLException {
        PreparedStatement first = cached.prepareStatement("select name from t where id = ?");
        PreparedStatement firstUnderlying = underlying(first);
        first.setLong(1, 2);
        try (ResultSet rs = first.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("two");
        }
        first.close();

        PreparedStatement again = cached.prepareStatement("select name from t where id = ?");
        assertThat(underlying(again)).isSameAs(firstUnderlying);
        assertThat(again).isNotSameAs(first);
        assertThat(again.equals(first)).isFalse(); // lent twice, two different statements to their users
        assertThat(again.equals(again)).isTrue();
        assertThat(first.isClosed()).isTrue();
        assertThat(again.isClosed()).isFalse();
        assertThatThrownBy(() -> first.setLong(1, 3)).isInstanceOf(SQLException.class);
        again.close();
        assertThat(StatementCache.idleCount(cached)).isEqualTo(1);
    }

    @Test
    void aStatementStillInUseIsNotLentTwice() throws SQLException {
        try (PreparedStatement outer = cached.prepareStatement("select name from t where id = ?");
                PreparedStatement inner = cached.prepareStatement("select name from t where id = ?")) {
            assertThat(underlying(inner)).isNotSameAs(underlying(outer));
        }
        // both given back: one is kept, the other freed
        assertThat(StatementCache.idleCount(cached)).isEqualTo(1);
    }

    @Test
    void aStatementIsLentWithoutTheParametersOfItsLastUse() throws SQLException {
        PreparedStatement first;
        try (PreparedStatement s = cached.prepareStatement("select ?")) {
            first = underlying(s);
            s.setString(1, "left over");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("left over");
            }
        }
        try (PreparedStatement s = cached.prepareStatement("select ?");
                ResultSet rs = s.executeQuery()) {
            assertThat(underlying(s)).isSameAs(first);
            rs.next();
            assertThat(rs.getString(1)).isNull(); // an unbound parameter is NULL in SQLite
        }
    }

    @Test
    void aStatementGivenBackWithItsResultsHalfReadHoldsNoReadTransaction() throws SQLException {
        PreparedStatement s = cached.prepareStatement("select name from t order by id");
        ResultSet rs = s.executeQuery();
        assertThat(rs.next()).isTrue(); // two rows left unread, the result set left open
        s.close();

        assertThat(rs.isClosed()).isTrue();
        assertThat(StatementCache.idleCount(cached)).as("kept, not freed").isEqualTo(1);
        assertThat(checkpointIsBusy()).isFalse();
    }

    @Test
    void aQueryRunByExecuteIsKeptOnlyIfItsResultsWereTaken() throws SQLException {
        PreparedStatement taken = cached.prepareStatement("select name from t order by id");
        assertThat(taken.execute()).isTrue();
        assertThat(taken.getResultSet().next()).isTrue(); // half read
        taken.close();
        assertThat(StatementCache.idleCount(cached)).isEqualTo(1);
        assertThat(checkpointIsBusy()).isFalse();

        PreparedStatement untaken = cached.prepareStatement("select id from t order by id");
        PreparedStatement untakenUnderlying = underlying(untaken);
        assertThat(untaken.execute()).isTrue(); // stopped at its first row; no result set taken
        untaken.close();
        assertThat(StatementCache.idleCount(cached)).isEqualTo(1);
        assertThat(untakenUnderlying.isClosed()).isTrue();
        assertThat(checkpointIsBusy()).isFalse();
    }

    @Test
    void statementsLongerThanTheLimitOrUnwrappedAreFreedNotKept() throws SQLException {
        String in = String.join(", ", java.util.Collections.nCopies(400, "?"));
        PreparedStatement purge = cached.prepareStatement("delete from t where id in (" + in + ")");
        for (int i = 1; i <= 400; i++) {
            purge.setLong(i, 1000 + i);
        }
        purge.executeUpdate();
        purge.close();

        PreparedStatement unwrapped = cached.prepareStatement("select 1");
        unwrapped.unwrap(PreparedStatement.class).setMaxRows(1); // unseen by the cache
        unwrapped.close();

        assertThat(StatementCache.idleCount(cached)).isZero();
    }

    @Test
    void theLeastRecentlyUsedIdleStatementIsFreedBeyondTheCapacity() throws SQLException {
        PreparedStatement a = cached.prepareStatement("select 1");
        PreparedStatement aUnderlying = underlying(a);
        a.close();
        PreparedStatement b = cached.prepareStatement("select 2");
        PreparedStatement bUnderlying = underlying(b);
        b.close();
        cached.prepareStatement("select 1").close(); // a used again: b is now the least recently used
        cached.prepareStatement("select 3").close();

        assertThat(StatementCache.idleCount(cached)).isEqualTo(2);
        assertThat(bUnderlying.isClosed()).isTrue();
        assertThat(aUnderlying.isClosed()).isFalse();
    }

    @Test
    void aStatementThatFailedOrWasSetUpOtherwiseIsFreedNotKept() throws SQLException {
        PreparedStatement failing = cached.prepareStatement("insert into t values (?, ?)");
        PreparedStatement failingUnderlying = underlying(failing);
        failing.setLong(1, 1);
        failing.setString(2, "duplicate id");
        assertThatThrownBy(failing::executeUpdate).isInstanceOf(SQLException.class);
        failing.close();

        PreparedStatement limited = cached.prepareStatement("select name from t");
        PreparedStatement limitedUnderlying = underlying(limited);
        limited.setMaxRows(1);
        limited.executeQuery().close();
        limited.close();

        assertThat(StatementCache.idleCount(cached)).isZero();
        assertThat(failingUnderlying.isClosed()).isTrue();
        assertThat(limitedUnderlying.isClosed()).isTrue();
    }

    @Test
    void closingTheConnectionFreesItsStatements() throws SQLException {
        PreparedStatement s = cached.prepareStatement("select 1");
        PreparedStatement sUnderlying = underlying(s);
        s.close();

        cached.close();

        assertThat(sUnderlying.isClosed()).isTrue();
        assertThat(raw.isClosed()).isTrue();
        cached = null;
    }

    @Test
    void thePoolsConnectionsKeepStatementsAndCheckpointEveryTenThousandPages() throws SQLException {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        try (pool) {
            new SqlitePool().postProcessBeforeInitialization(pool, "dataSource");
            try (Connection c = pool.getConnection()) {
                try (PreparedStatement s = c.prepareStatement("PRAGMA wal_autocheckpoint");
                        ResultSet rs = s.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(SqliteConnections.CHECKPOINT_PAGES);
                }
                try (PreparedStatement insert = c.prepareStatement("insert into t values (9, 'nine')")) {
                    insert.executeUpdate();
                    // the driver asked for none (no last_insert_rowid() query after every insert)
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        assertThat(keys.next()).isFalse();
                    }
                }
                PreparedStatement first;
                try (PreparedStatement s = c.prepareStatement("select name from t where id = ?")) {
                    first = underlying(s.unwrap(PreparedStatement.class)); // the pool's proxy gives the cache's
                }
                try (PreparedStatement s = c.prepareStatement("select name from t where id = ?")) {
                    assertThat(underlying(s.unwrap(PreparedStatement.class))).isSameAs(first);
                }
            }
        }
    }
}
