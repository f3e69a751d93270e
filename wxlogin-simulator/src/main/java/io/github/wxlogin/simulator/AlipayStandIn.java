package io.github.wxlogin.simulator;

import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Alipay's client gives an Alipay mini program, behind the {@code /sim/} controls, and the keys its
 * console holds ({@code /sim/alipay/keys}).
 * <ul>
 * <li>{@code /sim/login}: {@code my.getAuthCode({scopes: 'auth_base'})}'s {@code authCode}, as
 *     {@code {"code","authCode"}}: good once at the gateway.</li>
 * <li>{@code /sim/phone-code}: {@code my.getPhoneNumber}'s answer. Its {@code res.response} is the whole
 *     message {@code {"response","sign","sign_type","encrypt_type","charset"}}; this answers its
 *     {@code response} (the number's JSON, AES-encrypted under the app's content key) and {@code sign}
 *     (Alipay's RSA2 signature over that response as it stands in the message, with its quotes), and
 *     the message itself as {@code fullResponse}. https://opendocs.alipay.com/mini/api/getphonenumber</li>
 * <li>{@code /sim/open-data}: Alipay has no data encrypted under a session key (400).</li>
 * <li>{@code /sim/session}: the ids and the last tokens Alipay gave; no session key, no unionid.</li>
 * </ul>
 */
final class AlipayStandIn implements PlatformStandIn {

    private final SimApps apps;
    private final AlipayKeyring keys;
    private final IssuedCodes<String> codes;
    private final AlipayTokens tokens;

    AlipayStandIn(SimApps apps, AlipayKeyring keys, IssuedCodes<String> codes, AlipayTokens tokens) {
        this.apps = apps;
        this.keys = keys;
        this.codes = codes;
        this.tokens = tokens;
    }

    @Override
    public SimResponse login(SimApp app, String user, Body body) {
        String code = codes.mint(app.appId(), user);
        ObjectNode out = Json.object();
        out.put("code", code);
        out.put("authCode", code);
        return Answers.json(200, out);
    }

    @Override
    public SimResponse phoneCode(SimApp app, String user, String phoneNumber, String countryCode, Body body) {
        ObjectNode plain = Json.object();
        plain.put("code", "10000");
        plain.put("msg", "Success");
        plain.put("mobile", phoneNumber);
        String response = AlipaySimCrypto.encryptContent(keys.contentKey(app.appId()), Json.text(plain));
        String sign = AlipaySimCrypto.sign("\"" + response + "\"", keys.alipayPrivate());
        ObjectNode message = Json.object();
        message.put("response", response);
        message.put("sign", sign);
        message.put("sign_type", "RSA2");
        message.put("encrypt_type", "AES");
        message.put("charset", "UTF-8");
        ObjectNode out = Json.object();
        out.put("response", response);
        out.put("sign", sign);
        out.put("fullResponse", Json.text(message));
        return Answers.json(200, out);
    }

    @Override
    public SimResponse openData(SimApp app, String user, Body body) {
        throw BadInput.badRequest("Alipay has no open data encrypted under a session key");
    }

    @Override
    public SimResponse session(SimApp app, String user) {
        boolean openIdMode = keys.idMode(app.appId()).equals(AlipayKeyring.OPEN_ID);
        ObjectNode out = Json.object();
        out.put("openid", openIdMode ? AlipayIds.openId(app.appId(), user) : AlipayIds.userId(user));
        out.put("userId", AlipayIds.userId(user));
        out.put("openId", AlipayIds.openId(app.appId(), user));
        out.putNull("unionid");
        out.putNull("sessionKey");
        Optional<AlipayTokens.Issued> issued = tokens.last(app.appId(), user);
        out.put("accessToken", issued.map(AlipayTokens.Issued::accessToken).orElse(null));
        out.put("refreshToken", issued.map(AlipayTokens.Issued::refreshToken).orElse(null));
        return Answers.json(200, out);
    }

    /** GET /sim/alipay/keys?appId → the app's key material. */
    SimResponse keys(SimRequest request) {
        return material(alipayApp(Query.parse(request.rawQuery()).nonBlank("appId")));
    }

    /**
     * POST /sim/alipay/keys {"appId","appPublicKey"?,"contentKey"?,"idMode"?}: what the developer set in
     * Alipay's console: their own app public key (base64 or PEM), a content key (base64 of 16, 24 or 32
     * bytes), the id mode ({@code user_id} or {@code open_id}).
     */
    SimResponse setKeys(SimRequest request) {
        Body body = Body.of(request);
        String appId = alipayApp(body.string("appId"));
        Optional<PublicKey> appPublic = body.optionalString("appPublicKey").map(AlipaySimCrypto::publicKey);
        Optional<byte[]> contentKey = body.optionalString("contentKey").map(AlipayStandIn::aesKey);
        Optional<String> idMode = body.optionalString("idMode");
        if (idMode.isPresent()
                && !idMode.get().equals(AlipayKeyring.USER_ID)
                && !idMode.get().equals(AlipayKeyring.OPEN_ID)) {
            throw BadInput.badRequest("idMode must be user_id or open_id");
        }
        keys.set(appId, appPublic, contentKey, idMode);
        return material(appId);
    }

    private SimResponse material(String appId) {
        AlipayKeyMaterial m = keys.material(appId);
        ObjectNode out = Json.object();
        out.put("appId", m.appId());
        out.put("alipayPublicKey", m.alipayPublicKey());
        out.put("appPublicKey", m.appPublicKey());
        out.put("appPrivateKey", m.appPrivateKey().orElse(null));
        out.put("contentKey", m.contentKey());
        out.put("idMode", m.idMode());
        return Answers.json(200, out);
    }

    private String alipayApp(String appId) {
        if (appId == null) {
            throw BadInput.badRequest("appId is required");
        }
        SimApp app = apps.find(appId).orElseThrow(() -> new BadInput(404, "unknown app"));
        if (!app.platform().equals("alipay")) {
            throw BadInput.badRequest("app " + appId + " is not an Alipay app");
        }
        return appId;
    }

    private static byte[] aesKey(String base64) {
        try {
            byte[] key = Base64.getDecoder().decode(base64.strip());
            if (key.length == 16 || key.length == 24 || key.length == 32) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw BadInput.badRequest("contentKey must be the base64 of 16, 24 or 32 bytes");
    }
}
