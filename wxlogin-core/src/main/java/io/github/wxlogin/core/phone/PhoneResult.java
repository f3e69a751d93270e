package io.github.wxlogin.core.phone;

import io.github.wxlogin.core.user.Account;
import java.util.Objects;

/** A bound phone number and the user as it now is. */
public record PhoneResult(String phoneNumber, String purePhoneNumber, String countryCode, Account account) {

    public PhoneResult {
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(purePhoneNumber, "purePhoneNumber");
        Objects.requireNonNull(countryCode, "countryCode");
        Objects.requireNonNull(account, "account");
    }
}
