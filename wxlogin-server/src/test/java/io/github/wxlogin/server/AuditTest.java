package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.token.RefreshTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /admin/v1/audit}: after a scripted sequence of security events, each is listed with its
 * time, user, session, app, client IP and User-Agent; pages walk the log newest first without repeats
 * or gaps; and the audit table holds no token, session_key or admin credential.
 */
class AuditTest {

    static final String ADMIN_TOKEN = "adm-" + UUID.randomUUID();
    static final String WRONG_ADMIN_TOKEN = "not-the-admin-token-" + UUID.randomUUID();
    static final String UA = "AuditScript/1.0 (MicroMessenger)";

    /** A refresh grace long enough that the script's retry is within it on any machine. */
    @RegisterExtension
    static final ServiceExtension dev =
            ServiceExtension.devWithAdmin(ADMIN_TOKEN, "--wxlogin.tokens.refresh-grace=10m");

    static Admin admin;

    static Instant scriptStart;
    static Instant scriptEnd;
    static String userId;
    static String otherUserId;
    /** Every token the script was given or presented; none may be in the audit log. */
    static final List<String> secrets = new ArrayList<>();

    static Tokens loggedIn;
    static Tokens loggedOut;
    static Tokens ender;
    static Tokens ended;
    /** Every event of the log, newest first, from one page. */
    static List<JsonNode> all;

    @BeforeAll
    static void script() {
        admin = dev.service().admin();
        scriptStart = Instant.now().minusSeconds(1);

        // login, refresh, the spent refresh token again within the grace: refresh_retried; then the
        // successor that retry revoked: refresh_token_reused.
        loggedIn = dev.service().login(APP_1, "audit-user", "User-Agent", UA);
        userId = loggedIn.userId();
        Tokens rotated = dev.service().refresh(loggedIn, "User-Agent", UA);
        Tokens retried = dev.service().refresh(loggedIn, "User-Agent", UA);
        assertProblem(dev.http().refresh(rotated.refresh(), "User-Agent", UA), 401, "token_reused");
        // logout, in the other app of the group.
        loggedOut = dev.service().login(APP_2, "audit-user", "User-Agent", UA);
        assertThat(dev.http()
                        .call(
                                "POST",
                                "/v1/auth/logout",
                                null,
                                null,
                                "Authorization",
                                loggedOut.bearer(),
                                "User-Agent",
                                UA)
                        .status())
                .isEqualTo(204);
        // One device ends another: session_ended.
        ender = dev.service().login(APP_1, "audit-user", "User-Agent", UA);
        ended = dev.service().login(APP_1, "audit-user", "User-Agent", UA);
        assertThat(dev.http()
                        .call(
                                "DELETE",
                                "/v1/sessions/" + ended.sid(),
                                null,
                                null,
                                "Authorization",
                                ender.bearer(),
                                "User-Agent",
                                UA)
                        .status())
                .isEqualTo(204);
        // disable (ending the ender's session), a refused login, enable.
        assertThat(admin.disable(userId).status()).isEqualTo(200);
        assertProblem(
                dev.http().login(APP_1, dev.service().sim().code(APP_1, "audit-user"), "User-Agent", UA),
                403,
                "user_disabled");
        assertThat(admin.enable(userId).status()).isEqualTo(200);
        // A refused admin call, with a wrong credential and with a user's access token.
        assertProblem(admin.as(WRONG_ADMIN_TOKEN).user(userId), 401, "invalid_token");
        Tokens other = dev.service().login(APP_1, "audit-other", "User-Agent", UA);
        otherUserId = other.userId();
        assertProblem(admin.as(other.access()).endSessions(otherUserId), 401, "invalid_token");
        scriptEnd = Instant.now().plusSeconds(1);

        for (Tokens t : List.of(loggedIn, rotated, retried, loggedOut, ender, ended, other)) {
            secrets.add(t.access());
            secrets.add(t.refresh());
            secrets.add(RefreshTokens.hash(t.refresh()));
            secrets.add(t.access().split("\\.")[2]);
        }
        for (String app : List.of(APP_1, APP_2)) {
            secrets.add(dev.service().sim().sessionKey(app, "audit-user"));
        }
        secrets.add(dev.service().sim().sessionKey(APP_1, "audit-other"));
        secrets.add(ADMIN_TOKEN);
        secrets.add(WRONG_ADMIN_TOKEN);

        Http.Reply page = admin.audit("limit", "200");
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        all = new ArrayList<>();
        page.json().get("events").forEach(all::add);
        assertThat(all.size()).isLessThan(200);
        assertThat(page.json().get("next").isNull()).isTrue();
    }

    static List<JsonNode> ofType(String type) {
        return all.stream().filter(e -> e.get("type").asString().equals(type)).toList();
    }

    static JsonNode one(String type, String sessionId) {
        List<JsonNode> found = ofType(type).stream()
                .filter(e -> Objects.equals(text(e, "sessionId"), sessionId))
                .toList();
        assertThat(found)
                .as("%s events of session %s in %s", type, sessionId, all)
                .hasSize(1);
        return found.get(0);
    }

    static String text(JsonNode event, String field) {
        JsonNode v = event.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    static List<String> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.get("id").asString()).toList();
    }

    // --- what is recorded -----------------------------------------------------------------------

    @Test
    void everyEventHasTheSameShapeWithItsTimeAndClient() {
        assertThat(all).isNotEmpty();
        for (JsonNode e : all) {
            assertThat(Contract.fields(e))
                    .as("%s", e)
                    .containsExactlyInAnyOrder(
                            "id", "type", "at", "userId", "sessionId", "appId", "clientIp", "userAgent", "detail");
            assertThat(e.get("id").asString()).isNotBlank();
            assertThat(e.get("type").asString()).matches("[a-z]+(_[a-z]+)*");
            assertThat(Instant.parse(e.get("at").asString())).isBetween(scriptStart, scriptEnd);
            assertThat(e.get("at").asString()).endsWith("Z");
            assertThat(text(e, "clientIp")).as("clientIp of %s", e).isNotBlank();
            assertThat(text(e, "userAgent")).as("userAgent of %s", e).isNotBlank();
        }
        assertThat(new HashSet<>(ids(all))).hasSameSizeAs(all);
    }

    @Test
    void everyKindOfEventOfTheScriptIsListed() {
        assertThat(all)
                .extracting(e -> e.get("type").asString())
                .contains(
                        "login",
                        "refresh",
                        "refresh_retried",
                        "refresh_token_reused",
                        "logout",
                        "session_ended",
                        "user_disabled",
                        "user_enabled",
                        "admin_access_refused",
                        "login_refused");
    }

    @Test
    void sessionEventsNameTheUserTheSessionAndTheApp() {
        assertEvent(one("login", loggedIn.sid()), "login", userId, loggedIn.sid(), APP_1, UA);
        assertEvent(one("refresh", loggedIn.sid()), "refresh", userId, loggedIn.sid(), APP_1, UA);
        assertEvent(one("refresh_retried", loggedIn.sid()), "refresh_retried", userId, loggedIn.sid(), APP_1, UA);
        assertEvent(
                one("refresh_token_reused", loggedIn.sid()), "refresh_token_reused", userId, loggedIn.sid(), APP_1, UA);
        assertEvent(one("logout", loggedOut.sid()), "logout", userId, loggedOut.sid(), APP_2, UA);
        assertEvent(one("session_ended", ended.sid()), "session_ended", userId, ended.sid(), APP_1, UA);
        assertThat(ofType("login"))
                .extracting(e -> text(e, "sessionId"))
                .contains(loggedIn.sid(), loggedOut.sid(), ender.sid(), ended.sid());
    }

    @Test
    void adminEventsNameTheUser() {
        assertThat(ofType("user_disabled")).singleElement().satisfies(e -> {
            assertThat(text(e, "userId")).isEqualTo(userId);
            assertThat(text(e, "sessionId")).isNull();
        });
        assertThat(ofType("user_enabled"))
                .singleElement()
                .satisfies(e -> assertThat(text(e, "userId")).isEqualTo(userId));
        // Disabling ended the one session still live then, and says so.
        JsonNode byDisable = one("session_ended", ender.sid());
        assertThat(text(byDisable, "userId")).isEqualTo(userId);
        assertThat(ofType("login_refused")).singleElement().satisfies(e -> {
            assertThat(text(e, "userId")).isEqualTo(userId);
            assertThat(text(e, "appId")).isEqualTo(APP_1);
            assertThat(text(e, "userAgent")).isEqualTo(UA);
        });
    }

    @Test
    void refusedAdminCallsAreRecordedOncePerBurstWithoutTheCredentialTheyCarried() {
        List<JsonNode> refused = ofType("admin_access_refused");

        // The two refusals of the script came from one address within a minute: one burst, one row,
        // the first refusal's.
        assertThat(refused).singleElement().satisfies(e -> {
            assertThat(text(e, "userId")).isNull();
            assertThat(text(e, "clientIp")).isNotBlank();
            assertThat(text(e, "detail")).isEqualTo("GET /admin/v1/users/" + userId);
            assertThat(e.toString()).doesNotContain(WRONG_ADMIN_TOKEN, ADMIN_TOKEN);
        });
    }

    @Test
    void eventsOfTheScriptAreInTheOrderTheyHappened() {
        List<Instant> times =
                all.stream().map(e -> Instant.parse(e.get("at").asString())).toList();
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i))
                    .as("event %s is not newer than event %s", i, i - 1)
                    .isBeforeOrEqualTo(times.get(i - 1));
        }
        List<Instant> script = List.of(
                at(one("login", loggedIn.sid())),
                at(one("refresh", loggedIn.sid())),
                at(one("refresh_retried", loggedIn.sid())),
                at(one("refresh_token_reused", loggedIn.sid())),
                at(one("logout", loggedOut.sid())),
                at(one("session_ended", ended.sid())),
                at(ofType("user_disabled").get(0)),
                at(ofType("user_enabled").get(0)));
        for (int i = 1; i < script.size(); i++) {
            assertThat(script.get(i)).isAfterOrEqualTo(script.get(i - 1));
        }
    }

    // --- paging and filtering -------------------------------------------------------------------

    @ParameterizedTest(name = "limit={0}")
    @ValueSource(ints = {1, 2, 3, 200})
    void pagesWalkTheWholeLogNewestFirstWithoutRepeatsOrGaps(int limit) {
        List<JsonNode> walked = admin.allEvents(limit);

        assertThat(ids(walked)).doesNotHaveDuplicates().containsExactlyElementsOf(ids(all));
    }

    @Test
    void aPageOfTwoHasANextCursorUntilTheEnd() {
        Http.Reply first = admin.audit("limit", "2");

        assertThat(first.status()).isEqualTo(200);
        assertThat(Contract.fields(first.json())).containsExactlyInAnyOrder("events", "next");
        assertThat(first.json().get("events").size()).isEqualTo(2);
        assertThat(first.json().get("next").isString()).isTrue();
        Http.Reply second =
                admin.audit("limit", "2", "before", first.json().get("next").asString());
        assertThat(ids(List.of(
                        second.json().get("events").get(0),
                        second.json().get("events").get(1))))
                .containsExactlyElementsOf(ids(all.subList(2, 4)));
    }

    @Test
    void theUserIdFilterListsOnlyThatUsersEvents() {
        List<JsonNode> mine = admin.allEvents(2, "userId", userId);
        List<JsonNode> others = admin.allEvents(2, "userId", otherUserId);

        assertThat(mine)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(text(e, "userId")).isEqualTo(userId));
        assertThat(ids(mine))
                .containsExactlyElementsOf(ids(all.stream()
                        .filter(e -> userId.equals(text(e, "userId")))
                        .toList()));
        assertThat(others).extracting(e -> e.get("type").asString()).containsExactly("login");
        assertThat(admin.allEvents(2, "userId", "u_doesnotexist")).isEmpty();
    }

    @ParameterizedTest(name = "limit={0}")
    @ValueSource(strings = {"0", "-1", "201", "1000", "x", "1.5", "2147483648", "1e2"})
    void aBadLimitIsInvalidRequest(String limit) {
        assertProblem(admin.audit("limit", limit), 400, "invalid_request");
    }

    @ParameterizedTest(name = "before={0}")
    @ValueSource(
            strings = {
                "garbage",
                "123",
                "~abc",
                "abc~def",
                "123~",
                "~",
                "1.5~abc",
                "99999999999999999999~abc",
                "2026-11-23T10:00:00Z~abc"
            })
    void aBadCursorIsInvalidRequest(String before) {
        assertProblem(admin.audit("limit", "2", "before", before), 400, "invalid_request");
    }

    // --- no secrets ------------------------------------------------------------------------------

    @Test
    void noRowOfTheAuditTableHoldsATokenASessionKeyOrTheAdminCredential() {
        List<Map<String, Object>> rows =
                dev.service().jdbc().sql("SELECT * FROM wx_audit").query().listOfRows();

        assertThat(rows).hasSameSizeAs(all);
        for (Map<String, Object> row : rows) {
            for (Map.Entry<String, Object> column : row.entrySet()) {
                String value = String.valueOf(column.getValue());
                for (String secret : secrets) {
                    assertThat(value)
                            .as("%s of audit row %s", column.getKey(), row.get("ID"))
                            .doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void theAuditAnswerHoldsNoSecretEither() {
        String body = admin.audit("limit", "200").body();

        for (String secret : secrets) {
            assertThat(body).doesNotContain(secret);
        }
    }

    static void assertEvent(JsonNode e, String type, String user, String session, String app, String userAgent) {
        assertThat(text(e, "type")).isEqualTo(type);
        assertThat(text(e, "userId")).as("userId of %s", e).isEqualTo(user);
        assertThat(text(e, "sessionId")).as("sessionId of %s", e).isEqualTo(session);
        assertThat(text(e, "appId")).as("appId of %s", e).isEqualTo(app);
        assertThat(text(e, "userAgent")).as("userAgent of %s", e).isEqualTo(userAgent);
        assertThat(text(e, "clientIp")).as("clientIp of %s", e).isNotBlank();
    }

    static Instant at(JsonNode e) {
        return Instant.parse(e.get("at").asString());
    }
}
