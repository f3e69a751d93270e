package io.github.wxlogin.server.alipay;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Alipay mini programs and their keys, bound once from {@code wxlogin.alipay.apps[n].*}: Alipay
 * apps carry key material that does not fit {@code WXLOGIN_APPS}' one line. Each key is given inline
 * ({@code private-key}, PEM or base64) or as a file ({@code private-key-file}), not both. As environment
 * variables: {@code WXLOGIN_ALIPAY_APPS_0_APPID}, {@code WXLOGIN_ALIPAY_APPS_0_PRIVATEKEYFILE}, …
 *
 * @param apps the Alipay apps, in order; none by default
 */
@ConfigurationProperties("wxlogin.alipay")
public record AlipayProperties(List<App> apps) {

    public AlipayProperties {
        apps = apps == null ? List.of() : List.copyOf(apps);
    }

    public static AlipayProperties none() {
        return new AlipayProperties(List.of());
    }

    /**
     * One Alipay app.
     *
     * @param appId the app's APPID (2021…)
     * @param privateKey the app's private key (应用私钥), PKCS#8 or PKCS#1, PEM or base64
     * @param privateKeyFile a file holding it
     * @param alipayPublicKey Alipay's public key for the app (支付宝公钥, the console's 接口加签方式), PEM or base64
     * @param alipayPublicKeyFile a file holding it
     * @param contentKey the AES content key (接口内容加密方式), base64; needed for phone numbers only
     * @param contentKeyFile a file holding it
     * @param mode which id a login gives: {@code user_id}, {@code open_id}, or {@code auto} (the default:
     *     whichever Alipay's answer has)
     */
    public record App(
            String appId,
            String privateKey,
            String privateKeyFile,
            String alipayPublicKey,
            String alipayPublicKeyFile,
            String contentKey,
            String contentKeyFile,
            String mode) {

        @Override
        public String toString() {
            return "AlipayProperties.App[appId=" + appId + ", keys=***, mode=" + mode + "]";
        }
    }
}
