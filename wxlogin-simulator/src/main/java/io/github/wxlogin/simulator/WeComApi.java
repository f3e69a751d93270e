package io.github.wxlogin.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * WeCom's server, under {@code /wecom} (real host {@code https://qyapi.weixin.qq.com}):
 * <ul>
 * <li>{@code GET /cgi-bin/gettoken?corpid&corpsecret} → {@code {errcode:0, errmsg:"ok", access_token,
 *     expires_in}} (https://developer.work.weixin.qq.com/document/path/91039); a missing corpid 41002, a
 *     missing secret 41004, an unknown corp 40013 (不合法的CorpID), a wrong secret 40001 (WeCom's
 *     "不合法的secret参数", not WeChat's bad-token meaning);</li>
 * <li>{@code GET /cgi-bin/miniprogram/jscode2session?access_token&js_code&grant_type=authorization_code}
 *     → {@code {corpid, userid, session_key, errcode:0, errmsg:"ok"}}
 *     (https://developer.work.weixin.qq.com/document/path/96959); a missing token 41001, an unknown or
 *     ended token 40014, an expired one 42001, a missing code 41008, an unknown, expired, spent or other
 *     corp's code 40029.</li>
 * </ul>
 * Errors are WeCom's form: HTTP 200, {@code errcode}, and an {@code errmsg} ending in WeCom's hint, the
 * caller's address and the error-query link, as WeCom answered a jscode2session with 48002
 * ({@code "api forbidden, hint: [1688552302303760783684607], from ip: 139.226.59.103, more info at
 * https://open.work.weixin.qq.com/devtool/query?e=48002"}, quoted in artisancloud/powerwechat#342).
 */
final class WeComApi {

    static final String PREFIX = "/wecom";
    static final String GETTOKEN = PREFIX + "/cgi-bin/gettoken";
    static final String JSCODE2SESSION = PREFIX + "/cgi-bin/miniprogram/jscode2session";
    static final String PLATFORM = "wecom";

    static final int SYSTEM_BUSY = -1;
    static final int INVALID_SECRET = 40001;
    static final int INVALID_CORPID = 40013;
    static final int INVALID_ACCESS_TOKEN = 40014;
    static final int INVALID_CODE = 40029;
    static final int ACCESS_TOKEN_MISSING = 41001;
    static final int CORPID_MISSING = 41002;
    static final int SECRET_MISSING = 41004;
    static final int CODE_MISSING = 41008;
    static final int ACCESS_TOKEN_EXPIRED = 42001;
    static final int API_FORBIDDEN = 48002;

    private static final Map<Integer, String> MESSAGES = Map.ofEntries(
            Map.entry(SYSTEM_BUSY, "system busy"),
            Map.entry(INVALID_SECRET, "invalid secret"),
            Map.entry(INVALID_CORPID, "invalid corpid"),
            Map.entry(INVALID_ACCESS_TOKEN, "invalid access_token"),
            Map.entry(INVALID_CODE, "invalid code"),
            Map.entry(ACCESS_TOKEN_MISSING, "access_token missing"),
            Map.entry(CORPID_MISSING, "corpid missing"),
            Map.entry(SECRET_MISSING, "corpsecret missing"),
            Map.entry(CODE_MISSING, "code missing"),
            Map.entry(ACCESS_TOKEN_EXPIRED, "access_token expired"),
            Map.entry(API_FORBIDDEN, "api forbidden"));

    private final SimApps apps;
    private final WeComTokens tokens;
    private final IssuedCodes<String> codes;
    private final SessionKeys sessionKeys;
    private final LiveSettings live;
    private final SimClock clock;

    WeComApi(
            SimApps apps,
            WeComTokens tokens,
            IssuedCodes<String> codes,
            SessionKeys sessionKeys,
            LiveSettings live,
            SimClock clock) {
        this.apps = apps;
        this.tokens = tokens;
        this.codes = codes;
        this.sessionKeys = sessionKeys;
        this.live = live;
        this.clock = clock;
    }

    SimResponse gettoken(SimRequest request) {
        Query q = Query.parse(request.rawQuery());
        String corpId = q.nonBlank("corpid");
        String secret = q.nonBlank("corpsecret");
        if (corpId == null) {
            return error(CORPID_MISSING);
        }
        if (secret == null) {
            return error(SECRET_MISSING);
        }
        Optional<SimApp> app = apps.find(corpId).filter(a -> a.platform().equals(PLATFORM));
        if (app.isEmpty()) {
            return error(INVALID_CORPID);
        }
        if (!MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8), app.get().secret().getBytes(StandardCharsets.UTF_8))) {
            return error(INVALID_SECRET);
        }
        var grant = tokens.issue(corpId);
        ObjectNode out = ok();
        out.put("access_token", grant.token());
        out.put("expires_in", tokens.secondsLeft(grant));
        return Answers.wechat(out);
    }

    SimResponse code2Session(SimRequest request) {
        Query q = Query.parse(request.rawQuery());
        String token = q.nonBlank("access_token");
        if (token == null) {
            return error(ACCESS_TOKEN_MISSING);
        }
        WeComTokens.Check check = tokens.check(token);
        if (check.corpId().isEmpty()) {
            return error(check.errcode());
        }
        String corpId = check.corpId().get();
        String code = q.nonBlank("js_code");
        if (code == null) {
            return error(CODE_MISSING);
        }
        IssuedCodes.Lookup<String> found = codes.peek(code, corpId);
        if (found.status() != IssuedCodes.Status.GOOD || !codes.spend(code)) {
            return error(INVALID_CODE); // WeCom's code is good once: a spent code is one more 40029
        }
        UserRef user = new UserRef(corpId, found.payload());
        String sessionKey = sessionKeys.login(user, live.rotateSessionKey());
        ObjectNode out = ok();
        out.put("corpid", corpId);
        out.put("userid", userid(corpId, user.user()));
        out.put("session_key", sessionKey);
        return Answers.wechat(out);
    }

    /** The answer to an injected errcode, in WeCom's form. */
    SimResponse injected(int errcode) {
        return error(errcode);
    }

    /**
     * The test user's userid in the corp: the name itself when it is a WeCom account name (letters,
     * digits, '_', '-', '.', '@', up to 64), else one derived from it.
     */
    static String userid(String corpId, String user) {
        return user.matches("[A-Za-z0-9_.@-]{1,64}")
                ? user
                : "u" + Identities.platformId("wecom-userid", corpId, user).substring(0, 20);
    }

    private SimResponse error(int errcode) {
        Instant now = clock.now();
        ObjectNode body = Json.object();
        body.put("errcode", errcode);
        String hint = now.getEpochSecond() + String.format("%015d", Math.floorMod(Randoms.nextInt(), 1_000_000_000L));
        body.put(
                "errmsg",
                MESSAGES.getOrDefault(errcode, "system error") + ", hint: [" + hint
                        + "], from ip: 127.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e="
                        + errcode);
        return Answers.wechat(body);
    }

    private static ObjectNode ok() {
        ObjectNode out = Json.object();
        out.put("errcode", 0);
        out.put("errmsg", "ok");
        return out;
    }
}
