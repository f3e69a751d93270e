package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** {@code POST /v1/auth/login} and {@code GET /v1/me} in dev mode, the simulator answering over real HTTP. */
class LoginTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    @BeforeEach
    void resetSimulator() {
        dev.sim().reset();
    }

    @Test
    void firstLoginMakesANewUserAndAnswersTheContractsSessionShape() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JsonNode wechat = dev.sim().session(APP_1, "login-first");

        JsonNode session = assertSession(dev.http().login(APP_1, dev.sim().code(APP_1, "login-first")));

        assertThat(session.get("newUser").asBoolean()).isTrue();
        JsonNode user = session.get("user");
        assertThat(user.get("openid").asString()).isEqualTo(wechat.get("openid").asString());
        assertThat(user.get("unionid").asString())
                .isEqualTo(wechat.get("unionid").asString());
        for (String unset : new String[] {"phoneNumber", "countryCode", "nickname", "avatarUrl"}) {
            assertThat(user.get(unset).isNull()).as(unset).isTrue();
        }
        assertThat(Instant.parse(user.get("createdAt").asString())).isBetween(before, Instant.now());
        assertThat(dev.sim().code2SessionCalls()).isEqualTo(1);
    }

    @Test
    void theSessionResponseIsNeverCached() {
        Http.Reply reply = dev.http().login(APP_1, dev.sim().code(APP_1, "login-no-store"));

        assertSession(reply);
        assertThat(reply.header("Cache-Control")).hasValue("no-store");
    }

    @Test
    void secondLoginOfTheSameUserWithANewCodeFindsTheSameUser() {
        JsonNode first = assertSession(dev.http().login(APP_1, dev.sim().code(APP_1, "login-again")));
        JsonNode second = assertSession(dev.http().login(APP_1, dev.sim().code(APP_1, "login-again")));

        assertThat(second.get("newUser").asBoolean()).isFalse();
        assertThat(second.get("user")).isEqualTo(first.get("user"));
        assertThat(second.get("accessToken").asString())
                .isNotEqualTo(first.get("accessToken").asString());
        assertThat(second.get("refreshToken").asString())
                .isNotEqualTo(first.get("refreshToken").asString());
    }

    @Test
    void meWithTheAccessTokenAnswersTheUserOfTheLogin() {
        JsonNode session = assertSession(dev.http().login(APP_1, dev.sim().code(APP_1, "login-me")));

        Http.Reply me = dev.http().me("Bearer " + session.get("accessToken").asString());

        assertThat(me.status()).as("%s", me).isEqualTo(200);
        assertThat(me.contentType()).startsWith("application/json");
        Contract.assertUser(me.json());
        assertThat(me.json()).isEqualTo(session.get("user"));
    }

    @Test
    void bearerSchemeIsMatchedWithoutRegardToCase() {
        JsonNode session = assertSession(dev.http().login(APP_1, dev.sim().code(APP_1, "login-scheme")));

        assertThat(dev.http()
                        .me("bearer " + session.get("accessToken").asString())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void appIdLeftOutWhenSeveralAppsAreConfiguredIsInvalidRequestAndKeepsTheCodeUnspent() {
        String code = dev.sim().code(APP_1, "login-no-app");

        assertProblem(dev.http().login(null, code), 400, "invalid_request");

        assertThat(dev.sim().code2SessionCalls()).isZero();
        assertThat(assertSession(dev.http().login(APP_1, code)).get("newUser").asBoolean())
                .isTrue();
    }

    @Test
    void unknownFieldsInTheBodyAreIgnored() {
        String code = dev.sim().code(APP_1, "login-extra-fields");

        Http.Reply r = dev.http()
                .postJson(
                        "/v1/auth/login",
                        "{\"appId\":\"" + APP_1 + "\",\"code\":\"" + code
                                + "\",\"extra\":1,\"nested\":{\"list\":[1,\"two\",null]},\"newUser\":false,\"userId\":\"u_x\"}");

        assertThat(assertSession(r).get("newUser").asBoolean()).isTrue();
    }
}
