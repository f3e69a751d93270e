package io.github.wxlogin.core.user;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The service's own user: one person, possibly known to several apps through a shared unionid. */
public record User(
        String id,
        Optional<String> nickname,
        Optional<String> avatarUrl,
        Optional<String> phoneNumber,
        Optional<String> countryCode,
        boolean disabled,
        Instant createdAt) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(nickname, "nickname");
        Objects.requireNonNull(avatarUrl, "avatarUrl");
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(countryCode, "countryCode");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A user just made at first login: nothing known yet but its id. */
    public static User created(String id, Instant at) {
        return new User(id, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, at);
    }

    public User withProfile(Optional<String> nickname, Optional<String> avatarUrl) {
        return new User(id, nickname, avatarUrl, phoneNumber, countryCode, disabled, createdAt);
    }

    public User withPhone(String phoneNumber, String countryCode) {
        return new User(
                id, nickname, avatarUrl, Optional.of(phoneNumber), Optional.of(countryCode), disabled, createdAt);
    }

    public User withDisabled(boolean disabled) {
        return new User(id, nickname, avatarUrl, phoneNumber, countryCode, disabled, createdAt);
    }
}
