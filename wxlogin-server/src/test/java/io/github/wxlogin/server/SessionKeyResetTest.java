package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.fields;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static io.github.wxlogin.simulator.DemoApps.APP_3;
import static io.github.wxlogin.simulator.DemoApps.QQ_APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /admin/v1/users/{id}/reset-session-key} over real HTTP: WeChat's resetusersessionkey gives
 * the identity a new session_key, which the service stores as current (the old one kept in grace, as a
 * rotating login does) and never answers; data under the new key then opens. Refusals: an unknown user
 * 404, no WeChat identity or a non-WeChat app 400 {@code unsupported}, several WeChat identities and no
 * {@code appId} 400 {@code invalid_request}, a stored key WeChat no longer holds 409
 * {@code session_key_stale}, WeChat failing 503; the admin credential as for every admin call.
 */
class SessionKeyResetTest {

    static final String ADMIN_TOKEN = "reset-admin-" + UUID.randomUUID();
    private static final Map<String, Object> PROFILE = Map.of("nickName", "Reset");

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.devWithAdmin(ADMIN_TOKEN);

    static WeChatData wx;
    static SessionKeyData keys;

    @BeforeAll
    static void start() {
        wx = new WeChatData(dev.service());
        keys = new SessionKeyData(dev.service());
    }

    @Test
    void aResetStoresWeChatsNewKeyAndAnswersNoKey() {
        Tokens ann = dev.service().login(APP_1, "reset-ann");
        String oldKey = dev.sim().sessionKey(APP_1, "reset-ann");
        JsonNode underOldKey = wx.openData(APP_1, "reset-ann", PROFILE);
        Instant before = Instant.now().minusSeconds(5);

        Http.Reply r = keys.reset(ann.userId(), null);

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(fields(r.json())).containsExactlyInAnyOrder("userId", "appId", "openid", "sessionKeyChangedAt");
        assertThat(r.json().get("userId").asString()).isEqualTo(ann.userId());
        assertThat(r.json().get("appId").asString()).isEqualTo(APP_1);
        assertThat(r.json().get("openid").asString())
                .isEqualTo(ann.user().get("openid").asString());
        assertThat(Instant.parse(r.json().get("sessionKeyChangedAt").asString()))
                .isAfter(before);
        String newKey = dev.sim().sessionKey(APP_1, "reset-ann");
        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(r.body()).doesNotContain(newKey).doesNotContain(oldKey);

        // Data WeChat makes now opens under the stored key, and data of the old key still has its grace.
        Http.Reply fresh = wx.decrypt(ann, WeChatData.cipherOnly(wx.openData(APP_1, "reset-ann", PROFILE)));
        assertThat(fresh.status()).as("%s", fresh).isEqualTo(200);
        assertThat(wx.decrypt(ann, WeChatData.cipherOnly(underOldKey)).status()).isEqualTo(200);
        // Audited, with the app.
        JsonNode events =
                dev.service().admin().audit("userId", ann.userId()).json().get("events");
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("type").asString()).isEqualTo("session_key_reset");
            assertThat(e.get("appId").asString()).isEqualTo(APP_1);
        });
    }

    @Test
    void anEmptyObjectOrAnAppIdBodyWorksToo() {
        Tokens bea = dev.service().login(APP_1, "reset-bea");
        assertThat(keys.reset(bea.userId(), "{}").status()).isEqualTo(200);
        assertThat(keys.reset(bea.userId(), "{\"appId\":\"" + APP_1 + "\"}").status())
                .isEqualTo(200);
        Http.Reply r = wx.decrypt(bea, WeChatData.cipherOnly(wx.openData(APP_1, "reset-bea", PROFILE)));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
    }

    @Test
    void severalWeChatIdentitiesNeedAnAppId() {
        // One user in apps 1 and 2 (one unionid group), and in app 3 once linked.
        Tokens cai = dev.service().login(APP_1, "reset-cai");
        Tokens inApp2 = dev.service().login(APP_2, "reset-cai");
        assertThat(inApp2.userId()).isEqualTo(cai.userId());
        String app1Key = dev.sim().sessionKey(APP_1, "reset-cai");

        JsonNode problem = assertProblem(keys.reset(cai.userId(), null), 400, "invalid_request");
        assertThat(problem.get("detail").asString())
                .contains(APP_1)
                .contains(APP_2)
                .contains("appId");

        Http.Reply r = keys.reset(cai.userId(), "{\"appId\":\"" + APP_2 + "\"}");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("appId").asString()).isEqualTo(APP_2);
        assertThat(dev.sim().sessionKey(APP_1, "reset-cai"))
                .as("app 1's key untouched")
                .isEqualTo(app1Key);
        assertProblem(keys.reset(cai.userId(), "{\"appId\":\"" + APP_3 + "\"}"), 400, "invalid_request");
        assertProblem(keys.reset(cai.userId(), "{\"appId\":\"wx_nope\"}"), 400, "unknown_app");
    }

    @Test
    void noWeChatIdentityIsUnsupported() {
        Tokens qq = dev.service().login(QQ_APP_1, "reset-qq");
        long before = keys.calls(SessionKeyData.RESET_SESSION_KEY);

        assertProblem(keys.reset(qq.userId(), null), 400, "unsupported");
        assertProblem(keys.reset(qq.userId(), "{\"appId\":\"" + QQ_APP_1 + "\"}"), 400, "unsupported");
        assertThat(keys.calls(SessionKeyData.RESET_SESSION_KEY)).isEqualTo(before);
    }

    @Test
    void anUnknownUserIsNotFound() {
        assertProblem(keys.reset("u_nobody", null), 404, "not_found");
    }

    @Test
    void aKeyWeChatNoLongerHoldsIsStaleAndNothingChanges() {
        Tokens dee = dev.service().login(APP_1, "reset-dee");
        keys.rotateBehindTheService(APP_1, "reset-dee");
        String weChatsKey = dev.sim().sessionKey(APP_1, "reset-dee");

        assertProblem(keys.reset(dee.userId(), null), 409, "session_key_stale");

        assertThat(dev.sim().sessionKey(APP_1, "reset-dee")).isEqualTo(weChatsKey);
        // A login stores WeChat's key: the reset then works.
        Tokens again = dev.service().login(APP_1, "reset-dee");
        assertThat(keys.reset(again.userId(), null).status()).isEqualTo(200);
    }

    @Test
    void weChatFailingIsUpstreamUnavailable() {
        Tokens eve = dev.service().login(APP_1, "reset-eve");
        dev.sim().fault(Map.of("path", SessionKeyData.RESET_SESSION_KEY, "httpStatus", 502, "count", 1));

        Http.Reply r = keys.reset(eve.userId(), null);

        assertProblem(r, 503, "upstream_unavailable");
        assertThat(r.header("Retry-After")).isPresent();
        // The stored key is WeChat's still: data opens.
        assertThat(wx.decrypt(eve, WeChatData.cipherOnly(wx.openData(APP_1, "reset-eve", PROFILE)))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theAdminCredentialIsRequired() {
        Tokens fay = dev.service().login(APP_1, "reset-fay");
        long before = keys.calls(SessionKeyData.RESET_SESSION_KEY);

        assertProblem(
                dev.service().admin().as(null).call("POST", "/users/" + fay.userId() + "/reset-session-key", null),
                401,
                "invalid_token");
        assertProblem(
                dev.service()
                        .admin()
                        .as(fay.access())
                        .call("POST", "/users/" + fay.userId() + "/reset-session-key", "{}"),
                401,
                "invalid_token");
        assertThat(keys.calls(SessionKeyData.RESET_SESSION_KEY)).isEqualTo(before);
    }
}
