package io.github.wxlogin.simulator;

import java.util.Optional;

/**
 * The errors the simulated Baidu answers on {@code /baidu/oauth/jscode2sessionkey}, as
 * {@code {errno, error, error_description}}. Only {@code 10010100 "parameter is invalid"} is Baidu's own
 * example (the Session Key page, https://smartprogram.baidu.com/docs/develop/api/open/log_Session-Key/,
 * mirrored at bookstack.cn); the {@code error} words are Baidu OAuth 2.0's (its 错误码列表:
 * {@code invalid_grant} for a code that is invalid, expired or used, {@code invalid_client} for a wrong
 * client_id or secret) and RFC 6749's {@code temporarily_unavailable}. Baidu publishes no errno for
 * these: their errno values here are the simulator's own, and a client should go by the word.
 * {@code /sim/faults} takes an errno of this table as {@code errcode}; any other number is answered as
 * {@code server_error}.
 */
enum BaiduError {
    PARAMETER_INVALID(
            10010100,
            "parameter is invalid",
            "Key: 'Code2SessionKeyParam.%s' Error:Field validation for '%s' failed on the 'required' tag"),
    INVALID_GRANT(10010101, "invalid_grant", "Invalid authorization code"),
    INVALID_CLIENT(10010102, "invalid_client", "unknown client id or wrong secret key"),
    TEMPORARILY_UNAVAILABLE(10010103, "temporarily_unavailable", "the server is busy, try again later");

    static final String SERVER_ERROR = "server_error";

    private final int errno;
    private final String error;
    private final String description;

    BaiduError(int errno, String error, String description) {
        this.errno = errno;
        this.error = error;
        this.description = description;
    }

    int errno() {
        return errno;
    }

    /** The answer's body: {@code {errno, error, error_description}}. */
    SimResponse answer(Object... descriptionArgs) {
        return body(errno, error, description.formatted(descriptionArgs));
    }

    static Optional<BaiduError> of(int errno) {
        for (BaiduError e : values()) {
            if (e.errno == errno) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** An errno injected by {@code /sim/faults}, in Baidu's format. */
    static SimResponse injected(int errno) {
        return of(errno)
                .map(e -> e == PARAMETER_INVALID ? e.answer("ClientID", "ClientID") : e.answer())
                .orElseGet(() -> body(errno, SERVER_ERROR, "internal error"));
    }

    private static SimResponse body(int errno, String error, String description) {
        var out = Json.object();
        out.put("errno", errno);
        out.put("error", error);
        out.put("error_description", description);
        return Answers.json(200, out);
    }
}
