package io.github.wxlogin.core.component;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A service provider's component (WeChat Open Platform third-party platform, 第三方平台) whose authorizer
 * apps log in through it. Its component_access_token comes from one of two sources: WeChat's
 * component_verify_ticket push ({@link #secret}, {@link #messageToken} and {@link #encodingAesKey} set:
 * the service receives the ticket and asks {@code api_component_token} itself) or the provider's own token
 * service ({@link #tokenUrl} set). {@link #toString()} shows neither secret nor key.
 *
 * @param appId the component's appid
 * @param secret the component's appsecret (ticket source)
 * @param messageToken the message-check Token (消息校验Token) that signs pushes (ticket source)
 * @param encodingAesKey the message encryption key (消息加解密Key), 43 characters (ticket source)
 * @param tokenUrl the provider's token service (URL source)
 * @param tokenUrlAuthorization the {@code Authorization} header value sent to it, if any
 */
public record Component(
        String appId,
        Optional<String> secret,
        Optional<String> messageToken,
        Optional<String> encodingAesKey,
        Optional<URI> tokenUrl,
        Optional<String> tokenUrlAuthorization) {

    public Component {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(messageToken, "messageToken");
        Objects.requireNonNull(encodingAesKey, "encodingAesKey");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(tokenUrlAuthorization, "tokenUrlAuthorization");
    }

    /** A component whose token the service gets from WeChat with the pushed ticket. */
    public static Component ticketSource(String appId, String secret, String messageToken, String encodingAesKey) {
        return new Component(
                appId,
                Optional.of(secret),
                Optional.of(messageToken),
                Optional.of(encodingAesKey),
                Optional.empty(),
                Optional.empty());
    }

    /** A component whose token the provider's own token service hands out. */
    public static Component urlSource(String appId, URI tokenUrl, Optional<String> authorization) {
        return new Component(
                appId, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(tokenUrl), authorization);
    }

    /** Whether the token comes from the provider's token service rather than from the pushed ticket. */
    public boolean fromTokenUrl() {
        return tokenUrl.isPresent();
    }

    @Override
    public String toString() {
        return "Component[appId=" + appId + ", source=" + (fromTokenUrl() ? "token-url" : "ticket") + ", secrets=***]";
    }
}
