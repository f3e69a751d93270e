package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static io.github.wxlogin.simulator.DemoApps.APP_3;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The admin API with {@code WXLOGIN_ADMIN_TOKEN} set: refused (401 {@code invalid_token}) without
 * exactly that credential; with it, finding users by id, openid, unionid and phone (never showing a
 * session_key), disabling and enabling them, and ending their sessions, each taking effect at once.
 * It presents hundreds of wrong credentials from one address, so the limit on refused admin calls is
 * off here ({@link AdminRefusalLimitTest} shows it).
 */
class AdminApiTest {

    static final String ADMIN_TOKEN = "adm-" + UUID.randomUUID();

    @RegisterExtension
    static final ServiceExtension dev =
            ServiceExtension.devWithAdmin(ADMIN_TOKEN, "--wxlogin.rate-limit.admin-refusals=0");

    static Admin admin;
    /** A user of apps 1 and 2, with a live session in each; nothing here disables it. */
    static Tokens bystander;

    @BeforeAll
    static void start() {
        admin = dev.service().admin();
        bystander = dev.service().login(APP_1, "admin-bystander");
        dev.service().login(APP_2, "admin-bystander");
    }

    // --- the credential -------------------------------------------------------------------------

    static Stream<Arguments> adminCalls() {
        return Stream.of(
                Arguments.of("GET", "/users/{id}"),
                Arguments.of("GET", "/users?openid=o_x"),
                Arguments.of("GET", "/users"),
                Arguments.of("POST", "/users/{id}/disable"),
                Arguments.of("POST", "/users/{id}/enable"),
                Arguments.of("DELETE", "/users/{id}/sessions"),
                Arguments.of("POST", "/users/{id}/merge"),
                Arguments.of("GET", "/audit"),
                Arguments.of("GET", "/audit?limit=x"),
                Arguments.of("POST", "/signing-keys/rotate"),
                Arguments.of("GET", "/no-such-thing"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminCalls")
    void everyCallWithoutTheAdminCredentialIsInvalidTokenAndDoesNothing(String method, String template) {
        String path = template.replace("{id}", bystander.userId());
        String kid = dev.http()
                .get("/.well-known/jwks.json")
                .json()
                .get("keys")
                .get(0)
                .get("kid")
                .asString();

        List<String> refused = new ArrayList<>();
        for (String credential : wrongCredentials()) {
            Http.Reply r = credential == null
                    ? dev.http().call(method, Admin.BASE + path, null, null)
                    : dev.http().call(method, Admin.BASE + path, null, null, "Authorization", credential);
            JsonNode problem = assertProblem(r, 401, "invalid_token");
            assertThat(r.header("WWW-Authenticate"))
                    .as("%s", credential)
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(r.body()).doesNotContain(ADMIN_TOKEN);
            assertThat(problem.get("detail").asString()).doesNotContain(bystander.access());
            refused.add(credential);
        }

        assertThat(refused).hasSize(wrongCredentials().size());
        assertThat(dev.http().me(bystander.bearer()).status()).isEqualTo(200);
        assertThat(admin.user(bystander.userId()).json().get("disabled").asBoolean())
                .isFalse();
        assertThat(dev.http()
                        .get("/.well-known/jwks.json")
                        .json()
                        .get("keys")
                        .get(0)
                        .get("kid")
                        .asString())
                .isEqualTo(kid);
    }

    /** Everything that is not {@code Authorization: Bearer <the admin token>}; null is no header at all. */
    static List<String> wrongCredentials() {
        List<String> wrong = new ArrayList<>();
        wrong.add(null);
        wrong.add("");
        wrong.add("Bearer");
        wrong.add("Bearer ");
        wrong.add("Bearer wrong-token");
        wrong.add("Bearer " + ADMIN_TOKEN + "x");
        wrong.add("Bearer " + ADMIN_TOKEN.substring(0, ADMIN_TOKEN.length() - 1));
        wrong.add("Bearer " + ADMIN_TOKEN.toUpperCase());
        wrong.add(ADMIN_TOKEN);
        wrong.add("Basic "
                + Base64.getEncoder().encodeToString(("admin:" + ADMIN_TOKEN).getBytes(StandardCharsets.UTF_8)));
        wrong.add("Token " + ADMIN_TOKEN);
        // A user's access token is a credential for /v1 only.
        wrong.add(bystander.bearer());
        return wrong;
    }

    /**
     * Spellings of an admin path that Spring MVC routes to the admin API: a path parameter
     * ({@code ;x}) or a percent-encoded letter in the first segment. Sent raw, as written.
     */
    static Stream<Arguments> disguisedAdminPaths() {
        return Stream.of(
                Arguments.of("GET", "/admin;x/v1/users/{id}"),
                Arguments.of("GET", "/admin;/v1/users/{id}"),
                Arguments.of("GET", "/%61dmin/v1/users/{id}"),
                Arguments.of("GET", "/admin;x/v1/audit"),
                Arguments.of("POST", "/admin;x/v1/users/{id}/disable"),
                Arguments.of("POST", "/%61dmin/v1/users/{id}/disable"),
                Arguments.of("DELETE", "/admin;x/v1/users/{id}/sessions"),
                Arguments.of("POST", "/admin;x/v1/signing-keys/rotate"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("disguisedAdminPaths")
    void aDisguisedAdminPathWithoutTheCredentialIsInvalidTokenToo(String method, String template) {
        Tokens victim = dev.service().login(APP_1, "admin-disguised-" + Math.abs(template.hashCode()));
        String kid = dev.http()
                .get("/.well-known/jwks.json")
                .json()
                .get("keys")
                .get(0)
                .get("kid")
                .asString();

        Http.Reply r = dev.http().raw(method, template.replace("{id}", victim.userId()));

        assertProblem(r, 401, "invalid_token");
        assertThat(dev.http().me(victim.bearer()).status()).isEqualTo(200);
        assertThat(admin.user(victim.userId()).json().get("disabled").asBoolean())
                .isFalse();
        assertThat(dev.http()
                        .get("/.well-known/jwks.json")
                        .json()
                        .get("keys")
                        .get(0)
                        .get("kid")
                        .asString())
                .isEqualTo(kid);
    }

    @Test
    void theAdminCredentialInTheQueryStringIsNotACredential() {
        assertProblem(
                dev.http().get(Admin.BASE + "/users/" + bystander.userId() + "?access_token=" + ADMIN_TOKEN),
                401,
                "invalid_token");
        assertProblem(
                dev.http().get(Admin.BASE + "/users/" + bystander.userId() + "?token=" + ADMIN_TOKEN),
                401,
                "invalid_token");
    }

    @Test
    void theBearerSchemeOfTheAdminCredentialIsMatchedWithoutRegardToCase() {
        Http.Reply r =
                dev.http().get(Admin.BASE + "/users/" + bystander.userId(), "Authorization", "bearer " + ADMIN_TOKEN);

        assertThat(r.status()).as("%s", r).isEqualTo(200);
    }

    @Test
    void withTheAdminCredentialAnUnknownAdminPathIsNotFound() {
        assertProblem(admin.get("/no-such-thing"), 404, "not_found");
    }

    // --- finding users --------------------------------------------------------------------------

    @Test
    void aUserFoundByIdShowsItsStateAndEveryIdentity() {
        Instant before = Instant.now().minusSeconds(1);
        Tokens one = dev.service().login(APP_1, "admin-find-id");
        dev.service().login(APP_2, "admin-find-id");
        dev.http()
                .withBearer(
                        "PATCH",
                        "/v1/me",
                        one.access(),
                        "{\"nickname\":\"小明\",\"avatarUrl\":\"https://a.example/x.png\"}");

        Http.Reply r = admin.user(one.userId());

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode user = r.json();
        assertThat(Contract.fields(user))
                .containsExactlyInAnyOrder(
                        "id",
                        "nickname",
                        "avatarUrl",
                        "phoneNumber",
                        "countryCode",
                        "disabled",
                        "createdAt",
                        "identities");
        assertThat(user.get("id").asString()).isEqualTo(one.userId());
        assertThat(user.get("nickname").asString()).isEqualTo("小明");
        assertThat(user.get("avatarUrl").asString()).isEqualTo("https://a.example/x.png");
        assertThat(user.get("phoneNumber").isNull()).isTrue();
        assertThat(user.get("disabled").asBoolean()).isFalse();
        assertThat(Instant.parse(user.get("createdAt").asString())).isBetween(before, Instant.now());
        assertIdentities(user, "admin-find-id", APP_1, APP_2);
        assertNoSessionKey(r, "admin-find-id", APP_1, APP_2);
    }

    @Test
    void anUnknownUserIdIsNotFound() {
        assertProblem(admin.user("u_doesnotexist"), 404, "not_found");
        assertProblem(admin.user("x".repeat(200)), 404, "not_found");
        assertProblem(admin.user("' OR '1'='1"), 404, "not_found");
    }

    @Test
    void aUserIsFoundByOpenidInAnyAppOrInTheNamedApp() {
        Tokens one = dev.service().login(APP_1, "admin-find-openid");
        String openid =
                dev.sim().session(APP_1, "admin-find-openid").get("openid").asString();

        assertThat(ids(admin.found("openid", openid))).containsExactly(one.userId());
        assertThat(ids(admin.found("openid", openid, "appId", APP_1))).containsExactly(one.userId());
        assertThat(admin.found("openid", openid, "appId", APP_2)).isEmpty();
        assertThat(admin.found("openid", "o_neverseen")).isEmpty();
        JsonNode found = admin.found("openid", openid).get(0);
        assertIdentities(found, "admin-find-openid", APP_1);
    }

    @Test
    void aUserOfTwoGroupedAppsIsFoundOnceByUnionidWithBothIdentities() {
        Tokens one = dev.service().login(APP_1, "admin-find-union");
        Tokens two = dev.service().login(APP_2, "admin-find-union");
        Tokens solo = dev.service().login(APP_3, "admin-find-union");
        String unionid = one.user().get("unionid").asString();

        Http.Reply r = admin.search("unionid", unionid);

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        List<JsonNode> users = admin.found("unionid", unionid);
        assertThat(ids(users)).containsExactly(one.userId());
        assertThat(two.userId()).isEqualTo(one.userId());
        assertIdentities(users.get(0), "admin-find-union", APP_1, APP_2);
        assertThat(users.get(0).get("identities").findValuesAsString("unionid")).containsOnly(unionid);
        // App 3 is in no group: the same WeChat user there is another user, without unionid.
        JsonNode soloUser = admin.user(solo.userId()).json();
        assertIdentities(soloUser, "admin-find-union", APP_3);
        assertThat(soloUser.get("identities").get(0).get("unionid").isNull()).isTrue();
        assertThat(admin.found("unionid", "never-seen-unionid")).isEmpty();
        assertNoSessionKey(r, "admin-find-union", APP_1, APP_2, APP_3);
    }

    @Test
    void aUserIsFoundByPhone() {
        Tokens user = dev.service().login(APP_1, "admin-find-phone");
        // Binding a phone through WeChat comes later; set it as that will.
        assertThat(dev.service()
                        .jdbc()
                        .sql("UPDATE wx_users SET phone_number = ?, country_code = ? WHERE id = ?")
                        .params("13900139000", "86", user.userId())
                        .update())
                .isEqualTo(1);

        List<JsonNode> found = admin.found("phone", "13900139000");

        assertThat(ids(found)).containsExactly(user.userId());
        assertThat(found.get(0).get("phoneNumber").asString()).isEqualTo("13900139000");
        assertThat(found.get(0).get("countryCode").asString()).isEqualTo("86");
        assertThat(admin.found("phone", "13900139001")).isEmpty();
        assertThat(dev.http().me(user.bearer()).json().get("phoneNumber").asString())
                .isEqualTo("13900139000");
    }

    @Test
    void aSearchNeedsExactlyOneCriterion() {
        assertProblem(admin.search(), 400, "invalid_request");
        assertProblem(admin.search("appId", APP_1), 400, "invalid_request");
        assertProblem(admin.search("openid", ""), 400, "invalid_request");
        assertProblem(admin.search("openid", "   "), 400, "invalid_request");
        assertProblem(admin.search("nickname", "x"), 400, "invalid_request");
        assertProblem(admin.search("openid", "o_x", "phone", "13800138000"), 400, "invalid_request");
        assertProblem(admin.search("unionid", "x", "phone", "13800138000"), 400, "invalid_request");
    }

    @Test
    void noAdminAnswerCarriesASessionKey() {
        Tokens one = dev.service().login(APP_1, "admin-no-key");
        dev.service().login(APP_2, "admin-no-key");
        String openid = dev.sim().session(APP_1, "admin-no-key").get("openid").asString();

        List<Http.Reply> answers = List.of(
                admin.user(one.userId()),
                admin.search("openid", openid),
                admin.search("unionid", one.user().get("unionid").asString()),
                admin.disable(one.userId()),
                admin.enable(one.userId()),
                admin.endSessions(one.userId()),
                admin.audit("userId", one.userId()));

        for (Http.Reply r : answers) {
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            assertNoSessionKey(r, "admin-no-key", APP_1, APP_2);
        }
    }

    // --- disable, enable, end sessions ----------------------------------------------------------

    @Test
    void disablingAUserEndsItsSessionsAtOnceAndRefusesItsLoginsUntilEnabled() {
        Tokens one = dev.service().login(APP_1, "admin-disable");
        Tokens two = dev.service().login(APP_2, "admin-disable");
        Tokens rotated = dev.service().refresh(one);
        assertThat(dev.http().me(two.bearer()).status()).isEqualTo(200);

        Http.Reply disabled = admin.disable(one.userId());

        assertThat(disabled.status()).as("%s", disabled).isEqualTo(200);
        assertThat(disabled.json().get("id").asString()).isEqualTo(one.userId());
        assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
        // Live access tokens are refused at once, although none has expired.
        assertProblem(dev.http().me(rotated.bearer()), 401, "invalid_token");
        assertProblem(dev.http().me(two.bearer()), 401, "invalid_token");
        // The sessions are ended, so their refresh tokens are invalid_token (not user_disabled).
        assertProblem(dev.http().refresh(rotated.refresh()), 401, "invalid_token");
        assertProblem(dev.http().refresh(two.refresh()), 401, "invalid_token");
        // A new login is refused in every app of the user.
        assertProblem(dev.http().login(APP_1, dev.sim().code(APP_1, "admin-disable")), 403, "user_disabled");
        assertProblem(dev.http().login(APP_2, dev.sim().code(APP_2, "admin-disable")), 403, "user_disabled");
        assertThat(admin.user(one.userId()).json().get("disabled").asBoolean()).isTrue();
        // Disabling again is harmless.
        assertThat(admin.disable(one.userId()).status()).isEqualTo(200);
        // Other users are untouched.
        assertThat(dev.http().me(bystander.bearer()).status()).isEqualTo(200);

        Http.Reply enabled = admin.enable(one.userId());

        assertThat(enabled.status()).as("%s", enabled).isEqualTo(200);
        assertThat(enabled.json().get("disabled").asBoolean()).isFalse();
        Tokens again = dev.service().login(APP_1, "admin-disable");
        assertThat(again.userId()).isEqualTo(one.userId());
        assertThat(again.newUser()).isFalse();
        assertThat(dev.http().me(again.bearer()).status()).isEqualTo(200);
        assertThat(dev.service().refresh(again).sid()).isEqualTo(again.sid());
        // Enabling does not bring the ended sessions back.
        assertProblem(dev.http().me(two.bearer()), 401, "invalid_token");
        assertThat(admin.enable(one.userId()).status()).isEqualTo(200);
    }

    @Test
    void aRefreshOfAUserDisabledBehindTheServicesBackIsUserDisabledAndEndsTheSession() {
        Tokens user = dev.service().login(APP_1, "admin-disabled-in-db");
        // As if disabled between a session's start and the admin's end of all sessions.
        dev.service()
                .jdbc()
                .sql("UPDATE wx_users SET disabled = TRUE WHERE id = ?")
                .param(user.userId())
                .update();

        assertProblem(dev.http().refresh(user.refresh()), 403, "user_disabled");

        assertProblem(dev.http().me(user.bearer()), 401, "invalid_token");
        assertThat(admin.enable(user.userId()).status()).isEqualTo(200);
    }

    @Test
    void disablingOrEnablingAnUnknownUserIsNotFound() {
        assertProblem(admin.disable("u_doesnotexist"), 404, "not_found");
        assertProblem(admin.enable("u_doesnotexist"), 404, "not_found");
        assertProblem(admin.endSessions("u_doesnotexist"), 404, "not_found");
    }

    @Test
    void endingAllSessionsOfAUserCountsThemAndRefusesTheirTokensAtOnce() {
        Tokens one = dev.service().login(APP_1, "admin-end-all");
        Tokens two = dev.service().login(APP_1, "admin-end-all");
        Tokens three = dev.service().login(APP_2, "admin-end-all");
        Tokens gone = dev.service().login(APP_1, "admin-end-all");
        assertThat(dev.http().logout(gone.access()).status()).isEqualTo(204);

        Http.Reply r = admin.endSessions(one.userId());

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(Contract.fields(r.json())).containsExactly("ended");
        assertThat(r.json().get("ended").isIntegralNumber()).isTrue();
        assertThat(r.json().get("ended").asInt()).isEqualTo(3);
        for (Tokens t : List.of(one, two, three)) {
            assertProblem(dev.http().me(t.bearer()), 401, "invalid_token");
            assertProblem(dev.http().refresh(t.refresh()), 401, "invalid_token");
        }
        assertThat(admin.endSessions(one.userId()).json().get("ended").asInt()).isZero();
        // Not disabled: the user logs in again.
        Tokens back = dev.service().login(APP_1, "admin-end-all");
        assertThat(dev.http().me(back.bearer()).status()).isEqualTo(200);
        assertThat(dev.http().me(bystander.bearer()).status()).isEqualTo(200);
    }

    // --- helpers --------------------------------------------------------------------------------

    static List<String> ids(List<JsonNode> users) {
        return users.stream().map(u -> u.get("id").asString()).toList();
    }

    /** The user's identities are exactly those of these apps, with the simulator's openid and unionid. */
    static void assertIdentities(JsonNode user, String simUser, String... apps) {
        List<JsonNode> identities = new ArrayList<>();
        user.get("identities").forEach(identities::add);
        assertThat(identities).extracting(i -> i.get("appId").asString()).containsExactlyInAnyOrder(apps);
        for (JsonNode identity : identities) {
            assertThat(Contract.fields(identity)).containsExactlyInAnyOrder("appId", "openid", "unionid");
            JsonNode wechat = dev.sim().session(identity.get("appId").asString(), simUser);
            assertThat(identity.get("openid").asString())
                    .isEqualTo(wechat.get("openid").asString());
            assertThat(identity.get("unionid")).isEqualTo(wechat.get("unionid"));
        }
    }

    /** Neither the user's session_key in any of these apps nor a field of that name is in the answer. */
    static void assertNoSessionKey(Http.Reply r, String simUser, String... apps) {
        for (String app : apps) {
            String sessionKey = dev.sim().sessionKey(app, simUser);
            assertThat(r.body()).as("session_key of %s in %s", app, r).doesNotContain(sessionKey);
            assertThat(r.body()).doesNotContain(sessionKey.replace("/", "\\/"));
        }
        assertThat(fieldNames(r.json()))
                .as("fields of %s", r)
                .noneMatch(name -> name.toLowerCase().replace("_", "").contains("sessionkey"));
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                names.add(name);
                names.addAll(fieldNames(node.get(name)));
            }
        } else if (node.isArray()) {
            node.forEach(child -> names.addAll(fieldNames(child)));
        }
        return names;
    }
}
