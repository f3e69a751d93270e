package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static io.github.wxlogin.simulator.DemoApps.APP_3;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.testing.Concurrently;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/me/identities} over real HTTP, in dev mode with the simulator as WeChat: apps 1 and 2
 * share an open-platform group (one unionid), app 3 has none. The list; a link (a fresh login code of
 * the other app, traded once), answered the same when repeated; refusals that change nothing (another
 * user's identity or unionid, a second identity in one app); an unlink that ends that app's sessions at
 * once; the last identity kept; concurrent links of one identity (one wins); each change audited.
 */
class IdentitiesTest {

    static final String ADMIN_TOKEN = "adm-" + UUID.randomUUID();

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.devWithAdmin(ADMIN_TOKEN);

    static Identities identities;

    @BeforeAll
    static void start() {
        identities = new Identities(dev.service());
    }

    static String openid(String appId, String user) {
        return dev.sim().session(appId, user).get("openid").asString();
    }

    // --- the list -------------------------------------------------------------------------------

    @Test
    void aUsersIdentitiesInEveryAppAreListedWithTheirIdsPlatformAndTimes() {
        Instant before = Instant.now().minusSeconds(1);
        Tokens first = dev.service().login(APP_1, "ids-list");
        dev.service().login(APP_2, "ids-list");

        List<JsonNode> listed = identities.listed(first);

        assertThat(listed).extracting(i -> i.get("appId").asString()).containsExactlyInAnyOrder(APP_1, APP_2);
        String unionid = dev.sim().session(APP_1, "ids-list").get("unionid").asString();
        for (JsonNode identity : listed) {
            String app = identity.get("appId").asString();
            assertThat(identity.get("openid").asString()).isEqualTo(openid(app, "ids-list"));
            assertThat(identity.get("unionid").asString()).isEqualTo(unionid);
            Instant created = Instant.parse(identity.get("createdAt").asString());
            assertThat(created).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            assertThat(Instant.parse(identity.get("lastLoginAt").asString())).isAfterOrEqualTo(created);
        }
        assertThat(listed).extracting(i -> i.get("id").asString()).doesNotHaveDuplicates();
        assertThat(identities.listed(first))
                .as("the same ids at every call")
                .extracting(i -> i.get("id").asString())
                .containsExactlyElementsOf(
                        listed.stream().map(i -> i.get("id").asString()).toList());
    }

    // --- linking --------------------------------------------------------------------------------

    @Test
    void anIdentityOfAnAppWithoutAGroupJoinsTheCallersUser() {
        Tokens alice = dev.service().login(APP_1, "link-alice");

        JsonNode linked = identities.linked(alice, APP_3, "link-alice-3");

        JsonNode identity = linked.get("identity");
        assertThat(identity.get("appId").asString()).isEqualTo(APP_3);
        assertThat(identity.get("openid").asString()).isEqualTo(openid(APP_3, "link-alice-3"));
        assertThat(identity.get("unionid").isNull()).isTrue();
        assertThat(linked.get("user").get("id").asString()).isEqualTo(alice.userId());
        assertThat(linked.get("user").get("openid").asString())
                .as("the caller's openid in the app it came through")
                .isEqualTo(alice.user().get("openid").asString());
        assertThat(linked.toString()).doesNotContain(dev.sim().sessionKey(APP_3, "link-alice-3"));
        assertThat(identities.listed(alice))
                .extracting(i -> i.get("appId").asString())
                .containsExactlyInAnyOrder(APP_1, APP_3);
        Tokens throughApp3 = dev.service().login(APP_3, "link-alice-3");
        assertThat(throughApp3.userId()).as("the identity logs in to alice now").isEqualTo(alice.userId());
        assertThat(throughApp3.newUser()).isFalse();
        assertThat(audited(alice.userId(), "identity_linked")).singleElement().satisfies(e -> {
            assertThat(e.get("appId").asString()).isEqualTo(APP_3);
            assertThat(e.get("sessionId").asString()).isEqualTo(alice.sid());
            assertThat(e.get("detail").asString()).contains(identity.get("id").asString());
        });
    }

    @Test
    void anIdentityOfTheCallersGroupBringsItsUnionid() {
        Tokens bob = dev.service().login(APP_3, "link-bob");

        JsonNode linked = identities.linked(bob, APP_1, "link-bob-1");

        assertThat(linked.get("identity").get("unionid").asString())
                .isEqualTo(dev.sim().session(APP_1, "link-bob-1").get("unionid").asString());
        assertThat(dev.service().login(APP_2, "link-bob-1").userId())
                .as("the group's other app finds bob through that unionid")
                .isEqualTo(bob.userId());
    }

    @Test
    void linkingAnIdentityTheCallerHasIsAnsweredAsTheFirstTime() {
        Tokens carol = dev.service().login(APP_1, "link-carol");
        JsonNode first = identities.linked(carol, APP_3, "link-carol-3");

        JsonNode again = identities.linked(carol, APP_3, "link-carol-3");

        assertThat(again.get("identity").get("id"))
                .isEqualTo(first.get("identity").get("id"));
        assertThat(again.get("identity").get("createdAt"))
                .isEqualTo(first.get("identity").get("createdAt"));
        assertThat(again.get("user").get("id").asString()).isEqualTo(carol.userId());
        assertThat(identities.listed(carol)).hasSize(2);
        assertThat(audited(carol.userId(), "identity_linked")).hasSize(1);
    }

    @Test
    void theSameCodeAgainIsCodeUsedAndReachesWeChatOnce() {
        Tokens dan = dev.service().login(APP_1, "link-dan");
        String code = dev.sim().code(APP_3, "link-dan-3");
        assertThat(identities.link(dan.access(), APP_3, code).status()).isEqualTo(200);
        long calls = dev.sim().code2SessionCalls();

        assertProblem(identities.link(dan.access(), APP_3, code), 401, "code_used");

        assertThat(dev.sim().code2SessionCalls()).isEqualTo(calls);
    }

    @Test
    void anotherUsersIdentityIsIdentityInUseAndNothingChanges() {
        Tokens erin = dev.service().login(APP_1, "link-erin");
        Tokens frank = dev.service().login(APP_3, "link-frank");
        String code = dev.sim().code(APP_3, "link-frank");
        var before = dev.service().snapshot();

        assertProblem(identities.link(erin.access(), APP_3, code), 409, "identity_in_use");

        assertThat(dev.service().snapshot()).isEqualTo(before);
        assertThat(identities.listed(erin)).hasSize(1);
        assertThat(dev.service().login(APP_3, "link-frank").userId()).isEqualTo(frank.userId());
    }

    @Test
    void anIdentityWhoseUnionidIsAnotherUsersIsIdentityInUse() {
        Tokens grace = dev.service().login(APP_1, "link-grace");
        Tokens heidi = dev.service().login(APP_3, "link-heidi");
        // grace's unionid is grace's user's: her app-2 identity, not known yet, is the same person.
        String code = dev.sim().code(APP_2, "link-grace");
        var before = dev.service().snapshot();

        JsonNode problem = assertProblem(identities.link(heidi.access(), APP_2, code), 409, "identity_in_use");

        assertThat(problem.get("detail").asString()).contains("unionid");
        assertThat(dev.service().snapshot()).isEqualTo(before);
        assertThat(dev.service().login(APP_2, "link-grace").userId()).isEqualTo(grace.userId());
    }

    @Test
    void aSecondIdentityInOneAppIsIdentityInUseWithAClearDetail() {
        Tokens ivan = dev.service().login(APP_1, "link-ivan");
        String code = dev.sim().code(APP_1, "link-ivan-other");
        var before = dev.service().snapshot();

        JsonNode problem = assertProblem(identities.link(ivan.access(), APP_1, code), 409, "identity_in_use");

        assertThat(problem.get("detail").asString())
                .contains("already has an identity in app " + APP_1)
                .contains("one identity per app");
        assertThat(dev.service().snapshot()).isEqualTo(before);
    }

    @Test
    void aMalformedLinkIsRefusedBeforeWeChatIsAsked() {
        Tokens judy = dev.service().login(APP_1, "link-judy");
        long calls = dev.sim().code2SessionCalls();

        assertProblem(identities.link(judy.access(), "wx9999999999999999", "0123456789abcdef"), 400, "unknown_app");
        assertProblem(identities.link(judy.access(), APP_3, ""), 400, "invalid_request");
        assertProblem(identities.link(judy.access(), APP_3, null), 400, "invalid_request");
        assertProblem(identities.link(judy.access(), "not an appid", "abc"), 400, "invalid_request");
        assertProblem(identities.link(judy.access(), null, "abc"), 400, "invalid_request");
        assertProblem(
                dev.http().withBearer("POST", Identities.PATH, judy.access(), "{\"appId\":"), 400, "invalid_request");

        assertThat(dev.sim().code2SessionCalls()).isEqualTo(calls);
    }

    @Test
    void ofConcurrentLinksOfOneIdentityToManyUsersExactlyOneWins() throws Exception {
        int n = 8;
        List<Tokens> users = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(dev.service().login(APP_1, "link-race-" + i));
            codes.add(dev.sim().code(APP_3, "link-race-prize"));
        }

        List<Http.Reply> replies =
                Concurrently.run(n, i -> identities.link(users.get(i).access(), APP_3, codes.get(i)));

        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (replies.get(i).status() == 200) {
                winners.add(i);
            } else {
                assertProblem(replies.get(i), 409, "identity_in_use");
            }
        }
        assertThat(winners).as("%s", replies).hasSize(1);
        String winner = users.get(winners.get(0)).userId();
        assertThat(dev.service()
                        .jdbc()
                        .sql("SELECT user_id FROM wx_identities WHERE app_id = ? AND openid = ?")
                        .params(APP_3, openid(APP_3, "link-race-prize"))
                        .query(String.class)
                        .list())
                .containsExactly(winner);
        for (int i = 0; i < n; i++) {
            assertThat(identities.listed(users.get(i))).hasSize(winners.contains(i) ? 2 : 1);
        }
    }

    // --- unlinking ------------------------------------------------------------------------------

    @Test
    void unlinkingEndsThatAppsSessionsAtOnceAndTheIdentitysNextLoginMakesANewUser() {
        Tokens kim = dev.service().login(APP_1, "unlink-kim");
        identities.linked(kim, APP_3, "unlink-kim-3");
        Tokens throughApp3 = dev.service().login(APP_3, "unlink-kim-3");
        assertThat(dev.http().me(throughApp3.bearer()).status()).isEqualTo(200);
        String id = identities.idIn(kim, APP_3);

        Http.Reply r = identities.unlink(kim.access(), id);

        assertThat(r.status()).as("%s", r).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertProblem(dev.http().me(throughApp3.bearer()), 401, "invalid_token");
        assertProblem(dev.http().refresh(throughApp3.refresh()), 401, "invalid_token");
        assertThat(dev.http().me(kim.bearer()).status())
                .as("the other app's session goes on")
                .isEqualTo(200);
        assertThat(identities.listed(kim))
                .extracting(i -> i.get("appId").asString())
                .containsExactly(APP_1);
        Tokens again = dev.service().login(APP_3, "unlink-kim-3");
        assertThat(again.newUser()).isTrue();
        assertThat(again.userId()).isNotEqualTo(kim.userId());
        assertThat(audited(kim.userId(), "identity_unlinked")).singleElement().satisfies(e -> {
            assertThat(e.get("appId").asString()).isEqualTo(APP_3);
            assertThat(e.get("detail").asString()).contains(id);
        });
        assertThat(audited(kim.userId(), "session_ended"))
                .singleElement()
                .satisfies(e -> assertThat(e.get("sessionId").asString()).isEqualTo(throughApp3.sid()));
    }

    @Test
    void unlinkingTheIdentityOfTheCallersOwnAppEndsTheCallersSessionToo() {
        Tokens leo = dev.service().login(APP_3, "unlink-leo");
        identities.linked(leo, APP_1, "unlink-leo-1");
        Tokens throughApp1 = dev.service().login(APP_1, "unlink-leo-1");

        assertThat(identities
                        .unlink(throughApp1.access(), identities.idIn(leo, APP_3))
                        .status())
                .isEqualTo(204);

        assertProblem(dev.http().me(leo.bearer()), 401, "invalid_token");
        assertThat(identities.listed(throughApp1))
                .extracting(i -> i.get("appId").asString())
                .containsExactly(APP_1);
    }

    @Test
    void theLastIdentityIsLastIdentityAndStays() {
        Tokens mia = dev.service().login(APP_3, "unlink-mia");
        var before = dev.service().snapshot();

        assertProblem(identities.unlink(mia.access(), identities.idIn(mia, APP_3)), 409, "last_identity");

        assertThat(dev.service().snapshot()).isEqualTo(before);
        assertThat(dev.http().me(mia.bearer()).status()).isEqualTo(200);
    }

    @Test
    void anIdThatIsNotAmongTheCallersIdentitiesIsNotFound() {
        Tokens nina = dev.service().login(APP_1, "unlink-nina");
        identities.linked(nina, APP_3, "unlink-nina-3");
        Tokens oscar = dev.service().login(APP_3, "unlink-oscar");

        assertProblem(identities.unlink(nina.access(), identities.idIn(oscar, APP_3)), 404, "not_found");
        assertProblem(identities.unlink(nina.access(), "i_AAAAAAAAAAAAAAAAAAAAAA"), 404, "not_found");
        assertProblem(identities.unlink(nina.access(), "nothing-like-an-id"), 404, "not_found");

        assertThat(identities.listed(nina)).hasSize(2);
        assertThat(identities.listed(oscar)).hasSize(1);
    }

    // --- the credential -------------------------------------------------------------------------

    @Test
    void everyCallWithoutAValidAccessTokenIsInvalidToken() {
        Tokens pia = dev.service().login(APP_1, "ids-no-token");
        String id = identities.idIn(pia, APP_1);

        for (String token : new String[] {null, "not-a-jwt"}) {
            assertProblem(identities.list(token), 401, "invalid_token");
            assertProblem(identities.link(token, APP_3, dev.sim().code(APP_3, "ids-no-token-3")), 401, "invalid_token");
            assertProblem(identities.unlink(token, id), 401, "invalid_token");
        }
        assertThat(identities.listed(pia)).hasSize(1);
    }

    /** The audit events of one type about a user, newest first, through the admin API. */
    static List<JsonNode> audited(String userId, String type) {
        return dev.service().admin().allEvents(50, "userId", userId).stream()
                .filter(e -> e.get("type").asString().equals(type))
                .toList();
    }
}
