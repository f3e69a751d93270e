package io.github.wxlogin.core.wechat;

import static io.github.wxlogin.core.wechat.ScriptedWeChat.Reply.json;
import static io.github.wxlogin.core.wechat.ScriptedWeChat.Reply.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.support.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The circuit around each WeChat API: opened by failures in a row, refusing at once while it cools
 * down, closed again by one good trial call. Against a scripted WeChat over real HTTP.
 */
class WeChatCircuitTest {

    private static final App APP = new App("wx1111111111111111", "5ec7e75ec7e75ec7e75ec7e75ec7e7aa", Optional.empty());
    private static final String OK = "{\"openid\":\"oUser1\",\"session_key\":\"tiihtNczf5v6AKRyjwEUhQ==\"}";
    private static final String BUSY = "{\"errcode\":-1,\"errmsg\":\"system error\"}";
    private static final String BAD_CODE = "{\"errcode\":40029,\"errmsg\":\"invalid code\"}";
    private static final String TOKEN = "{\"access_token\":\"ACCESS\",\"expires_in\":7200}";

    private final MutableClock clock = MutableClock.at("2025-03-01T08:00:00Z");
    private ScriptedWeChat wechat;
    private WeChatClient client;

    @BeforeEach
    void start() throws IOException {
        wechat = new ScriptedWeChat();
        // One try per call, open after 3 failures in a row, for 20 s.
        client = new WeChatClient(
                wechat::baseUrl,
                new PlatformHttpSettings(
                        wechat.baseUrl(),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        1,
                        Duration.ofMillis(200),
                        Duration.ofSeconds(8),
                        3,
                        Duration.ofSeconds(20)),
                clock,
                Pauses.of(clock::advance));
    }

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void failuresInARowOpenTheCircuitAndLaterCallsAreRefusedWithoutAskingWeChat() {
        wechat.answer(status(502, "<html>bad gateway</html>"));
        for (String code : new String[] {"code1", "code2", "code3"}) {
            catchThrowableOfType(WeChatUnavailable.class, () -> client.code2Session(APP, code));
        }
        assertThat(wechat.requests()).hasSize(3);

        clock.advance(Duration.ofSeconds(5));
        WeChatUnavailable refused =
                catchThrowableOfType(WeChatUnavailable.class, () -> client.code2Session(APP, "code-after"));

        assertThat(wechat.requests()).as("an open circuit does not call WeChat").hasSize(3);
        assertThat(refused.retryAfter())
                .as("what is left of the 20 s cool-down")
                .contains(Duration.ofSeconds(15));
        assertThat(state(WeChatClient.CODE2SESSION)).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(WeChatErrors.toClientError(refused).retryAfter()).contains(Duration.ofSeconds(15));
    }

    @Test
    void afterTheCoolDownOneGoodCallClosesTheCircuit() {
        openCode2Session();
        wechat.answer(json(OK));
        clock.advance(Duration.ofSeconds(21));

        assertThat(client.code2Session(APP, "trial").openid()).isEqualTo("oUser1");

        assertThat(state(WeChatClient.CODE2SESSION)).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(client.code2Session(APP, "next").openid()).isEqualTo("oUser1");
        assertThat(wechat.requests()).hasSize(5);
    }

    @Test
    void aFailedTrialCallOpensTheCircuitForAnotherCoolDown() {
        openCode2Session();
        clock.advance(Duration.ofSeconds(21));

        catchThrowableOfType(WeChatUnavailable.class, () -> client.code2Session(APP, "trial"));
        WeChatUnavailable refused =
                catchThrowableOfType(WeChatUnavailable.class, () -> client.code2Session(APP, "again"));

        assertThat(wechat.requests()).hasSize(4);
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(20));
    }

    @Test
    void busyAnswersCountAsFailuresOnceTheirRetriesAreSpent() {
        wechat.answer(json(BUSY));
        for (int i = 0; i < 3; i++) {
            assertThat(catchThrowableOfType(WeChatError.class, () -> client.code2Session(APP, "busy"))
                            .isBusy())
                    .isTrue();
        }
        assertThat(state(WeChatClient.CODE2SESSION)).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void wechatRefusingCodesIsAnAnswerAndNeverOpensTheCircuit() {
        wechat.answer(json(BAD_CODE));
        for (int i = 0; i < 10; i++) {
            assertThat(catchThrowableOfType(WeChatError.class, () -> client.code2Session(APP, "bad"))
                            .errcode())
                    .isEqualTo(40029);
        }
        assertThat(state(WeChatClient.CODE2SESSION)).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(wechat.requests()).hasSize(10);
    }

    @Test
    void aSuccessBetweenFailuresKeepsTheCircuitClosed() {
        wechat.answer(status(500, "x"), status(500, "x"), json(OK), status(500, "x"), status(500, "x"), json(OK));
        for (int i = 0; i < 6; i++) {
            try {
                client.code2Session(APP, "c" + i);
            } catch (WeChatUnavailable expected) {
                // two failures, then a success: never three in a row
            }
        }
        assertThat(state(WeChatClient.CODE2SESSION)).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(wechat.requests()).hasSize(6);
    }

    @Test
    void eachApiHasItsOwnCircuit() {
        openCode2Session();
        wechat.answer(json(TOKEN));

        assertThat(client.stableAccessToken(APP, false).value()).isEqualTo("ACCESS");
        assertThat(state(WeChatClient.STABLE_TOKEN)).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(client.circuits().getAllCircuitBreakers())
                .extracting(CircuitBreaker::getName)
                .contains(
                        WeChatClient.CODE2SESSION,
                        WeChatClient.STABLE_TOKEN,
                        WeChatClient.TOKEN,
                        WeChatClient.PHONE_NUMBER);
    }

    private void openCode2Session() {
        wechat.answer(status(503, "<html>unavailable</html>"));
        for (int i = 0; i < 3; i++) {
            catchThrowableOfType(WeChatUnavailable.class, () -> client.code2Session(APP, "down"));
        }
        assertThat(state(WeChatClient.CODE2SESSION)).isEqualTo(CircuitBreaker.State.OPEN);
    }

    private CircuitBreaker.State state(String api) {
        return client.circuits().circuitBreaker(api).getState();
    }
}
