package io.github.wxlogin.simulator;

import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /sns/jscode2session} (auth.code2Session).
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
 *
 * <p>QQ serves the same API on its own host ({@code GET https://api.q.qq.com/sns/jscode2session}, the
 * same parameters and fields), with fewer documented errcodes: {@link Rules} says what differs.
 */
final class LoginApi {

    /**
     * What a platform serving this API does its own way: whether its risk control refuses flagged users
     * ({@code 40226}), and what a spent code is answered.
     */
    record Rules(boolean riskControl, WxError spentCode) {

        /** WeChat's: 40226 for a flagged user, 40163 for a spent code. */
        static final Rules WECHAT = new Rules(true, WxError.CODE_USED);

        /**
         * QQ's page lists -1, 40029 and 45011 only (mirror: https://www.w3cschool.cn/qqxiaochengxu/qqxiaochengxu-c5fl3875.html):
         * no risk control answer, and a spent code is one more "code 无效" (40029).
         */
        static final Rules QQ = new Rules(false, WxError.INVALID_CODE);
    }

    private final Credentials credentials;
    private final IssuedCodes<String> loginCodes;
    private final SessionKeys sessionKeys;
    private final RiskFlags risk;
    private final MinuteQuota quota;
    private final LiveSettings live;
    private final SimClock clock;
    private final Rules rules;

    LoginApi(
            Credentials credentials,
            IssuedCodes<String> loginCodes,
            SessionKeys sessionKeys,
            RiskFlags risk,
            MinuteQuota quota,
            LiveSettings live,
            SimClock clock,
            Rules rules) {
        this.rules = rules;
        this.credentials = credentials;
        this.loginCodes = loginCodes;
        this.sessionKeys = sessionKeys;
        this.risk = risk;
        this.quota = quota;
        this.live = live;
        this.clock = clock;
    }

    SimResponse code2Session(SimRequest request) {
        Instant now = clock.now();
        Query q = Query.parse(request.rawQuery());
        String appId = q.nonBlank("appid");
        String secret = q.nonBlank("secret");
        String code = q.nonBlank("js_code");
        if (appId == null) {
            return Answers.wechat(WxError.APPID_MISSING, now);
        }
        if (secret == null) {
            return Answers.wechat(WxError.APPSECRET_MISSING, now);
        }
        if (code == null) {
            return Answers.wechat(WxError.CODE_MISSING, now);
        }
        Credentials.Result auth = credentials.check(appId, secret);
        if (auth.error().isPresent()) {
            return Answers.wechat(auth.error().get(), now);
        }
        SimApp app = auth.app().orElseThrow();
        String grantType = q.get("grant_type");
        if (grantType != null && !grantType.equals("authorization_code")) {
            return Answers.wechat(WxError.INVALID_GRANT_TYPE, now);
        }

        IssuedCodes.Lookup<String> found = loginCodes.peek(code, appId);
        switch (found.status()) {
            case UNKNOWN, EXPIRED, OTHER_APP:
                return Answers.wechat(WxError.INVALID_CODE, now);
            case SPENT:
                return Answers.wechat(rules.spentCode(), now);
            case GOOD:
                break;
        }
        UserRef user = new UserRef(appId, found.payload());
        // A refused user keeps the code unspent: WeChat turned the login down, it did not happen.
        if (rules.riskControl() && risk.isRisky(user)) {
            return Answers.wechat(WxError.HIGH_RISK_USER, now);
        }
        if (!quota.tryAcquire(user, live.minuteLimit(), now)) {
            return Answers.wechat(WxError.MINUTE_QUOTA, now);
        }
        if (!loginCodes.spend(code)) {
            return Answers.wechat(rules.spentCode(), now); // lost a race for the same code
        }
        String sessionKey = sessionKeys.login(user, live.rotateSessionKey());
        ObjectNode body = Json.object();
        body.put("session_key", sessionKey);
        body.put("openid", Identities.openid(appId, user.user()));
        app.unionGroup().ifPresent(group -> body.put("unionid", Identities.unionid(group, user.user())));
        return Answers.wechat(body);
    }
}
