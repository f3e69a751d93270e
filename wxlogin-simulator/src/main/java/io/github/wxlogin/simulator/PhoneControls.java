package io.github.wxlogin.simulator;

import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * The controls standing in for the phone: what {@code wx.login()}, the getPhoneNumber button and
 * open-data APIs would hand a mini program, and a look at what WeChat holds for a user.
 */
final class PhoneControls {

    private static final Pattern PURE_NUMBER = Pattern.compile("[0-9]{5,15}");
    private static final Pattern COUNTRY_CODE = Pattern.compile("[1-9][0-9]{0,3}");

    private final SimApps apps;
    private final IssuedCodes<String> loginCodes;
    private final IssuedCodes<PhoneGrant> phoneCodes;
    private final SessionKeys sessionKeys;
    private final SimClock clock;
    private final Map<String, PlatformStandIn> standIns;

    /** @param standIns the other platforms' stand-ins, by platform word; WeChat's controls are these */
    PhoneControls(
            SimApps apps,
            IssuedCodes<String> loginCodes,
            IssuedCodes<PhoneGrant> phoneCodes,
            SessionKeys sessionKeys,
            SimClock clock,
            Map<String, PlatformStandIn> standIns) {
        this.standIns = Map.copyOf(standIns);
        this.apps = apps;
        this.loginCodes = loginCodes;
        this.phoneCodes = phoneCodes;
        this.sessionKeys = sessionKeys;
        this.clock = clock;
    }

    /** POST /sim/login {"appId","user"} → {"code"}. */
    SimResponse login(SimRequest request) {
        Body body = Body.of(request);
        UserRef ref = userRef(body.string("appId"), body.string("user"));
        SimApp app = apps.find(ref.appId()).orElseThrow();
        if (!app.isWeChat()) {
            return standIn(app).login(app, ref.user(), body);
        }
        return code(loginCodes.mint(ref.appId(), ref.user()));
    }

    /** POST /sim/phone-code {"appId","user","phoneNumber"?,"countryCode"?} → {"code"}. */
    SimResponse phoneCode(SimRequest request) {
        Body body = Body.of(request);
        UserRef ref = userRef(body.string("appId"), body.string("user"));
        String number = body.optionalString("phoneNumber").orElseGet(() -> Identities.phoneNumber(ref.user()));
        String country = body.optionalDigits("countryCode").orElse("86");
        if (!PURE_NUMBER.matcher(number).matches()) {
            throw BadInput.badRequest("phoneNumber must be 5 to 15 digits, without the country code");
        }
        if (!COUNTRY_CODE.matcher(country).matches()) {
            throw BadInput.badRequest("countryCode must be 1 to 4 digits");
        }
        SimApp app = apps.find(ref.appId()).orElseThrow();
        if (!app.isWeChat()) {
            return standIn(app).phoneCode(app, ref.user(), number, country, body);
        }
        return code(phoneCodes.mint(ref.appId(), new PhoneGrant(ref.user(), number, country)));
    }

    /**
     * POST /sim/open-data {"appId","user","data":{…}} → {"encryptedData","iv","rawData","signature"}:
     * the data with a watermark, encrypted under the user's current session_key, as
     * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html describes.
     */
    SimResponse openData(SimRequest request) {
        Body body = Body.of(request);
        UserRef ref = userRef(body.string("appId"), body.string("user"));
        SimApp app = apps.find(ref.appId()).orElseThrow();
        if (!app.isWeChat()) {
            return standIn(app).openData(app, ref.user(), body);
        }
        ObjectNode data = body.object("data").deepCopy();
        data.remove("watermark");
        String rawData = Json.text(data);
        ObjectNode plain = data.deepCopy();
        ObjectNode watermark = plain.putObject("watermark");
        watermark.put("timestamp", clock.now().getEpochSecond());
        watermark.put("appid", ref.appId());

        String sessionKey = sessionKeys.current(ref);
        byte[] iv = Randoms.bytes(SimCrypto.IV_BYTES);
        byte[] encrypted = SimCrypto.encryptOpenData(sessionKey, iv, Json.text(plain));
        ObjectNode out = Json.object();
        out.put("encryptedData", Base64.getEncoder().encodeToString(encrypted));
        out.put("iv", Base64.getEncoder().encodeToString(iv));
        out.put("rawData", rawData);
        out.put("signature", SimCrypto.rawDataSignature(rawData, sessionKey));
        return Answers.json(200, out);
    }

    /** GET /sim/session?appId&user → {"openid","unionid","sessionKey"}. */
    SimResponse session(SimRequest request) {
        Query q = Query.parse(request.rawQuery());
        String appId = q.nonBlank("appId");
        String user = q.get("user");
        if (appId == null) {
            throw BadInput.badRequest("appId is required");
        }
        if (user == null || user.isBlank()) {
            throw BadInput.badRequest("user is required");
        }
        UserRef ref = userRef(appId, user);
        SimApp app = apps.find(appId).orElseThrow();
        if (!app.isWeChat()) {
            return standIn(app).session(app, ref.user());
        }
        ObjectNode out = Json.object();
        out.put("openid", Identities.openid(appId, ref.user()));
        if (app.group().isPresent()) {
            out.put("unionid", Identities.unionid(app.group().get(), ref.user()));
        } else {
            out.putNull("unionid");
        }
        out.put("sessionKey", sessionKeys.current(ref));
        return Answers.json(200, out);
    }

    private PlatformStandIn standIn(SimApp app) {
        PlatformStandIn standIn = standIns.get(app.platform());
        if (standIn == null) {
            throw BadInput.badRequest("the simulator does not stand in for " + app.platform() + " apps yet");
        }
        return standIn;
    }

    private UserRef userRef(String appId, String user) {
        if (apps.find(appId).isEmpty()) {
            throw new BadInput(404, "unknown app");
        }
        if (!UserRef.isValidUser(user)) {
            throw BadInput.badRequest("user must be 1 to " + UserRef.MAX_USER_LENGTH + " characters");
        }
        return new UserRef(appId, user);
    }

    private static SimResponse code(String code) {
        ObjectNode out = Json.object();
        out.put("code", code);
        return Answers.json(200, out);
    }
}
