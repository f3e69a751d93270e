package io.github.wxlogin.simulator;

import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code /sim/} controls for Kuaishou apps, answering as Kuaishou's client would:
 * <ul>
 * <li>{@code /sim/login} → {"code"} as {@code ks.login()} gives it.</li>
 * <li>{@code /sim/phone-code} → {"encryptedData","iv"}, and no code: Kuaishou's getPhoneNumber button
 *     gives only the number encrypted under the user's session_key
 *     (https://mp.kuaishou.com/docs/develop/functionAccessGuide/getUserPhoneNumber.html), the plaintext
 *     being {@code {"phoneNumber","countryCode"}} with no watermark [second-hand: the fields a Kuaishou
 *     SDK reads].</li>
 * <li>{@code /sim/open-data} → {"encryptedData","iv","rawData","signature"}: the data and the user's
 *     {@code openId}, AES-128-CBC under the session_key, no watermark (Kuaishou's sample of decrypted user
 *     info has none); rawData is the data as given, signature = sha1(rawData + session_key)
 *     (https://mp.kuaishou.com/docs/develop/server/userInfo/userEncryptedData.html).</li>
 * <li>{@code /sim/session} → {"openid","unionid":null,"sessionKey"}: what Kuaishou holds for the user
 *     (Kuaishou gives a mini program no unionid).</li>
 * </ul>
 */
final class KuaishouStandIn implements PlatformStandIn {

    private final KuaishouState state;

    KuaishouStandIn(KuaishouState state) {
        this.state = state;
    }

    @Override
    public SimResponse login(SimApp app, String user, Body body) {
        ObjectNode out = Json.object();
        out.put("code", state.loginCodes.mint(app.appId(), user));
        return Answers.json(200, out);
    }

    @Override
    public SimResponse phoneCode(SimApp app, String user, String phoneNumber, String countryCode, Body body) {
        ObjectNode phone = Json.object();
        phone.put("phoneNumber", phoneNumber);
        phone.put("countryCode", countryCode);
        return encrypted(app, user, Json.text(phone), Json.object());
    }

    @Override
    public SimResponse openData(SimApp app, String user, Body body) {
        ObjectNode data = body.object("data").deepCopy();
        data.remove("watermark");
        String rawData = Json.text(data);
        ObjectNode plain = Json.object();
        plain.put("openId", KuaishouState.openId(app.appId(), user));
        data.properties().forEach(e -> {
            if (!e.getKey().equals("openId")) {
                plain.set(e.getKey(), e.getValue());
            }
        });
        String sessionKey = state.sessionKeys.current(new UserRef(app.appId(), user));
        ObjectNode extra = Json.object();
        extra.put("rawData", rawData);
        extra.put("signature", SimCrypto.rawDataSignature(rawData, sessionKey));
        return encrypted(app, user, Json.text(plain), extra);
    }

    @Override
    public SimResponse session(SimApp app, String user) {
        ObjectNode out = Json.object();
        out.put("openid", KuaishouState.openId(app.appId(), user));
        out.putNull("unionid");
        out.put("sessionKey", state.sessionKeys.current(new UserRef(app.appId(), user)));
        return Answers.json(200, out);
    }

    /** {"encryptedData","iv"} of {@code plain} under the user's current session_key, then {@code extra}'s fields. */
    private SimResponse encrypted(SimApp app, String user, String plain, ObjectNode extra) {
        String sessionKey = state.sessionKeys.current(new UserRef(app.appId(), user));
        byte[] iv = Randoms.bytes(SimCrypto.IV_BYTES);
        ObjectNode out = Json.object();
        out.put("encryptedData", Base64.getEncoder().encodeToString(SimCrypto.encryptOpenData(sessionKey, iv, plain)));
        out.put("iv", Base64.getEncoder().encodeToString(iv));
        out.setAll(extra);
        return Answers.json(200, out);
    }
}
