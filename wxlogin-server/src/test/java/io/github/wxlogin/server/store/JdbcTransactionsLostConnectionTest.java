package io.github.wxlogin.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The connection lost at the end of a unit, as a database restart loses it: the commit fails on it, and
 * so does the rollback Spring then tries, on the pool's closed connection (Hikari's {@code Connection is
 * closed}, no SQLSTATE, or the driver's own failure on a connection that died quietly). Spring throws the
 * rollback's failure in the place of what came before it. The unit's caller still gets the core's
 * answer: {@code upstream_unavailable} for the lost commit (it was answered 500 until FaultsUnderLoadIT
 * met it in CI), and the unit's own refusal when it refused. The
 * losses are injected at the connection, on this run's real database: a restart cannot be timed to
 * fall between a commit and its rollback.
 */
class JdbcTransactionsLostConnectionTest {

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    private boolean commitLost;
    private boolean statementLost;
    private SQLException rollbackLost;
    private JdbcClient jdbc;
    private JdbcTransactions transactions;

    @BeforeEach
    void losingConnections() {
        DataSource losing = new DelegatingDataSource(db.dataSource()) {
            @Override
            public Connection getConnection() throws SQLException {
                return losing(super.getConnection());
            }
        };
        jdbc = JdbcClient.create(losing);
        transactions = new JdbcTransactions(new TransactionTemplate(new JdbcTransactionManager(losing)));
    }

    @Test
    void aCommitLostWithItsConnectionIsTheDatabaseOutOfReach() {
        commitLost = true;
        rollbackLost = new SQLException("Connection is closed");

        assertThatThrownBy(() -> transactions.inOne(this::insertUser))
                .isInstanceOfSatisfying(
                        WxLoginException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE));
    }

    /** The pool's closed connection (no SQLSTATE), or the driver's own on a connection that died quietly. */
    @ParameterizedTest
    @ValueSource(strings = {"", "08006"})
    void aUnitsRefusalStandsWhenItsRollbackFindsTheConnectionLost(String sqlState) {
        rollbackLost = sqlState.isEmpty()
                ? new SQLException("Connection is closed")
                : new SQLException("An I/O error occurred while sending to the backend.", sqlState);
        WxLoginException refusal = WxLoginException.invalidToken("the session has ended");

        assertThatThrownBy(() -> transactions.inOne(() -> {
                    insertUser();
                    throw refusal;
                }))
                .isSameAs(refusal);
    }

    @Test
    void aUnitsRefusalRollsItsWritesBack() {
        WxLoginException refusal = WxLoginException.invalidToken("the session has ended");

        assertThatThrownBy(() -> transactions.inOne(() -> {
                    insertUser();
                    throw refusal;
                }))
                .isSameAs(refusal);
        assertThat(users()).isZero();
    }

    @Test
    void withNothingLostTheUnitCommits() {
        transactions.inOne(this::insertUser);

        assertThat(users()).isOne();
    }

    /**
     * Spring logs at ERROR, with the stack, each unit whose rollback failed after its commit or a statement
     * did: for a database restart, {@link RollbackNoise} drops that line (the service logs its own WARN);
     * for anything else, the line stays. Each case is run without the filter first, so the test shows that
     * Spring writes the line it drops.
     */
    @Test
    void springsErrorLineForAUnitCutOffByTheDatabaseIsDroppedAndTheServiceWarnsOnce() {
        rollbackLost = new SQLException("Connection is closed");
        commitLost = true;
        assertThat(errorsAndWarnings(() -> transactions.inOne(this::insertUser), false))
                .contains("ERROR Commit exception overridden by rollback exception")
                .contains("WARN Database unavailable (TransactionSystemException)");
        assertThat(errorsAndWarnings(() -> transactions.inOne(this::insertUser), true))
                .containsExactly("WARN Database unavailable (TransactionSystemException)");

        commitLost = false;
        statementLost = true;
        assertThat(errorsAndWarnings(() -> transactions.inOne(this::insertUser), false))
                .contains("ERROR Application exception overridden by rollback exception");
        assertThat(errorsAndWarnings(() -> transactions.inOne(this::insertUser), true))
                .noneMatch(line -> line.startsWith("ERROR"))
                .anyMatch(line -> line.startsWith("WARN Database unavailable"));
    }

    @Test
    void anyOtherFailureARollbackCouldNotFollowKeepsSpringsErrorLine() {
        rollbackLost = new SQLException("Connection is closed");

        assertThat(errorsAndWarnings(
                        () -> transactions.inOne(() -> {
                            insertUser();
                            throw new IllegalStateException("a bug in the unit");
                        }),
                        true))
                .contains("ERROR Application exception overridden by rollback exception");
    }

    /**
     * The ERROR and WARN lines written while {@code unit} fails, to an appender of the root logger with
     * {@link RollbackNoise} on it or not.
     */
    private static List<String> errorsAndWarnings(Runnable unit, boolean filtered) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(lines);
        try {
            if (filtered) {
                assertThat(RollbackNoise.install()).isPositive();
                assertThat(lines.getCopyOfAttachedFiltersList()).hasSize(1);
            }
            assertThatThrownBy(unit::run).isInstanceOf(RuntimeException.class);
        } finally {
            root.detachAppender(lines);
        }
        return lines.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                .toList();
    }

    private Object insertUser() {
        jdbc.sql("INSERT INTO wx_users (id, created_at, updated_at) VALUES ('u_lost', 0, 0)")
                .update();
        return null;
    }

    private long users() {
        return db.jdbc().sql("SELECT COUNT(*) FROM wx_users").query(Long.class).single();
    }

    /**
     * The pool's connection, whose commit and rollback fail when asked to, after rolling the real
     * transaction back (as the server does when a connection is lost), so the pool stays clean.
     */
    private Connection losing(Connection real) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && statementLost) {
                        real.rollback();
                        throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                    }
                    if (method.getName().equals("commit") && commitLost) {
                        real.rollback();
                        throw new SQLException("FATAL: terminating connection due to administrator command", "57P01");
                    }
                    if (method.getName().equals("rollback")
                            && (args == null || args.length == 0)
                            && rollbackLost != null) {
                        real.rollback();
                        throw rollbackLost;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
