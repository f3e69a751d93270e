package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_3;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code WXLOGIN_LINK_BY_PHONE=true}: binding a verified number another user holds links a brand-new
 * caller (one identity, no phone, no profile) into that user, with a new session of it; anything else,
 * and everything with the setting off, is {@code phone_in_use} as before.
 */
class LinkByPhoneTest {

    static final String ADMIN_TOKEN = "adm-" + UUID.randomUUID();

    @RegisterExtension
    static final ServiceExtension dev =
            ServiceExtension.dev(Map.of("WXLOGIN_LINK_BY_PHONE", "true", "WXLOGIN_ADMIN_TOKEN", ADMIN_TOKEN));

    static WeChatData wx;

    @BeforeAll
    static void start() {
        wx = new WeChatData(dev.service());
    }

    /** A user of app 1 who holds the number. */
    static Tokens holder(String name, String number) {
        Tokens holder = dev.service().login(APP_1, name);
        wx.bindWithCode(holder, APP_1, name, number);
        return holder;
    }

    @Test
    void aBrandNewUserBindingAHeldNumberIsLinkedIntoItsHolderWithANewSession() {
        Tokens holder = holder("lbp-holder", "13955550001");
        Tokens newcomer = dev.service().login(APP_3, "lbp-newcomer");

        Http.Reply r = wx.bindPhone(newcomer, Map.of("code", wx.phoneCode(APP_3, "lbp-newcomer", "13955550001")));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.header("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode body = r.json();
        assertThat(Contract.fields(body))
                .containsExactlyInAnyOrder(
                        "phoneNumber", "purePhoneNumber", "countryCode", "user", "linked", "session");
        assertThat(body.get("linked").asBoolean()).isTrue();
        assertThat(body.get("phoneNumber").asString()).isEqualTo("13955550001");
        Contract.assertUser(body.get("user"));
        assertThat(body.get("user").get("id").asString()).isEqualTo(holder.userId());
        assertThat(body.get("user").get("openid").asString())
                .as("the caller's openid in its app, now the holder's identity")
                .isEqualTo(newcomer.user().get("openid").asString());
        Tokens linked = new Tokens(body.get("session"));
        assertThat(Contract.fields(body.get("session")))
                .containsExactlyInAnyOrder(
                        "accessToken", "tokenType", "expiresIn", "refreshToken", "refreshExpiresIn", "newUser", "user");
        assertThat(linked.userId()).isEqualTo(holder.userId());
        assertThat(linked.appid()).isEqualTo(APP_3);
        assertThat(linked.newUser()).isFalse();

        assertThat(wx.me(linked).get("id").asString())
                .as("the new session works")
                .isEqualTo(holder.userId());
        assertThat(wx.me(linked).get("phoneNumber").asString()).isEqualTo("13955550001");
        assertThat(dev.service().refresh(linked).userId()).isEqualTo(holder.userId());
        assertProblem(dev.http().me(newcomer.bearer()), 401, "invalid_token");
        assertProblem(dev.http().refresh(newcomer.refresh()), 401, "invalid_token");
        assertProblem(dev.service().admin().user(newcomer.userId()), 404, "not_found");
        assertThat(wx.me(holder).get("id").asString())
                .as("the holder's own session goes on")
                .isEqualTo(holder.userId());
        assertThat(dev.service().login(APP_3, "lbp-newcomer").userId())
                .as("the caller's identity logs in to the holder now")
                .isEqualTo(holder.userId());
        assertThat(dev.service().admin().allEvents(50, "userId", holder.userId()))
                .filteredOn(e -> e.get("type").asString().equals("user_merged"))
                .singleElement()
                .satisfies(e -> assertThat(e.get("detail").asString())
                        .contains(newcomer.userId())
                        .contains("link by phone"));
    }

    @Test
    void aCallerWithSomethingToLoseIsPhoneInUseAndNothingChanges() {
        holder("lbp-holder-2", "13955550002");
        Tokens named = dev.service().login(APP_3, "lbp-named");
        Http.Reply patched = dev.http().withBearer("PATCH", "/v1/me", named.access(), "{\"nickname\":\"Named\"}");
        assertThat(patched.status()).isEqualTo(200);
        String code = wx.phoneCode(APP_3, "lbp-named", "13955550002");
        var before = dev.service().snapshot();

        assertProblem(wx.bindPhone(named, Map.of("code", code)), 409, "phone_in_use");

        assertThat(dev.service().snapshot()).isEqualTo(before);
        assertThat(wx.me(named).get("id").asString()).isEqualTo(named.userId());
    }

    @Test
    void aCallerWithTwoIdentitiesIsPhoneInUse() {
        holder("lbp-holder-3", "13955550003");
        Tokens two = dev.service().login(APP_3, "lbp-two");
        new Identities(dev.service()).linked(two, io.github.wxlogin.simulator.DemoApps.APP_2, "lbp-two-2");

        assertProblem(
                wx.bindPhone(two, Map.of("code", wx.phoneCode(APP_3, "lbp-two", "13955550003"))), 409, "phone_in_use");

        assertThat(wx.me(two).get("id").asString()).isEqualTo(two.userId());
    }

    @Test
    void aHolderWithAnIdentityInTheCallersAppIsPhoneInUse() {
        holder("lbp-holder-4", "13955550004");
        Tokens sameApp = dev.service().login(APP_1, "lbp-same-app");

        assertProblem(
                wx.bindPhone(sameApp, Map.of("code", wx.phoneCode(APP_1, "lbp-same-app", "13955550004"))),
                409,
                "phone_in_use");

        assertThat(wx.me(sameApp).get("id").asString()).isEqualTo(sameApp.userId());
    }

    @Test
    void withTheSettingOffAHeldNumberIsPhoneInUseEvenForABrandNewUser(@TempDir Path dataDir) {
        // Dev mode links by phone by default (DevModeTest): off is said here.
        try (TestService off =
                TestService.start(dataDir, TestPorts.free(), Map.of("WXLOGIN_LINK_BY_PHONE", "false"), true)) {
            WeChatData offWx = new WeChatData(off);
            Tokens holder = off.login(APP_1, "lbp-off-holder");
            offWx.bindWithCode(holder, APP_1, "lbp-off-holder", "13955550005");
            Tokens newcomer = off.login(APP_3, "lbp-off-newcomer");

            assertProblem(
                    offWx.bindPhone(
                            newcomer, Map.of("code", offWx.phoneCode(APP_3, "lbp-off-newcomer", "13955550005"))),
                    409,
                    "phone_in_use");

            assertThat(offWx.me(newcomer).get("id").asString()).isEqualTo(newcomer.userId());
            assertThat(offWx.storedPhone(holder.userId())).isEqualTo("13955550005");
        }
    }
}
