package io.github.wxlogin.core.user;

import io.github.wxlogin.core.error.WxLoginException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated change to a user's profile: the fields given, and only those, change. Built only
 * through {@link #of}, which refuses the whole change when any field is out of bounds, so a refused
 * update changes nothing.
 */
public record ProfileChange(Optional<String> nickname, Optional<String> avatarUrl) {

    public static final int NICKNAME_MAX = 64;
    public static final int AVATAR_URL_MAX = 1024;

    public ProfileChange {
        Objects.requireNonNull(nickname, "nickname");
        Objects.requireNonNull(avatarUrl, "avatarUrl");
    }

    /**
     * @param nickname 1-64 characters (counted as Unicode code points: any script, emoji), not blank,
     *     no control characters; null to leave it
     * @param avatarUrl an absolute https URL of at most 1024 characters; null to leave it
     */
    public static ProfileChange of(String nickname, String avatarUrl) {
        return new ProfileChange(
                Optional.ofNullable(nickname).map(ProfileChange::checkNickname),
                Optional.ofNullable(avatarUrl).map(ProfileChange::checkAvatarUrl));
    }

    public boolean isEmpty() {
        return nickname.isEmpty() && avatarUrl.isEmpty();
    }

    private static String checkNickname(String nickname) {
        int length = nickname.codePointCount(0, nickname.length());
        if (length < 1 || length > NICKNAME_MAX || nickname.isBlank()) {
            throw WxLoginException.invalidRequest("nickname must be 1-64 characters and not blank");
        }
        for (int i = 0; i < nickname.length(); i++) {
            char c = nickname.charAt(i);
            if (Character.isISOControl(c)) {
                throw WxLoginException.invalidRequest("nickname must not contain control characters");
            }
            if (Character.isHighSurrogate(c)
                            && (i + 1 == nickname.length() || !Character.isLowSurrogate(nickname.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(nickname.charAt(i - 1)))) {
                throw WxLoginException.invalidRequest("nickname is not valid Unicode text");
            }
        }
        return nickname;
    }

    private static String checkAvatarUrl(String url) {
        if (url.isEmpty() || url.length() > AVATAR_URL_MAX) {
            throw WxLoginException.invalidRequest("avatarUrl must be an https URL of at most 1024 characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw WxLoginException.invalidRequest("avatarUrl is not a valid URL");
        }
        if (uri.getScheme() == null
                || !"https".equals(uri.getScheme().toLowerCase(Locale.ROOT))
                || uri.getHost() == null
                || uri.getHost().isEmpty()
                || uri.getRawUserInfo() != null) {
            throw WxLoginException.invalidRequest("avatarUrl must be an absolute https URL with a host");
        }
        return url;
    }
}
