package io.github.wxlogin.server;

import static io.github.wxlogin.simulator.DemoApps.DOUYIN_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.testing.Concurrently;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Guests under concurrency, held by the (app, openid) and (group, unionid) constraints: a device's
 * guest is made once; its upgrade happens once; a guest's first login racing its device's real login,
 * and two users racing for one device's guest, never leave a user with two identities in one app or an
 * identity on two users. The assertions are what holds whichever request wins.
 */
class DouyinGuestRaceTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    static DouyinSim douyin;

    @BeforeEach
    void resetSimulator() {
        douyin = DouyinSim.of(dev.service());
        dev.sim().reset();
    }

    private static long count(String sql, Object... params) {
        return dev.service().jdbc().sql(sql).params(params).query(Long.class).single();
    }

    /** Every user with an identity in the app has exactly one there. */
    private static void assertOneIdentityPerUserInTheApp() {
        assertThat(count(
                        "SELECT COUNT(*) FROM (SELECT user_id FROM wx_identities WHERE app_id = ? "
                                + "GROUP BY user_id HAVING COUNT(*) > 1) t",
                        DOUYIN_1))
                .as("users with two identities in one app")
                .isZero();
    }

    private static String userId(Http.Reply reply) {
        return Contract.assertSession(reply).get("user").get("id").asString();
    }

    @Test
    void twentyConcurrentFirstGuestLoginsOfOneDeviceMakeOneGuest() throws Exception {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            codes.add(douyin.anonymousCode(DOUYIN_1, "dy-race-guest"));
        }
        long usersBefore = dev.service().count("wx_users");

        List<Http.Reply> replies = Concurrently.run(20, i -> douyin.serviceLogin(DOUYIN_1, null, codes.get(i)));

        List<JsonNode> sessions = replies.stream().map(Contract::assertSession).toList();
        assertThat(sessions.stream()
                        .map(s -> s.get("user").get("id").asString())
                        .distinct())
                .hasSize(1);
        assertThat(sessions.stream().filter(s -> s.get("newUser").asBoolean())).hasSize(1);
        assertThat(sessions)
                .allSatisfy(s ->
                        assertThat(s.get("user").get("anonymous").asBoolean()).isTrue());
        assertThat(dev.service().count("wx_users")).as("no orphan user rows").isEqualTo(usersBefore + 1);
    }

    @Test
    void twentyConcurrentRealLoginsOfAGuestsDeviceUpgradeItOnce() throws Exception {
        String guestId = userId(douyin.serviceLogin(DOUYIN_1, null, douyin.anonymousCode(DOUYIN_1, "dy-race-up")));
        List<DouyinSim.Codes> codes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            codes.add(douyin.login(DOUYIN_1, "dy-race-up"));
        }
        Map<String, Long> before = dev.service().rowCounts();

        List<Http.Reply> replies = Concurrently.run(20, i -> douyin.serviceLogin(DOUYIN_1, codes.get(i)));

        List<JsonNode> sessions = replies.stream().map(Contract::assertSession).toList();
        assertThat(sessions).allSatisfy(s -> {
            assertThat(s.get("user").get("id").asString()).isEqualTo(guestId);
            assertThat(s.get("newUser").asBoolean()).isFalse();
            assertThat(s.get("user").has("anonymous")).isFalse();
        });
        Map<String, Long> after = dev.service().rowCounts();
        assertThat(after.get("wx_users")).isEqualTo(before.get("wx_users"));
        assertThat(after.get("wx_identities"))
                .as("the guest identity gave way to the real one")
                .isEqualTo(before.get("wx_identities"));
        assertThat(after.get("wx_unions")).isEqualTo(before.get("wx_unions") + 1);
        String anonymousOpenid =
                douyin.session(DOUYIN_1, "dy-race-up").get("anonymousOpenid").asString();
        assertThat(count(
                        "SELECT COUNT(*) FROM wx_identities WHERE app_id = ? AND openid = ?",
                        DOUYIN_1,
                        anonymousOpenid))
                .isZero();
    }

    @Test
    void aDevicesFirstGuestLoginsRacingItsRealLoginsLeaveOneRealIdentityAndNoUserWithTwo() throws Exception {
        String device = "dy-race-mixed";
        List<String> anonymousCodes = new ArrayList<>();
        List<DouyinSim.Codes> realCodes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            anonymousCodes.add(douyin.anonymousCode(DOUYIN_1, device));
            realCodes.add(douyin.login(DOUYIN_1, device));
        }

        List<Http.Reply> replies = Concurrently.run(
                20,
                i -> i % 2 == 0
                        ? douyin.serviceLogin(DOUYIN_1, null, anonymousCodes.get(i / 2))
                        : douyin.serviceLogin(DOUYIN_1, realCodes.get(i / 2)));

        List<JsonNode> guests = new ArrayList<>();
        List<JsonNode> reals = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            (i % 2 == 0 ? guests : reals)
                    .add(Contract.assertSession(replies.get(i)).get("user"));
        }
        Set<String> realIds = reals.stream().map(u -> u.get("id").asString()).collect(Collectors.toSet());
        assertThat(realIds).hasSize(1);
        String realId = realIds.iterator().next();
        assertThat(reals).allSatisfy(u -> assertThat(u.has("anonymous")).isFalse());
        assertThat(guests)
                .allSatisfy(u -> assertThat(u.get("anonymous").asBoolean()).isTrue());
        // A guest made after the upgrade is merged into the real user by the next real login, or stays a
        // guest of its own: anonymous, with its one identity.
        Set<String> guestIds = guests.stream().map(u -> u.get("id").asString()).collect(Collectors.toSet());
        for (String guestId : guestIds) {
            if (!guestId.equals(realId)) {
                assertThat(count(
                                "SELECT COUNT(*) FROM wx_identities WHERE user_id = ? AND anonymous = ?",
                                guestId,
                                false))
                        .isZero();
                assertThat(count("SELECT COUNT(*) FROM wx_identities WHERE user_id = ?", guestId))
                        .isLessThanOrEqualTo(1);
            }
        }
        assertThat(count("SELECT COUNT(*) FROM wx_identities WHERE user_id = ? AND anonymous = ?", realId, true))
                .isZero();
        String openid = douyin.session(DOUYIN_1, device).get("openid").asString();
        assertThat(count("SELECT COUNT(*) FROM wx_identities WHERE app_id = ? AND openid = ?", DOUYIN_1, openid))
                .isEqualTo(1);
        assertOneIdentityPerUserInTheApp();
    }

    @Test
    void twoUsersRacingForOneDevicesGuestLeaveItToExactlyOneOfThem() throws Exception {
        String device = "dy-race-shared";
        String guestId = userId(douyin.serviceLogin(DOUYIN_1, null, douyin.anonymousCode(DOUYIN_1, device)));
        List<DouyinSim.Codes> codes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            codes.add(douyin.login(DOUYIN_1, "dy-race-x", device));
            codes.add(douyin.login(DOUYIN_1, "dy-race-y", device));
        }

        List<Http.Reply> replies = Concurrently.run(20, i -> douyin.serviceLogin(DOUYIN_1, codes.get(i)));

        Set<String> xIds = new java.util.HashSet<>();
        Set<String> yIds = new java.util.HashSet<>();
        for (int i = 0; i < replies.size(); i++) {
            (i % 2 == 0 ? xIds : yIds).add(userId(replies.get(i)));
        }
        assertThat(xIds).hasSize(1);
        assertThat(yIds).hasSize(1);
        assertThat(xIds).doesNotContainAnyElementsOf(yIds);
        assertThat(List.of(xIds.iterator().next(), yIds.iterator().next()))
                .as("exactly one of them is the guest's user")
                .containsOnlyOnce(guestId);
        assertOneIdentityPerUserInTheApp();
    }

    @Test
    void concurrentRealLoginsOfAKnownUserOnAGuestsDeviceMergeTheGuestOnce() throws Exception {
        String realId = userId(douyin.serviceLogin(DOUYIN_1, douyin.login(DOUYIN_1, "dy-race-merge")));
        String guestId =
                userId(douyin.serviceLogin(DOUYIN_1, null, douyin.anonymousCode(DOUYIN_1, "dy-race-merge-phone")));
        List<DouyinSim.Codes> codes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            codes.add(douyin.login(DOUYIN_1, "dy-race-merge", "dy-race-merge-phone"));
        }

        List<Http.Reply> replies = Concurrently.run(20, i -> douyin.serviceLogin(DOUYIN_1, codes.get(i)));

        assertThat(replies.stream().map(DouyinGuestRaceTest::userId)).containsOnly(realId);
        assertThat(count("SELECT COUNT(*) FROM wx_users WHERE id = ?", guestId)).isZero();
        assertThat(count(
                        "SELECT COUNT(*) FROM wx_audit WHERE event_type = 'user_merged' AND detail LIKE ?",
                        "%" + guestId + "%"))
                .isEqualTo(1);
        assertOneIdentityPerUserInTheApp();
    }
}
