package io.github.wxlogin.core.alipay;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the service holds for one Alipay mini program: the app's RSA2 private key (requests are signed
 * with it; its public half is uploaded to Alipay's console), Alipay's public key for the app (Alipay's
 * answers and its phone answers are verified with it), the content-encryption key when one is set up
 * (the phone number arrives encrypted under it), and which user id it takes. {@link #toString()} shows
 * no key.
 */
public record AlipayApp(
        String appId,
        PrivateKey privateKey,
        PublicKey alipayPublicKey,
        Optional<SecretKeySpec> contentKey,
        AlipayIdMode idMode) {

    public AlipayApp {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(alipayPublicKey, "alipayPublicKey");
        Objects.requireNonNull(contentKey, "contentKey");
        Objects.requireNonNull(idMode, "idMode");
    }

    @Override
    public String toString() {
        return "AlipayApp[appId=" + appId + ", keys=***, contentKey=" + (contentKey.isPresent() ? "***" : "none")
                + ", idMode=" + idMode + "]";
    }
}
