package io.github.wxlogin.simulator;

/**
 * What QQ's client hands a mini program, behind the {@code /sim/} controls. QQ's client mirrors
 * WeChat's where it has the same thing: {@code qq.login()} gives a code good once for five minutes
 * (https://q.qq.com/wiki/develop/miniprogram/API/open_port/port_login.html), and open data is AES-128-CBC
 * under the session_key with a {@code watermark{appid, timestamp}} and {@code signature =
 * sha1(rawData + session_key)} (https://q.qq.com/wiki/develop/game/frame/open-ability/signature.html),
 * so those are WeChat's stand-in's answers. QQ's mini programs have no phone-number button (its
 * button's {@code open-type} list has no {@code getPhoneNumber}, its scopes no phone number:
 * https://q.qq.com/wiki/develop/miniprogram/frame/open_ability/open_userinfo.html): {@code /sim/phone-code}
 * refuses, as QQ's client would have nothing to give.
 */
final class QqStandIn implements PlatformStandIn {

    private final PlatformStandIn sameAsWeChat;

    /** @param sameAsWeChat the stand-in of WeChat's client, over the simulator's shared codes and keys */
    QqStandIn(PlatformStandIn sameAsWeChat) {
        this.sameAsWeChat = sameAsWeChat;
    }

    @Override
    public SimResponse login(SimApp app, String user, Body body) {
        return sameAsWeChat.login(app, user, body);
    }

    @Override
    public SimResponse phoneCode(SimApp app, String user, String phoneNumber, String countryCode, Body body) {
        throw BadInput.badRequest(
                "QQ mini programs have no getPhoneNumber button: QQ gives neither a phone code nor encrypted phone data");
    }

    @Override
    public SimResponse openData(SimApp app, String user, Body body) {
        return sameAsWeChat.openData(app, user, body);
    }

    @Override
    public SimResponse session(SimApp app, String user) {
        return sameAsWeChat.session(app, user);
    }
}
