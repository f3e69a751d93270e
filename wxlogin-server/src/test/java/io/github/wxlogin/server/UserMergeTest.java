package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_3;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /admin/v1/users/{id}/merge} over real HTTP: the {@code from} user's identities, phone and
 * history move to {@code {id}}, its sessions end at once, and it is deleted, in one unit of work; two
 * users with identities in one app are refused and both stay as they were.
 */
class UserMergeTest {

    static final String ADMIN_TOKEN = "adm-" + UUID.randomUUID();

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.devWithAdmin(ADMIN_TOKEN);

    static Admin admin;
    static WeChatData wx;

    @BeforeAll
    static void start() {
        admin = dev.service().admin();
        wx = new WeChatData(dev.service());
    }

    @Test
    void theUserMergedAwayGivesItsIdentitiesPhoneAndHistoryLosesItsSessionsAndIsDeleted() {
        Tokens from = dev.service().login(APP_3, "merge-from");
        Tokens fromAgain = dev.service().login(APP_3, "merge-from");
        wx.bindWithCode(from, APP_3, "merge-from", "13912340001");
        Tokens into = dev.service().login(APP_1, "merge-into");
        assertThat(wx.me(into).get("phoneNumber").isNull())
                .as("cached without a phone")
                .isTrue();

        Http.Reply r = admin.merge(into.userId(), from.userId());

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode merged = r.json();
        assertThat(merged.get("id").asString()).isEqualTo(into.userId());
        assertThat(merged.get("phoneNumber").asString()).isEqualTo("13912340001");
        assertThat(merged.get("identities"))
                .extracting(i -> i.get("appId").asString())
                .containsExactlyInAnyOrder(APP_1, APP_3);
        assertThat(r.body()).doesNotContain(dev.sim().sessionKey(APP_3, "merge-from"));
        assertThat(wx.me(into).get("phoneNumber").asString())
                .as("GET /v1/me of the target, at once")
                .isEqualTo("13912340001");
        for (Tokens gone : List.of(from, fromAgain)) {
            assertProblem(dev.http().me(gone.bearer()), 401, "invalid_token");
            assertProblem(dev.http().refresh(gone.refresh()), 401, "invalid_token");
        }
        assertProblem(admin.user(from.userId()), 404, "not_found");
        assertThat(admin.allEvents(50, "userId", from.userId()))
                .as("no history left under the old id")
                .isEmpty();
        List<JsonNode> history = admin.allEvents(50, "userId", into.userId());
        assertThat(history)
                .filteredOn(e -> e.get("type").asString().equals("login"))
                .extracting(e -> e.get("sessionId").asString())
                .contains(from.sid(), fromAgain.sid(), into.sid());
        assertThat(history)
                .filteredOn(e -> e.get("type").asString().equals("session_ended"))
                .extracting(e -> e.get("sessionId").asString())
                .containsExactlyInAnyOrder(from.sid(), fromAgain.sid());
        assertThat(history)
                .filteredOn(e -> e.get("type").asString().equals("user_merged"))
                .singleElement()
                .satisfies(e -> assertThat(e.get("detail").asString())
                        .contains(from.userId())
                        .contains(into.userId()));
        Tokens later = dev.service().login(APP_3, "merge-from");
        assertThat(later.userId()).as("the identity logs in to the target").isEqualTo(into.userId());
        assertThat(later.newUser()).isFalse();
        assertThat(later.user().get("phoneNumber").asString()).isEqualTo("13912340001");
    }

    @Test
    void usersWithIdentitiesInOneAppAreIdentityInUseAndBothStayAsTheyWere() {
        Tokens a = dev.service().login(APP_1, "merge-same-a");
        Tokens b = dev.service().login(APP_1, "merge-same-b");
        wx.bindWithCode(a, APP_1, "merge-same-a", "13912340002");
        var before = dev.service().snapshot();

        JsonNode problem = assertProblem(admin.merge(b.userId(), a.userId()), 409, "identity_in_use");

        assertThat(problem.get("detail").asString()).contains(APP_1);
        assertThat(dev.service().snapshot()).as("nothing written").isEqualTo(before);
        assertThat(wx.me(a).get("phoneNumber").asString()).isEqualTo("13912340002");
        assertThat(wx.me(b).get("id").asString()).isEqualTo(b.userId());
    }

    @Test
    void aUserMergedIntoItselfOrWithoutFromIsInvalidRequestAndAnUnknownUserNotFound() {
        Tokens c = dev.service().login(APP_1, "merge-c");
        Tokens d = dev.service().login(APP_3, "merge-d");
        var before = dev.service().snapshot();

        assertProblem(admin.merge(c.userId(), c.userId()), 400, "invalid_request");
        assertProblem(admin.merge(c.userId(), null), 400, "invalid_request");
        assertProblem(admin.call("POST", "/users/" + c.userId() + "/merge", "{}"), 400, "invalid_request");
        assertProblem(admin.call("POST", "/users/" + c.userId() + "/merge", "{\"from\":"), 400, "invalid_request");
        assertProblem(admin.call("POST", "/users/" + c.userId() + "/merge", "{\"from\":7}"), 400, "invalid_request");
        assertProblem(admin.merge(c.userId(), "u_nobody"), 404, "not_found");
        assertProblem(admin.merge("u_nobody", d.userId()), 404, "not_found");

        assertThat(dev.service().snapshot()).isEqualTo(before);
    }

    @Test
    void withoutTheAdminCredentialAMergeIsInvalidTokenAndDoesNothing() {
        Tokens e = dev.service().login(APP_1, "merge-e");
        Tokens f = dev.service().login(APP_3, "merge-f");
        var before = dev.service().snapshot("wx_audit");

        assertProblem(admin.as(null).merge(e.userId(), f.userId()), 401, "invalid_token");
        assertProblem(admin.as("wrong").merge(e.userId(), f.userId()), 401, "invalid_token");
        assertProblem(admin.as(e.access()).merge(e.userId(), f.userId()), 401, "invalid_token");

        assertThat(dev.service().snapshot("wx_audit")).isEqualTo(before);
        assertThat(dev.http().me(f.bearer()).status()).isEqualTo(200);
    }
}
