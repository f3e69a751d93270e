package io.github.wxlogin.server;

import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_3;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.github.wxlogin.core.testing.Concurrently;
import io.github.wxlogin.simulator.DemoApps;
import io.github.wxlogin.simulator.SimApps;
import io.github.wxlogin.simulator.SimulatorServer;
import io.github.wxlogin.simulator.SimulatorSettings;
import io.github.wxlogin.simulator.WeChatSimulator;
import io.lettuce.core.AclSetuserArgs;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of the service over one server database and one Redis, with the standalone simulator
 * as WeChat: the guarantees of the contract hold across them. Runs in the PostgreSQL and MariaDB
 * executions (an H2 file cannot be shared by two instances); needs Redis at 127.0.0.1:6379, required
 * when CI=true.
 *
 * <p>Instance B connects to Redis as a user of its own, made for the test and removed after it, so that
 * the test can cut B's subscription (and keep it cut for a while) without touching anyone else's
 * connection to the shared Redis. B keeps sessions and users in memory for 10 minutes: whatever B shows
 * within the tests' deadlines, it learnt from news, never from its copies expiring.
 */
class FleetTest {

    @TempDir
    static Path dataDir;

    static final String ADMIN_TOKEN = "fleet-admin-token-0123456789abcdef";

    static SimulatorServer wechat;
    static TestService a;
    static TestService b;
    static Sim sim;
    /** The Redis user instance B connects as. */
    static final String B_USER = "wxlogin-fleet-b-" + UUID.randomUUID();

    static boolean bUserMade;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(!TestDatabase.current().embedded(), "a fleet needs a server database");
        String redis = TestRedis.database(3);
        String password = UUID.randomUUID().toString();
        TestRedis.onServer(r -> r.sync()
                .aclSetuser(
                        B_USER,
                        AclSetuserArgs.Builder.on()
                                .addPassword(password)
                                .allKeys()
                                .allChannels()
                                .allCommands()));
        bUserMade = true;
        SimApps apps = DemoApps.random();
        wechat = SimulatorServer.start(new WeChatSimulator(SimulatorSettings.defaults(apps)), "127.0.0.1", 0);
        sim = new Sim(new Http(wechat.baseUrl()));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> env = Map.of(
                "WXLOGIN_APPS",
                apps.all().stream()
                        .map(x -> (x.platform().equals("wecom") ? "wecom:" : "") + x.appId() + ":" + x.secret()
                                + x.group().map(g -> ":" + g).orElse(""))
                        .reduce((x, y) -> x + "," + y)
                        .orElseThrow(),
                "WXLOGIN_WECHAT_BASE_URL",
                wechat.baseUrl().toString(),
                "WXLOGIN_WECOM_BASE_URL",
                wechat.baseUrl() + "/wecom",
                "WXLOGIN_REDIS_URL",
                redis,
                // Small, so the fleet's one allowance shows in a few calls.
                "WXLOGIN_RATE_LIMIT_DECRYPT_PER_USER",
                "3",
                // Every instance of a deployment shares one issuer (the default names each own port).
                "WXLOGIN_ISSUER",
                "https://login.fleet.test",
                "WXLOGIN_MASTER_KEY",
                Base64.getEncoder().encodeToString(key));
        // Same data directory: the same server database (TestDatabase names it after the directory).
        a = TestService.configured(dataDir, env, "--wxlogin.admin-token=" + ADMIN_TOKEN);
        Map<String, String> envB = new HashMap<>(env);
        envB.put("WXLOGIN_REDIS_URL", redis.replace("redis://", "redis://" + B_USER + ":" + password + "@"));
        b = TestService.configured(
                dataDir,
                envB,
                "--wxlogin.admin-token=" + ADMIN_TOKEN,
                "--wxlogin.session-cache.ttl=10m",
                "--wxlogin.user-cache.ttl=10m");
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {a, b, wechat}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing anyway
                }
            }
        }
        if (bUserMade) {
            TestRedis.onServer(r -> r.sync().aclDeluser(B_USER));
        }
    }

    @Test
    void oneCodeSentToBothInstancesAtOnceReachesWeChatOnce() throws Exception {
        sim.reset();
        String code = sim.code(APP_1, "fleet-burst");

        List<Http.Reply> replies =
                Concurrently.run(8, i -> (i % 2 == 0 ? a : b).http().login(APP_1, code));

        assertThat(replies).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(replies)
                .filteredOn(r -> r.status() == 401 && r.body().contains("code_used"))
                .hasSize(7);
        assertThat(sim.code2SessionCalls()).isEqualTo(1);
    }

    @Test
    void aTokenFromOneInstanceWorksOnTheOtherAndLogoutEndsItOnBothAtOnce() throws Exception {
        Tokens tokens = Tokens.of(a.http().login(APP_1, sim.code(APP_1, "fleet-logout")));
        assertThat(b.http().me("Bearer " + tokens.access()).status()).isEqualTo(200);
        assertThat(a.http().me("Bearer " + tokens.access()).status()).isEqualTo(200);

        assertThat(a.http().logout(tokens.access()).status()).isEqualTo(204);

        assertThat(a.http().me("Bearer " + tokens.access()).status()).isEqualTo(401);
        // B holds the session in memory for 10 minutes: it refuses the token once the news reaches it,
        // which Redis delivers as it answers A's publish; B's request thread may still be a step ahead of
        // its subscriber thread, so B is given the same bound as every other news here, not zero.
        Http.Reply onB = meOnceItShows(b, tokens, r -> r.status() != 200);
        assertThat(onB.status()).isEqualTo(401);
        assertThat(b.http().refresh(tokens.refresh()).status()).isEqualTo(401);
    }

    @Test
    void theWeChatAccessTokenIsFetchedOnceForTheFleet() throws Exception {
        sim.reset();
        List<Tokens> users = List.of(
                Tokens.of(a.http().login(APP_1, sim.code(APP_1, "fleet-phone-1"))),
                Tokens.of(b.http().login(APP_1, sim.code(APP_1, "fleet-phone-2"))),
                Tokens.of(a.http().login(APP_1, sim.code(APP_1, "fleet-phone-3"))),
                Tokens.of(b.http().login(APP_1, sim.code(APP_1, "fleet-phone-4"))));
        List<Http.Reply> replies = Concurrently.run(users.size(), i -> {
            String code = sim.http()
                    .postJson("/sim/phone-code", Map.of("appId", APP_1, "user", "fleet-phone-" + (i + 1)))
                    .json()
                    .get("code")
                    .asString();
            return (i % 2 == 0 ? a : b)
                    .http()
                    .withBearer("POST", "/v1/me/phone", users.get(i).access(), "{\"code\":\"" + code + "\"}");
        });

        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
        assertThat(sim.calls("/cgi-bin/stable_token")).isEqualTo(1);
    }

    @Test
    void theWeComCorpAppTokenIsFetchedOnceForTheFleetAndRenewedOnceWhenWeComEndsIt() throws Exception {
        sim.reset();
        List<Http.Reply> first = Concurrently.run(
                6,
                i -> (i % 2 == 0 ? a : b)
                        .http()
                        .login(DemoApps.WECOM_APP, sim.code(DemoApps.WECOM_APP, "fleet-wecom-" + i)));
        assertThat(first).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
        assertThat(sim.calls("/wecom/cgi-bin/gettoken")).isEqualTo(1);

        assertThat(sim.http().postJson("/sim/wecom/expire-tokens", "{}").status())
                .isEqualTo(204);
        for (TestService instance : List.of(a, b, a, b)) {
            Http.Reply r = instance.http().login(DemoApps.WECOM_APP, sim.code(DemoApps.WECOM_APP, "fleet-wecom-again"));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }

        assertThat(sim.calls("/wecom/cgi-bin/gettoken"))
                .as("one renewal for both instances")
                .isEqualTo(2);
    }

    @Test
    void aUsersDecryptLimitIsTheFleetsNotEachInstances() {
        Tokens tokens = Tokens.of(a.http().login(APP_1, sim.code(APP_1, "fleet-decrypt")));
        JsonNode open = sim.http()
                .postJson(
                        "/sim/open-data",
                        Map.of("appId", APP_1, "user", "fleet-decrypt", "data", Map.of("nickName", "Fleet")))
                .json();
        String body = Http.JSON.writeValueAsString(WeChatData.cipherOnly(open));

        for (TestService instance : List.of(a, b, a)) {
            assertThat(instance.http()
                            .withBearer("POST", "/v1/me/decrypt", tokens.access(), body)
                            .status())
                    .isEqualTo(200);
        }

        Http.Reply refused = b.http().withBearer("POST", "/v1/me/decrypt", tokens.access(), body);
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.body()).contains("rate_limited");
    }

    @Test
    void aProfileChangeOnOneInstanceIsShownByTheOtherAtOnce() throws Exception {
        Tokens tokens = Tokens.of(a.http().login(APP_1, sim.code(APP_1, "fleet-profile")));
        assertThat(b.http().me(tokens.bearer()).json().get("nickname").isNull()).isTrue();
        // Behind the service's back: B answers from memory, not from the database.
        a.jdbc()
                .sql("UPDATE wx_users SET nickname = ? WHERE id = ?")
                .params("Behind", tokens.userId())
                .update();
        assertThat(b.http().me(tokens.bearer()).json().get("nickname").isNull())
                .as("B's copy")
                .isTrue();

        Http.Reply patched = a.http().withBearer("PATCH", "/v1/me", tokens.access(), "{\"nickname\":\"Fleet\"}");

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        Http.Reply onB = meOnceItShows(b, tokens, r -> r.body().contains("\"nickname\":\"Fleet\""));
        assertThat(onB.json().get("nickname").asString()).isEqualTo("Fleet");
    }

    @Test
    void aPhoneBoundOnOneInstanceIsShownByTheOtherAtOnce() throws Exception {
        Tokens tokens = Tokens.of(a.http().login(APP_1, sim.code(APP_1, "fleet-bind")));
        assertThat(b.http().me(tokens.bearer()).json().get("phoneNumber").isNull())
                .isTrue();
        String code = sim.http()
                .postJson("/sim/phone-code", Map.of("appId", APP_1, "user", "fleet-bind"))
                .json()
                .get("code")
                .asString();

        Http.Reply bound = a.http().withBearer("POST", "/v1/me/phone", tokens.access(), "{\"code\":\"" + code + "\"}");

        assertThat(bound.status()).as(bound.body()).isEqualTo(200);
        String number = bound.json().get("phoneNumber").asString();
        Http.Reply onB =
                meOnceItShows(b, tokens, r -> !r.json().get("phoneNumber").isNull());
        assertThat(onB.json().get("phoneNumber").asString()).isEqualTo(number);
    }

    @Test
    void aUserDisabledOnOneInstanceIsRefusedByTheOtherAtOnce() throws Exception {
        Tokens tokens = Tokens.of(a.http().login(APP_1, sim.code(APP_1, "fleet-disable")));
        assertThat(b.http().me(tokens.bearer()).status()).isEqualTo(200);

        assertThat(new Admin(a.http(), ADMIN_TOKEN).disable(tokens.userId()).status())
                .isEqualTo(200);

        // API.md: disabling ends every session of the user, so its access tokens are refused.
        Http.Reply onB = meOnceItShows(b, tokens, r -> r.status() != 200);
        assertThat(onB.status()).isEqualTo(401);
        assertThat(onB.json().get("code").asString()).isEqualTo("invalid_token");
        Http.Reply login = b.http().login(APP_1, sim.code(APP_1, "fleet-disable"));
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.json().get("code").asString()).isEqualTo("user_disabled");

        assertThat(new Admin(b.http(), ADMIN_TOKEN).enable(tokens.userId()).status())
                .isEqualTo(200);
        Tokens again = Tokens.of(a.http().login(APP_1, sim.code(APP_1, "fleet-disable")));
        assertThat(b.http().me(again.bearer()).json().get("id").asString()).isEqualTo(tokens.userId());
    }

    @Test
    void anIdentityUnlinkedOnOneInstanceEndsItsSessionsOnTheOtherAtOnce() throws Exception {
        Tokens tokens = Tokens.of(a.http().login(APP_1, sim.code(APP_1, "fleet-unlink")));
        Http.Reply linked = a.http()
                .withBearer(
                        "POST",
                        "/v1/me/identities",
                        tokens.access(),
                        "{\"appId\":\"" + APP_3 + "\",\"code\":\"" + sim.code(APP_3, "fleet-unlink-3") + "\"}");
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        Tokens throughApp3 = Tokens.of(a.http().login(APP_3, sim.code(APP_3, "fleet-unlink-3")));
        assertThat(b.http().me(throughApp3.bearer()).status())
                .as("live, and cached so on B")
                .isEqualTo(200);

        Http.Reply unlinked = a.http()
                .withBearer(
                        "DELETE",
                        "/v1/me/identities/"
                                + linked.json().get("identity").get("id").asString(),
                        tokens.access(),
                        null);

        assertThat(unlinked.status()).as(unlinked.body()).isEqualTo(204);
        Http.Reply onB = meOnceItShows(b, throughApp3, r -> r.status() != 200);
        assertThat(onB.status()).isEqualTo(401);
        assertThat(onB.json().get("code").asString()).isEqualTo("invalid_token");
        assertThat(b.http().me(tokens.bearer()).status()).isEqualTo(200);
    }

    @Test
    void aMergeOnOneInstanceIsShownByTheOtherAtOnce() throws Exception {
        Tokens from = Tokens.of(a.http().login(APP_3, sim.code(APP_3, "fleet-merge-from")));
        String phoneCode = sim.http()
                .postJson("/sim/phone-code", Map.of("appId", APP_3, "user", "fleet-merge-from"))
                .json()
                .get("code")
                .asString();
        Http.Reply bound =
                a.http().withBearer("POST", "/v1/me/phone", from.access(), "{\"code\":\"" + phoneCode + "\"}");
        assertThat(bound.status()).as(bound.body()).isEqualTo(200);
        Tokens into = Tokens.of(a.http().login(APP_1, sim.code(APP_1, "fleet-merge-into")));
        assertThat(b.http().me(into.bearer()).json().get("phoneNumber").isNull())
                .as("cached on B without a phone")
                .isTrue();
        assertThat(b.http().me(from.bearer()).status()).isEqualTo(200);

        Http.Reply merged = new Admin(a.http(), ADMIN_TOKEN).merge(into.userId(), from.userId());

        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        Http.Reply intoOnB =
                meOnceItShows(b, into, r -> !r.json().get("phoneNumber").isNull());
        assertThat(intoOnB.json().get("phoneNumber").asString())
                .isEqualTo(bound.json().get("phoneNumber").asString());
        Http.Reply fromOnB = meOnceItShows(b, from, r -> r.status() != 200);
        assertThat(fromOnB.status()).isEqualTo(401);
    }

    /**
     * {@code GET /v1/me} on {@code instance} until {@code shown} holds, 10 s at most. The news of a
     * change reaches the other instance through Redis, on its subscription's thread rather than inside
     * the request that made it; without the news, the instance would answer its copy for 10 minutes.
     */
    private static Http.Reply meOnceItShows(TestService instance, Tokens tokens, Predicate<Http.Reply> shown)
            throws InterruptedException {
        return once(() -> instance.http().me(tokens.bearer()), shown, Duration.ofSeconds(10));
    }

    /** What {@code ask} answers once {@code shown} holds, or its last answer after {@code atMost}. */
    private static <T> T once(Supplier<T> ask, Predicate<T> shown, Duration atMost) throws InterruptedException {
        Instant giveUp = Instant.now().plus(atMost);
        T answer = ask.get();
        while (!shown.test(answer) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(20);
            answer = ask.get();
        }
        return answer;
    }

    @Test
    void aKeyRotatedOnOneInstanceSignsPublishesAndVerifiesOnTheOtherAtOnce() throws Exception {
        List<String> before = jwksKids(b);
        Http.Reply rotated = new Admin(a.http(), ADMIN_TOKEN).rotateSigningKey();
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String kid = rotated.json().get("kid").asString();

        // Nothing but the news tells B: no token of the new key, nor its JWKS, has been asked of it yet.
        Tokens signedByB = once(
                () -> Tokens.of(b.http().login(APP_1, sim.code(APP_1, "fleet-rotation-b"))),
                t -> t.kid().equals(kid),
                Duration.ofSeconds(10));
        assertThat(signedByB.kid()).as("the key B signs with").isEqualTo(kid);
        assertThat(jwksKids(b)).containsExactly(kid, before.get(0));
        Tokens signedByA = Tokens.of(a.http().login(APP_1, sim.code(APP_1, "fleet-rotation-a")));
        assertThat(signedByA.kid()).isEqualTo(kid);
        assertThat(b.http().me(signedByA.bearer()).status()).isEqualTo(200);
        assertThat(a.http().me(signedByB.bearer()).status()).isEqualTo(200);
    }

    @Test
    void whatChangedWhileTheOtherWasCutOffFromRedisIsSeenThereOnceItIsBack() throws Exception {
        Tokens ended = Tokens.of(a.http().login(APP_1, sim.code(APP_1, "fleet-gap")));
        Tokens kept = Tokens.of(a.http().login(APP_1, sim.code(APP_1, "fleet-gap")));
        // B holds both sessions as live, and the user as it is.
        assertThat(b.http().me(ended.bearer()).status()).isEqualTo(200);
        assertThat(b.http().me(kept.bearer()).json().get("nickname").isNull()).isTrue();

        // B's subscription is cut, and cannot come back until its Redis user is let in again.
        TestRedis.onServer(r -> r.sync().aclSetuser(B_USER, AclSetuserArgs.Builder.off()));
        try {
            assertThat(TestRedis.killSubscribers("user", B_USER)).isEqualTo(1);
            assertThat(a.http().logout(ended.access()).status()).isEqualTo(204);
            Http.Reply patched = a.http().withBearer("PATCH", "/v1/me", kept.access(), "{\"nickname\":\"Gap\"}");
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);

            assertThat(b.http().me(ended.bearer()).status())
                    .as("B missed the news")
                    .isEqualTo(200);
            assertThat(b.http().me(kept.bearer()).json().get("nickname").isNull())
                    .as("B missed the news")
                    .isTrue();
        } finally {
            TestRedis.onServer(r -> r.sync().aclSetuser(B_USER, AclSetuserArgs.Builder.on()));
        }

        // Lettuce reconnects B on its own, at growing intervals: a generous deadline, far below B's 10 minutes.
        Http.Reply refused = once(() -> b.http().me(ended.bearer()), r -> r.status() != 200, Duration.ofSeconds(60));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asString()).isEqualTo("invalid_token");
        Http.Reply changed = once(
                () -> b.http().me(kept.bearer()),
                r -> r.status() == 200 && !r.json().get("nickname").isNull(),
                Duration.ofSeconds(60));
        assertThat(changed.json().get("nickname").asString()).isEqualTo("Gap");
    }

    private static List<String> jwksKids(TestService instance) throws Exception {
        Http.Reply r = instance.http().get("/.well-known/jwks.json");
        assertThat(r.status()).isEqualTo(200);
        return JWKSet.parse(r.body()).getKeys().stream().map(JWK::getKeyID).toList();
    }

    @Test
    void healthIncludesRedis() {
        Http.Reply health = a.http().get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("components").get("redis").get("status").asString())
                .isEqualTo("UP");
    }
}
