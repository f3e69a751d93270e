package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.QQ_APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Session key health over real HTTP: when open data does not open under the stored keys, the service asks
 * WeChat's {@code checksession} (HMAC-SHA256 of the empty string under the stored key) before it answers.
 * A key WeChat no longer holds is {@code session_key_stale} as a fact; a key WeChat holds makes the data
 * someone else's ({@code invalid_request}); WeChat unable to answer keeps the answer of before
 * ({@code session_key_stale}, "log in again"). The same holds for the {@code encryptedData} form of
 * {@code POST /v1/me/phone}. A success asks nothing, and a client looping bad data makes one
 * checksession call per key, not one per request. QQ has no such check: its answer is as before.
 */
class SessionKeyHealthTest {

    private static final Map<String, Object> PROFILE = Map.of("nickName", "Health");
    private static final Map<String, Object> PHONE =
            Map.of("phoneNumber", "13900000077", "purePhoneNumber", "13900000077", "countryCode", "86");

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(
                    // One user loops bad data here: the per-user limit would stop the loop before the cache shows.
                    "--wxlogin.rate-limit.decrypt-per-user=0", "--wxlogin.rate-limit.phone-per-user=0")
            .databaseIndependent();

    static WeChatData wx;
    static SessionKeyData keys;

    @BeforeAll
    static void start() {
        wx = new WeChatData(dev.service());
        keys = new SessionKeyData(dev.service());
    }

    @Test
    void aKeyWeChatNoLongerHoldsIsStaleAsAFactAndALoginMendsIt() {
        Tokens ann = dev.service().login(APP_1, "health-ann");
        // A second wx.login() whose code the service never saw: WeChat's key moves, the service's stays.
        keys.rotateBehindTheService(APP_1, "health-ann");
        JsonNode fresh = wx.openData(APP_1, "health-ann", PROFILE);
        long before = keys.calls(SessionKeyData.CHECK_SESSION);

        JsonNode problem = assertProblem(wx.decrypt(ann, WeChatData.cipherOnly(fresh)), 409, "session_key_stale");

        assertThat(problem.get("detail").asString())
                .startsWith("WeChat no longer holds the session_key this service has for the user: log in again");
        assertThat(keys.calls(SessionKeyData.CHECK_SESSION)).isEqualTo(before + 1);
        // The same again, and the phone form: WeChat's word on this key is kept, not asked each time.
        for (int i = 0; i < 5; i++) {
            assertProblem(wx.decrypt(ann, WeChatData.cipherOnly(fresh)), 409, "session_key_stale");
        }
        assertProblem(
                wx.bindPhone(ann, WeChatData.cipherOnly(wx.openData(APP_1, "health-ann", PHONE))),
                409,
                "session_key_stale");
        assertThat(keys.calls(SessionKeyData.CHECK_SESSION)).isEqualTo(before + 1);

        // Logging in again stores WeChat's key of now: the data opens, with no checksession call.
        Tokens again = dev.service().login(APP_1, "health-ann");
        Http.Reply r = wx.decrypt(again, WeChatData.cipherOnly(wx.openData(APP_1, "health-ann", PROFILE)));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(keys.calls(SessionKeyData.CHECK_SESSION)).isEqualTo(before + 1);
    }

    @Test
    void aKeyWeChatHoldsMakesTheDataAnothersInvalidRequest() {
        Tokens bea = dev.service().login(APP_1, "health-bea");
        dev.service().login(APP_1, "health-eve");
        JsonNode evesData = wx.openData(APP_1, "health-eve", PROFILE);
        long before = keys.calls(SessionKeyData.CHECK_SESSION);

        JsonNode problem = assertProblem(wx.decrypt(bea, WeChatData.cipherOnly(evesData)), 400, "invalid_request");

        assertThat(problem.get("detail").asString())
                .startsWith("encryptedData was not encrypted with this user's session_key, which WeChat confirms"
                        + " is current");
        assertThat(keys.calls(SessionKeyData.CHECK_SESSION)).isEqualTo(before + 1);
        for (int i = 0; i < 5; i++) {
            assertProblem(wx.decrypt(bea, WeChatData.cipherOnly(evesData)), 400, "invalid_request");
        }
        JsonNode phone = assertProblem(
                wx.bindPhone(bea, WeChatData.cipherOnly(wx.openData(APP_1, "health-eve", PHONE))),
                400,
                "invalid_request");
        assertThat(phone.get("detail").asString())
                .isEqualTo(problem.get("detail").asString());
        assertThat(wx.me(bea).get("phoneNumber").isNull()).isTrue();
        assertThat(keys.calls(SessionKeyData.CHECK_SESSION))
                .as("one checksession call for the key, however often bad data comes")
                .isEqualTo(before + 1);
    }

    @Test
    void aSuccessAsksWeChatNothing() {
        Tokens cai = dev.service().login(APP_1, "health-cai");
        long before = keys.calls(SessionKeyData.CHECK_SESSION);

        for (int i = 0; i < 3; i++) {
            Http.Reply r = wx.decrypt(cai, WeChatData.cipherOnly(wx.openData(APP_1, "health-cai", PROFILE)));
            assertThat(r.status()).as("%s", r).isEqualTo(200);
        }
        assertThat(wx.bindPhone(cai, WeChatData.cipherOnly(wx.openData(APP_1, "health-cai", PHONE)))
                        .status())
                .isEqualTo(200);

        assertThat(keys.calls(SessionKeyData.CHECK_SESSION)).isEqualTo(before);
    }

    @Test
    void weChatDownKeepsTheAnswerOfBefore() {
        Tokens dee = dev.service().login(APP_1, "health-dee");
        dev.service().login(APP_1, "health-fay");
        JsonNode faysData = wx.openData(APP_1, "health-fay", PROFILE);
        long before = keys.calls(SessionKeyData.CHECK_SESSION);
        // A gateway's 502 is not retried: one failure, short of opening the circuit for the other tests.
        dev.sim().fault(Map.of("path", SessionKeyData.CHECK_SESSION, "httpStatus", 502, "count", 1));

        JsonNode problem = assertProblem(wx.decrypt(dee, WeChatData.cipherOnly(faysData)), 409, "session_key_stale");

        assertThat(problem.get("detail").asString())
                .isEqualTo("the data does not decrypt under this user's session_key; log in again, then retry");
        assertThat(keys.calls(SessionKeyData.CHECK_SESSION)).isEqualTo(before + 1);
    }

    @Test
    void qqHasNoCheckAndAnswersAsBefore() {
        Tokens qq = dev.service().login(QQ_APP_1, "health-qq");
        dev.service().login(QQ_APP_1, "health-qq-other");
        long before = keys.calls(SessionKeyData.CHECK_SESSION);

        JsonNode problem = assertProblem(
                wx.decrypt(qq, WeChatData.cipherOnly(wx.openData(QQ_APP_1, "health-qq-other", PROFILE))),
                409,
                "session_key_stale");

        assertThat(problem.get("detail").asString())
                .isEqualTo("the data does not decrypt under this user's session_key; log in again, then retry");
        assertThat(keys.calls(SessionKeyData.CHECK_SESSION)).isEqualTo(before);
    }
}
