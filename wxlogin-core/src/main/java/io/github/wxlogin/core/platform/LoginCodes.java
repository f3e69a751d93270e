package io.github.wxlogin.core.platform;

import java.util.Objects;
import java.util.Optional;

/**
 * What a client's login gave to be traded with the platform: the login {@code code}, and on a platform
 * with an anonymous login (Douyin's {@code tt.login()}) its {@code anonymousCode}, alone for a guest or
 * with the code. At least one is there. {@link #toString()} shows neither: each is good for minutes.
 */
public record LoginCodes(Optional<String> code, Optional<String> anonymousCode) {

    public LoginCodes {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(anonymousCode, "anonymousCode");
        if (code.isEmpty() && anonymousCode.isEmpty()) {
            throw new IllegalArgumentException("a login needs a code or an anonymous code");
        }
    }

    /** A login code alone, as every platform's client login gives one. */
    public static LoginCodes of(String code) {
        return new LoginCodes(Optional.of(code), Optional.empty());
    }

    @Override
    public String toString() {
        return "LoginCodes[code=" + code.map(c -> "***").orElse("-") + ", anonymousCode="
                + anonymousCode.map(c -> "***").orElse("-") + "]";
    }
}
