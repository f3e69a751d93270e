package io.github.wxlogin.core.component;

import java.time.Instant;
import java.util.Objects;

/**
 * A component_verify_ticket WeChat pushed, and the push's {@code CreateTime}. It lives 12 hours; WeChat
 * pushes a new one every 10 minutes. {@link #toString()} hides the ticket.
 */
public record VerifyTicket(String value, Instant createdAt) {

    public VerifyTicket {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String toString() {
        return "VerifyTicket[***, createdAt=" + createdAt + "]";
    }
}
