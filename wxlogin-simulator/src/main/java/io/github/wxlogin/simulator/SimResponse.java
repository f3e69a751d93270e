package io.github.wxlogin.simulator;

import java.nio.charset.StandardCharsets;

/**
 * The simulator's answer.
 *
 * @param status      the HTTP status
 * @param contentType the Content-Type to send; {@code null} exactly when the body is empty
 * @param body        the body bytes; never {@code null}, copied in and out
 */
public record SimResponse(int status, String contentType, byte[] body) {

    public SimResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100-599");
        }
        body = body == null ? new byte[0] : body.clone();
        if (body.length > 0 && contentType == null) {
            throw new IllegalArgumentException("a body needs a content type");
        }
        if (body.length == 0) {
            contentType = null;
        }
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // Bodies hold session keys and tokens: never print them.
        return "SimResponse[" + status + ", " + contentType + ", " + body.length + " bytes]";
    }
}
