package io.github.wxlogin.core.login;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.user.LoginRecord;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/auth/login}: a login code becomes the user's session. Cheap checks first (the
 * app, the code's form), then the {@link CodeExchange} (the app's allowance, the code claimed once,
 * the platform's answer), one {@link AccountWriter write} of the user, and the session's tokens.
 * Every outcome is told to the {@link LoginEvents} once.
 */
public final class LoginService {

    /** WeChat's codes are 32 printable characters; allow some room, refuse anything else. */
    private static final Pattern CODE = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private final Apps apps;
    private final CodeExchange exchange;
    private final AccountWriter accounts;
    private final SessionStarter sessions;
    private final LoginEvents events;

    public LoginService(
            Apps apps, CodeExchange exchange, AccountWriter accounts, SessionStarter sessions, LoginEvents events) {
        this.apps = apps;
        this.exchange = exchange;
        this.accounts = accounts;
        this.sessions = sessions;
        this.events = events;
    }

    /**
     * @param appId the app the code is from; may be null when exactly one app is configured
     * @param code the code from {@code wx.login()}
     */
    public SessionGrant login(String appId, String code, ClientInfo client) {
        App app;
        try {
            app = resolveApp(appId);
        } catch (RuntimeException e) {
            events.loginRefused(Optional.empty(), e);
            throw e;
        }
        try {
            SessionGrant grant = login(app, code, client);
            events.loggedIn(grant, client);
            return grant;
        } catch (RuntimeException e) {
            events.loginRefused(Optional.of(app.appId()), e);
            throw e;
        }
    }

    private SessionGrant login(App app, String code, ClientInfo client) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw WxLoginException.invalidRequest("code must be 1-128 printable ASCII characters");
        }
        PlatformSession session = exchange.exchange(app, code);
        LoginRecord record = accounts.write(app, session);
        if (record.account().user().disabled()) {
            events.loginOfDisabledUser(record.account(), client);
            throw new WxLoginException(ErrorCode.USER_DISABLED, "this user has been disabled");
        }
        return sessions.start(record.account(), record.newUser(), client);
    }

    private App resolveApp(String appId) {
        if (appId == null) {
            return apps.single()
                    .orElseThrow(() ->
                            WxLoginException.invalidRequest("appId is required when more than one app is configured"));
        }
        if (!App.isWellFormedAppId(appId)) {
            throw WxLoginException.invalidRequest("appId is not a well-formed appid");
        }
        return apps.find(appId)
                .orElseThrow(() -> new WxLoginException(ErrorCode.UNKNOWN_APP, "app " + appId + " is not configured"));
    }
}
