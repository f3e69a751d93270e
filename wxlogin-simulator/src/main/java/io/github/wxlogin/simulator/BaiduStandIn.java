package io.github.wxlogin.simulator;

import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code /sim/} controls for Baidu apps, answering as Baidu's client would:
 * <ul>
 * <li>{@code /sim/login} → {@code {"code"}} as {@code swan.getLoginCode()} gives it.</li>
 * <li>{@code /sim/phone-code} → {@code {"encryptedData","iv"}} as the getPhoneNumber button's callback
 *     gives them: {@code {"mobile"}} encrypted under the user's session_key ({@link BaiduCrypto}); Baidu's
 *     button gives no code. Baidu's numbers are mainland numbers: a {@code countryCode} other than 86 is
 *     refused.</li>
 * <li>{@code /sim/open-data} → {@code {"data","iv"}}, Baidu's names for the encrypted data of
 *     {@code swan.getUserInfo} and its iv, {@code data} encrypted as {@link BaiduCrypto} does.</li>
 * <li>{@code /sim/session} → {@code {"openid","unionid":null,"sessionKey","appKey"}}.</li>
 * </ul>
 */
final class BaiduStandIn implements PlatformStandIn {

    private final BaiduState state;

    BaiduStandIn(BaiduState state) {
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
        if (!"86".equals(countryCode)) {
            throw BadInput.badRequest("Baidu's getPhoneNumber gives mainland numbers only (countryCode 86)");
        }
        ObjectNode phone = Json.object();
        phone.put("mobile", phoneNumber);
        return encrypted(app, user, Json.text(phone), "encryptedData");
    }

    @Override
    public SimResponse openData(SimApp app, String user, Body body) {
        return encrypted(app, user, Json.text(body.object("data")), "data");
    }

    @Override
    public SimResponse session(SimApp app, String user) {
        ObjectNode out = Json.object();
        out.put("openid", BaiduState.openid(app.appId(), user));
        out.putNull("unionid");
        out.put("sessionKey", state.sessionKey(new UserRef(app.appId(), user)));
        out.put("appKey", BaiduState.appKey(app.appId()));
        return Answers.json(200, out);
    }

    private SimResponse encrypted(SimApp app, String user, String text, String dataField) {
        String sessionKey = state.sessionKey(new UserRef(app.appId(), user));
        byte[] iv = Randoms.bytes(BaiduCrypto.IV_BYTES);
        byte[] encrypted = BaiduCrypto.encrypt(sessionKey, iv, text, BaiduState.appKey(app.appId()));
        ObjectNode out = Json.object();
        out.put(dataField, Base64.getEncoder().encodeToString(encrypted));
        out.put("iv", Base64.getEncoder().encodeToString(iv));
        return Answers.json(200, out);
    }
}
