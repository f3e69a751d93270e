package io.github.wxlogin.simulator;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys of the simulated Alipay: its own RSA2 key pair (it signs its answers with the private half;
 * one for every app here, where real Alipay shows each app its own), and per app the app's public key
 * (requests are verified with it), the content key and the id mode. Made on first use, since RSA key
 * generation takes a moment and most simulators never see an Alipay app; the simulator makes the app's
 * key pair too, as the developer's key tool would, so a test can configure the service with the private
 * half. Kept through {@code /sim/reset}: they are configuration, as the apps are.
 */
final class AlipayKeyring {

    static final String USER_ID = "user_id";
    static final String OPEN_ID = "open_id";

    private record AppKeys(PublicKey appPublic, Optional<PrivateKey> appPrivate, byte[] contentKey, String idMode) {}

    private final Map<String, AppKeys> byApp = new ConcurrentHashMap<>();
    private volatile KeyPair alipay;

    PrivateKey alipayPrivate() {
        return alipay().getPrivate();
    }

    PublicKey appPublic(String appId) {
        return keys(appId).appPublic();
    }

    byte[] contentKey(String appId) {
        return keys(appId).contentKey().clone();
    }

    String idMode(String appId) {
        return keys(appId).idMode();
    }

    AlipayKeyMaterial material(String appId) {
        AppKeys k = keys(appId);
        return new AlipayKeyMaterial(
                appId,
                AlipaySimCrypto.base64(alipay().getPublic().getEncoded()),
                AlipaySimCrypto.base64(k.appPublic().getEncoded()),
                k.appPrivate().map(p -> AlipaySimCrypto.base64(p.getEncoded())),
                AlipaySimCrypto.base64(k.contentKey()),
                k.idMode());
    }

    /** Replaces what is given of the app's material; the app's private key is no longer the simulator's to show. */
    void set(String appId, Optional<PublicKey> appPublic, Optional<byte[]> contentKey, Optional<String> idMode) {
        byApp.compute(appId, (id, old) -> {
            AppKeys current = old != null ? old : generated();
            return new AppKeys(
                    appPublic.orElse(current.appPublic()),
                    appPublic.isPresent() ? Optional.empty() : current.appPrivate(),
                    contentKey.map(byte[]::clone).orElse(current.contentKey()),
                    idMode.orElse(current.idMode()));
        });
    }

    private AppKeys keys(String appId) {
        return byApp.computeIfAbsent(appId, id -> generated());
    }

    private static AppKeys generated() {
        KeyPair app = AlipaySimCrypto.newRsaKeyPair();
        return new AppKeys(app.getPublic(), Optional.of(app.getPrivate()), Randoms.bytes(16), USER_ID);
    }

    private KeyPair alipay() {
        KeyPair k = alipay;
        if (k == null) {
            synchronized (this) {
                if (alipay == null) {
                    alipay = AlipaySimCrypto.newRsaKeyPair();
                }
                k = alipay;
            }
        }
        return k;
    }
}
