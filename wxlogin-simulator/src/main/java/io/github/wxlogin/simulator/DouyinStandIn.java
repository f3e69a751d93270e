package io.github.wxlogin.simulator;

import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code /sim/} controls for Douyin apps, answering as Douyin's client would:
 * <ul>
 * <li>{@code /sim/login} {"appId","user","device"?,"anonymous"?} → {"code","anonymousCode"} as
 *     {@code tt.login()} gives them to a user logged in to the host app on {@code device} (the user's
 *     own phone by default); with {@code "anonymous": true} only {"anonymousCode"}, as for a visitor not
 *     logged in (the device is then {@code device}, or {@code user} as its name).</li>
 * <li>{@code /sim/phone-code} → {"code","encryptedData","iv"} as the getPhoneNumber button's callback
 *     gives them since base library 3.51.0: the code for get_phonenumber_info, and the older form, the
 *     number encrypted as open data under the user's session_key.</li>
 * <li>{@code /sim/open-data} → {"encryptedData","iv","rawData","signature"}: AES-128-CBC under the
 *     session_key with a watermark, signature = sha1(rawData + session_key), as Douyin's
 *     sensitive-data page describes.</li>
 * <li>{@code /sim/session} → {"openid","unionid","sessionKey","anonymousOpenid"}: what Douyin holds for
 *     the user (and the anonymous_openid of the user's own phone).</li>
 * </ul>
 */
final class DouyinStandIn implements PlatformStandIn {

    private final DouyinState state;

    DouyinStandIn(DouyinState state) {
        this.state = state;
    }

    @Override
    public SimResponse login(SimApp app, String user, Body body) {
        String device = body.optionalString("device").orElse(user);
        if (!UserRef.isValidUser(device)) {
            throw BadInput.badRequest("device must be 1 to " + UserRef.MAX_USER_LENGTH + " characters");
        }
        boolean anonymous = body.optionalBool("anonymous").orElse(false);
        ObjectNode out = Json.object();
        if (!anonymous) {
            out.put("code", state.loginCodes.mint(app.appId(), user));
        }
        out.put("anonymousCode", state.anonymousCodes.mint(app.appId(), device));
        return Answers.json(200, out);
    }

    @Override
    public SimResponse phoneCode(SimApp app, String user, String phoneNumber, String countryCode, Body body) {
        PhoneGrant grant = new PhoneGrant(user, phoneNumber, countryCode);
        String sessionKey = state.sessionKeys.current(new UserRef(app.appId(), user));
        byte[] iv = Randoms.bytes(SimCrypto.IV_BYTES);
        String plain = Json.text(DouyinApi.phoneJson(app.appId(), grant, state.clock.now()));
        ObjectNode out = Json.object();
        out.put("code", state.phoneCodes.mint(app.appId(), grant));
        out.put("encryptedData", Base64.getEncoder().encodeToString(SimCrypto.encryptOpenData(sessionKey, iv, plain)));
        out.put("iv", Base64.getEncoder().encodeToString(iv));
        return Answers.json(200, out);
    }

    @Override
    public SimResponse openData(SimApp app, String user, Body body) {
        ObjectNode data = body.object("data").deepCopy();
        data.remove("watermark");
        String rawData = Json.text(data);
        ObjectNode plain = data.deepCopy();
        ObjectNode watermark = plain.putObject("watermark");
        watermark.put("appid", app.appId());
        watermark.put("timestamp", state.clock.now().getEpochSecond());
        String sessionKey = state.sessionKeys.current(new UserRef(app.appId(), user));
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
        ObjectNode out = Json.object();
        out.put("openid", DouyinState.openid(app.appId(), user));
        out.put("unionid", DouyinState.unionid(app, user));
        out.put("sessionKey", state.sessionKeys.current(new UserRef(app.appId(), user)));
        out.put("anonymousOpenid", DouyinState.anonymousOpenid(app.appId(), user));
        return Answers.json(200, out);
    }

    /** GET /sim/douyin/keys?appId → {"appId","publicKey","privateKey"}: the app's phone key pair, PEM. */
    SimResponse keys(SimRequest request) {
        SimApp app = douyinApp(Query.parse(request.rawQuery()).nonBlank("appId"));
        DouyinKeys.Pair pair = state.keys.of(app.appId());
        ObjectNode out = Json.object();
        out.put("appId", app.appId());
        out.put("publicKey", DouyinKeys.pem("PUBLIC KEY", pair.publicKey().getEncoded()));
        if (pair.privateKeyPem().isPresent()) {
            out.put("privateKey", pair.privateKeyPem().get());
        } else {
            out.putNull("privateKey");
        }
        return Answers.json(200, out);
    }

    /** POST /sim/douyin/keys {"appId","publicKey"}: the developer's own public key, as uploaded in the console. */
    SimResponse uploadKey(SimRequest request) {
        Body body = Body.of(request);
        SimApp app = douyinApp(body.string("appId"));
        state.keys.upload(app.appId(), body.string("publicKey"));
        return Answers.noContent();
    }

    private SimApp douyinApp(String appId) {
        if (appId == null) {
            throw BadInput.badRequest("appId is required");
        }
        return state.apps()
                .find(appId)
                .filter(a -> a.platform().equals(DouyinState.PLATFORM))
                .orElseThrow(() -> new BadInput(404, "unknown Douyin app"));
    }
}
