package io.github.wxlogin.server.ratelimit;

/** Checks of the {@code wxlogin.rate-limit.*} settings, made once at start. */
final class Settings {

    private Settings() {}

    /** A limit is a count of permits, or 0 for none: a negative one is a mistake, not a way to say off. */
    static void notNegative(String setting, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(
                    "wxlogin.rate-limit." + setting + " is " + value + ": give 0 (no limit) or a positive count");
        }
    }
}
