package io.github.wxlogin.server;

import org.junit.jupiter.api.Assumptions;

/** A program or service a test needs is not on this machine: the test is skipped, or fails when {@code CI=true}. */
final class Missing {

    private Missing() {}

    static void abort(String why) {
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true requires it: " + why);
        }
        Assumptions.abort(why);
    }
}
