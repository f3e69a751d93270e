package io.github.wxlogin.simulator;

import java.util.Optional;

/**
 * The third-party platform errcodes the simulator answers, with WeChat's messages, from the pages of
 * api_component_token (令牌: 61004-61011) and thirdpartyCode2Session (61003).
 * https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/ThirdParty/token/component_access_token.html
 */
enum WxComponentError {
    NOT_AUTHORIZED(61003, "component is not authorized by this account"),
    TICKET_EXPIRED(61005, "component ticket is expired"),
    TICKET_INVALID(61006, "component ticket is invalid"),
    INVALID_COMPONENT(61011, "invalid component");

    private final int code;
    private final String message;

    WxComponentError(int code, String message) {
        this.code = code;
        this.message = message;
    }

    int code() {
        return code;
    }

    String message() {
        return message;
    }

    static Optional<String> messageOf(int code) {
        for (WxComponentError e : values()) {
            if (e.code == code) {
                return Optional.of(e.message);
            }
        }
        return WxError.of(code).map(WxError::message);
    }
}
