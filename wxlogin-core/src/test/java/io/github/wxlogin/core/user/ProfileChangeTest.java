package io.github.wxlogin.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileChangeTest {

    private static final String EMOJI = "\ud83d\ude00"; // U+1F600, one code point, two chars
    private static final String GOOD_URL = "https://thirdwx.qlogo.cn/mmopen/vi_32/abc/132";

    @Test
    void nothingGivenIsAnEmptyChange() {
        ProfileChange change = ProfileChange.of(null, null);

        assertThat(change.isEmpty()).isTrue();
        assertThat(change.nickname()).isEmpty();
        assertThat(change.avatarUrl()).isEmpty();
    }

    @Test
    void onlyTheFieldsGivenChange() {
        assertThat(ProfileChange.of("Alice", null).nickname()).contains("Alice");
        assertThat(ProfileChange.of("Alice", null).avatarUrl()).isEmpty();
        assertThat(ProfileChange.of(null, GOOD_URL).nickname()).isEmpty();
        assertThat(ProfileChange.of(null, GOOD_URL).avatarUrl()).contains(GOOD_URL);
        assertThat(ProfileChange.of("Alice", GOOD_URL).isEmpty()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "\u5f20", EMOJI, "\u5f20\u4e09", "Alice \u5f20\u4e09 " + EMOJI, "a b"})
    void shortNicknamesInAnyScriptAreAccepted(String nickname) {
        assertThat(ProfileChange.of(nickname, null).nickname()).contains(nickname);
    }

    @Test
    void sixtyFourCharactersAreAcceptedInAnyScript() {
        for (String nickname : new String[] {
            "a".repeat(64),
            "\u5f20".repeat(64),
            EMOJI.repeat(64),
            "a".repeat(63) + EMOJI,
            "\ud83d\udc68\u200d\ud83d\udc69".repeat(21) + "x"
        }) {
            assertThat(nickname.codePointCount(0, nickname.length())).isEqualTo(64);
            assertThat(ProfileChange.of(nickname, null).nickname()).contains(nickname);
        }
    }

    @Test
    void sixtyFiveCharactersAreRefusedInAnyScript() {
        assertRefused("a".repeat(65), null);
        assertRefused("\u5f20".repeat(65), null);
        assertRefused(EMOJI.repeat(65), null);
        assertRefused("a".repeat(64) + EMOJI, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "\t", "\u3000", " \n "})
    void anEmptyOrBlankNicknameIsRefused(String nickname) {
        assertRefused(nickname, null);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"a\u0000b", "a\nb", "a\rb", "a\tb", "a\u001bb", "a\u007fb", "a\u0085b", "a\u009fb", "\u0007"})
    void controlCharactersAreRefused(String nickname) {
        assertRefused(nickname, null);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\ud83d",
                "\ude00",
                "a\ud83d",
                "\ude00a",
                "a\ud83db",
                "a\ude00b",
                "\ud83d\ud83d\ude00",
                "\ud83d\ude00\ude00"
            })
    void aLoneSurrogateIsRefused(String nickname) {
        assertRefused(nickname, null);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://example.com/a.png",
                "HTTPS://EXAMPLE.COM/A.PNG",
                "Https://example.com",
                "https://example.com",
                "https://example.com:8443/a.png?size=132#x",
                "https://[2001:db8::1]/a.png",
                "https://203.0.113.7/a.png",
                GOOD_URL
            })
    void httpsUrlsAreAccepted(String url) {
        assertThat(ProfileChange.of(null, url).avatarUrl()).contains(url);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "http://example.com/a.png",
                "ftp://example.com/a.png",
                "/a.png",
                "a.png",
                "//example.com/a.png",
                "https://",
                "https:///a.png",
                "https:example.com/a.png",
                "https://user@example.com/a.png",
                "https://user:secret@example.com/a.png",
                "javascript:alert(1)",
                "data:image/png;base64,AAAA",
                "https://exa mple.com/a.png",
                " https://example.com/a.png",
                "https://example.com/a b.png",
                "not a url",
                "https://example.com/\u0000",
                "wss://example.com/a"
            })
    void urlsThatAreNotAbsoluteHttpsWithAHostAreRefused(String url) {
        assertRefused(null, url);
    }

    @Test
    void anAvatarUrlOfExactly1024CharactersIsAcceptedAnd1025Refused() {
        String prefix = "https://example.com/";
        String exactly1024 = prefix + "a".repeat(1024 - prefix.length());
        String of1025 = exactly1024 + "a";
        assertThat(exactly1024).hasSize(1024);

        assertThat(ProfileChange.of(null, exactly1024).avatarUrl()).contains(exactly1024);
        assertRefused(null, of1025);
    }

    @Test
    void oneInvalidFieldRefusesTheWholeChange() {
        assertRefused("Alice", "http://example.com/a.png");
        assertRefused("", GOOD_URL);
        assertRefused("a".repeat(65), GOOD_URL);
    }

    private static void assertRefused(String nickname, String avatarUrl) {
        WxLoginException e = catchThrowableOfType(WxLoginException.class, () -> ProfileChange.of(nickname, avatarUrl));

        assertThat(e).as("nickname=%s avatarUrl=%s", nickname, avatarUrl).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }
}
