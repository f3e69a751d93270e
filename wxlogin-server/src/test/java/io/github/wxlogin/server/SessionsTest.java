package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Ending sessions from the client: {@code POST /v1/auth/logout} ends the caller's own session at
 * once; {@code GET /v1/sessions} lists the caller's devices and {@code DELETE /v1/sessions/{id}} ends
 * one of them, never another user's.
 */
class SessionsTest {

    static final String ISO_SECONDS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    static Http.Reply sessions(Tokens caller) {
        return dev.http().withBearer("GET", "/v1/sessions", caller == null ? null : caller.access(), null);
    }

    static Http.Reply endSession(Tokens caller, String sessionId) {
        return dev.http()
                .withBearer("DELETE", "/v1/sessions/" + sessionId, caller == null ? null : caller.access(), null);
    }

    static List<JsonNode> listed(Tokens caller) {
        Http.Reply r = sessions(caller);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(Contract.fields(r.json())).containsExactly("sessions");
        List<JsonNode> list = new ArrayList<>();
        r.json().get("sessions").forEach(list::add);
        return list;
    }

    static List<String> ids(List<JsonNode> sessions) {
        return sessions.stream().map(s -> s.get("id").asString()).toList();
    }

    // --- logout ---------------------------------------------------------------------------------

    @Test
    void logoutEndsTheSessionAtOnceButNotTheUsersOtherSessions() {
        Tokens phone = dev.service().login(APP_1, "logout-user");
        Tokens tablet = dev.service().login(APP_1, "logout-user");
        Tokens otherApp = dev.service().login(APP_2, "logout-user");
        assertThat(dev.http().me(phone.bearer()).status()).isEqualTo(200);

        Http.Reply out = dev.http().logout(phone.access());

        assertThat(out.status()).as("%s", out).isEqualTo(204);
        assertThat(out.body()).isEmpty();
        // At once: the very next request with the still-unexpired JWT is refused.
        assertProblem(dev.http().me(phone.bearer()), 401, "invalid_token");
        assertProblem(dev.http().refresh(phone.refresh()), 401, "invalid_token");
        assertProblem(dev.http().logout(phone.access()), 401, "invalid_token");

        assertThat(dev.http().me(tablet.bearer()).status()).isEqualTo(200);
        assertThat(dev.http().me(otherApp.bearer()).status()).isEqualTo(200);
        assertThat(dev.service().refresh(tablet).sid()).isEqualTo(tablet.sid());
        assertThat(ids(listed(otherApp))).containsExactlyInAnyOrder(tablet.sid(), otherApp.sid());
    }

    @Test
    void logoutAfterARefreshEndsEveryTokenOfTheSession() {
        Tokens login = dev.service().login(APP_1, "logout-refreshed");
        Tokens rotated = dev.service().refresh(login);

        assertThat(dev.http().logout(login.access()).status()).isEqualTo(204);

        assertProblem(dev.http().me(rotated.bearer()), 401, "invalid_token");
        assertProblem(dev.http().me(login.bearer()), 401, "invalid_token");
        assertProblem(dev.http().refresh(rotated.refresh()), 401, "invalid_token");
    }

    @Test
    void logoutWithoutAValidAccessTokenIsInvalidToken() {
        Tokens login = dev.service().login(APP_1, "logout-no-token");

        assertProblem(dev.http().logout(null), 401, "invalid_token");
        assertProblem(dev.http().logout("garbage"), 401, "invalid_token");
        assertProblem(
                dev.http().call("POST", "/v1/auth/logout", null, null, "Authorization", login.access()),
                401,
                "invalid_token");
        // A refresh token is not an access token.
        assertProblem(dev.http().logout(login.refresh()), 401, "invalid_token");

        assertThat(dev.http().me(login.bearer()).status()).isEqualTo(200);
    }

    // --- the device list ------------------------------------------------------------------------

    @Test
    void theDeviceListShowsEveryLiveSessionOfTheUserAndMarksTheCallersOwn() {
        Instant before = Instant.now().minusSeconds(1);
        Tokens phone = dev.service().login(APP_1, "devices-user", "User-Agent", "DevicePhone/1.0 (iPhone; wechat)");
        Tokens laptop = dev.service().login(APP_2, "devices-user", "User-Agent", "DeviceLaptop/2.0 (Windows; wechat)");
        assertThat(laptop.userId()).isEqualTo(phone.userId());

        List<JsonNode> seenByPhone = listed(phone);
        List<JsonNode> seenByLaptop = listed(laptop);

        assertThat(ids(seenByPhone)).containsExactlyInAnyOrder(phone.sid(), laptop.sid());
        assertThat(ids(seenByLaptop)).containsExactlyInAnyOrder(phone.sid(), laptop.sid());
        for (JsonNode s : seenByPhone) {
            assertThat(Contract.fields(s))
                    .containsExactlyInAnyOrder("id", "appId", "createdAt", "lastUsedAt", "userAgent", "current");
            assertThat(s.get("current").isBoolean()).isTrue();
            assertThat(s.get("createdAt").asString()).matches(ISO_SECONDS);
            assertThat(s.get("lastUsedAt").asString()).matches(ISO_SECONDS);
            Instant created = Instant.parse(s.get("createdAt").asString());
            assertThat(created).isBetween(before, Instant.now());
            assertThat(Instant.parse(s.get("lastUsedAt").asString()))
                    .isAfterOrEqualTo(created)
                    .isBefore(Instant.now());
        }
        JsonNode phoneSeen = byId(seenByPhone, phone.sid());
        JsonNode laptopSeen = byId(seenByPhone, laptop.sid());
        assertThat(phoneSeen.get("current").asBoolean()).isTrue();
        assertThat(laptopSeen.get("current").asBoolean()).isFalse();
        assertThat(byId(seenByLaptop, laptop.sid()).get("current").asBoolean()).isTrue();
        assertThat(byId(seenByLaptop, phone.sid()).get("current").asBoolean()).isFalse();
        assertThat(phoneSeen.get("appId").asString()).isEqualTo(APP_1);
        assertThat(laptopSeen.get("appId").asString()).isEqualTo(APP_2);
        assertThat(phoneSeen.get("userAgent").asString()).isEqualTo("DevicePhone/1.0 (iPhone; wechat)");
        assertThat(laptopSeen.get("userAgent").asString()).isEqualTo("DeviceLaptop/2.0 (Windows; wechat)");
    }

    @Test
    void theDeviceListLeavesOutEndedSessionsAndOtherUsers() {
        Tokens kept = dev.service().login(APP_1, "devices-ended");
        Tokens loggedOut = dev.service().login(APP_1, "devices-ended");
        Tokens stranger = dev.service().login(APP_1, "devices-stranger");
        assertThat(dev.http().logout(loggedOut.access()).status()).isEqualTo(204);

        assertThat(ids(listed(kept))).containsExactly(kept.sid());
        assertThat(ids(listed(stranger))).containsExactly(stranger.sid());
    }

    @Test
    void theDeviceListNeedsAValidAccessToken() {
        assertProblem(sessions(null), 401, "invalid_token");
        assertProblem(dev.http().get("/v1/sessions", "Authorization", "Bearer garbage"), 401, "invalid_token");
    }

    // --- ending one device ----------------------------------------------------------------------

    @Test
    void endingAnotherOfOnesOwnSessionsRefusesItsTokensAtOnce() {
        Tokens phone = dev.service().login(APP_1, "end-own", "User-Agent", "EndOwn-Phone");
        Tokens lost = dev.service().login(APP_1, "end-own", "User-Agent", "EndOwn-Lost");
        assertThat(dev.http().me(lost.bearer()).status()).isEqualTo(200);

        Http.Reply r = endSession(phone, lost.sid());

        assertThat(r.status()).as("%s", r).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertProblem(dev.http().me(lost.bearer()), 401, "invalid_token");
        assertProblem(dev.http().refresh(lost.refresh()), 401, "invalid_token");
        assertThat(dev.http().me(phone.bearer()).status()).isEqualTo(200);
        assertThat(ids(listed(phone))).containsExactly(phone.sid());
        // Ended is ended: a second DELETE finds nothing.
        assertProblem(endSession(phone, lost.sid()), 404, "not_found");
    }

    @Test
    void endingOnesCurrentSessionIsALogout() {
        Tokens self = dev.service().login(APP_1, "end-current");

        assertThat(endSession(self, self.sid()).status()).isEqualTo(204);

        assertProblem(dev.http().me(self.bearer()), 401, "invalid_token");
    }

    @Test
    void anotherUsersSessionIsNotFoundAndKeepsWorking() {
        Tokens attacker = dev.service().login(APP_1, "end-attacker");
        Tokens victim = dev.service().login(APP_1, "end-victim");

        assertProblem(endSession(attacker, victim.sid()), 404, "not_found");

        assertThat(dev.http().me(victim.bearer()).status()).isEqualTo(200);
        assertThat(ids(listed(victim))).containsExactly(victim.sid());
        assertThat(dev.service().refresh(victim).sid()).isEqualTo(victim.sid());
    }

    @Test
    void anUnknownSessionIdIsNotFound() {
        Tokens caller = dev.service().login(APP_1, "end-unknown");

        assertProblem(endSession(caller, "s_doesnotexist"), 404, "not_found");
        assertProblem(endSession(caller, "x".repeat(300)), 404, "not_found");
        assertProblem(endSession(caller, "%27%20OR%201%3D1--"), 404, "not_found");

        assertThat(dev.http().me(caller.bearer()).status()).isEqualTo(200);
    }

    @Test
    void endingASessionNeedsAValidAccessToken() {
        Tokens victim = dev.service().login(APP_1, "end-no-token");

        assertProblem(endSession(null, victim.sid()), 401, "invalid_token");

        assertThat(dev.http().me(victim.bearer()).status()).isEqualTo(200);
    }

    @Test
    void endingASessionIsAuditedWithThatSessionsUserAndApp() {
        Tokens phone = dev.service().login(APP_1, "end-audited");
        Tokens laptop = dev.service().login(APP_1, "end-audited");

        assertThat(dev.http()
                        .call(
                                "DELETE",
                                "/v1/sessions/" + laptop.sid(),
                                null,
                                null,
                                "Authorization",
                                phone.bearer(),
                                "User-Agent",
                                "EndAudited-Phone")
                        .status())
                .isEqualTo(204);

        Map<String, Object> event = auditOf("session_ended", laptop.sid());
        assertThat(event.get("USER_ID")).isEqualTo(phone.userId());
        assertThat(event.get("APP_ID")).isEqualTo(APP_1);
        assertThat(event.get("USER_AGENT")).isEqualTo("EndAudited-Phone");
        assertThat(event.get("CLIENT_IP")).isNotNull();
        assertThat(auditOf("login", phone.sid()).get("APP_ID")).isEqualTo(APP_1);
    }

    @Test
    void aSessionEndedFromAnotherAppIsAuditedWithItsOwnApp() {
        Tokens phone = dev.service().login(APP_1, "end-audited-cross");
        Tokens otherApp = dev.service().login(APP_2, "end-audited-cross");

        assertThat(endSession(phone, otherApp.sid()).status()).isEqualTo(204);

        assertThat(auditOf("session_ended", otherApp.sid()).get("APP_ID")).isEqualTo(APP_2);
    }

    /** The one audit row of this type and session, read from the table (this service has no admin API). */
    static Map<String, Object> auditOf(String type, String sessionId) {
        List<Map<String, Object>> rows = dev.service()
                .jdbc()
                .sql("SELECT * FROM wx_audit WHERE event_type = ? AND session_id = ?")
                .params(type, sessionId)
                .query()
                .listOfRows();
        assertThat(rows).as("%s events of session %s", type, sessionId).hasSize(1);
        return rows.get(0);
    }

    private static JsonNode byId(List<JsonNode> sessions, String id) {
        return sessions.stream()
                .filter(s -> s.get("id").asString().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session " + id + " in " + sessions));
    }
}
