package io.github.wxlogin.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /alipay/gateway.do}: Alipay's open-platform gateway, for {@code alipay.system.oauth.token}
 * (https://opendocs.alipay.com/apis/api_9/alipay.system.oauth.token). Parameters come in the query
 * string and the form body, as Alipay's SDK sends them. The gateway checks the common parameters
 * (公共错误码: 40001 isv.missing-*, 40002 isv.invalid-*), verifies the request's RSA2 signature with
 * the app's public key (40002 isv.invalid-signature, quoting the text it verified, as Alipay does), then
 * redeems the auth code once (40002 isv.code-invalid for an unknown, expired, spent or other app's code).
 * A success gives the user's {@code user_id} (or {@code open_id}, for an app in openid mode) and fresh
 * access and refresh tokens. Every answer but one for an unknown app is signed with Alipay's key.
 */
final class AlipayGateway {

    static final String PATH = "/alipay/gateway.do";
    static final String OAUTH_TOKEN = "alipay.system.oauth.token";

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));
    private static final List<String[]> REQUIRED = List.of(
            new String[] {"app_id", "isv.missing-app-id", "缺少appId参数"},
            new String[] {"method", "isv.missing-method", "缺少方法名参数"},
            new String[] {"sign_type", "isv.missing-signature-type", "缺少签名类型参数"},
            new String[] {"sign", "isv.missing-signature", "缺少签名参数"},
            new String[] {"timestamp", "isv.missing-timestamp", "缺少时间戳参数"},
            new String[] {"version", "isv.missing-version", "缺少版本参数"});

    private final SimApps apps;
    private final AlipayKeyring keys;
    private final IssuedCodes<String> codes;
    private final AlipayTokens tokens;
    private final SimClock clock;

    AlipayGateway(SimApps apps, AlipayKeyring keys, IssuedCodes<String> codes, AlipayTokens tokens, SimClock clock) {
        this.apps = apps;
        this.keys = keys;
        this.codes = codes;
        this.tokens = tokens;
        this.clock = clock;
    }

    SimResponse handle(SimRequest request) {
        Map<String, String> params = params(request);
        for (String[] required : REQUIRED) {
            if (params.getOrDefault(required[0], "").isEmpty()) {
                return AlipayAnswers.error(
                        "40001", "Missing Required Arguments", required[1], required[2], signer(params));
            }
        }
        Optional<SimApp> app =
                apps.find(params.get("app_id")).filter(a -> a.platform().equals("alipay"));
        if (app.isEmpty()) {
            return AlipayAnswers.error(
                    "40002", "Invalid Arguments", "isv.invalid-app-id", "无效的AppID参数", Optional.empty());
        }
        Optional<PrivateKey> signer = Optional.of(keys.alipayPrivate());
        if (!params.get("method").equals(OAUTH_TOKEN)) {
            return AlipayAnswers.error("40002", "Invalid Arguments", "isv.invalid-method", "不存在的方法名", signer);
        }
        if (!params.get("sign_type").equals("RSA2")) {
            return AlipayAnswers.error("40002", "Invalid Arguments", "isv.invalid-signature-type", "无效的签名类型", signer);
        }
        if (!validTimestamp(params.get("timestamp"))) {
            return AlipayAnswers.error("40002", "Invalid Arguments", "isv.invalid-timestamp", "非法的时间戳参数", signer);
        }
        String content = AlipaySimCrypto.signContent(params);
        if (!AlipaySimCrypto.verify(
                content, params.get("sign"), keys.appPublic(app.get().appId()))) {
            return AlipayAnswers.error(
                    "40002",
                    "Invalid Arguments",
                    "isv.invalid-signature",
                    "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：" + content,
                    signer);
        }
        if (!"authorization_code".equals(params.get("grant_type"))) {
            return AlipayAnswers.error(
                    "40002", "Invalid Arguments", "isv.grant-type-invalid", "grant_type参数不正确", signer);
        }
        IssuedCodes.Lookup<String> code =
                codes.redeem(params.get("code"), app.get().appId());
        if (code.status() != IssuedCodes.Status.GOOD) {
            return AlipayAnswers.error("40002", "Invalid Arguments", "isv.code-invalid", "授权码code无效", signer);
        }
        return AlipayAnswers.success(OAUTH_TOKEN, token(app.get(), code.payload()), keys.alipayPrivate());
    }

    /** What {@code /sim/faults} injects here: that gateway code, signed. */
    SimResponse injected(int code) {
        return AlipayAnswers.injected(code, keys.alipayPrivate());
    }

    private ObjectNode token(SimApp app, String user) {
        AlipayTokens.Issued issued = tokens.issue(app.appId(), user);
        ObjectNode out = Json.object();
        if (keys.idMode(app.appId()).equals(AlipayKeyring.OPEN_ID)) {
            out.put("open_id", AlipayIds.openId(app.appId(), user));
        } else {
            out.put("user_id", AlipayIds.userId(user));
        }
        out.put("access_token", issued.accessToken());
        out.put("expires_in", AlipayTokens.ACCESS_LIFE.toSeconds());
        out.put("refresh_token", issued.refreshToken());
        out.put("re_expires_in", AlipayTokens.REFRESH_LIFE.toSeconds());
        out.put("auth_start", TIMESTAMP.format(clock.now()));
        return out;
    }

    /** An error about a known app is signed; one whose app_id is unknown or missing cannot be. */
    private Optional<PrivateKey> signer(Map<String, String> params) {
        return apps.find(params.get("app_id"))
                .filter(a -> a.platform().equals("alipay"))
                .map(a -> keys.alipayPrivate());
    }

    private static boolean validTimestamp(String timestamp) {
        try {
            TIMESTAMP.parse(timestamp);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The query string's parameters, then the form body's; a name given twice keeps its first value. */
    private static Map<String, String> params(SimRequest request) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String form : new String[] {request.rawQuery(), new String(request.bodyView(), StandardCharsets.UTF_8)}) {
            if (form == null || form.isEmpty()) {
                continue;
            }
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                if (!name.isEmpty()) {
                    out.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
