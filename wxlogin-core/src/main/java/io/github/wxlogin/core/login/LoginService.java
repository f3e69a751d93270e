package io.github.wxlogin.core.login;

import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.session.ClientInfo;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.user.IdentityClaim;
import io.github.wxlogin.core.user.LoginRecord;
import io.github.wxlogin.core.user.SessionKeyVault;
import io.github.wxlogin.core.user.UserStore;
import io.github.wxlogin.core.wechat.Apps;
import io.github.wxlogin.core.wechat.WeChatApp;
import io.github.wxlogin.core.wechat.WeChatClient;
import io.github.wxlogin.core.wechat.WeChatError;
import io.github.wxlogin.core.wechat.WeChatErrors;
import io.github.wxlogin.core.wechat.WeChatSession;
import io.github.wxlogin.core.wechat.WeChatUnavailable;
import java.time.Clock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/auth/login}: a {@code wx.login()} code becomes the user's session. The code is
 * claimed in the {@link CodeLedger} before WeChat is asked, so a code reaches WeChat once however
 * often and however concurrently it is sent; the user is found or made through the store's
 * constraints; the session_key is sealed before it is stored and never leaves this class otherwise.
 */
public final class LoginService {

    private static final Logger log = LoggerFactory.getLogger(LoginService.class);
    /** WeChat's codes are 32 printable characters; allow some room, refuse anything else. */
    private static final Pattern CODE = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private final Apps apps;
    private final WeChatClient wechat;
    private final CodeLedger codes;
    private final UserStore users;
    private final SessionKeyVault vault;
    private final SessionStarter sessions;
    private final Auditor audit;
    private final Clock clock;
    private final Ids ids;
    private final AppThrottle throttle;

    public LoginService(Apps apps, WeChatClient wechat, CodeLedger codes, UserStore users, SessionKeyVault vault,
            SessionStarter sessions, Auditor audit, Clock clock, Ids ids) {
        this(apps, wechat, codes, users, vault, sessions, audit, clock, ids, AppThrottle.NONE);
    }

    /** @param throttle each app's allowance of logins, asked before the code is claimed */
    public LoginService(Apps apps, WeChatClient wechat, CodeLedger codes, UserStore users, SessionKeyVault vault,
            SessionStarter sessions, Auditor audit, Clock clock, Ids ids, AppThrottle throttle) {
        this.throttle = throttle;
        this.audit = audit;
        this.apps = apps;
        this.wechat = wechat;
        this.codes = codes;
        this.users = users;
        this.vault = vault;
        this.sessions = sessions;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * @param appId the app the code is from; may be null when exactly one app is configured
     * @param code the code from {@code wx.login()}
     */
    public SessionGrant login(String appId, String code, ClientInfo client) {
        WeChatApp app = resolveApp(appId);
        if (code == null || !CODE.matcher(code).matches()) {
            throw WxLoginException.invalidRequest("code must be 1-128 printable ASCII characters");
        }
        throttle.admit(app.appId()); // before the claim: a refused login keeps its code
        if (!codes.claim(app.appId(), code)) {
            log.info("Login refused: code already used, app={}", app.appId());
            throw new WxLoginException(ErrorCode.CODE_USED, "the code was already exchanged");
        }
        WeChatSession session = exchange(app, code);
        String openid = session.openid();
        LoginRecord record = users.recordLogin(new IdentityClaim(app.appId(), app.group(), openid,
                session.unionid(), vault.seal(app.appId(), openid, session.sessionKey()),
                vault.fingerprint(app.appId(), openid, session.sessionKey()), ids.userId()), clock.instant());
        if (record.account().user().disabled()) {
            log.info("Login refused: user={} is disabled, app={}", record.account().user().id(), app.appId());
            audit.record(AuditType.LOGIN_REFUSED, record.account().user().id(), null, app.appId(), client,
                    "user disabled");
            throw new WxLoginException(ErrorCode.USER_DISABLED, "this user has been disabled");
        }
        SessionGrant grant = sessions.start(record.account(), record.newUser(), client);
        audit.record(AuditType.LOGIN, record.account().user().id(), grant.sessionId(), app.appId(), client,
                record.newUser() ? "new user" : null);
        log.info("Login user={} app={} session={} newUser={}", record.account().user().id(), app.appId(),
                grant.sessionId(), record.newUser());
        return grant;
    }

    private WeChatSession exchange(WeChatApp app, String code) {
        try {
            return wechat.code2Session(app, code);
        } catch (WeChatUnavailable e) {
            codes.release(app.appId(), code);
            log.warn("Login failed: {} (app={})", e.getMessage(), app.appId());
            throw WeChatErrors.toClientError(e);
        } catch (WeChatError e) {
            if (e.isBusy()) {
                codes.release(app.appId(), code);
            }
            if (WeChatErrors.isMisconfiguration(e)) {
                log.error("WeChat refused the credentials of app {}: errcode {} {}", app.appId(), e.errcode(), e.errmsg());
            } else {
                log.info("Login refused by WeChat: errcode {} (app={})", e.errcode(), app.appId());
            }
            throw WeChatErrors.toClientError(e);
        }
    }

    private WeChatApp resolveApp(String appId) {
        if (appId == null) {
            return apps.single().orElseThrow(() -> WxLoginException.invalidRequest(
                    "appId is required when more than one app is configured"));
        }
        if (!WeChatApp.isWellFormedAppId(appId)) {
            throw WxLoginException.invalidRequest("appId is not a well-formed appid");
        }
        return apps.find(appId).orElseThrow(() -> new WxLoginException(ErrorCode.UNKNOWN_APP,
                "app " + appId + " is not configured"));
    }
}
