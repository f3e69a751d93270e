package io.github.wxlogin.core.client;

import java.util.Optional;

/** Where a request came from, as recorded on its session. */
public record ClientInfo(Optional<String> userAgent, Optional<String> ip) {

    private static final int MAX_USER_AGENT = 512;

    public ClientInfo {
        userAgent = userAgent.map(ua -> ua.length() > MAX_USER_AGENT ? ua.substring(0, MAX_USER_AGENT) : ua);
        ip = ip.filter(s -> !s.isBlank());
    }

    public static ClientInfo of(String userAgent, String ip) {
        return new ClientInfo(Optional.ofNullable(userAgent).filter(s -> !s.isBlank()), Optional.ofNullable(ip));
    }

    public static ClientInfo unknown() {
        return new ClientInfo(Optional.empty(), Optional.empty());
    }
}
