package io.github.wxlogin.core.alipay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Alipay's RSA2 signing ("自行实现签名", https://opendocs.alipay.com/common/02kf5q): SHA256withRSA, base64.
 * A request is signed over its parameters sorted by name, {@code sign} and empty values left out,
 * joined as {@code k=v&k=v} with the values as they are (not URL-encoded), in UTF-8. An answer is
 * verified over the exact text Alipay signed (see {@link RawJsonMembers}).
 */
public final class AlipaySignatures {

    private static final String ALGORITHM = "SHA256withRSA";

    private AlipaySignatures() {}

    /** The text a request's signature covers. */
    public static String content(Map<String, String> params) {
        StringJoiner out = new StringJoiner("&");
        new TreeMap<>(params).forEach((k, v) -> {
            if (!"sign".equals(k) && k != null && !k.isEmpty() && v != null && !v.isEmpty()) {
                out.add(k + "=" + v);
            }
        });
        return out.toString();
    }

    /** The base64 RSA2 signature of {@code content}. */
    public static String sign(String content, PrivateKey key) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            // The message of a signing failure names no key material; keep only its type.
            throw new IllegalStateException(
                    "RSA2 signing failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Whether {@code sign} (base64) is the RSA2 signature of {@code content} under {@code key}; false when malformed. */
    public static boolean verify(String content, String sign, PublicKey key) {
        if (content == null || sign == null || sign.isBlank()) {
            return false;
        }
        try {
            byte[] signature = Base64.getDecoder().decode(sign.replaceAll("\\s", ""));
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(content.getBytes(StandardCharsets.UTF_8));
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
