package io.github.wxlogin.simulator;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;

/**
 * The key pair behind each Douyin app's phone numbers. On Douyin the developer makes an RSA key pair and
 * uploads its public key in the console (开发 → 开发配置 → 密钥设置); get_phonenumber_info then encrypts the
 * number under it. Here the simulator makes a 2048-bit pair per app when first asked, and shows both
 * halves ({@code GET /sim/douyin/keys}) so a test can give the private one to the service; a test may
 * upload a public key of its own instead ({@code POST /sim/douyin/keys}), whose private half the
 * simulator then does not know. Kept across {@code /sim/reset}: the service was configured with them.
 */
final class DouyinKeys {

    /** An app's public key, and its private key when the simulator made the pair. */
    record Pair(PublicKey publicKey, Optional<String> privateKeyPem) {
        @Override
        public String toString() {
            return "Pair[***]";
        }
    }

    private final Map<String, Pair> byApp = new ConcurrentHashMap<>();

    Pair of(String appId) {
        return byApp.computeIfAbsent(appId, a -> generate());
    }

    /** Replaces the app's key with the developer's own public key (PEM or bare base64 of X.509). */
    void upload(String appId, String publicKeyPem) {
        byApp.put(appId, new Pair(publicKey(publicKeyPem), Optional.empty()));
    }

    /**
     * The phone JSON as get_phonenumber_info's {@code data}: RSA under the app's public key, PKCS#1 v1.5
     * padding (what the SDKs that read this data decrypt with), one block.
     */
    byte[] encrypt(String appId, byte[] plaintext) {
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, of(appId).publicKey());
            return rsa.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA encryption of the phone data failed", e);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static Pair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new Pair(
                    pair.getPublic(),
                    Optional.of(pem("PRIVATE KEY", pair.getPrivate().getEncoded())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make RSA keys", e);
        }
    }

    private static PublicKey publicKey(String text) {
        String base64 = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw BadInput.badRequest("publicKey must be an RSA public key, PEM (BEGIN PUBLIC KEY) or its base64");
        }
    }
}
