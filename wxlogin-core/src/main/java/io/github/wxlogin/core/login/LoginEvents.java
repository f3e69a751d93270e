package io.github.wxlogin.core.login;

import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.user.Account;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where logins and refreshes are told, once each as they end: the audit log, the log line and the
 * {@link LoginListener} (metrics) hear the same outcome at the same place.
 */
public final class LoginEvents {

    private static final Logger log = LoggerFactory.getLogger(LoginEvents.class);

    private final Auditor audit;
    private final LoginListener listener;

    public LoginEvents(Auditor audit, LoginListener listener) {
        this.audit = audit;
        this.listener = listener;
    }

    void loggedIn(SessionGrant grant, ClientInfo client) {
        Account account = grant.account();
        String app = account.identity().appId();
        audit.record(
                AuditType.LOGIN,
                account.user().id(),
                grant.sessionId(),
                app,
                client,
                grant.newUser() ? "new user" : null);
        log.info(
                "Login user={} app={} session={} newUser={}",
                account.user().id(),
                app,
                grant.sessionId(),
                grant.newUser());
        listener.loggedIn(app, grant.newUser());
    }

    /** A known user who may not log in: audited, unlike refusals before the user is known. */
    void loginOfDisabledUser(Account account, ClientInfo client) {
        String app = account.identity().appId();
        log.info("Login refused: user={} is disabled, app={}", account.user().id(), app);
        audit.record(AuditType.LOGIN_REFUSED, account.user().id(), null, app, client, "user disabled");
    }

    void loginRefused(Optional<String> app, RuntimeException e) {
        listener.loginRefused(app, answered(e));
    }

    void refreshed(SessionGrant grant, ClientInfo client) {
        String user = grant.account().user().id();
        audit.record(
                AuditType.REFRESH,
                user,
                grant.sessionId(),
                grant.account().identity().appId(),
                client,
                null);
        log.info("Refresh user={} session={}", user, grant.sessionId());
        listener.refreshed(grant.account().identity().appId());
    }

    void refreshTokenReused(String userId, String sessionId, String appId, ClientInfo client) {
        audit.record(
                AuditType.REFRESH_TOKEN_REUSED,
                userId,
                sessionId,
                appId,
                client,
                "a spent refresh token was presented again; the session is ended");
        log.warn("Refresh token reused: session={} user={} ended", sessionId, userId);
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
