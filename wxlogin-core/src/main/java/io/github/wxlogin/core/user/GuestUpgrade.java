package io.github.wxlogin.core.user;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link GuestStore#upgradeGuest} did with a real login that carried a device's anonymous openid.
 *
 * @param record the login, when the guest's user became the real user ({@link Outcome#UPGRADED})
 * @param guestUserId the guest's user, when the real user already exists ({@link Outcome#REAL_USER_EXISTS})
 */
public record GuestUpgrade(Outcome outcome, Optional<LoginRecord> record, Optional<String> guestUserId) {

    public enum Outcome {
        /** The real identity joined the guest's user, which is no longer anonymous; its guest identity is gone. */
        UPGRADED,
        /** The device has no guest (never had, or another login upgraded it): nothing was written. */
        NO_GUEST,
        /** The real identity or its unionid is another user's already: nothing was written. */
        REAL_USER_EXISTS
    }

    public GuestUpgrade {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(guestUserId, "guestUserId");
        if (record.isPresent() != (outcome == Outcome.UPGRADED)
                || guestUserId.isPresent() != (outcome == Outcome.REAL_USER_EXISTS)) {
            throw new IllegalArgumentException("an upgrade's record and guest go with its outcome");
        }
    }

    public static GuestUpgrade upgraded(LoginRecord record) {
        return new GuestUpgrade(Outcome.UPGRADED, Optional.of(record), Optional.empty());
    }

    public static GuestUpgrade noGuest() {
        return new GuestUpgrade(Outcome.NO_GUEST, Optional.empty(), Optional.empty());
    }

    public static GuestUpgrade realUserExists(String guestUserId) {
        return new GuestUpgrade(Outcome.REAL_USER_EXISTS, Optional.empty(), Optional.of(guestUserId));
    }
}
