package io.github.wxlogin.core.douyin;

import io.github.wxlogin.core.app.App;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The private key of each Douyin app whose public key was uploaded in the Douyin console (开发 → 开发配置 →
 * 密钥设置): get_phonenumber_info encrypts the number under that public key. Given as PEM, PKCS#8
 * ({@code BEGIN PRIVATE KEY}, what {@code openssl pkcs8 -topk8} writes) or PKCS#1 ({@code BEGIN RSA PRIVATE
 * KEY}, what {@code openssl genrsa} wrote before OpenSSL 3), or as the bare base64 of either.
 * {@link #toString()} and every message name apps, never key material.
 */
public final class DouyinPhoneKeys {

    /** The DER prefix that wraps a PKCS#1 RSAPrivateKey into a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption). */
    private static final byte[] RSA_ALGORITHM_ID = {
        0x02,
        0x01,
        0x00,
        0x30,
        0x0d,
        0x06,
        0x09,
        0x2a,
        (byte) 0x86,
        0x48,
        (byte) 0x86,
        (byte) 0xf7,
        0x0d,
        0x01,
        0x01,
        0x01,
        0x05,
        0x00
    };

    private final Map<String, PrivateKey> byAppId;
    private final Set<String> askedLater;
    private final Function<String, Optional<PrivateKey>> later;
    private final Map<String, Optional<PrivateKey>> answered = new ConcurrentHashMap<>();

    public DouyinPhoneKeys(Map<String, PrivateKey> byAppId) {
        this(byAppId, Set.of(), appId -> Optional.empty());
    }

    private DouyinPhoneKeys(
            Map<String, PrivateKey> byAppId, Set<String> askedLater, Function<String, Optional<PrivateKey>> later) {
        this.byAppId = Map.copyOf(byAppId);
        this.askedLater = Set.copyOf(askedLater);
        this.later = later;
    }

    public static DouyinPhoneKeys none() {
        return new DouyinPhoneKeys(Map.of());
    }

    /**
     * The keys given, and for the apps of {@code askedLater} a key asked of {@code later} when the app's
     * key is first needed, its answer (a key or none) then kept: dev mode's simulator, which makes an RSA
     * pair per app (half a second of CPU each on a small machine), is not asked while the service starts.
     */
    public static DouyinPhoneKeys withLater(
            Map<String, PrivateKey> byAppId, Set<String> askedLater, Function<String, Optional<PrivateKey>> later) {
        return new DouyinPhoneKeys(byAppId, askedLater, later);
    }

    public Optional<PrivateKey> of(App app) {
        PrivateKey key = byAppId.get(app.appId());
        if (key != null || !askedLater.contains(app.appId())) {
            return Optional.ofNullable(key);
        }
        return answered.computeIfAbsent(app.appId(), later);
    }

    /**
     * An RSA private key from its PEM text or bare base64.
     *
     * @throws IllegalArgumentException saying what is wrong, never quoting the key
     */
    public static PrivateKey parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the private key is empty");
        }
        boolean pkcs1 = text.contains("BEGIN RSA PRIVATE KEY");
        if (text.contains("ENCRYPTED PRIVATE KEY") || text.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new IllegalArgumentException("the private key is encrypted: give it without a passphrase");
        }
        // Newlines may come as the two characters \n (a PEM squeezed into one environment variable).
        String base64 = text.replace("\\n", "")
                .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
                .replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the private key is not PEM or base64");
        }
        if (!pkcs1) {
            try {
                return rsa(der);
            } catch (GeneralSecurityException notPkcs8) {
                // Bare base64 of a PKCS#1 key: tried as such below.
            }
        }
        try {
            return rsa(pkcs8OfPkcs1(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the private key is not an RSA private key in PKCS#8 or PKCS#1 form");
        }
    }

    private static PrivateKey rsa(byte[] pkcs8) throws GeneralSecurityException {
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        if (!(key instanceof RSAPrivateKey)) {
            throw new GeneralSecurityException("not RSA");
        }
        return key;
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 }. */
    private static byte[] pkcs8OfPkcs1(byte[] pkcs1) {
        byte[] octets = concat(new byte[] {0x04}, length(pkcs1.length), pkcs1);
        byte[] content = concat(RSA_ALGORITHM_ID, octets);
        return concat(new byte[] {0x30}, length(content.length), content);
    }

    /** A DER length. */
    private static byte[] length(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        if (n < 0x100) {
            return new byte[] {(byte) 0x81, (byte) n};
        }
        if (n < 0x10000) {
            return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        }
        return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] p : parts) {
            size += p.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Override
    public String toString() {
        return "DouyinPhoneKeys" + byAppId.keySet() + (askedLater.isEmpty() ? "" : " later " + askedLater);
    }
}
