package io.github.wxlogin.simulator;

import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The APIs called with an access token: getPhoneNumber, checkSessionKey, ResetUserSessionKey and
 * getUserEncryptKey.
 * https://developers.weixin.qq.com/miniprogram/dev/server/API/user-info/phone-number/api_getphonenumber.html
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/checkSessionKey.html
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/ResetUserSessionKey.html
 */
final class WxaApi {

    private static final String SIG_METHOD = "hmac_sha256";

    private final IssuedAccessTokens tokens;
    private final IssuedCodes<PhoneGrant> phoneCodes;
    private final SessionKeys sessionKeys;
    private final SimClock clock;
    private final EncryptKeys encryptKeys;

    WxaApi(
            IssuedAccessTokens tokens,
            IssuedCodes<PhoneGrant> phoneCodes,
            SessionKeys sessionKeys,
            EncryptKeys encryptKeys,
            SimClock clock) {
        this.encryptKeys = encryptKeys;
        this.tokens = tokens;
        this.phoneCodes = phoneCodes;
        this.sessionKeys = sessionKeys;
        this.clock = clock;
    }

    SimResponse phoneNumber(SimRequest request) {
        Instant now = clock.now();
        IssuedAccessTokens.Check auth = authorize(Query.parse(request.rawQuery()));
        if (auth.error().isPresent()) {
            return Answers.wechat(auth.error().get(), now);
        }
        String appId = auth.appId().orElseThrow();
        Optional<ObjectNode> body = Json.parseObject(request.bodyView());
        if (body.isEmpty()) {
            return Answers.wechat(WxError.DATA_FORMAT, now);
        }
        JsonNode code = body.get().get("code");
        if (code == null
                || code.isNull()
                || (code.isString() && code.stringValue().isBlank())) {
            return Answers.wechat(WxError.CODE_MISSING, now);
        }
        if (!code.isString()) {
            return Answers.wechat(WxError.DATA_FORMAT, now);
        }
        JsonNode openid = body.get().get("openid");
        if (openid != null && !openid.isNull() && !openid.isString()) {
            return Answers.wechat(WxError.DATA_FORMAT, now);
        }
        // WeChat's page for this API lists 40029 as the one answer for a code that cannot be used,
        // and its support staff name "used twice" among the causes: unlike jscode2session there is
        // no 40163 here, so a spent phone code is 40029 as well.
        IssuedCodes.Lookup<PhoneGrant> found = phoneCodes.peek(code.stringValue(), appId);
        if (found.status() != IssuedCodes.Status.GOOD) {
            return Answers.wechat(WxError.INVALID_CODE, now);
        }
        // The optional openid: "用户openid，填入后会校验openid和code的绑定关系" (given, WeChat checks the
        // code belongs to that user). The page names no errcode for a mismatch; 40029, its one answer
        // for a code that cannot be used, is the closest. Whether WeChat spends the code then is not
        // documented: here it stays good for its own user.
        // https://developers.weixin.qq.com/miniprogram/dev/server/API/user-info/phone-number/api_getphonenumber.html
        PhoneGrant grant = found.payload();
        if (openid != null
                && openid.isString()
                && !openid.stringValue().isBlank()
                && !openid.stringValue().equals(Identities.openid(appId, grant.user()))) {
            return Answers.wechat(WxError.INVALID_CODE, now);
        }
        if (!phoneCodes.spend(code.stringValue())) {
            return Answers.wechat(WxError.INVALID_CODE, now);
        }
        ObjectNode out = Json.object();
        out.put("errmsg", "ok");
        ObjectNode info = out.putObject("phone_info");
        info.put("phoneNumber", grant.phoneNumber());
        info.put("purePhoneNumber", grant.purePhoneNumber());
        info.put("countryCode", grant.countryCode());
        ObjectNode watermark = info.putObject("watermark");
        watermark.put("timestamp", found.issuedAt().getEpochSecond());
        watermark.put("appid", appId);
        return Answers.wechat(out);
    }

    SimResponse checkSession(SimRequest request) {
        Instant now = clock.now();
        Query q = Query.parse(request.rawQuery());
        Signed signed = verify(q, now);
        if (signed.refusal != null) {
            return signed.refusal;
        }
        ObjectNode out = Json.object();
        out.put("errmsg", "ok");
        return Answers.wechat(out);
    }

    SimResponse resetSessionKey(SimRequest request) {
        Instant now = clock.now();
        Query q = Query.parse(request.rawQuery());
        Signed signed = verify(q, now);
        if (signed.refusal != null) {
            return signed.refusal;
        }
        String key = sessionKeys.reset(signed.user);
        ObjectNode out = Json.object();
        out.put("errmsg", "ok");
        out.put("openid", q.get("openid"));
        out.put("session_key", key);
        return Answers.wechat(out);
    }

    /**
     * getUserEncryptKey: the user's last three encrypt keys, newest first, signed as checksession is. All
     * parameters in the query; GET (WeChat's current page) or POST (its older page and SDKs).
     * https://developers.weixin.qq.com/miniprogram/dev/server/API/user-info/internet/api_getuserencryptkey
     */
    SimResponse userEncryptKey(SimRequest request) {
        Instant now = clock.now();
        Signed signed = verify(Query.parse(request.rawQuery()), now);
        if (signed.refusal != null) {
            return signed.refusal;
        }
        // WeChat's sample answer carries "errcode":0; the simulator's successes carry none (the contract).
        ObjectNode out = Json.object();
        out.put("errmsg", "ok");
        ArrayNode list = out.putArray("key_info_list");
        for (EncryptKeys.Key key : encryptKeys.current(signed.user, now)) {
            ObjectNode item = list.addObject();
            item.put("encrypt_key", key.encryptKey());
            item.put("version", key.version());
            item.put("expire_in", key.expiresIn(now));
            item.put("iv", key.iv());
            item.put("create_time", key.createdAt().getEpochSecond());
        }
        return Answers.wechat(out);
    }

    /** A user proven by a login-state signature, or the answer refusing the request. */
    private record Signed(UserRef user, SimResponse refusal) {}

    /**
     * The login-state signature check both session APIs share: HMAC-SHA256 keyed with the user's
     * current session_key over the empty string, since these are GETs.
     * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/session-signature.html
     */
    private Signed verify(Query q, Instant now) {
        IssuedAccessTokens.Check auth = authorize(q);
        if (auth.error().isPresent()) {
            return new Signed(null, Answers.wechat(auth.error().get(), now));
        }
        Optional<UserRef> user = sessionKeys.byOpenid(auth.appId().orElseThrow(), q.nonBlank("openid"));
        if (user.isEmpty()) {
            return new Signed(null, Answers.wechat(WxError.INVALID_OPENID, now));
        }
        if (!SIG_METHOD.equals(q.get("sig_method"))) {
            return new Signed(null, Answers.wechat(WxError.INVALID_SIGNATURE, now));
        }
        String expected = SimCrypto.loginStateSignature(sessionKeys.current(user.get()), "");
        if (!SimCrypto.sameSignature(expected, q.nonBlank("signature"))) {
            return new Signed(null, Answers.wechat(WxError.INVALID_SIGNATURE, now));
        }
        return new Signed(user.get(), null);
    }

    private IssuedAccessTokens.Check authorize(Query q) {
        String token = q.nonBlank("access_token");
        return token == null ? IssuedAccessTokens.Check.refused(WxError.ACCESS_TOKEN_MISSING) : tokens.check(token);
    }
}
