package io.github.wxlogin.simulator;

import java.util.Optional;

/**
 * The WeChat errors the simulator answers, with WeChat's own codes and English messages (the part
 * before {@code ", rid: ..."}). Kept in one place so every path says the same thing for the same code.
 */
enum WxError {
    SYSTEM_ERROR(-1, "system error"),
    INVALID_CREDENTIAL(40001, "invalid credential, access_token is invalid or not latest"),
    INVALID_GRANT_TYPE(40002, "invalid grant_type"),
    INVALID_OPENID(40003, "invalid openid"),
    INVALID_APPID(40013, "invalid appid"),
    INVALID_CODE(40029, "invalid code"),
    INVALID_APPSECRET(40125, "invalid appsecret"),
    CODE_USED(40163, "code been used"),
    HIGH_RISK_USER(40226, "high risk user"),
    ACCESS_TOKEN_MISSING(41001, "access_token missing"),
    APPID_MISSING(41002, "appid missing"),
    APPSECRET_MISSING(41004, "appsecret missing"),
    CODE_MISSING(41008, "missing code"),
    ACCESS_TOKEN_EXPIRED(42001, "access_token expired"),
    MINUTE_QUOTA(45011, "api minute-quota reach limit mustslower retry next minute"),
    DATA_FORMAT(47001, "data format error"),
    // A third-party platform's (component's): thirdpartyCode2Session and api_component_token (令牌).
    COMPONENT_NOT_AUTHORIZED(61003, "component is not authorized by this account"),
    COMPONENT_TICKET_EXPIRED(61005, "component ticket is expired"),
    COMPONENT_TICKET_INVALID(61006, "component ticket is invalid"),
    /** getuserriskrank: the openid has not visited the mini program lately (WeChat's own wording). */
    USER_NOT_RECENT(61010, "code is expired"),
    INVALID_COMPONENT(61011, "invalid component"),
    INVALID_SIGNATURE(87009, "invalid signature"),
    /**
     * The app's paid phone-number quota is spent. WeChat documents 1400001 as the getPhoneNumber
     * button's {@code errno} and gives no server errmsg for it: the wording is the simulator's own.
     * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/getPhoneNumber.html
     */
    PHONE_QUOTA_SPENT(1400001, "phone number quota of this app is used up");

    private final int code;
    private final String message;

    WxError(int code, String message) {
        this.code = code;
        this.message = message;
    }

    int code() {
        return code;
    }

    String message() {
        return message;
    }

    static Optional<WxError> of(int code) {
        for (WxError e : values()) {
            if (e.code == code) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
