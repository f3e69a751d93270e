package io.github.wxlogin.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.wxlogin.server.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stores' writes that wait for the transaction's next statement or its commit, on this run's
 * database: what waits is not in the transaction until then, a rolled-back transaction drops it, a
 * unique violation among it fails the commit and leaves nothing of the unit, and on PostgreSQL it goes
 * as one command.
 */
class DeferringJdbcClientTest {

    private static final String INSERT_USER =
            "INSERT INTO wx_users (id, disabled, created_at, updated_at) VALUES (?, ?, ?, ?)";

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    @Test
    void aWaitingInsertIsSentBeforeTheTransactionsNextStatementAndNotEarlier() {
        DeferringJdbcClient jdbc = db.jdbc();
        // Spring's own client over the same pool takes part in the same transaction, and sends nothing.
        JdbcClient plain = JdbcClient.create(db.dataSource());
        List<Long> seen = new ArrayList<>();

        db.tx().executeWithoutResult(status -> {
            jdbc.writeLater(INSERT_USER, "u_1", false, 1L, 1L);
            seen.add(count(plain, "u_1"));
            seen.add(count(jdbc, "u_1"));
        });

        assertThat(seen).containsExactly(0L, 1L);
        assertThat(count(plain, "u_1")).isOne();
    }

    @Test
    void theCommitSendsWhatWaits() {
        DeferringJdbcClient jdbc = db.jdbc();

        db.tx().executeWithoutResult(status -> {
            jdbc.writeLater(INSERT_USER, "u_1", false, 1L, 1L);
            jdbc.writeLater(INSERT_USER, "u_2", true, 2L, 2L);
        });

        assertThat(users()).containsExactly("u_1", "u_2");
        assertThat(disabled("u_2")).isTrue();
    }

    @Test
    void waitingWritesGoInTheOrderMadeAnUpdateAfterTheInsertOfItsRow() {
        DeferringJdbcClient jdbc = db.jdbc();

        db.tx().executeWithoutResult(status -> {
            jdbc.writeLater(INSERT_USER, "u_1", false, 1L, 1L);
            jdbc.writeLater("UPDATE wx_users SET disabled = ?, updated_at = ? WHERE id = ?", true, 2L, "u_1");
        });

        assertThat(disabled("u_1")).isTrue();
    }

    @Test
    void aTransactionRolledBackDropsWhatWaitedAndTheNextOneDoesNotSendIt() {
        DeferringJdbcClient jdbc = db.jdbc();

        db.tx().executeWithoutResult(status -> {
            jdbc.writeLater(INSERT_USER, "u_dropped", false, 1L, 1L);
            status.setRollbackOnly();
        });
        db.tx().executeWithoutResult(status -> jdbc.writeLater(INSERT_USER, "u_kept", false, 1L, 1L));

        assertThat(users()).containsExactly("u_kept");
    }

    @Test
    void aUniqueViolationAmongWhatWaitsFailsTheCommitAndLeavesNothingOfTheUnit() {
        DeferringJdbcClient jdbc = db.jdbc();
        jdbc.writeLater(INSERT_USER, "u_taken", false, 1L, 1L);

        assertThatThrownBy(() -> db.tx().executeWithoutResult(status -> {
                    jdbc.sql("UPDATE wx_users SET nickname = ? WHERE id = ?")
                            .params("before", "u_taken")
                            .update();
                    jdbc.writeLater(INSERT_USER, "u_new", false, 2L, 2L);
                    jdbc.writeLater(INSERT_USER, "u_taken", false, 2L, 2L);
                }))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(users()).containsExactly("u_taken");
        assertThat(db.jdbc()
                        .sql("SELECT nickname FROM wx_users WHERE id = ?")
                        .param("u_taken")
                        .query(String.class)
                        .optional())
                .isEmpty();
    }

    @Test
    void outsideATransactionAnInsertRunsAtOnce() {
        db.jdbc().writeLater(INSERT_USER, "u_1", false, 1L, 1L);

        assertThat(users()).containsExactly("u_1");
    }

    /** A phone bind answers for its own number, not for a waiting insert it sends first. */
    @Test
    void aBindAfterAWaitingDuplicateFailsTheUnitInsteadOfAnsweringInUse() {
        JdbcUserStore users = new JdbcUserStore(db.jdbc(), db.tx());
        db.jdbc().writeLater(INSERT_USER, "u_taken", false, 1L, 1L);

        assertThatThrownBy(() -> db.tx().execute(status -> {
                    db.jdbc().writeLater(INSERT_USER, "u_taken", false, 2L, 2L);
                    return users.bind("u_taken", "13800138000", "86", Instant.EPOCH);
                }))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(users.findUser("u_taken").orElseThrow().phoneNumber()).isEmpty();
    }

    @Test
    void aNewTransactionInsideOneNeitherSeesNorSendsTheOuterOnesInserts() {
        // SQLite's pool has one connection: a second transaction inside the first would wait for it.
        assumeTrue(TestDatabase.current() != TestDatabase.EMBEDDED, "needs a second connection");
        DeferringJdbcClient jdbc = db.jdbc();
        TransactionTemplate inner = new TransactionTemplate(db.tx().getTransactionManager());
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        List<Long> seen = new ArrayList<>();

        db.tx().executeWithoutResult(status -> {
            jdbc.writeLater(INSERT_USER, "u_outer", false, 1L, 1L);
            inner.executeWithoutResult(s -> {
                jdbc.writeLater(INSERT_USER, "u_inner", false, 1L, 1L);
                seen.add(count(jdbc, "u_outer"));
            });
            seen.add(count(jdbc, "u_outer"));
        });

        assertThat(seen).containsExactly(0L, 1L);
        assertThat(users()).containsExactly("u_inner", "u_outer");
    }

    @Test
    void onPostgresqlWhatWaitsGoesAsOneCommand() {
        assumeTrue(TestDatabase.current() == TestDatabase.POSTGRESQL, "PostgreSQL's driver takes several statements");
        List<String> prepared = Collections.synchronizedList(new ArrayList<>());
        DataSource counting = new CountingDataSource(db.dataSource(), prepared);
        DeferringJdbcClient jdbc = DeferringJdbcClient.over(JdbcClient.create(counting), true);
        TransactionTemplate tx = new TransactionTemplate(new JdbcTransactionManager(counting));

        tx.executeWithoutResult(status -> {
            jdbc.writeLater(INSERT_USER, "u_1", false, 1L, 1L);
            jdbc.writeLater(INSERT_USER, "u_2", false, 2L, 2L);
            jdbc.writeLater(
                    "INSERT INTO wx_sessions (id, user_id, app_id, created_at, expires_at, last_used_at, user_agent,"
                            + " client_ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    "s_1",
                    "u_2",
                    "wx_app",
                    1L,
                    2L,
                    1L,
                    null,
                    null);
        });

        assertThat(prepared).hasSize(1);
        assertThat(prepared.get(0)).contains("wx_users").contains("wx_sessions");
        assertThat(users()).containsExactly("u_1", "u_2");
        assertThat(db.jdbc()
                        .sql("SELECT user_id FROM wx_sessions WHERE id = ?")
                        .param("s_1")
                        .query(String.class)
                        .single())
                .isEqualTo("u_2");
    }

    private static long count(JdbcClient jdbc, String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM wx_users WHERE id = ?")
                .param(userId)
                .query(Long.class)
                .single();
    }

    private List<String> users() {
        return db.jdbc()
                .sql("SELECT id FROM wx_users ORDER BY id")
                .query(String.class)
                .list();
    }

    private boolean disabled(String userId) {
        return db.jdbc()
                .sql("SELECT disabled FROM wx_users WHERE id = ?")
                .param(userId)
                .query(Boolean.class)
                .single();
    }

    /** Records the SQL of each statement prepared on its connections. */
    private static final class CountingDataSource extends DelegatingDataSource {

        private final List<String> prepared;

        CountingDataSource(DataSource target, List<String> prepared) {
            super(target);
            this.prepared = prepared;
        }

        @Override
        public Connection getConnection() throws java.sql.SQLException {
            Connection target = super.getConnection();
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement")) {
                            prepared.add((String) args[0]);
                        }
                        try {
                            return method.invoke(target, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
