package io.github.wxlogin.server.config;

import io.github.wxlogin.core.app.Platform;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Where each platform's server is ({@code WXLOGIN_<PLATFORM>_BASE_URL}): the setting when given, the
 * simulator's prefix for that platform in dev mode ({@code …/wechat-sim/douyin}), else the platform's
 * real host. WeChat's own is {@link WeChatBaseUrl}. Asked on each call: in dev mode the simulator's
 * address is known only once the server has its port.
 */
@Component
public class PlatformBaseUrls {

    private static final Map<Platform, URI> REAL = new EnumMap<>(Map.of(
            Platform.QQ, URI.create("https://api.q.qq.com"),
            Platform.DOUYIN, URI.create("https://developer.toutiao.com"),
            Platform.ALIPAY, URI.create("https://openapi.alipay.com"),
            Platform.BAIDU, URI.create("https://spapi.baidu.com"),
            Platform.KUAISHOU, URI.create("https://open.kuaishou.com"),
            Platform.WECOM, URI.create("https://qyapi.weixin.qq.com")));

    private final WxLoginProperties props;
    private final WeChatBaseUrl wechat;

    PlatformBaseUrls(WxLoginProperties props, WeChatBaseUrl wechat) {
        this.props = props;
        this.wechat = wechat;
    }

    /** The base URL of {@code platform}'s server, asked when a call is made. */
    public Supplier<URI> of(Platform platform) {
        if (platform == Platform.WECHAT) {
            return wechat;
        }
        String configured = props.baseUrls().of(platform);
        if (configured != null && !configured.isBlank()) {
            URI url = parse(platform, configured.strip());
            return () -> url;
        }
        if (props.dev()) {
            return () -> URI.create(wechat.get() + "/" + platform.id());
        }
        URI real = REAL.get(platform);
        return () -> real;
    }

    /** Every {@code WXLOGIN_<PLATFORM>_BASE_URL} that is set is a URL, checked before anything is written. */
    public static void check(WxLoginProperties props) {
        for (Platform platform : Platform.values()) {
            String configured = props.baseUrls().of(platform);
            if (platform != Platform.WECHAT && configured != null && !configured.isBlank()) {
                parse(platform, configured.strip());
            }
        }
    }

    private static URI parse(Platform platform, String value) {
        String variable = "WXLOGIN_" + platform.name() + "_BASE_URL";
        try {
            URI url = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                throw new ConfigurationMistake(variable + " must be an http or https URL, such as " + REAL.get(platform)
                        + "; it is \"" + value + "\".");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationMistake(variable + " is not a URL: \"" + value + "\".");
        }
    }
}
