package io.github.wxlogin.core.risk;

/**
 * The platform could not rank the user; the message says why in a few words ("WeChat errcode 61010: the
 * user has not visited lately"), never with a token or key. A login goes through when this happens.
 */
public final class RiskUnknown extends RuntimeException {

    public RiskUnknown(String reason) {
        super(reason, null, false, false);
    }
}
