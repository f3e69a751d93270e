package io.github.wxlogin.core.phone;

import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.user.Account;
import java.util.Objects;
import java.util.Optional;

/**
 * A bound phone number and the user as it now is; with link by phone, when the number linked the caller
 * into the user that holds it, the new session of that user ({@code linked}).
 */
public record PhoneResult(
        String phoneNumber,
        String purePhoneNumber,
        String countryCode,
        Account account,
        Optional<SessionGrant> linked) {

    public PhoneResult {
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(purePhoneNumber, "purePhoneNumber");
        Objects.requireNonNull(countryCode, "countryCode");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(linked, "linked");
    }

    /** A number bound to the caller's own user. */
    public PhoneResult(String phoneNumber, String purePhoneNumber, String countryCode, Account account) {
        this(phoneNumber, purePhoneNumber, countryCode, account, Optional.empty());
    }
}
