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
}
