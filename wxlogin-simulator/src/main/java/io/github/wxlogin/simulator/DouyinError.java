package io.github.wxlogin.simulator;

import java.util.Optional;

/**
 * The Douyin errors the simulator answers, with Douyin's codes, each with where it was read.
 * code2Session v2 (err_no + err_tips): -1, 40014, 40015, 40017, 40018, 40019 [second-hand: the v1 table at
 * w3cschool.cn/microgame, SDKs of the v2 API; the wording "bad code", "bad params", "bad appId" as Douyin
 * answers it in forum posts and its own app]. client_token (data.error_code + data.description): 10002,
 * 10003, 10013 [seen: the get-client_token page], 10020 [seen: its local-life twin, "5 分钟内超过 500 次"].
 * get_phonenumber_info (err_no): 28001003, 28001005, 28001008 [seen: the code2session-v2 page of
 * open.douyin.com lists them for its APIs], 28005187 for a phone code Douyin no longer takes
 * [second-hand: an SDK's README; its wording here is the simulator's own].
 */
enum DouyinError {
    SYSTEM_ERROR(-1, "system error"),
    BAD_PARAMS(40014, "bad params"),
    BAD_APPID(40015, "bad appid"),
    BAD_SECRET(40017, "bad secret"),
    BAD_CODE(40018, "bad code"),
    BAD_ANONYMOUS_CODE(40019, "bad anonymous_code"),
    TOKEN_PARAMS(10002, "参数错误"),
    TOKEN_UNKNOWN_CLIENT_KEY(10003, "client_key 不存在"),
    TOKEN_WRONG_SECRET(10013, "client_key 或者 client_secret 报错"),
    TOKEN_FREQUENCY(10020, "调用频率过高"),
    ACCESS_TOKEN_INVALID(28001003, "access_token无效"),
    INTERNAL_ERROR(28001005, "系统内部错误,请重试"),
    ACCESS_TOKEN_EXPIRED(28001008, "access_token过期,请刷新或重新授权"),
    PHONE_CODE_INVALID(28005187, "code 无效或已过期");

    private final int code;
    private final String message;

    DouyinError(int code, String message) {
        this.code = code;
        this.message = message;
    }

    int code() {
        return code;
    }

    String message() {
        return message;
    }

    static Optional<DouyinError> of(int code) {
        for (DouyinError e : values()) {
            if (e.code == code) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static String messageOf(int code) {
        return of(code).map(DouyinError::message).orElse("error " + code);
    }
}
