package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertUser;
import static io.github.wxlogin.server.Contract.fields;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_3;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.testing.Concurrently;
import io.github.wxlogin.core.user.UserStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/me/phone} over real HTTP, in dev mode with the simulator as WeChat: the
 * getPhoneNumber code and the older {@code {encryptedData, iv}} form, single-use codes, a code only
 * for the user it was given to (the openid goes to WeChat with it), one user per number, numbers
 * outside mainland China, WeChat's spent phone quota, and many bindings sharing one WeChat access token.
 * Link by phone is off here, as it is by default outside dev mode (LinkByPhoneTest has it on).
 */
class PhoneBindingTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(Map.of("WXLOGIN_LINK_BY_PHONE", "false"));

    static WeChatData wx;

    @BeforeAll
    static void start() {
        wx = new WeChatData(dev.service());
    }

    @Test
    void phoneCodeBindsTheNumberAndMeShowsIt() {
        Tokens alice = dev.service().login(APP_1, "phone-alice");
        String code = wx.phoneCode(APP_1, "phone-alice", "13900000001");

        Http.Reply r = wx.bindPhone(alice, Map.of("code", code));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(fields(body)).containsExactlyInAnyOrder("phoneNumber", "purePhoneNumber", "countryCode", "user");
        assertThat(body.get("phoneNumber").asString()).isEqualTo("13900000001");
        assertThat(body.get("purePhoneNumber").asString()).isEqualTo("13900000001");
        assertThat(body.get("countryCode").asString()).isEqualTo("86");
        assertUser(body.get("user"));
        assertThat(body.get("user").get("id").asString()).isEqualTo(alice.userId());
        assertThat(body.get("user").get("openid").asString())
                .isEqualTo(alice.user().get("openid").asString());
        assertThat(body.get("user").get("phoneNumber").asString()).isEqualTo("13900000001");
        assertThat(body.get("user").get("countryCode").asString()).isEqualTo("86");

        JsonNode me = wx.me(alice);
        assertThat(me.get("phoneNumber").asString()).isEqualTo("13900000001");
        assertThat(me.get("countryCode").asString()).isEqualTo("86");
        assertThat(wx.storedPhone(alice.userId())).isEqualTo("13900000001");
    }

    @Test
    void theSimulatorsDefaultNumberForTheUserIsBound() {
        Tokens user = dev.service().login(APP_1, "phone-default-number");

        JsonNode bound = wx.bindWithCode(user, APP_1, "phone-default-number", null);

        assertThat(bound.get("purePhoneNumber").asString()).matches("13[0-9]{9}");
        assertThat(wx.me(user).get("phoneNumber").asString())
                .isEqualTo(bound.get("phoneNumber").asString());
    }

    @Test
    void theSamePhoneCodeAgainIsInvalidCode() {
        Tokens bob = dev.service().login(APP_1, "phone-bob");
        String code = wx.phoneCode(APP_1, "phone-bob", "13900000002");
        assertThat(wx.bindPhone(bob, Map.of("code", code)).status()).isEqualTo(200);
        long phoneCalls = wx.calls(WeChatData.PHONE_API);

        // WeChat's getPhoneNumber answers a spent code with 40029 like an unknown one (its page lists
        // no 40163 there), so the service can only say the code is invalid.
        assertProblem(wx.bindPhone(bob, Map.of("code", code)), 401, "invalid_code");

        assertThat(wx.calls(WeChatData.PHONE_API)).isEqualTo(phoneCalls + 1);
        assertThat(wx.me(bob).get("phoneNumber").asString()).isEqualTo("13900000002");
    }

    @Test
    void anUnknownCodeIsInvalidCodeAndBindsNothing() {
        Tokens carol = dev.service().login(APP_1, "phone-carol");

        assertProblem(wx.bindPhone(carol, Map.of("code", "0123456789abcdef0123456789abcdef")), 401, "invalid_code");

        assertThat(wx.me(carol).get("phoneNumber").isNull()).isTrue();
        assertThat(wx.me(carol).get("countryCode").isNull()).isTrue();
    }

    @Test
    void aPhoneCodeOfAnotherAppIsInvalidCode() {
        Tokens dan = dev.service().login(APP_1, "phone-dan");
        String codeOfApp3 = wx.phoneCode(APP_3, "phone-dan", "13900000009");

        assertProblem(wx.bindPhone(dan, Map.of("code", codeOfApp3)), 401, "invalid_code");

        assertThat(wx.me(dan).get("phoneNumber").isNull()).isTrue();
    }

    @Test
    void aPhoneCodeOfAnotherUserIsInvalidCodeAndStaysGoodForItsOwner() {
        // mallory holds a code victor's button gave (a leaked or intercepted one): the service sends
        // WeChat mallory's openid with it, and WeChat refuses a code that is not that user's.
        Tokens mallory = dev.service().login(APP_1, "phone-mallory-thief");
        Tokens victor = dev.service().login(APP_1, "phone-victor");
        String victorsCode = wx.phoneCode(APP_1, "phone-victor", "13900000012");

        Http.Reply stolen = wx.bindPhone(mallory, Map.of("code", victorsCode));

        JsonNode problem = assertProblem(stolen, 401, "invalid_code");
        assertThat(problem.get("detail").asString()).contains("another user's");
        assertThat(wx.me(mallory).get("phoneNumber").isNull()).isTrue();
        assertThat(wx.storedPhone(mallory.userId())).isNull();
        // The simulator leaves a code refused for the wrong user good for its own.
        Http.Reply own = wx.bindPhone(victor, Map.of("code", victorsCode));
        assertThat(own.status()).as("%s", own).isEqualTo(200);
        assertThat(own.json().get("phoneNumber").asString()).isEqualTo("13900000012");
    }

    @Test
    void weChatsSpentPhoneQuotaIsUpstreamUnavailableWithItsOwnDetail() {
        Tokens quinn = dev.service().login(APP_1, "phone-quinn");
        String code = wx.phoneCode(APP_1, "phone-quinn", "13900000013");
        wx.failPhone(1400001, 1);

        Http.Reply r = wx.bindPhone(quinn, Map.of("code", code));

        JsonNode problem = assertProblem(r, 503, "upstream_unavailable");
        assertThat(problem.get("detail").asString())
                .isEqualTo("WeChat's phone-number quota for this app is spent; the operator must buy more");
        assertThat(r.header("Retry-After")).contains("3600");
        assertThat(wx.me(quinn).get("phoneNumber").isNull()).isTrue();
    }

    @Test
    void aNumberBoundToAnotherUserIsPhoneInUseAndNeitherUserChanges() {
        Tokens owner = dev.service().login(APP_1, "phone-owner");
        Tokens other = dev.service().login(APP_1, "phone-other");
        Tokens fresh = dev.service().login(APP_3, "phone-fresh");
        wx.bindWithCode(owner, APP_1, "phone-owner", "13900000003");
        wx.bindWithCode(other, APP_1, "phone-other", "13900000004");
        JsonNode ownerBefore = wx.me(owner);
        JsonNode otherBefore = wx.me(other);

        assertProblem(
                wx.bindPhone(other, Map.of("code", wx.phoneCode(APP_1, "phone-other", "13900000003"))),
                409,
                "phone_in_use");
        assertProblem(
                wx.bindPhone(fresh, Map.of("code", wx.phoneCode(APP_3, "phone-fresh", "13900000003"))),
                409,
                "phone_in_use");

        assertThat(wx.me(owner)).isEqualTo(ownerBefore);
        assertThat(wx.me(other)).isEqualTo(otherBefore);
        assertThat(wx.me(fresh).get("phoneNumber").isNull()).isTrue();
        assertThat(wx.storedPhone(owner.userId())).isEqualTo("13900000003");
        assertThat(wx.storedPhone(other.userId())).isEqualTo("13900000004");
        assertThat(wx.storedPhone(fresh.userId())).isNull();
    }

    @Test
    void bindingTheNumberOneAlreadyHasAgainSucceeds() {
        Tokens erin = dev.service().login(APP_1, "phone-erin");
        wx.bindWithCode(erin, APP_1, "phone-erin", "13900000005");

        JsonNode again = wx.bindWithCode(erin, APP_1, "phone-erin", "13900000005");

        assertThat(again.get("user").get("phoneNumber").asString()).isEqualTo("13900000005");
    }

    @Test
    void aNewNumberReplacesTheOldOneWhichIsThenFreeForOthers() {
        Tokens frank = dev.service().login(APP_1, "phone-frank");
        Tokens grace = dev.service().login(APP_1, "phone-grace");
        wx.bindWithCode(frank, APP_1, "phone-frank", "13900000006");

        wx.bindWithCode(frank, APP_1, "phone-frank", "13900000007");
        JsonNode graceBound = wx.bindWithCode(grace, APP_1, "phone-grace", "13900000006");

        assertThat(wx.me(frank).get("phoneNumber").asString()).isEqualTo("13900000007");
        assertThat(graceBound.get("user").get("phoneNumber").asString()).isEqualTo("13900000006");
    }

    @Test
    void aNumberOutsideMainlandChinaCarriesItsCountryCode() {
        Tokens heidi = dev.service().login(APP_1, "phone-heidi");

        Http.Reply r = wx.bindPhone(heidi, Map.of("code", wx.phoneCode(APP_1, "phone-heidi", "4155550123", "1")));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("phoneNumber").asString()).isEqualTo("+1 4155550123");
        assertThat(r.json().get("purePhoneNumber").asString()).isEqualTo("4155550123");
        assertThat(r.json().get("countryCode").asString()).isEqualTo("1");
        JsonNode me = wx.me(heidi);
        assertThat(me.get("phoneNumber").asString()).isEqualTo("+1 4155550123");
        assertThat(me.get("countryCode").asString()).isEqualTo("1");
    }

    @Test
    void theLegacyEncryptedDataFormBindsTheNumberWithoutAskingWeChat() {
        Tokens ivan = dev.service().login(APP_1, "phone-ivan");
        JsonNode open = wx.openData(
                APP_1,
                "phone-ivan",
                Map.of("phoneNumber", "13912345678", "purePhoneNumber", "13912345678", "countryCode", "86"));
        long phoneCalls = wx.calls(WeChatData.PHONE_API);

        Http.Reply r = wx.bindPhone(ivan, WeChatData.cipherOnly(open));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(fields(r.json())).containsExactlyInAnyOrder("phoneNumber", "purePhoneNumber", "countryCode", "user");
        assertThat(r.json().get("phoneNumber").asString()).isEqualTo("13912345678");
        assertThat(r.json().get("purePhoneNumber").asString()).isEqualTo("13912345678");
        assertThat(r.json().get("countryCode").asString()).isEqualTo("86");
        assertThat(wx.me(ivan).get("phoneNumber").asString()).isEqualTo("13912345678");
        assertThat(wx.me(ivan).get("countryCode").asString()).isEqualTo("86");
        assertThat(wx.calls(WeChatData.PHONE_API)).isEqualTo(phoneCalls);
    }

    @Test
    void theLegacyFormOfAnotherUsersDataIsInvalidRequest() {
        Tokens judy = dev.service().login(APP_1, "phone-judy");
        dev.service().login(APP_1, "phone-mallory");
        JsonNode malloryData = wx.openData(
                APP_1,
                "phone-mallory",
                Map.of("phoneNumber", "13900000010", "purePhoneNumber", "13900000010", "countryCode", "86"));

        // WeChat confirms judy's key is current (checksession): the data is someone else's.
        assertProblem(wx.bindPhone(judy, WeChatData.cipherOnly(malloryData)), 400, "invalid_request");

        assertThat(wx.me(judy).get("phoneNumber").isNull()).isTrue();
    }

    @Test
    void theLegacyFormOfDataThatIsNoPhoneNumberIsInvalidRequest() {
        Tokens kim = dev.service().login(APP_1, "phone-kim");
        JsonNode open = wx.openData(APP_1, "phone-kim", Map.of("nickName", "Kim"));

        assertProblem(wx.bindPhone(kim, WeChatData.cipherOnly(open)), 400, "invalid_request");

        assertThat(wx.me(kim).get("phoneNumber").isNull()).isTrue();
    }

    @Test
    void neitherCodeNorEncryptedDataIsInvalidRequest() {
        long phoneCalls = wx.calls(WeChatData.PHONE_API);
        List<String> bodies = List.of(
                "{}",
                "{\"code\":null}",
                "{\"iv\":\"r7BXXKkLb8qrSNn05n0qiA==\"}",
                "{\"encryptedData\":\"CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZM\"}",
                "{\"code\":\"\"}",
                "{\"code\":\"" + "a".repeat(129) + "\"}",
                "{\"code\":\"has space\"}");

        // One user each: every call, good or bad, takes one of the user's 5 phone permits a minute.
        for (int i = 0; i < bodies.size(); i++) {
            Tokens leo = dev.service().login(APP_1, "phone-leo-" + i);
            assertProblem(wx.bindPhone(leo.access(), bodies.get(i)), 400, "invalid_request");
            assertThat(wx.me(leo).get("phoneNumber").isNull()).isTrue();
        }

        assertThat(wx.calls(WeChatData.PHONE_API)).as("nothing reached WeChat").isEqualTo(phoneCalls);
    }

    @Test
    void noAccessTokenIsInvalidToken() {
        String code = wx.phoneCode(APP_1, "phone-anonymous", "13900000011");

        assertProblem(wx.bindPhone(null, "{\"code\":\"" + code + "\"}"), 401, "invalid_token");
        assertProblem(wx.bindPhone("not-a-jwt", "{\"code\":\"" + code + "\"}"), 401, "invalid_token");
    }

    @Test
    void hundredUsersBindingAtOnceAllSucceedWithOneAccessTokenFetch(@TempDir Path freshDir) throws Exception {
        // A service of its own: it has fetched no WeChat access token yet.
        try (TestService fresh = TestService.dev(freshDir)) {
            WeChatData data = new WeChatData(fresh);
            List<Tokens> users = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String name = "phone-crowd-" + i;
                users.add(fresh.login(APP_1, name));
                codes.add(data.phoneCode(APP_1, name, number(i)));
            }
            assertThat(data.calls(WeChatData.STABLE_TOKEN)).isZero();

            List<Http.Reply> replies =
                    Concurrently.run(100, i -> data.bindPhone(users.get(i), Map.of("code", codes.get(i))));

            for (int i = 0; i < 100; i++) {
                Http.Reply r = replies.get(i);
                assertThat(r.status()).as("binding %d: %s", i, r).isEqualTo(200);
                assertThat(r.json().get("phoneNumber").asString()).isEqualTo(number(i));
                assertThat(r.json().get("user").get("id").asString())
                        .isEqualTo(users.get(i).userId());
                assertThat(data.storedPhone(users.get(i).userId())).isEqualTo(number(i));
            }
            assertThat(data.calls(WeChatData.STABLE_TOKEN))
                    .as("one shared token fetch")
                    .isEqualTo(1);
            assertThat(data.calls(WeChatData.TOKEN)).isZero();
            assertThat(data.calls(WeChatData.PHONE_API)).isEqualTo(100);
        }
    }

    @Test
    void manyUsersBindingOneNumberAtOnceLeaveItWithExactlyOne() throws Exception {
        List<Tokens> users = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = "phone-race-" + i;
            users.add(dev.service().login(APP_1, name));
            codes.add(wx.phoneCode(APP_1, name, "13900000099"));
        }

        List<Http.Reply> replies = Concurrently.run(20, i -> wx.bindPhone(users.get(i), Map.of("code", codes.get(i))));

        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            if (replies.get(i).status() == 200) {
                winners.add(i);
            } else {
                assertProblem(replies.get(i), 409, "phone_in_use");
            }
        }
        assertThat(winners).hasSize(1);
        assertThat(dev.service().bean(UserStore.class).userIdsByPhone("13900000099"))
                .containsExactly(users.get(winners.get(0)).userId());
    }

    /**
     * The real-time button ({@code open-type="getRealtimePhoneNumber"}) gives its event's
     * {@code e.detail.code} just as the quick one does, and WeChat trades it through the same
     * getuserphonenumber call: the service needs nothing else. The user may have typed a number of their
     * own and verified it by SMS there; that number is the one bound.
     */
    @Test
    void aRealtimeButtonsCodeBindsThroughTheSameCall() {
        Tokens user = dev.service().login(APP_1, "phone-realtime");
        long calls = wx.calls(WeChatData.PHONE_API);
        String realtimeCode = wx.phoneCode(APP_1, "phone-realtime", "13700009999");

        Http.Reply r = wx.bindPhone(user, Map.of("code", realtimeCode));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("phoneNumber").asString()).isEqualTo("13700009999");
        assertThat(wx.calls(WeChatData.PHONE_API)).isEqualTo(calls + 1);
        assertThat(wx.bindPhone(user, Map.of("code", realtimeCode)).status()).isEqualTo(401);
    }

    private static String number(int i) {
        return String.format("137%08d", i);
    }
}
