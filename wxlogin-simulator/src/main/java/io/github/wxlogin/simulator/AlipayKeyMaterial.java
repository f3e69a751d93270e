package io.github.wxlogin.simulator;

import java.util.Optional;

/**
 * What the simulated Alipay holds for one app, as its console and Alipay's key tool show it, base64:
 * Alipay's public key for the app, the app's public key (uploaded by the developer), the app's private
 * key when the simulator made the pair itself (empty once a test set its own public key), the content
 * key (接口内容加密方式, AES), and the id the app's logins give ({@code user_id} or {@code open_id}).
 * Test material only; {@link #toString()} shows no key.
 */
public record AlipayKeyMaterial(
        String appId,
        String alipayPublicKey,
        String appPublicKey,
        Optional<String> appPrivateKey,
        String contentKey,
        String idMode) {

    @Override
    public String toString() {
        return "AlipayKeyMaterial[appId=" + appId + ", keys=***, idMode=" + idMode + "]";
    }
}
