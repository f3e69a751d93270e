package io.github.wxlogin.server.douyin;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Douyin's settings beyond {@code WXLOGIN_APPS} and {@code WXLOGIN_DOUYIN_BASE_URL}, bound from
 * {@code wxlogin.douyin.*}.
 *
 * @param openBaseUrl where {@code open.douyin.com} is ({@code WXLOGIN_DOUYIN_OPEN_BASE_URL}): blank for the
 *     real host, or, when {@code WXLOGIN_DOUYIN_BASE_URL} is set or in dev mode, the same place as that
 *     (a simulator serves both hosts under one prefix)
 * @param apps per Douyin app (by appid): {@code private-key}, the RSA private key whose public key is
 *     uploaded in the Douyin console, for phone codes; a PEM file's path or the PEM itself
 */
@ConfigurationProperties("wxlogin.douyin")
public record DouyinProperties(@DefaultValue("") String openBaseUrl, Map<String, AppKeys> apps) {

    public DouyinProperties {
        apps = apps == null ? Map.of() : Map.copyOf(apps);
    }

    /** @param privateKey a PEM file's path, or the PEM text (PKCS#8 or PKCS#1, newlines optional) */
    public record AppKeys(String privateKey) {

        @Override
        public String toString() {
            return "AppKeys[privateKey=***]";
        }
    }
}
