package io.github.wxlogin.core.app;

import java.util.Locale;
import java.util.Optional;

/**
 * The mini program platforms of the contract's Platforms section. Every app belongs to one; its
 * {@link #id()} is the word the configuration ({@code [platform:]appid:secret[:group]}), the user
 * object and the identities list use.
 */
public enum Platform {
    WECHAT,
    QQ,
    DOUYIN,
    ALIPAY,
    BAIDU,
    KUAISHOU,
    WECOM;

    /** The lower-case word: {@code wechat}, {@code qq}, {@code douyin}, … */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The platform a configuration word names, in any case; empty for anything else. */
    public static Optional<Platform> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        for (Platform p : values()) {
            if (p.id().equalsIgnoreCase(id.strip())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
