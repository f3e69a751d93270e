package io.github.wxlogin.core.identity;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.login.AccountWriter;
import io.github.wxlogin.core.login.CodeExchange;
import io.github.wxlogin.core.login.LoginInputs;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Transactions;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.user.Account;
import io.github.wxlogin.core.user.IdentityRecord;
import io.github.wxlogin.core.user.LinkResult;
import io.github.wxlogin.core.user.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/me/identities}: the caller proves it is also a user of another app (a fresh login code
 * from it, traded by the {@link CodeExchange} exactly as a login trades it: claimed once, the app's
 * allowance, the platform's errors) and that identity joins the caller's user. One unit of work: the
 * identity with its sealed session_key, its unionid's row, and the audit row. An identity that another
 * user has, or whose unionid another user has, is refused {@code identity_in_use} and nothing changes;
 * so is a second identity in one app. Linking an identity the caller has already is answered as the
 * first time.
 */
public final class LinkService {

    private static final Logger log = LoggerFactory.getLogger(LinkService.class);

    private final Apps apps;
    private final CodeExchange exchange;
    private final AccountWriter accounts;
    private final UserStore users;
    private final Auditor audit;
    private final Transactions transactions;

    public LinkService(
            Apps apps,
            CodeExchange exchange,
            AccountWriter accounts,
            UserStore users,
            Auditor audit,
            Transactions transactions) {
        this.apps = apps;
        this.exchange = exchange;
        this.accounts = accounts;
        this.users = users;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * @param appId the app the code is from (may be null when exactly one app is configured)
     * @param code a login code of that app
     */
    public Linked link(AccessClaims caller, String appId, String code, ClientInfo client) {
        App app = LoginInputs.app(apps, appId);
        LoginInputs.checkCode(code);
        PlatformSession session = exchange.exchange(app, code);
        IdentityRecord linked = transactions.inOne(() -> write(caller, app, session, client));
        Account account = users.findAccount(caller.userId(), caller.appId())
                .orElseThrow(() -> WxLoginException.invalidToken("the token's user no longer exists"));
        return new Linked(IdentityEntry.of(linked, apps), account);
    }

    private IdentityRecord write(AccessClaims caller, App app, PlatformSession session, ClientInfo client) {
        LinkResult result = accounts.link(caller.userId(), app, session);
        switch (result.outcome()) {
            case LINKED -> {
                IdentityRecord linked = result.identity().orElseThrow();
                String id = linked.identity().id();
                audit.write(
                        AuditType.IDENTITY_LINKED,
                        caller.userId(),
                        caller.sessionId(),
                        app.appId(),
                        client,
                        "identity " + id + " linked");
                log.info("Identity {} of app={} linked to user={}", id, app.appId(), caller.userId());
                return linked;
            }
            case ALREADY_LINKED -> {
                return result.identity().orElseThrow();
            }
            case IDENTITY_IN_USE ->
                throw new WxLoginException(
                        ErrorCode.IDENTITY_IN_USE, "this identity belongs to another user; nothing changed");
            case UNIONID_IN_USE ->
                throw new WxLoginException(
                        ErrorCode.IDENTITY_IN_USE,
                        "this identity's unionid belongs to another user (the same person in another app of the group); nothing changed");
            case APP_TAKEN ->
                throw new WxLoginException(
                        ErrorCode.IDENTITY_IN_USE,
                        "your user already has an identity in app " + app.appId()
                                + ": a user has one identity per app; unlink that one first");
            case NO_SUCH_USER -> throw WxLoginException.invalidToken("the token's user no longer exists");
            default -> throw new IllegalStateException("unknown outcome " + result.outcome());
        }
    }
}
