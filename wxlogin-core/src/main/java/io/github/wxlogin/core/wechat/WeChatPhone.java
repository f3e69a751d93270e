package io.github.wxlogin.core.wechat;

import java.util.Objects;
import java.util.Optional;

/**
 * A phone number as getPhoneNumber gives it: {@code phoneNumber} with the country code for numbers
 * outside mainland China, {@code purePhoneNumber} without it, and the app of its watermark.
 */
public record WeChatPhone(String phoneNumber, String purePhoneNumber, String countryCode,
        Optional<String> watermarkAppId) {

    public WeChatPhone {
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(purePhoneNumber, "purePhoneNumber");
        Objects.requireNonNull(countryCode, "countryCode");
        Objects.requireNonNull(watermarkAppId, "watermarkAppId");
    }
}
