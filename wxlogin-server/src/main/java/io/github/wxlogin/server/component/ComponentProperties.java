package io.github.wxlogin.server.component;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Service providers (WeChat Open Platform third-party platforms), bound from
 * {@code wxlogin.wechat-component.*}: maps keyed by appid, the shape of {@code wxlogin.douyin.apps.<appid>}.
 *
 * @param components per component (by its appid): where its component_access_token comes from
 * @param apps per authorizer app (by its appid): the component it logs in through; these apps are WeChat
 *     apps of the service like those of {@code WXLOGIN_APPS}, which must not name them again (the provider
 *     holds no app secret for them)
 */
@ConfigurationProperties("wxlogin.wechat-component")
public record ComponentProperties(Map<String, ComponentSettings> components, Map<String, AppSettings> apps) {

    public ComponentProperties {
        components = components == null ? Map.of() : Map.copyOf(components);
        apps = apps == null ? Map.of() : Map.copyOf(apps);
    }

    public static ComponentProperties none() {
        return new ComponentProperties(null, null);
    }

    /**
     * One component: either the ticket source ({@code secret}, {@code token}, {@code encoding-aes-key}: WeChat
     * pushes the component_verify_ticket to this service) or the provider's token service
     * ({@code token-url}, optionally {@code token-url-authorization}).
     *
     * @param secret the component's appsecret
     * @param token the message-check Token (消息校验Token)
     * @param encodingAesKey the 43-character message encryption key (消息加解密Key)
     * @param tokenUrl the provider's token service, answering {@code {"component_access_token","expires_in"}}
     * @param tokenUrlAuthorization the {@code Authorization} header sent to it ({@code Bearer …})
     */
    public record ComponentSettings(
            String secret, String token, String encodingAesKey, String tokenUrl, String tokenUrlAuthorization) {

        @Override
        public String toString() {
            return "ComponentSettings[secrets=***, tokenUrl=" + (tokenUrl == null ? "-" : "set") + "]";
        }
    }

    /**
     * One authorizer app.
     *
     * @param component the appid of the component it authorized
     * @param group its open-platform group, as in {@code WXLOGIN_APPS} (apps of one group share unionids)
     */
    public record AppSettings(String component, String group) {}
}
