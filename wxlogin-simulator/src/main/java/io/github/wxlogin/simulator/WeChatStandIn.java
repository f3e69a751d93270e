package io.github.wxlogin.simulator;

import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/**
 * What WeChat's client hands a mini program, behind the {@code /sim/} controls: a {@code wx.login()}
 * code, a getPhoneNumber code, open data encrypted under the user's session_key, and a look at what
 * WeChat holds for the user.
 */
final class WeChatStandIn implements PlatformStandIn {

    private final IssuedCodes<String> loginCodes;
    private final IssuedCodes<PhoneGrant> phoneCodes;
    private final SessionKeys sessionKeys;
    private final SimClock clock;

    WeChatStandIn(
            IssuedCodes<String> loginCodes,
            IssuedCodes<PhoneGrant> phoneCodes,
            SessionKeys sessionKeys,
            SimClock clock) {
        this.loginCodes = loginCodes;
        this.phoneCodes = phoneCodes;
        this.sessionKeys = sessionKeys;
        this.clock = clock;
    }

    @Override
    public SimResponse login(SimApp app, String user, Body body) {
        if (body.optionalBool("rotateSessionKey").orElse(false)) {
            // wx.login() itself may give the user a new session_key, before any server has the code:
            // what the app's server holds is stale from now on (until it exchanges a new code).
            sessionKeys.reset(new UserRef(app.appId(), user));
        }
        return code(loginCodes.mint(app.appId(), user));
    }

    @Override
    public SimResponse phoneCode(SimApp app, String user, String phoneNumber, String countryCode, Body body) {
        return code(phoneCodes.mint(app.appId(), new PhoneGrant(user, phoneNumber, countryCode)));
    }

    /**
     * {@code {"encryptedData","iv","rawData","signature"}}: the data with a watermark, encrypted under the
     * user's current session_key, as https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html
     * describes.
     */
    @Override
    public SimResponse openData(SimApp app, String user, Body body) {
        ObjectNode data = body.object("data").deepCopy();
        data.remove("watermark");
        String rawData = Json.text(data);
        ObjectNode plain = data.deepCopy();
        ObjectNode watermark = plain.putObject("watermark");
        watermark.put("timestamp", clock.now().getEpochSecond());
        watermark.put("appid", app.appId());

        String sessionKey = sessionKeys.current(new UserRef(app.appId(), user));
        byte[] iv = Randoms.bytes(SimCrypto.IV_BYTES);
        byte[] encrypted = SimCrypto.encryptOpenData(sessionKey, iv, Json.text(plain));
        ObjectNode out = Json.object();
        out.put("encryptedData", Base64.getEncoder().encodeToString(encrypted));
        out.put("iv", Base64.getEncoder().encodeToString(iv));
        out.put("rawData", rawData);
        out.put("signature", SimCrypto.rawDataSignature(rawData, sessionKey));
        return Answers.json(200, out);
    }

    /** {@code {"openid","unionid","sessionKey"}}: what the platform holds for the user now. */
    @Override
    public SimResponse session(SimApp app, String user) {
        ObjectNode out = Json.object();
        out.put("openid", Identities.openid(app.appId(), user));
        if (app.unionGroup().isPresent()) {
            out.put("unionid", Identities.unionid(app.unionGroup().get(), user));
        } else {
            out.putNull("unionid");
        }
        out.put("sessionKey", sessionKeys.current(new UserRef(app.appId(), user)));
        return Answers.json(200, out);
    }

    private static SimResponse code(String code) {
        ObjectNode out = Json.object();
        out.put("code", code);
        return Answers.json(200, out);
    }
}
