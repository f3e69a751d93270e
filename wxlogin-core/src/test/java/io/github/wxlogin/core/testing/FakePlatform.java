package io.github.wxlogin.core.testing;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.platform.PlatformSession;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A platform in memory, for core tests: it hands out one-time login and phone codes for users it is
 * told about, keeps one session_key per user (rotated on request), and answers as a platform does:
 * a code once, for its own app only. Failures can be queued for the next call.
 */
public final class FakePlatform implements PlatformClient {

    private record LoginGrant(String appId, String openid, Optional<String> unionid) {}

    /** A phone code; {@code openid} empty when the test did not say whose button gave it. */
    private record PhoneGrant(String appId, Optional<String> openid, PlatformPhone phone) {}

    private final SecureRandom random = new SecureRandom();
    private final Map<String, LoginGrant> loginCodes = new HashMap<>();
    private final Map<String, PhoneGrant> phoneCodes = new HashMap<>();
    private final Map<String, String> sessionKeys = new HashMap<>();
    private final Deque<PlatformException> failures = new ArrayDeque<>();
    private final List<String> phoneOpenids = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean encryptedPhoneData = true;

    /** A fresh login code of {@code openid} in the app, as {@code wx.login()} would give it. */
    public synchronized String loginCode(String appId, String openid) {
        return loginCode(appId, openid, Optional.empty());
    }

    public synchronized String loginCode(String appId, String openid, Optional<String> unionid) {
        String code = randomText(24);
        loginCodes.put(code, new LoginGrant(appId, openid, unionid));
        return code;
    }

    /** A fresh phone-button code that gives the number; the watermark names {@code appId}. */
    public synchronized String phoneCode(String appId, String phoneNumber, String purePhoneNumber, String countryCode) {
        return phoneCode(appId, new PlatformPhone(phoneNumber, purePhoneNumber, countryCode, Optional.of(appId)));
    }

    public synchronized String phoneCode(String appId, PlatformPhone phone) {
        String code = randomText(24);
        phoneCodes.put(code, new PhoneGrant(appId, Optional.empty(), phone));
        return code;
    }

    /**
     * A fresh phone-button code given to the user {@code openid}: asked for by anyone else, it is
     * refused as WeChat refuses it when the openid sent with it is not its user's.
     */
    public synchronized String phoneCodeOf(String appId, String openid, String phoneNumber) {
        String code = randomText(24);
        phoneCodes.put(
                code,
                new PhoneGrant(
                        appId,
                        Optional.of(openid),
                        new PlatformPhone(phoneNumber, phoneNumber, "86", Optional.of(appId))));
        return code;
    }

    /** The openids the phone codes were asked for with, in order. */
    public synchronized List<String> phoneOpenids() {
        return List.copyOf(phoneOpenids);
    }

    /** The session_key the platform now holds for the user: what the next login's exchange gives. */
    public synchronized String sessionKey(String appId, String openid) {
        return sessionKeys.computeIfAbsent(appId + '\0' + openid, k -> newSessionKey());
    }

    /** Gives the user a new session_key, as the platform does now and then; the new one. */
    public synchronized String rotateSessionKey(String appId, String openid) {
        String key = newSessionKey();
        sessionKeys.put(appId + '\0' + openid, key);
        return key;
    }

    /** The next call fails with this, before it looks at its input. */
    public synchronized void failNext(PlatformException failure) {
        failures.add(failure);
    }

    /** Whether the phone button gives encryptedData and iv (true unless a test says otherwise). */
    public void offersEncryptedPhoneData(boolean offers) {
        encryptedPhoneData = offers;
    }

    @Override
    public boolean offersEncryptedPhoneData(App app) {
        return encryptedPhoneData;
    }

    /** How many calls reached the platform (failed ones included). */
    public int calls() {
        return calls.get();
    }

    @Override
    public synchronized PlatformSession exchangeCode(App app, String code) {
        called();
        LoginGrant grant = loginCodes.get(code);
        if (grant == null || !grant.appId().equals(app.appId())) {
            throw new PlatformException(
                    ErrorCode.INVALID_CODE, "the platform does not know this code", null, true, null);
        }
        loginCodes.remove(code);
        return new PlatformSession(grant.openid(), sessionKey(app.appId(), grant.openid()), grant.unionid());
    }

    @Override
    public synchronized PlatformPhone phoneNumber(App app, String openid, String code) {
        called();
        phoneOpenids.add(openid);
        PhoneGrant grant = phoneCodes.get(code);
        if (grant == null
                || !grant.appId().equals(app.appId())
                || grant.openid().filter(o -> !o.equals(openid)).isPresent()) {
            throw new PlatformException(
                    ErrorCode.INVALID_CODE, "the platform does not know this phone code", null, true, null);
        }
        phoneCodes.remove(code);
        return grant.phone();
    }

    @Override
    public boolean checksSessionKeys(App app) {
        return true;
    }

    @Override
    public synchronized boolean sessionKeyValid(App app, String openid, String sessionKey) {
        called();
        return sessionKey.equals(sessionKeys.get(app.appId() + '\0' + openid));
    }

    private void called() {
        calls.incrementAndGet();
        PlatformException failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
    }

    private String newSessionKey() {
        byte[] key = new byte[16];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private String randomText(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
