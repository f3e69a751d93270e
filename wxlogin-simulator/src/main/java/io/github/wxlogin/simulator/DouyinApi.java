package io.github.wxlogin.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Douyin's server APIs, under the simulator's {@code /douyin} prefix, with Douyin's field names and
 * codes: code2Session v2 of {@code developer.toutiao.com}, and {@code /oauth/client_token/} and
 * get_phonenumber_info of {@code open.douyin.com} (one prefix serves both hosts; their paths differ).
 * Each answers HTTP 200, errors included, as Douyin does.
 */
final class DouyinApi {

    static final String PREFIX = "/douyin";
    /** https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/server/log-in/code-2-session */
    static final String CODE2SESSION = PREFIX + "/api/apps/v2/jscode2session";
    /** https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/server/interface-request-credential/non-user-authorization/get-client_token */
    static final String CLIENT_TOKEN = PREFIX + "/oauth/client_token";
    /** The getPhoneNumber button's code for the number, RSA under the app's public key. */
    static final String PHONE_NUMBER = PREFIX + "/api/apps/v1/get_phonenumber_info";

    private static final DateTimeFormatter LOG_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.ofHours(8));

    private final DouyinState state;

    DouyinApi(DouyinState state) {
        this.state = state;
    }

    /**
     * POST {"appid","secret","code"?,"anonymous_code"?} (at least one code) →
     * {"err_no":0,"err_tips":"success","log_id","data":{"session_key","openid","anonymous_openid","unionid"}}:
     * session_key, openid and unionid only for a code, anonymous_openid only for an anonymous code (an
     * empty string for what was not asked). Each code is good once; a spent, expired, unknown or other
     * app's code is 40018 (40019 for an anonymous code): Douyin has no "code used" of its own.
     */
    SimResponse code2Session(SimRequest request) {
        Instant now = state.clock.now();
        Optional<ObjectNode> body = Json.parseObject(request.bodyView());
        if (body.isEmpty()) {
            return error(DouyinError.BAD_PARAMS.code(), now);
        }
        String appId = text(body.get(), "appid");
        String secret = text(body.get(), "secret");
        String code = text(body.get(), "code");
        String anonymousCode = text(body.get(), "anonymous_code");
        if (appId == null || secret == null || (code == null && anonymousCode == null)) {
            return error(DouyinError.BAD_PARAMS.code(), now);
        }
        Optional<SimApp> app = state.apps().find(appId).filter(a -> a.platform().equals(DouyinState.PLATFORM));
        if (app.isEmpty()) {
            return error(DouyinError.BAD_APPID.code(), now);
        }
        if (!sameSecret(secret, app.get().secret())) {
            return error(DouyinError.BAD_SECRET.code(), now);
        }
        IssuedCodes.Lookup<String> user = code == null ? null : state.loginCodes.peek(code, appId);
        if (user != null && user.status() != IssuedCodes.Status.GOOD) {
            return error(DouyinError.BAD_CODE.code(), now);
        }
        IssuedCodes.Lookup<String> device =
                anonymousCode == null ? null : state.anonymousCodes.peek(anonymousCode, appId);
        if (device != null && device.status() != IssuedCodes.Status.GOOD) {
            return error(DouyinError.BAD_ANONYMOUS_CODE.code(), now);
        }
        if (code != null && !state.loginCodes.spend(code)) {
            return error(DouyinError.BAD_CODE.code(), now); // lost a race for the same code
        }
        if (anonymousCode != null && !state.anonymousCodes.spend(anonymousCode)) {
            return error(DouyinError.BAD_ANONYMOUS_CODE.code(), now);
        }
        ObjectNode data = Json.object();
        data.put("session_key", "");
        data.put("openid", "");
        data.put("anonymous_openid", "");
        data.put("unionid", "");
        if (user != null) {
            UserRef ref = new UserRef(appId, user.payload());
            data.put("session_key", state.sessionKeys.login(ref, state.live.rotateSessionKey()));
            data.put("openid", DouyinState.openid(appId, ref.user()));
            data.put("unionid", DouyinState.unionid(app.get(), ref.user()));
        }
        if (device != null) {
            data.put("anonymous_openid", DouyinState.anonymousOpenid(appId, device.payload()));
        }
        ObjectNode out = success(now);
        out.set("data", data);
        return Answers.json(200, out);
    }

    /**
     * POST {"client_key","client_secret","grant_type":"client_credential"} →
     * {"data":{"access_token","description":"","error_code":0,"expires_in":7200},"message":"success"}.
     * A new token retires the app's previous one after 5 minutes, as Douyin says.
     */
    SimResponse clientToken(SimRequest request) {
        Optional<ObjectNode> body = Json.parseObject(request.bodyView());
        String clientKey = body.map(b -> text(b, "client_key")).orElse(null);
        String clientSecret = body.map(b -> text(b, "client_secret")).orElse(null);
        String grantType = body.map(b -> text(b, "grant_type")).orElse(null);
        if (clientKey == null || clientSecret == null || !"client_credential".equals(grantType)) {
            return tokenError(DouyinError.TOKEN_PARAMS.code());
        }
        Optional<SimApp> app =
                state.apps().find(clientKey).filter(a -> a.platform().equals(DouyinState.PLATFORM));
        if (app.isEmpty()) {
            return tokenError(DouyinError.TOKEN_UNKNOWN_CLIENT_KEY.code());
        }
        if (!sameSecret(clientSecret, app.get().secret())) {
            return tokenError(DouyinError.TOKEN_WRONG_SECRET.code());
        }
        IssuedAccessTokens.Issued issued = state.clientTokens.issue(clientKey);
        ObjectNode data = Json.object();
        data.put("access_token", "clt." + issued.token());
        data.put("description", "");
        data.put("error_code", 0);
        data.put("expires_in", issued.expiresIn());
        ObjectNode out = Json.object();
        out.set("data", data);
        out.put("message", "success");
        return Answers.json(200, out);
    }

    /**
     * POST {"code"} with the header {@code access-token} (a client token) → {"err_no":0,"err_tips",
     * "log_id","data"}, data being base64 of the phone JSON ({@code phoneNumber}, {@code purePhoneNumber},
     * {@code countryCode}, {@code watermark{appid,timestamp}}) RSA-encrypted under the app's public key. A
     * code is good once, for the app of the token.
     */
    SimResponse phoneNumber(SimRequest request) {
        Instant now = state.clock.now();
        String token = request.header("access-token").orElse(null);
        IssuedAccessTokens.Check check =
                state.clientTokens.check(token != null && token.startsWith("clt.") ? token.substring(4) : null);
        if (check.error().isPresent()) {
            return error(
                    check.error().get() == WxError.ACCESS_TOKEN_EXPIRED
                            ? DouyinError.ACCESS_TOKEN_EXPIRED.code()
                            : DouyinError.ACCESS_TOKEN_INVALID.code(),
                    now);
        }
        String appId = check.appId().orElseThrow();
        String code =
                Json.parseObject(request.bodyView()).map(b -> text(b, "code")).orElse(null);
        IssuedCodes.Lookup<PhoneGrant> grant = code == null ? null : state.phoneCodes.redeem(code, appId);
        if (grant == null || grant.status() != IssuedCodes.Status.GOOD) {
            return error(DouyinError.PHONE_CODE_INVALID.code(), now);
        }
        String phone = Json.text(phoneJson(appId, grant.payload(), now));
        byte[] encrypted = state.keys.encrypt(appId, phone.getBytes(StandardCharsets.UTF_8));
        ObjectNode out = success(now);
        out.put("data", Base64.getEncoder().encodeToString(encrypted));
        return Answers.json(200, out);
    }

    /** The phone number as Douyin's phone button hands it over, watermark included. */
    static ObjectNode phoneJson(String appId, PhoneGrant grant, Instant now) {
        ObjectNode phone = Json.object();
        phone.put("phoneNumber", grant.phoneNumber());
        phone.put("purePhoneNumber", grant.purePhoneNumber());
        phone.put("countryCode", grant.countryCode());
        ObjectNode watermark = phone.putObject("watermark");
        watermark.put("appid", appId);
        watermark.put("timestamp", now.getEpochSecond());
        return phone;
    }

    /** An error of the mini program APIs: {"err_no","err_tips","log_id"}, HTTP 200. */
    SimResponse error(int errNo, Instant now) {
        ObjectNode out = Json.object();
        out.put("err_no", errNo);
        out.put("err_tips", DouyinError.messageOf(errNo));
        out.put("log_id", logId(now));
        return Answers.json(200, out);
    }

    /** An error of /oauth/client_token/: {"data":{"captcha","desc_url","description","error_code"},"message":"error"}. */
    static SimResponse tokenError(int errorCode) {
        ObjectNode data = Json.object();
        data.put("captcha", "");
        data.put("desc_url", "");
        data.put("description", DouyinError.messageOf(errorCode));
        data.put("error_code", errorCode);
        ObjectNode out = Json.object();
        out.set("data", data);
        out.put("message", "error");
        return Answers.json(200, out);
    }

    private static ObjectNode success(Instant now) {
        ObjectNode out = Json.object();
        out.put("err_no", 0);
        out.put("err_tips", "success");
        out.put("log_id", logId(now));
        return out;
    }

    /** Douyin's request id: Beijing time to the second, then 20 upper-case hex digits. */
    private static String logId(Instant now) {
        return LOG_ID_TIME.format(now) + Randoms.hex(10).toUpperCase(Locale.ROOT);
    }

    private static boolean sameSecret(String given, String secret) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || !n.isString() || n.stringValue().isBlank() ? null : n.stringValue();
    }
}
