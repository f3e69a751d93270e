package io.github.wxlogin.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The WeChat identities of a named test user, derived so they are the same on every run of the
 * simulator (a service keeping users in a database finds them again after a restart).
 * The seed is not a secret: it only makes the derivation the simulator's own.
 */
final class Identities {

    private static final byte[] SEED = "wxlogin-simulator identities v1".getBytes(StandardCharsets.UTF_8);

    private Identities() {}

    /** The user's openid in one app: "o" + 27 base64url characters, 28 in all, like WeChat's. */
    static String openid(String appId, String user) {
        return "o" + derive("openid\0" + appId + "\0" + user).substring(0, 27);
    }

    /** The user's unionid in one open-platform group, the same in every app of the group. */
    static String unionid(String group, String user) {
        return "o" + derive("unionid\0" + group + "\0" + user).substring(0, 27);
    }

    /** A stable mainland mobile number for the user: "13" and nine digits. */
    static String phoneNumber(String user) {
        byte[] h = mac("phone\0" + user);
        long n = 0;
        for (int i = 0; i < 8; i++) {
            n = (n << 8) | (h[i] & 0xff);
        }
        return "13" + String.format("%09d", Math.floorMod(n, 1_000_000_000L));
    }

    /**
     * Another platform's id of a test user or device: {@code kind} names what it is (a Douyin openid, an
     * anonymous openid), {@code scope} where it holds (an app, a group), as base64url characters.
     */
    static String platformId(String kind, String scope, String name) {
        return derive(kind + "\0" + scope + "\0" + name);
    }

    private static String derive(String message) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(message));
    }

    private static byte[] mac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SEED, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
