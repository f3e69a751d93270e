package io.github.wxlogin.simulator;

import java.util.Optional;

/** The WeChat server paths the simulator answers, with the method each accepts ("GET, POST": either). */
enum WeChatPath {
    JSCODE2SESSION("/sns/jscode2session", "GET"),
    TOKEN("/cgi-bin/token", "GET"),
    STABLE_TOKEN("/cgi-bin/stable_token", "POST"),
    PHONE_NUMBER("/wxa/business/getuserphonenumber", "POST"),
    CHECK_SESSION("/wxa/checksession", "GET"),
    RESET_SESSION_KEY("/wxa/resetusersessionkey", "GET"),
    /** GET on WeChat's current page, POST (parameters still in the query) on its older one: both taken. */
    USER_ENCRYPT_KEY("/wxa/business/getuserencryptkey", "GET, POST"),
    RISK_RANK("/wxa/getuserriskrank", "POST");

    private final String path;
    private final String method;

    WeChatPath(String path, String method) {
        this.path = path;
        this.method = method;
    }

    String path() {
        return path;
    }

    String method() {
        return method;
    }

    static Optional<WeChatPath> of(String path) {
        for (WeChatPath p : values()) {
            if (p.path.equals(path)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
