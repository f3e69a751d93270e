package io.github.wxlogin.server.baidu;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Baidu's settings beyond {@code WXLOGIN_APPS} and {@code WXLOGIN_BAIDU_BASE_URL}, bound from
 * {@code wxlogin.baidu.*}.
 *
 * @param appKeys {@code WXLOGIN_BAIDU_APP_KEYS}: {@code <appid>:<AppKey>,…}, the AppKey of each Baidu app
 *     configured by its numeric AppID ({@link BaiduAppKeys}); the AppKey is no secret (it is in the mini
 *     program's package), but Baidu's APIs take it rather than the AppID
 */
@ConfigurationProperties("wxlogin.baidu")
public record BaiduProperties(@DefaultValue("") String appKeys) {

    public static BaiduProperties none() {
        return new BaiduProperties("");
    }
}
