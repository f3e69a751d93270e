package io.github.wxlogin.core.login;

import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.session.SessionRecord;
import io.github.wxlogin.core.user.Account;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where logins and refreshes are told, once each as they end: the audit row inside the unit of work
 * that makes the change ({@code audit…}), then, after it committed, the log line and the
 * {@link LoginListener} (metrics).
 */
public final class LoginEvents {

    private static final Logger log = LoggerFactory.getLogger(LoginEvents.class);

    private final Auditor audit;
    private final LoginListener listener;

    public LoginEvents(Auditor audit, LoginListener listener) {
        this.audit = audit;
        this.listener = listener;
    }

    /** Inside the login's unit of work: its audit row commits with the user and the session. */
    void auditLogin(Account account, String sessionId, boolean newUser, ClientInfo client) {
        auditLogin(account, sessionId, newUser, client, Optional.empty());
    }

    /** {@link #auditLogin} with what happened to a Douyin guest ("new guest", "guest upgraded", …), if anything. */
    void auditLogin(Account account, String sessionId, boolean newUser, ClientInfo client, Optional<String> guest) {
        audit.write(
                AuditType.LOGIN,
                account.user().id(),
                sessionId,
                account.identity().appId(),
                client,
                guest.orElse(newUser ? "new user" : null));
    }

    /** After the commit: the log line and the metrics. */
    void loggedIn(SessionGrant grant) {
        Account account = grant.account();
        String app = account.identity().appId();
        log.info(
                "Login user={} app={} session={} newUser={}",
                account.user().id(),
                app,
                grant.sessionId(),
                grant.newUser());
        listener.loggedIn(app, grant.newUser());
    }

    /** A known user who may not log in, inside the login's unit: audited, unlike refusals before the user is known. */
    void auditDisabledLogin(Account account, ClientInfo client) {
        audit.write(
                AuditType.LOGIN_REFUSED,
                account.user().id(),
                null,
                account.identity().appId(),
                client,
                "user disabled");
    }

    /** After the commit of a disabled user's login (its session_key is kept, no session made). */
    void disabledLoginRefused(Account account) {
        log.info(
                "Login refused: user={} is disabled, app={}",
                account.user().id(),
                account.identity().appId());
    }

    void loginRefused(Optional<String> app, RuntimeException e) {
        listener.loginRefused(app, answered(e));
    }

    /** Inside the refresh's unit of work: its audit row commits with the spend and the successor. */
    void auditRefresh(Account account, String sessionId, ClientInfo client) {
        audit.write(
                AuditType.REFRESH,
                account.user().id(),
                sessionId,
                account.identity().appId(),
                client,
                null);
    }

    /**
     * Inside the unit of work of a retry within the refresh grace: its audit row commits with the
     * revoked successor and the new one.
     */
    void auditRefreshRetried(Account account, String sessionId, ClientInfo client) {
        audit.write(
                AuditType.REFRESH_RETRIED,
                account.user().id(),
                sessionId,
                account.identity().appId(),
                client,
                "a just-spent refresh token was presented again within the grace; its unused successor is revoked");
    }

    /** After the commit: the log line and the metrics (a retry within the grace counts as a refresh). */
    void refreshed(SessionGrant grant, boolean retried) {
        if (retried) {
            log.info(
                    "Refresh retried within the grace, earlier successor revoked: user={} session={}",
                    grant.account().user().id(),
                    grant.sessionId());
        } else {
            log.info("Refresh user={} session={}", grant.account().user().id(), grant.sessionId());
        }
        listener.refreshed(grant.account().identity().appId());
    }

    /** Inside the refresh's unit of work that ends the session a spent token was presented again for. */
    void auditRefreshTokenReused(SessionRecord session, ClientInfo client) {
        audit.write(
                AuditType.REFRESH_TOKEN_REUSED,
                session.userId(),
                session.id(),
                session.appId(),
                client,
                "a spent refresh token was presented again; the session is ended");
    }

    /** After the commit. */
    void refreshTokenReused(SessionRecord session) {
        log.warn("Refresh token reused: session={} user={} ended", session.id(), session.userId());
    }

    void refreshRefused(RuntimeException e) {
        // The app of a refused refresh is not told: the token that would name it did not hold.
        listener.refreshRefused(Optional.empty(), answered(e));
    }

    /** The code the client is answered: a failure that is not the contract's own is an internal error. */
    private static ErrorCode answered(RuntimeException e) {
        return e instanceof WxLoginException w ? w.code() : ErrorCode.INTERNAL_ERROR;
    }
}
