package io.github.wxlogin.core.component;

/**
 * A push to the component's event URL that is not WeChat's: a wrong signature, a message that does not
 * decrypt or is for another appid, a body that is not the expected XML. Its message says which, and never
 * holds the key, the Token, the ticket or any of the push's content.
 */
public final class MessageRefused extends RuntimeException {

    public MessageRefused(String message) {
        super(message, null, false, false);
    }
}
