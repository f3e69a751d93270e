package io.github.wxlogin.simulator;

import java.util.Objects;

/** A named test user as seen by one app. */
record UserRef(String appId, String user) {

    static final int MAX_USER_LENGTH = 64;

    UserRef {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(user, "user");
    }

    static boolean isValidUser(String user) {
        return user != null && !user.isBlank() && user.length() <= MAX_USER_LENGTH;
    }
}
