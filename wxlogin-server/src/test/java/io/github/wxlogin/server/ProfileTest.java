package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code PATCH /v1/me}: nickname 1–64 characters, avatarUrl an https URL of at most 1024; a refused
 * update changes nothing, a field left out stays as it is.
 */
class ProfileTest {

    static final String ME = "/v1/me";
    static final String AVATAR = "https://thirdwx.qlogo.cn/mmopen/vi_32/abc/132";

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    static Http.Reply patch(Tokens caller, String json) {
        return dev.http().withBearer("PATCH", ME, caller == null ? null : caller.access(), json);
    }

    static Http.Reply patch(Tokens caller, Map<String, ?> body) {
        return patch(caller, Http.JSON.writeValueAsString(body));
    }

    static JsonNode me(Tokens caller) {
        Http.Reply r = dev.http().me(caller.bearer());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    /** A user with a nickname and an avatar already set, to show what a refused update leaves. */
    static Tokens userWithProfile(String name) {
        Tokens caller = dev.service().login(APP_1, name);
        Http.Reply set = patch(caller, Map.of("nickname", "before", "avatarUrl", AVATAR));
        assertThat(set.status()).as("%s", set).isEqualTo(200);
        return caller;
    }

    @Test
    void nicknameWithEmojiAndAnHttpsAvatarAreSetAndShown() {
        Tokens caller = dev.service().login(APP_1, "profile-set");
        JsonNode before = me(caller);

        Http.Reply r = patch(caller, Map.of("nickname", "小明😀", "avatarUrl", AVATAR));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode user = r.json();
        Contract.assertUser(user);
        assertThat(user.get("nickname").asString()).isEqualTo("小明😀");
        assertThat(user.get("avatarUrl").asString()).isEqualTo(AVATAR);
        assertThat(user.get("id")).isEqualTo(before.get("id"));
        assertThat(user.get("openid")).isEqualTo(before.get("openid"));
        assertThat(user.get("createdAt")).isEqualTo(before.get("createdAt"));
        assertThat(me(caller)).isEqualTo(user);
    }

    @Test
    void theProfileBelongsToTheUserNotTheApp() {
        Tokens one = dev.service().login(APP_1, "profile-union");
        Tokens two = dev.service().login(APP_2, "profile-union");

        assertThat(patch(one, Map.of("nickname", "shared")).status()).isEqualTo(200);

        assertThat(me(two).get("nickname").asString()).isEqualTo("shared");
        assertThat(me(two).get("openid")).isNotEqualTo(me(one).get("openid"));
    }

    @Test
    void nicknameLengthIsCountedInCharactersUpTo64() {
        Tokens caller = dev.service().login(APP_1, "profile-length");
        String cjk64 = "字".repeat(64);
        String emoji64 = "😀".repeat(64);

        Http.Reply ok = patch(caller, Map.of("nickname", cjk64));
        assertThat(ok.status()).as("%s", ok).isEqualTo(200);
        assertThat(ok.json().get("nickname").asString()).isEqualTo(cjk64);
        // 64 characters of 2 UTF-16 units each (and 4 UTF-8 bytes): still 64 characters.
        Http.Reply emoji = patch(caller, Map.of("nickname", emoji64));
        assertThat(emoji.status()).as("%s", emoji).isEqualTo(200);
        assertThat(me(caller).get("nickname").asString()).isEqualTo(emoji64);
        assertThat(patch(caller, Map.of("nickname", "a")).status()).isEqualTo(200);

        assertProblem(patch(caller, Map.of("nickname", "字".repeat(65))), 400, "invalid_request");
        assertProblem(patch(caller, Map.of("nickname", "😀".repeat(65))), 400, "invalid_request");
        assertThat(me(caller).get("nickname").asString()).isEqualTo("a");
    }

    static Stream<Arguments> refusedChanges() {
        return Stream.of(
                Arguments.of("empty nickname", "{\"nickname\":\"\"}"),
                Arguments.of("blank nickname", "{\"nickname\":\"   \"}"),
                Arguments.of("nickname of a tab", "{\"nickname\":\"\\t\"}"),
                Arguments.of("nickname with a control character", "{\"nickname\":\"a\\u0000b\"}"),
                Arguments.of("nickname of a lone surrogate", "{\"nickname\":\"a\\ud83d\"}"),
                Arguments.of("nickname a number", "{\"nickname\":123}"),
                Arguments.of("nickname a boolean", "{\"nickname\":true}"),
                Arguments.of("nickname an array", "{\"nickname\":[\"a\"]}"),
                Arguments.of("nickname an object", "{\"nickname\":{\"a\":1}}"),
                Arguments.of("avatarUrl http", "{\"avatarUrl\":\"http://example.com/a.png\"}"),
                Arguments.of("avatarUrl empty", "{\"avatarUrl\":\"\"}"),
                Arguments.of("avatarUrl relative", "{\"avatarUrl\":\"/a.png\"}"),
                Arguments.of("avatarUrl without a host", "{\"avatarUrl\":\"https:///a.png\"}"),
                Arguments.of("avatarUrl javascript", "{\"avatarUrl\":\"javascript:alert(1)\"}"),
                Arguments.of("avatarUrl data", "{\"avatarUrl\":\"data:image/png;base64,AAAA\"}"),
                Arguments.of("avatarUrl with user info", "{\"avatarUrl\":\"https://user:pw@example.com/a.png\"}"),
                Arguments.of("avatarUrl not a URL", "{\"avatarUrl\":\"https://exa mple.com/a b\"}"),
                Arguments.of("avatarUrl a number", "{\"avatarUrl\":42}"),
                Arguments.of("avatarUrl of 1025 characters", "{\"avatarUrl\":\"" + url(1025) + "\"}"),
                Arguments.of(
                        "a valid nickname with an http avatarUrl",
                        "{\"nickname\":\"after\",\"avatarUrl\":\"http://example.com/a.png\"}"),
                Arguments.of(
                        "a valid avatarUrl with a 65-character nickname",
                        "{\"nickname\":\"" + "字".repeat(65) + "\",\"avatarUrl\":\"https://example.com/new.png\"}"),
                Arguments.of(
                        "a valid nickname with a 1025-character avatarUrl",
                        "{\"nickname\":\"after\",\"avatarUrl\":\"" + url(1025) + "\"}"),
                Arguments.of("body not JSON", "nickname=after"),
                Arguments.of("body a JSON array", "[{\"nickname\":\"after\"}]"),
                Arguments.of("body truncated", "{\"nickname\":\"after\""),
                Arguments.of("a key given twice", "{\"nickname\":\"after\",\"nickname\":\"again\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedChanges")
    void aRefusedUpdateIsInvalidRequestAndChangesNeitherField(String name, String body) {
        Tokens caller = userWithProfile("profile-refused-" + Integer.toHexString(name.hashCode()));
        JsonNode before = me(caller);

        assertProblem(patch(caller, body), 400, "invalid_request");

        JsonNode after = me(caller);
        assertThat(after).isEqualTo(before);
        assertThat(after.get("nickname").asString()).isEqualTo("before");
        assertThat(after.get("avatarUrl").asString()).isEqualTo(AVATAR);
    }

    @Test
    void avatarUrlOf1024CharactersIsAccepted() {
        Tokens caller = dev.service().login(APP_1, "profile-avatar-1024");
        String longest = url(1024);

        Http.Reply r = patch(caller, Map.of("avatarUrl", longest));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(me(caller).get("avatarUrl").asString()).isEqualTo(longest);
    }

    @Test
    void anEmptyObjectChangesNothingAndAnswersTheUser() {
        Tokens caller = userWithProfile("profile-empty");
        JsonNode before = me(caller);

        Http.Reply r = patch(caller, "{}");

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json()).isEqualTo(before);
        assertThat(me(caller)).isEqualTo(before);
    }

    @Test
    void aFieldLeftOutOrNullStaysAsItIs() {
        Tokens caller = userWithProfile("profile-partial");

        Map<String, Object> nullAvatar = new LinkedHashMap<>();
        nullAvatar.put("nickname", "renamed");
        nullAvatar.put("avatarUrl", null);
        assertThat(patch(caller, nullAvatar).status()).isEqualTo(200);
        assertThat(patch(caller, Map.of("avatarUrl", "https://example.com/new.png", "unknown", 1))
                        .status())
                .isEqualTo(200);

        JsonNode user = me(caller);
        assertThat(user.get("nickname").asString()).isEqualTo("renamed");
        assertThat(user.get("avatarUrl").asString()).isEqualTo("https://example.com/new.png");
    }

    @Test
    void updatingTheProfileNeedsAValidAccessToken() {
        Tokens caller = userWithProfile("profile-no-token");

        assertProblem(patch(null, Map.of("nickname", "intruder")), 401, "invalid_token");
        assertProblem(
                dev.http()
                        .call(
                                "PATCH",
                                ME,
                                Http.JSON_TYPE,
                                "{\"nickname\":\"intruder\"}",
                                "Authorization",
                                "Bearer garbage"),
                401,
                "invalid_token");
        assertThat(dev.http().logout(caller.access()).status()).isEqualTo(204);
        assertProblem(patch(caller, Map.of("nickname", "intruder")), 401, "invalid_token");

        Tokens again = dev.service().login(APP_1, "profile-no-token");
        assertThat(me(again).get("nickname").asString()).isEqualTo("before");
    }

    @Test
    void anUpdateMustBeJson() {
        Tokens caller = userWithProfile("profile-media-type");

        Http.Reply r = dev.http()
                .call("PATCH", ME, "text/plain", "{\"nickname\":\"after\"}", "Authorization", caller.bearer());

        assertProblem(r, 415, "unsupported_media_type");
        assertThat(me(caller).get("nickname").asString()).isEqualTo("before");
    }

    @Test
    void anUpdateOver64KiBIsPayloadTooLargeAndChangesNothing() {
        Tokens caller = userWithProfile("profile-too-large");

        Http.Reply r = patch(caller, "{\"nickname\":\"after\",\"padding\":\"" + "x".repeat(64 * 1024) + "\"}");

        assertProblem(r, 413, "payload_too_large");
        assertThat(me(caller).get("nickname").asString()).isEqualTo("before");
    }

    /** An https URL of exactly {@code length} characters. */
    static String url(int length) {
        String head = "https://example.com/";
        return head + "a".repeat(length - head.length());
    }
}
