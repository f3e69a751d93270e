package io.github.wxlogin.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Alipay ids of a named test user, the same on every run: {@code user_id}, Alipay's own id of the
 * person ("2088" and 12 digits, 16 in all, the same in every app), and {@code open_id}, the person's id
 * in one app (letters and digits, different in each app). The seed is not a secret.
 */
final class AlipayIds {

    private static final byte[] SEED = "wxlogin-simulator alipay ids v1".getBytes(StandardCharsets.UTF_8);
    private static final char[] ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private AlipayIds() {}

    static String userId(String user) {
        byte[] h = mac("user_id\0" + user);
        long n = 0;
        for (int i = 0; i < 8; i++) {
            n = (n << 8) | (h[i] & 0xff);
        }
        return "2088" + String.format("%012d", Math.floorMod(n, 1_000_000_000_000L));
    }

    /** "0" and 46 letters and digits, like the open_ids Alipay shows. */
    static String openId(String appId, String user) {
        byte[] h = mac("open_id\0" + appId + "\0" + user);
        byte[] more = mac("open_id+\0" + appId + "\0" + user);
        StringBuilder out = new StringBuilder("0");
        for (int i = 0; out.length() < 47; i++) {
            int b = (i < h.length ? h[i] : more[i - h.length]) & 0xff;
            out.append(ALNUM[b % ALNUM.length]);
        }
        return out.toString();
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
