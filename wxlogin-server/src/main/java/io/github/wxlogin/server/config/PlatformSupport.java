package io.github.wxlogin.server.config;

import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.platform.PlatformClient;
import java.util.Objects;

/**
 * One platform's client, as a bean: each platform's configuration contributes one, and the core is
 * built over all of them ({@link io.github.wxlogin.core.platform.PlatformClients}). An app of a
 * platform with none is refused at start.
 */
public record PlatformSupport(Platform platform, PlatformClient client) {

    public PlatformSupport {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(client, "client");
    }
}
