package io.github.wxlogin.core.wechat;

import java.time.Duration;

/** Told of every call to WeChat (each try): the API path, the outcome and how long it took. For metrics. */
@FunctionalInterface
public interface WeChatCallListener {

    WeChatCallListener NONE = (api, outcome, latency) -> {};

    /**
     * @param api the WeChat path, such as {@code /sns/jscode2session}
     * @param outcome {@code "0"} for success, WeChat's errcode as text, or {@code "unavailable"}
     *     (timeout, connection failure, HTTP error, unreadable answer)
     */
    void called(String api, String outcome, Duration latency);
}
