package io.github.wxlogin.core.token;

/** Whom an access token is for: the user, the session it belongs to ({@code sid}) and its app. */
public interface TokenSubject {

    String userId();

    String sessionId();

    String appId();
}
