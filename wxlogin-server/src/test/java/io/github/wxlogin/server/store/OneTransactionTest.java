package io.github.wxlogin.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxlogin.core.audit.AuditEvent;
import io.github.wxlogin.core.audit.AuditLog;
import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.testing.CoreFixture;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.token.RefreshTokens;
import io.github.wxlogin.core.user.Identity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A login's user, identity, session, refresh token and audit row commit together, and so do a
 * refresh's spend, successor and audit row, and a link's, an unlink's and a merge's writes: the core
 * composed over the JDBC stores of this run's database, with an audit log that fails once its row is
 * written, the last write before the commit (what a crash there would leave behind).
 */
class OneTransactionTest {

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    private CrashingAuditLog audit;
    private CoreFixture f;

    @BeforeEach
    void compose() {
        audit = new CrashingAuditLog(new JdbcAuditLog(db.jdbc()));
        f = new CoreFixture(b -> b.userStore(new JdbcUserStore(db.jdbc(), db.tx()))
                .sessionStore(new JdbcSessionStore(db.jdbc(), db.tx()))
                .signingKeyStore(new JdbcSigningKeyStore(db.jdbc(), db.tx()))
                .auditLog(audit)
                .transactions(new JdbcTransactions(db.tx())));
    }

    @AfterEach
    void noCrash() {
        audit.crashOn = null;
    }

    @Test
    void aLoginWhoseAuditRowFailsLeavesNothing() {
        audit.crashOn = AuditType.LOGIN;
        String code = f.platform.loginCode(CoreFixture.APP, "o-crash");

        assertThatThrownBy(() -> f.logins.login(CoreFixture.APP, code, CoreFixture.PHONE))
                .hasMessageContaining("crash before commit");

        assertThat(count("wx_users")).isZero();
        assertThat(count("wx_identities")).isZero();
        assertThat(count("wx_sessions")).isZero();
        assertThat(count("wx_refresh_tokens")).isZero();
        assertThat(count("wx_audit")).isZero();

        audit.crashOn = null;
        SessionGrant grant = f.loginThroughPlatform(CoreFixture.APP, "o-crash");
        assertThat(grant.newUser()).isTrue();
        assertThat(count("wx_users")).isOne();
        assertThat(count("wx_sessions")).isOne();
        assertThat(count("wx_refresh_tokens")).isOne();
        assertThat(auditTypes()).containsExactlyInAnyOrder("login");
    }

    @Test
    void aRefreshWhoseAuditRowFailsLeavesItsTokenGoodForTheRetry() {
        SessionGrant grant = f.loginThroughPlatform(CoreFixture.APP, "o-refresh");
        audit.crashOn = AuditType.REFRESH;

        assertThatThrownBy(() -> f.refresh.refresh(grant.refreshToken(), CoreFixture.PHONE))
                .hasMessageContaining("crash before commit");
        assertThat(count("wx_refresh_tokens")).isOne();
        assertThat(db.jdbc()
                        .sql("SELECT COUNT(*) FROM wx_refresh_tokens WHERE consumed_at IS NULL")
                        .query(Long.class)
                        .single())
                .isOne();

        audit.crashOn = null;
        // The client retries with the same token: not theft, the session goes on.
        SessionGrant next = f.refresh.refresh(grant.refreshToken(), CoreFixture.PHONE);
        assertThat(next.sessionId()).isEqualTo(grant.sessionId());
        assertThat(count("wx_refresh_tokens")).isEqualTo(2);
        assertThat(auditTypes()).containsExactlyInAnyOrder("login", "refresh");
        assertThat(f.refresh.refresh(next.refreshToken(), CoreFixture.PHONE).sessionId())
                .isEqualTo(grant.sessionId());
    }

    @Test
    void aReusedTokenEndsTheSessionAndIsAuditedInOneUnit() {
        SessionGrant grant = f.loginThroughPlatform(CoreFixture.APP, "o-theft");
        f.refresh.refresh(grant.refreshToken(), CoreFixture.PHONE);
        f.clock.advance(f.settings.refreshGrace());
        audit.crashOn = AuditType.REFRESH_TOKEN_REUSED;

        assertThatThrownBy(() -> f.refresh.refresh(grant.refreshToken(), CoreFixture.PHONE))
                .hasMessageContaining("crash before commit");
        assertThat(endedSessions()).isZero();

        audit.crashOn = null;
        assertThatThrownBy(() -> f.refresh.refresh(grant.refreshToken(), CoreFixture.PHONE))
                .isInstanceOfSatisfying(
                        WxLoginException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_REUSED));
        assertThat(endedSessions()).isOne();
        assertThat(auditTypes()).containsExactlyInAnyOrder("login", "refresh", "refresh_token_reused");
    }

    @Test
    void aRetryWhoseAuditRowFailsLeavesTheFirstSuccessorLiveAndNothingElse() {
        SessionGrant grant = f.loginThroughPlatform(CoreFixture.APP, "o-retry");
        SessionGrant first = f.refresh.refresh(grant.refreshToken(), CoreFixture.PHONE);
        audit.crashOn = AuditType.REFRESH_RETRIED;

        assertThatThrownBy(() -> f.refresh.refresh(grant.refreshToken(), CoreFixture.PHONE))
                .hasMessageContaining("crash before commit");
        assertThat(count("wx_refresh_tokens")).isEqualTo(2);
        assertThat(unspentTokens()).containsExactly(RefreshTokens.hash(first.refreshToken()));

        audit.crashOn = null;
        SessionGrant retried = f.refresh.refresh(grant.refreshToken(), CoreFixture.PHONE);
        assertThat(unspentTokens()).containsExactly(RefreshTokens.hash(retried.refreshToken()));
        assertThat(auditTypes()).containsExactlyInAnyOrder("login", "refresh", "refresh_retried");
    }

    @Test
    void aDisabledUsersLoginKeepsItsRefusalRowAndOpensNoSession() {
        SessionGrant first = f.loginThroughPlatform(CoreFixture.APP, "o-disabled");
        new JdbcUserStore(db.jdbc(), db.tx()).setDisabled(first.account().user().id(), true, Instant.now());

        assertThatThrownBy(() -> f.loginThroughPlatform(CoreFixture.APP, "o-disabled"))
                .isInstanceOfSatisfying(
                        WxLoginException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_DISABLED));

        assertThat(count("wx_sessions")).isOne();
        assertThat(auditTypes()).containsExactlyInAnyOrder("login", "login_refused");
    }

    @Test
    void concurrentFirstLoginsOfOneUserMakeOneUserAndEverySessionWithItsRow() throws Exception {
        List<String> codes = IntStream.range(0, 20)
                .mapToObj(i -> f.platform.loginCode(CoreFixture.GROUPED_APP, "o-race"))
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<SessionGrant>> logins = codes.stream()
                    .<Callable<SessionGrant>>map(
                            code -> () -> f.logins.login(CoreFixture.GROUPED_APP, code, CoreFixture.PHONE))
                    .toList();
            for (Future<SessionGrant> login : pool.invokeAll(logins)) {
                login.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("wx_users")).isOne();
        assertThat(count("wx_identities")).isOne();
        assertThat(count("wx_sessions")).isEqualTo(20);
        assertThat(count("wx_refresh_tokens")).isEqualTo(20);
        assertThat(count("wx_audit")).isEqualTo(20);
        assertThat(db.jdbc()
                        .sql("SELECT COUNT(*) FROM wx_audit WHERE detail = 'new user'")
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void aMergeWhoseAuditRowFailsLeavesBothUsersAsTheyWere() {
        SessionGrant from = f.loginThroughPlatform(CoreFixture.GROUPED_APP, "o-merge-from");
        SessionGrant into = f.loginThroughPlatform(CoreFixture.APP, "o-merge-into");
        String fromId = from.account().user().id();
        String intoId = into.account().user().id();
        Map<String, List<Map<String, Object>>> before = tables();
        audit.crashOn = AuditType.USER_MERGED;

        assertThatThrownBy(() -> f.admin.merge(intoId, fromId, CoreFixture.PHONE))
                .hasMessageContaining("crash before commit");

        assertThat(tables())
                .as("every row as it was: users, identities, sessions, audit")
                .isEqualTo(before);
        assertThat(f.caller(from).userId())
                .as("the merged user's session goes on")
                .isEqualTo(fromId);

        audit.crashOn = null;
        f.admin.merge(intoId, fromId, CoreFixture.PHONE);
        assertThat(count("wx_users")).isOne();
        assertThat(db.jdbc()
                        .sql("SELECT COUNT(*) FROM wx_identities WHERE user_id = ?")
                        .param(intoId)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(db.jdbc()
                        .sql("SELECT COUNT(*) FROM wx_sessions WHERE user_id = ?")
                        .param(fromId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(db.jdbc()
                        .sql("SELECT COUNT(*) FROM wx_audit WHERE user_id = ?")
                        .param(fromId)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anUnlinkWhoseAuditRowFailsKeepsTheIdentityAndItsSessions() {
        SessionGrant grant = f.loginThroughPlatform(CoreFixture.APP, "o-unlink");
        AccessClaims caller = f.caller(grant);
        f.links.link(
                caller,
                CoreFixture.GROUPED_APP,
                f.platform.loginCode(CoreFixture.GROUPED_APP, "o-unlink-g"),
                CoreFixture.PHONE);
        SessionGrant grouped = f.loginThroughPlatform(CoreFixture.GROUPED_APP, "o-unlink-g");
        Map<String, List<Map<String, Object>>> before = tables();
        audit.crashOn = AuditType.IDENTITY_UNLINKED;

        assertThatThrownBy(() -> f.identities.unlink(
                        caller, Identity.idOf(CoreFixture.GROUPED_APP, "o-unlink-g"), CoreFixture.PHONE))
                .hasMessageContaining("crash before commit");

        assertThat(tables()).isEqualTo(before);
        assertThat(f.caller(grouped).userId()).isEqualTo(caller.userId());
    }

    @Test
    void aLinkWhoseAuditRowFailsLinksNothing() {
        AccessClaims caller = f.caller(f.loginThroughPlatform(CoreFixture.APP, "o-link"));
        Map<String, List<Map<String, Object>>> before = tables();
        audit.crashOn = AuditType.IDENTITY_LINKED;

        assertThatThrownBy(() -> f.links.link(
                        caller,
                        CoreFixture.GROUPED_APP,
                        f.platform.loginCode(CoreFixture.GROUPED_APP, "o-link-g", Optional.of("un-link")),
                        CoreFixture.PHONE))
                .hasMessageContaining("crash before commit");

        assertThat(tables()).isEqualTo(before);
    }

    private long count(String table) {
        return db.jdbc().sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    /** Every row of the tables a merge, a link or an unlink writes, in a fixed order. */
    private Map<String, List<Map<String, Object>>> tables() {
        Map<String, List<Map<String, Object>>> rows = new TreeMap<>();
        for (String table :
                List.of("wx_users", "wx_identities", "wx_unions", "wx_sessions", "wx_refresh_tokens", "wx_audit")) {
            List<Map<String, Object>> all = new ArrayList<>();
            for (Map<String, Object> row :
                    db.jdbc().sql("SELECT * FROM " + table).query().listOfRows()) {
                Map<String, Object> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                sorted.putAll(row);
                // A use of a session is stamped (throttled) by the checks this test makes: not a write of the change.
                sorted.remove("last_used_at");
                all.add(sorted);
            }
            all.sort(java.util.Comparator.comparing(Object::toString));
            rows.put(table, all);
        }
        return rows;
    }

    private List<String> unspentTokens() {
        return db.jdbc()
                .sql("SELECT token_hash FROM wx_refresh_tokens WHERE consumed_at IS NULL")
                .query(String.class)
                .list();
    }

    private long endedSessions() {
        return db.jdbc()
                .sql("SELECT COUNT(*) FROM wx_sessions WHERE ended_at IS NOT NULL")
                .query(Long.class)
                .single();
    }

    private List<String> auditTypes() {
        // The fixture's clock stands still: rows of one instant come in no set order.
        return audit.page(Optional.empty(), Optional.empty(), 100).stream()
                .map(e -> e.type().code())
                .toList();
    }

    /** Writes the row, then fails for the chosen type: the unit's last write before its commit. */
    private static final class CrashingAuditLog implements AuditLog {

        private final AuditLog delegate;
        volatile AuditType crashOn;

        CrashingAuditLog(AuditLog delegate) {
            this.delegate = delegate;
        }

        @Override
        public void append(AuditEvent event) {
            delegate.append(event);
            if (event.type() == crashOn) {
                throw new IllegalStateException("crash before commit");
            }
        }

        @Override
        public List<AuditEvent> page(Optional<Cursor> before, Optional<String> userId, int limit) {
            return delegate.page(before, userId, limit);
        }

        @Override
        public int purge(Instant before, int batch) {
            return delegate.purge(before, batch);
        }

        @Override
        public int reassign(String fromUserId, String intoUserId) {
            return delegate.reassign(fromUserId, intoUserId);
        }
    }
}
