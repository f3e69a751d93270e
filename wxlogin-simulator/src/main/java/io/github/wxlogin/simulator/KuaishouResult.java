package io.github.wxlogin.simulator;

import java.util.Optional;

/**
 * The {@code result} codes the simulated Kuaishou answers, with Kuaishou's words. 100200100 and
 * 100200101 [seen: https://mp.kuaishou.com/docs/develop/server/getAccessToken.html, the same
 * {@code open.kuaishou.com/oauth2} host]; 100200105 and 100200500 [second-hand: the open platform's
 * OAuth2 error table as mirrored at https://apifox.com/apidoc/project-462993/doc-355272]; 400002
 * "api限速" [second-hand: the same table, listed for the live APIs]. Every answer is HTTP 200.
 */
enum KuaishouResult {
    SUCCESS(1, "success"),
    BAD_PARAMS(100200100, "参数有误,需要检查参数是否为空或有误"),
    BAD_CLIENT(100200101, "验证出错,需要检查app_id和app_secret"),
    BAD_CODE(100200105, "请求的 code 错误"),
    INTERNAL_ERROR(100200500, "服务内部错误"),
    RATE_LIMITED(400002, "api限速");

    private final int code;
    private final String message;

    KuaishouResult(int code, String message) {
        this.code = code;
        this.message = message;
    }

    int code() {
        return code;
    }

    static Optional<KuaishouResult> of(int code) {
        for (KuaishouResult r : values()) {
            if (r.code == code) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Kuaishou's error body: {"result","error_msg"}, HTTP 200. */
    static SimResponse answer(int result) {
        tools.jackson.databind.node.ObjectNode out = Json.object();
        out.put("result", result);
        out.put("error_msg", of(result).map(r -> r.message).orElse("error " + result));
        return Answers.json(200, out);
    }
}
