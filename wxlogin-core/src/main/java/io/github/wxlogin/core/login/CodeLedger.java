package io.github.wxlogin.core.login;

/**
 * Remembers which login codes have been taken, so each code reaches WeChat once. A code is claimed
 * before WeChat is asked; every later claim of it fails, concurrent ones included. Codes are
 * remembered at least as long as WeChat lets them live (5 minutes).
 */
public interface CodeLedger {

    /** True for the first claim of (app, code), false for every other. Atomic. */
    boolean claim(String appId, String code);

    /**
     * Gives a claimed code back, when WeChat could not be asked at all (so a retry by the client
     * is not answered {@code code_used} for a code WeChat never saw).
     */
    void release(String appId, String code);
}
