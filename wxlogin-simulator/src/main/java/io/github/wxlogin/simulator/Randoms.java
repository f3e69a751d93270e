package io.github.wxlogin.simulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random values in the shapes WeChat uses. */
final class Randoms {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private Randoms() {}

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** {@code n} random bytes as lower-case hex ({@code 2n} characters). */
    static String hex(int n) {
        return HexFormat.of().formatHex(bytes(n));
    }

    /** {@code n} random letters and digits, like a wx.login code. */
    static String alnum(int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = ALNUM[RANDOM.nextInt(ALNUM.length)];
        }
        return new String(out);
    }

    /** {@code n} random bytes as unpadded base64url. */
    static String base64url(int n) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(n));
    }

    /** {@code n} random bytes as standard padded base64, the shape of a session_key. */
    static String base64(int n) {
        return Base64.getEncoder().encodeToString(bytes(n));
    }

    static int nextInt() {
        return RANDOM.nextInt();
    }
}
