package io.github.wxlogin.server.problem;

import java.io.IOException;

/**
 * Thrown while reading a request body that grows past the limit (the web layer's body size filter);
 * {@link ProblemMapping} answers it, wherever it turns up among a failure's causes, with 413.
 */
public final class BodyTooLargeException extends IOException {

    public BodyTooLargeException() {
        super("request body over the limit");
    }
}
