package io.github.wxlogin.core.login;

import io.github.wxlogin.core.error.ErrorCode;
import java.util.Optional;

/**
 * Told of every login and refresh as it ends, where its audit is written: the outcome the client is
 * answered and the configured app it concerns. The core announces; an adapter counts (metrics).
 * {@code app} is a configured appid, never what a client sent: empty when no configured app is
 * known for the request (an unknown or malformed appId, an unknown refresh token).
 */
public interface LoginListener {

    LoginListener NONE = new LoginListener() {};

    default void loggedIn(String app, boolean newUser) {}

    default void loginRefused(Optional<String> app, ErrorCode code) {}

    default void refreshed(String app) {}

    default void refreshRefused(Optional<String> app, ErrorCode code) {}
}
