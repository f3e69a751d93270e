package io.github.wxlogin.core.risk;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.login.LoginScreen;
import io.github.wxlogin.core.platform.PlatformLogin;
import io.github.wxlogin.core.user.UserStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The risk control of first logins ({@code getuserriskrank}, scene 0, "sign-up"): a login of an app
 * whose policy is on, by a user the app has no identity for yet, is ranked before anything is written.
 * A rank the policy refuses is answered 403 {@code user_blocked} with nothing created (no user,
 * identity or session; the code stays spent, as WeChat spent it) and one {@code login_refused} audit
 * row without a user; any other rank goes into the login's audit row ("risk rank 1"). When WeChat cannot
 * rank the user, the login goes through: the policy's {@link RiskPolicy.OnFailure} says whether its
 * audit row tells why. A later login of the same user is not ranked again.
 */
public final class RiskScreen implements LoginScreen {

    private static final Logger log = LoggerFactory.getLogger(RiskScreen.class);
    /** getuserriskrank's scene for a sign-up ("0:注册"). */
    public static final int SIGN_UP = 0;

    private final RiskControl control;
    private final UserStore users;
    private final Auditor audit;

    public RiskScreen(RiskControl control, UserStore users, Auditor audit) {
        this.control = control;
        this.users = users;
        this.audit = audit;
    }

    @Override
    public CompletableFuture<Optional<String>> screen(App app, PlatformLogin login, ClientInfo client) {
        RiskPolicy policy = control.policyOf(app.appId());
        if (policy.mode() == RiskPolicy.Mode.OFF || login.session().isEmpty()) {
            return LoginScreen.NONE.screen(app, login, client);
        }
        String openid = login.session().get().openid();
        try {
            return CompletableFuture.supplyAsync(() -> decide(app, policy, openid, client), control.executor());
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(unknown(app, policy, "too many risk checks at once"));
        }
    }

    private Optional<String> decide(App app, RiskPolicy policy, String openid, ClientInfo client) {
        if (!users.userIdsByOpenid(openid, Optional.of(app.appId())).isEmpty()) {
            return Optional.empty();
        }
        if (client.ip().isEmpty()) {
            return unknown(app, policy, "the client's address is not known");
        }
        int rank;
        try {
            rank = control.ranker().rank(app, openid, client.ip().get());
        } catch (RiskUnknown e) {
            return unknown(app, policy, e.getMessage());
        } catch (RuntimeException e) {
            return unknown(app, policy, "the ranker failed (" + e.getClass().getSimpleName() + ")");
        }
        if (policy.refuses(rank)) {
            audit.record(
                    AuditType.LOGIN_REFUSED,
                    null,
                    null,
                    app.appId(),
                    client,
                    "risk rank " + rank + ", refused at " + policy.refuseAt() + " or above; nothing created; openid "
                            + openid);
            log.info(
                    "First login refused: risk rank {} (refused at {}+), app={}", rank, policy.refuseAt(), app.appId());
            throw new WxLoginException(
                    ErrorCode.USER_BLOCKED, "WeChat ranks this user as too risky for this app to take in");
        }
        log.info("First login ranked: risk rank {}, app={}", rank, app.appId());
        return Optional.of("risk rank " + rank);
    }

    private static Optional<String> unknown(App app, RiskPolicy policy, String reason) {
        log.warn("First login let through unranked: {} (app={})", reason, app.appId());
        return policy.onFailure() == RiskPolicy.OnFailure.AUDIT
                ? Optional.of("risk rank unknown: " + reason)
                : Optional.empty();
    }
}
