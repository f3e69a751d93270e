package io.github.wxlogin.server.api;

import io.github.wxlogin.core.login.ClientInfo;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

/** The client facts recorded on a session. */
final class ClientInfos {

    private ClientInfos() {
    }

    static ClientInfo of(HttpServletRequest request) {
        return ClientInfo.of(request.getHeader(HttpHeaders.USER_AGENT), request.getRemoteAddr());
    }
}
