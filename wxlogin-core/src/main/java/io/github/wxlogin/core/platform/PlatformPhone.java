package io.github.wxlogin.core.platform;

import java.util.Objects;
import java.util.Optional;

/**
 * A phone number as the platform's phone button gives it (WeChat's getPhoneNumber): {@code phoneNumber} with the country code for numbers
 * outside mainland China, {@code purePhoneNumber} without it, and the app of its watermark.
 */
public record PlatformPhone(
        String phoneNumber, String purePhoneNumber, String countryCode, Optional<String> watermarkAppId) {

    public PlatformPhone {
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(purePhoneNumber, "purePhoneNumber");
        Objects.requireNonNull(countryCode, "countryCode");
        Objects.requireNonNull(watermarkAppId, "watermarkAppId");
    }

    /**
     * The number from the fields of decrypted phone data (whose owner was checked as open data's is), or
     * empty when one is missing.
     */
    public static Optional<PlatformPhone> inOpenData(String phoneNumber, String purePhoneNumber, String countryCode) {
        if (phoneNumber == null || purePhoneNumber == null || countryCode == null) {
            return Optional.empty();
        }
        return Optional.of(new PlatformPhone(phoneNumber, purePhoneNumber, countryCode, Optional.empty()));
    }
}
