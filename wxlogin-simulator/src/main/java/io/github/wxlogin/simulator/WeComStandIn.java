package io.github.wxlogin.simulator;

import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/**
 * What WeCom's client hands a mini program, behind the {@code /sim/} controls, for a WeCom app (a corp
 * app, whose appId is the corpid):
 * <ul>
 * <li>{@code /sim/login}: a {@code wx.qy.login()} code of the test user as a member of the corp (five
 *     minutes, once: https://developers.weixin.qq.com/miniprogram/dev/dev_wxwork/dev-doc/qywx-api/login/wxqylogin.html);</li>
 * <li>{@code /sim/open-data}: the data as {@code wx.qy.getEnterpriseUserInfo} gives it
 *     (https://developer.work.weixin.qq.com/document/path/92396): {@code corpid} and {@code userid} added,
 *     a {@code watermark} naming the mini program's WeChat appid, not the corpid ("解密时使用的appid为
 *     小程序的appid，而非企业的corpid"), AES-128-CBC under the session_key, {@code rawData} and
 *     {@code signature = sha1(rawData + session_key)};</li>
 * <li>{@code /sim/phone-code}: refused, WeCom has no phone-number code (wx.qy.getMobile gives encrypted
 *     data, opened as open data);</li>
 * <li>{@code /sim/session}: the member's {@code corpid}, {@code userid} and current session_key.</li>
 * </ul>
 */
final class WeComStandIn implements PlatformStandIn {

    private final PlatformStandIn sameAsWeChat;
    private final SessionKeys sessionKeys;
    private final WeComTokens tokens;
    private final SimClock clock;

    /** @param sameAsWeChat the stand-in of WeChat's client, whose login codes wx.qy.login()'s are like */
    WeComStandIn(PlatformStandIn sameAsWeChat, SessionKeys sessionKeys, WeComTokens tokens, SimClock clock) {
        this.sameAsWeChat = sameAsWeChat;
        this.sessionKeys = sessionKeys;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public SimResponse login(SimApp app, String user, Body body) {
        return sameAsWeChat.login(app, user, body);
    }

    @Override
    public SimResponse phoneCode(SimApp app, String user, String phoneNumber, String countryCode, Body body) {
        throw BadInput.badRequest("WeCom mini programs have no phone-number code: wx.qy.getMobile gives the corp"
                + " directory's number as encrypted open data");
    }

    @Override
    public SimResponse openData(SimApp app, String user, Body body) {
        ObjectNode data = body.object("data").deepCopy();
        data.remove("watermark");
        String rawData = Json.text(data);
        ObjectNode plain = data.deepCopy();
        plain.put("corpid", app.appId());
        plain.put("userid", WeComApi.userid(app.appId(), user));
        ObjectNode watermark = plain.putObject("watermark");
        watermark.put("appid", miniProgramAppId(app.appId()));
        watermark.put("timestamp", clock.now().getEpochSecond());

        String sessionKey = sessionKeys.current(new UserRef(app.appId(), user));
        byte[] iv = Randoms.bytes(SimCrypto.IV_BYTES);
        ObjectNode out = Json.object();
        out.put(
                "encryptedData",
                Base64.getEncoder().encodeToString(SimCrypto.encryptOpenData(sessionKey, iv, Json.text(plain))));
        out.put("iv", Base64.getEncoder().encodeToString(iv));
        out.put("rawData", rawData);
        out.put("signature", SimCrypto.rawDataSignature(rawData, sessionKey));
        return Answers.json(200, out);
    }

    @Override
    public SimResponse session(SimApp app, String user) {
        String userid = WeComApi.userid(app.appId(), user);
        ObjectNode out = Json.object();
        out.put("corpid", app.appId());
        out.put("userid", userid);
        out.put("openid", userid);
        out.put("unionid", app.appId() + ":" + userid);
        out.put("sessionKey", sessionKeys.current(new UserRef(app.appId(), user)));
        return Answers.json(200, out);
    }

    /** POST /sim/wecom/expire-tokens: WeCom ends every corp app token early; they answer 40014. */
    SimResponse expireTokens(SimRequest request) {
        tokens.expireAll();
        return Answers.noContent();
    }

    /** The WeChat appid of the corp's mini program, as its watermark names it: made up from the corpid. */
    static String miniProgramAppId(String corpId) {
        return "wx"
                + Identities.platformId("wecom-miniprogram", corpId, "appid").substring(0, 16);
    }
}
