package io.github.wxlogin.core.phone;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.identity.PhoneLinking;
import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.opendata.OpenDataService;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.user.PhoneStore;
import io.github.wxlogin.core.user.UserStore;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/me/phone}: binds the number behind a getPhoneNumber button to the caller. The
 * button's {@code code} is exchanged with the platform (WeChat's {@code wxa/business/getuserphonenumber},
 * base library 2.21.2 and later) together with the caller's openid in the app, so the platform refuses
 * a code another user's button gave; the older {@code {encryptedData, iv}} is decrypted with the user's
 * session_key.
 * A number another user has is refused with {@code phone_in_use}, and nothing changes; unless link by
 * phone is on and the caller's user is brand new ({@link PhoneLinking}), when the caller joins that user.
 */
public final class PhoneService {

    private static final Logger log = LoggerFactory.getLogger(PhoneService.class);
    private static final Pattern CODE = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{3,20}");
    /** A signed phone answer (Alipay's ciphertext of one number, or the whole message around it) is far shorter. */
    private static final int MAX_SIGNED_RESPONSE = 8192;

    private final Apps apps;
    private final PlatformClient platform;
    private final PhoneStore phones;
    private final UserStore users;
    private final OpenDataService openData;
    private final PhoneLinking linking;
    private final Clock clock;

    /** @param linking what a number another user holds does: link by phone, when it is on */
    public PhoneService(
            Apps apps,
            PlatformClient platform,
            PhoneStore phones,
            UserStore users,
            OpenDataService openData,
            PhoneLinking linking,
            Clock clock) {
        this.apps = apps;
        this.platform = platform;
        this.phones = phones;
        this.users = users;
        this.openData = openData;
        this.linking = linking;
        this.clock = clock;
    }

    public PhoneResult bindWithCode(AccessClaims caller, String code) {
        return bindWithCode(caller, code, ClientInfo.unknown());
    }

    /** @param client the request's client, for the session a link by phone opens */
    public PhoneResult bindWithCode(AccessClaims caller, String code, ClientInfo client) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw WxLoginException.invalidRequest("code must be 1-128 printable ASCII characters");
        }
        App app = app(caller);
        String openid = users.findAccount(caller.userId(), caller.appId())
                .orElseThrow(() -> WxLoginException.invalidToken("the token's user no longer exists"))
                .identity()
                .openid();
        PlatformPhone phone = platform.phoneNumber(app, openid, code);
        if (phone.watermarkAppId().isPresent() && !phone.watermarkAppId().get().equals(app.appId())) {
            throw new WxLoginException(ErrorCode.WATERMARK_MISMATCH, "the phone number's watermark names another app");
        }
        return bind(caller, phone.phoneNumber(), phone.purePhoneNumber(), phone.countryCode(), client);
    }

    /**
     * A platform's own signed phone answer (Alipay's {@code my.getPhoneNumber}: {@code response} and
     * {@code sign}); the platform checks and opens it ({@link PlatformClient#phoneFromSignedResponse}).
     * Such an answer names no user and no time (Alipay's is the same ciphertext for one number every
     * time): it proves a number, not that the caller is its owner, so it never links by phone; a number
     * another user holds is {@code phone_in_use}.
     */
    public PhoneResult bindWithSignedResponse(AccessClaims caller, String response, String sign) {
        if (response == null || response.isBlank() || response.length() > MAX_SIGNED_RESPONSE) {
            throw WxLoginException.invalidRequest("response must be 1-" + MAX_SIGNED_RESPONSE + " characters");
        }
        if (sign != null && sign.length() > MAX_SIGNED_RESPONSE) {
            throw WxLoginException.invalidRequest("sign is too long");
        }
        App app = app(caller);
        users.findAccount(caller.userId(), caller.appId())
                .orElseThrow(() -> WxLoginException.invalidToken("the token's user no longer exists"));
        PlatformPhone phone = platform.phoneFromSignedResponse(app, response, sign);
        return bind(caller, phone.phoneNumber(), phone.purePhoneNumber(), phone.countryCode(), null);
    }

    public PhoneResult bindWithEncryptedData(AccessClaims caller, String encryptedData, String iv) {
        return bindWithEncryptedData(caller, encryptedData, iv, ClientInfo.unknown());
    }

    /**
     * The form of base libraries before 2.21.2: the button's encryptedData and iv. A platform whose
     * phone button gives no such data ({@link PlatformClient#offersEncryptedPhoneData}) answers
     * {@code unsupported} before anything is decrypted.
     *
     * @param client the request's client, for the session a link by phone opens
     */
    public PhoneResult bindWithEncryptedData(AccessClaims caller, String encryptedData, String iv, ClientInfo client) {
        if (encryptedData == null || iv == null) {
            throw WxLoginException.invalidRequest("give code, or encryptedData and iv");
        }
        App app = app(caller);
        if (!platform.offersEncryptedPhoneData(app)) {
            throw new WxLoginException(
                    ErrorCode.UNSUPPORTED,
                    "a " + app.platform().id() + " app's phone button gives no encryptedData and iv");
        }
        JsonNode data = openData.decrypt(caller, encryptedData, iv, null, null);
        PlatformPhone phone = platform.phoneInOpenData(app, data)
                .filter(p -> DIGITS.matcher(p.purePhoneNumber()).matches())
                .orElseThrow(() -> WxLoginException.invalidRequest("the decrypted data is not a phone number"));
        return bind(caller, phone.phoneNumber(), phone.purePhoneNumber(), phone.countryCode(), client);
    }

    private App app(AccessClaims caller) {
        return apps.find(caller.appId())
                .orElseThrow(() -> new WxLoginException(ErrorCode.UNKNOWN_APP, "the token's app is not configured"));
    }

    /** @param client the request's client, for the session a link by phone opens; null: never link */
    private PhoneResult bind(AccessClaims caller, String phone, String pure, String country, ClientInfo client) {
        if (phones.bind(caller.userId(), phone, country, clock.instant()) == PhoneStore.Binding.IN_USE) {
            Optional<SessionGrant> linked = client == null ? Optional.empty() : linking.link(caller, phone, client);
            if (linked.isPresent()) {
                return new PhoneResult(phone, pure, country, linked.get().account(), linked);
            }
            log.info("Phone binding refused: the number is bound to another user (user={})", caller.userId());
            throw new WxLoginException(ErrorCode.PHONE_IN_USE, "this phone number is bound to another user");
        }
        log.info("Phone bound to user={} (country code {})", caller.userId(), country);
        return new PhoneResult(
                phone,
                pure,
                country,
                users.findAccount(caller.userId(), caller.appId())
                        .orElseThrow(() -> WxLoginException.invalidToken("the token's user no longer exists")));
    }
}
