package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.DOUYIN_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Douyin's guests: {@code anonymousCode} alone makes or finds the device's anonymous user; the device's
 * real login ({@code code} + {@code anonymousCode}) makes the guest's user the real user when the real
 * user is new, keeping its id, phone, profile and sessions; when the real user exists already, the login
 * is the real user's and the guest is merged into it (the admin API's merge: its phone and profile move
 * where the real user has none, its sessions end).
 */
class DouyinGuestTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    static DouyinSim douyin;

    @BeforeEach
    void resetSimulator() {
        douyin = DouyinSim.of(dev.service());
        dev.sim().reset();
    }

    private static Tokens guest(String device) {
        return Tokens.of(douyin.serviceLogin(DOUYIN_1, null, douyin.anonymousCode(DOUYIN_1, device)));
    }

    private static Http.Reply post(Tokens caller, String path, Map<String, ?> body) {
        return dev.http().withBearer("POST", path, caller.access(), Http.JSON.writeValueAsString(body));
    }

    private static JsonNode me(Tokens caller) {
        Http.Reply r = dev.http().me(caller.bearer());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    private static List<Map<String, Object>> identitiesOf(String userId) {
        return dev.service()
                .jdbc()
                .sql("SELECT app_id, openid, anonymous FROM wx_identities WHERE user_id = ?")
                .param(userId)
                .query()
                .listOfRows();
    }

    @Test
    void anAnonymousCodeAloneMakesAGuestShownAsAnonymous() {
        Tokens guest = guest("dy-guest-device");

        assertThat(guest.newUser()).isTrue();
        JsonNode user = guest.user();
        assertThat(user.get("anonymous").asBoolean()).isTrue();
        assertThat(user.get("platform").asString()).isEqualTo("douyin");
        assertThat(user.get("openid").asString())
                .isEqualTo(douyin.session(DOUYIN_1, "dy-guest-device")
                        .get("anonymousOpenid")
                        .asString());
        assertThat(user.get("unionid").isNull()).isTrue();
        assertThat(me(guest)).isEqualTo(user);
        JsonNode identities = identitiesListed(guest);
        assertThat(identities).hasSize(1);
        assertThat(identities.get(0).get("anonymous").asBoolean()).isTrue();
        assertThat(identities.get(0).get("openid")).isEqualTo(user.get("openid"));
    }

    @Test
    void aRealIdentityIsListedWithoutTheAnonymousField() {
        Tokens real = Tokens.of(douyin.serviceLogin(DOUYIN_1, douyin.login(DOUYIN_1, "dy-real-listed")));

        JsonNode identities = identitiesListed(real);
        assertThat(identities).hasSize(1);
        assertThat(identities.get(0).has("anonymous")).isFalse();
        assertThat(identities.get(0).get("platform").asString()).isEqualTo("douyin");
    }

    private static JsonNode identitiesListed(Tokens caller) {
        Http.Reply r = dev.http().withBearer("GET", "/v1/me/identities", caller.access(), null);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("identities");
    }

    @Test
    void aDevicesLaterAnonymousCodesFindItsGuest() {
        Tokens first = guest("dy-guest-again");
        Tokens second = guest("dy-guest-again");

        assertThat(second.newUser()).isFalse();
        assertThat(second.userId()).isEqualTo(first.userId());
        assertThat(identitiesOf(first.userId())).hasSize(1);
    }

    @Test
    void theDevicesRealLoginMakesTheGuestsUserTheRealUserKeepingItsPhoneProfileAndSessions() {
        Tokens guest = guest("dy-upgrade");
        assertThat(dev.http()
                        .withBearer("PATCH", "/v1/me", guest.access(), "{\"nickname\":\"guest name\"}")
                        .status())
                .isEqualTo(200);
        JsonNode phone = douyin.phone(DOUYIN_1, "dy-upgrade", "13900000017");
        assertThat(post(guest, "/v1/me/phone", Map.of("code", phone.get("code").asString()))
                        .status())
                .isEqualTo(200);
        JsonNode held = douyin.session(DOUYIN_1, "dy-upgrade");

        Tokens real = Tokens.of(douyin.serviceLogin(DOUYIN_1, douyin.login(DOUYIN_1, "dy-upgrade")));

        assertThat(real.newUser()).isFalse();
        assertThat(real.userId()).isEqualTo(guest.userId());
        JsonNode user = real.user();
        assertThat(user.has("anonymous")).isFalse();
        assertThat(user.get("openid").asString()).isEqualTo(held.get("openid").asString());
        assertThat(user.get("unionid").asString()).isEqualTo(held.get("unionid").asString());
        assertThat(user.get("nickname").asString()).isEqualTo("guest name");
        assertThat(user.get("phoneNumber").asString()).isEqualTo("13900000017");
        assertThat(user.get("createdAt")).isEqualTo(guest.user().get("createdAt"));
        // The guest's own session lives on, and shows the user as it now is.
        assertThat(me(guest)).isEqualTo(user);
        assertThat(identitiesOf(real.userId()))
                .singleElement()
                .satisfies(row -> assertThat(row.get("openid"))
                        .isEqualTo(held.get("openid").asString()));
        assertThat(dev.service()
                        .jdbc()
                        .sql("SELECT COUNT(*) FROM wx_audit WHERE user_id = ? AND detail = 'guest upgraded'")
                        .param(real.userId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void theUpgradedDevicesNextVisitorNotLoggedInIsANewGuest() {
        Tokens before = guest("dy-after-upgrade");
        Tokens real = Tokens.of(douyin.serviceLogin(DOUYIN_1, douyin.login(DOUYIN_1, "dy-after-upgrade")));

        Tokens after = guest("dy-after-upgrade");

        assertThat(real.userId()).isEqualTo(before.userId());
        assertThat(after.newUser()).isTrue();
        assertThat(after.userId()).isNotEqualTo(real.userId());
        assertThat(after.user().get("anonymous").asBoolean()).isTrue();
    }

    @Test
    void aRealLoginFromADeviceWithoutAGuestIsAnOrdinaryLogin() {
        Tokens real = Tokens.of(douyin.serviceLogin(DOUYIN_1, douyin.login(DOUYIN_1, "dy-no-guest")));

        assertThat(real.newUser()).isTrue();
        assertThat(real.user().has("anonymous")).isFalse();
        assertThat(identitiesOf(real.userId())).hasSize(1);
    }

    @Test
    void aGuestWhoseRealUserExistsIsMergedIntoItAtTheRealLoginKeepingItsPhoneAndProfile() {
        Tokens real = Tokens.of(douyin.serviceLogin(DOUYIN_1, douyin.login(DOUYIN_1, "dy-merge")));
        Tokens guest = guest("dy-merge-shared-phone");
        assertThat(dev.http()
                        .withBearer("PATCH", "/v1/me", guest.access(), "{\"nickname\":\"set as a guest\"}")
                        .status())
                .isEqualTo(200);
        String phoneCode = douyin.phone(DOUYIN_1, "dy-merge-shared-phone", "13900000019")
                .get("code")
                .asString();
        assertThat(post(guest, "/v1/me/phone", Map.of("code", phoneCode)).status())
                .isEqualTo(200);

        Tokens realOnSharedPhone =
                Tokens.of(douyin.serviceLogin(DOUYIN_1, douyin.login(DOUYIN_1, "dy-merge", "dy-merge-shared-phone")));

        assertThat(realOnSharedPhone.newUser()).isFalse();
        assertThat(realOnSharedPhone.userId()).isEqualTo(real.userId());
        JsonNode user = realOnSharedPhone.user();
        assertThat(user.has("anonymous")).isFalse();
        assertThat(user.get("phoneNumber").asString()).isEqualTo("13900000019");
        assertThat(user.get("nickname").asString()).isEqualTo("set as a guest");
        // The guest's user is gone, its sessions with it; the real user's own session lives on.
        assertProblem(dev.http().me(guest.bearer()), 401, "invalid_token");
        assertThat(me(real)).isEqualTo(user);
        assertThat(dev.service()
                        .jdbc()
                        .sql("SELECT COUNT(*) FROM wx_users WHERE id = ?")
                        .param(guest.userId())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(identitiesOf(real.userId())).hasSize(1);
        assertThat(dev.service()
                        .jdbc()
                        .sql(
                                "SELECT COUNT(*) FROM wx_audit WHERE user_id = ? AND event_type = 'user_merged' AND detail LIKE ?")
                        .params(real.userId(), "%" + guest.userId() + "%")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // The shared phone's next visitor not logged in is a guest of its own.
        Tokens next = guest("dy-merge-shared-phone");
        assertThat(next.newUser()).isTrue();
        assertThat(next.userId()).isNotIn(real.userId(), guest.userId());
    }

    @Test
    void aGuestHasNoSessionKeySoOpenDataAndTheOlderPhoneFormAreSessionKeyStale() {
        Tokens guest = guest("dy-guest-no-key");
        JsonNode data = douyin.openData(DOUYIN_1, "dy-guest-no-key", Map.of("nickName", "n"));
        JsonNode phone = douyin.phone(DOUYIN_1, "dy-guest-no-key", "13900000018");

        assertProblem(
                post(
                        guest,
                        "/v1/me/decrypt",
                        Map.of(
                                "encryptedData",
                                data.get("encryptedData").asString(),
                                "iv",
                                data.get("iv").asString())),
                409,
                "session_key_stale");
        assertProblem(
                post(
                        guest,
                        "/v1/me/phone",
                        Map.of(
                                "encryptedData",
                                phone.get("encryptedData").asString(),
                                "iv",
                                phone.get("iv").asString())),
                409,
                "session_key_stale");
    }
}
