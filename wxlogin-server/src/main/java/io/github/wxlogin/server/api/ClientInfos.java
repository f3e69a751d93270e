package io.github.wxlogin.server.api;

import io.github.wxlogin.core.client.ClientInfo;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

/** The client facts recorded on a session. */
public final class ClientInfos {

    private ClientInfos() {}

    public static ClientInfo of(HttpServletRequest request) {
        return ClientInfo.of(request.getHeader(HttpHeaders.USER_AGENT), request.getRemoteAddr());
    }
}
