package io.github.wxlogin.core.user;

import java.time.Instant;

/** Binds phone numbers to users; a number belongs to one user at most. */
public interface PhoneStore {

    /** The outcome of {@link #bind}. */
    enum Binding {
        BOUND,
        IN_USE
    }

    /**
     * Stores the number on the user, unless another user has it ({@link Binding#IN_USE}, nothing
     * changes). Race-safe through a unique constraint, not look-then-write.
     */
    Binding bind(String userId, String phoneNumber, String countryCode, Instant now);
}
