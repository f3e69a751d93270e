package io.github.wxlogin.simulator;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The controls standing in for the phone: what {@code wx.login()}, the getPhoneNumber button and
 * open-data APIs would hand a mini program, and a look at what WeChat holds for a user; each answered
 * by the stand-in of the app's platform ({@link WeChatStandIn} for WeChat's apps).
 */
final class PhoneControls {

    private static final Pattern PURE_NUMBER = Pattern.compile("[0-9]{5,15}");
    private static final Pattern COUNTRY_CODE = Pattern.compile("[1-9][0-9]{0,3}");

    private final SimApps apps;
    private final PlatformStandIn wechat;
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
        this.wechat = new WeChatStandIn(loginCodes, phoneCodes, sessionKeys, clock);
    }

    /** POST /sim/login {"appId","user"} → {"code"}. */
    SimResponse login(SimRequest request) {
        Body body = Body.of(request);
        UserRef ref = userRef(body.string("appId"), body.string("user"));
        SimApp app = apps.find(ref.appId()).orElseThrow();
        return standIn(app).login(app, ref.user(), body);
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
        return standIn(app).phoneCode(app, ref.user(), number, country, body);
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
        return standIn(app).openData(app, ref.user(), body);
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
        return standIn(app).session(app, ref.user());
    }

    private PlatformStandIn standIn(SimApp app) {
        PlatformStandIn standIn = app.isWeChat() ? wechat : standIns.get(app.platform());
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
}
