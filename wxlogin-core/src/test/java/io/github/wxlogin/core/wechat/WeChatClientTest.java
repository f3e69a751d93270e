package io.github.wxlogin.core.wechat;

import static io.github.wxlogin.core.wechat.ScriptedWeChat.Reply.json;
import static io.github.wxlogin.core.wechat.ScriptedWeChat.Reply.stall;
import static io.github.wxlogin.core.wechat.ScriptedWeChat.Reply.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** code2Session against a scripted stand-in for WeChat's servers. */
class WeChatClientTest {

    private static final String SECRET = "5ec7e75ec7e75ec7e75ec7e75ec7e7aa";
    private static final App APP = new App("wx1111111111111111", SECRET, Optional.empty());
    private static final String CODE = "081Kq4Ga1MvWqG0Q5oHa1xYz3n3Kq4Gz";
    private static final String OK =
            "{\"openid\":\"oUser1\",\"session_key\":\"tiihtNczf5v6AKRyjwEUhQ==\"," + "\"unionid\":\"uUnion1\"}";
    private static final String BUSY = "{\"errcode\":-1,\"errmsg\":\"system error\"}";

    private final MutableClock clock = MutableClock.at("2025-03-01T08:00:00Z");
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private ScriptedWeChat wechat;

    @BeforeEach
    void start() throws IOException {
        wechat = new ScriptedWeChat();
    }

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void aSuccessfulAnswerGivesOpenidSessionKeyAndUnionid() {
        wechat.answer(json(OK));

        PlatformSession session = client(settings()).code2Session(APP, CODE);

        assertThat(session.openid()).isEqualTo("oUser1");
        assertThat(session.sessionKey()).isEqualTo("tiihtNczf5v6AKRyjwEUhQ==");
        assertThat(session.unionid()).contains("uUnion1");
        assertThat(wechat.requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"openid\":\"oUser1\",\"session_key\":\"sk\"}",
                "{\"openid\":\"oUser1\",\"session_key\":\"sk\",\"unionid\":null}",
                "{\"openid\":\"oUser1\",\"session_key\":\"sk\",\"unionid\":\"\"}"
            })
    void anAnswerWithoutUnionidGivesNoUnionid(String body) {
        wechat.answer(json(body));

        assertThat(client(settings()).code2Session(APP, CODE).unionid()).isEmpty();
    }

    @Test
    void errcodeZeroWithASessionIsASuccess() {
        wechat.answer(json("{\"errcode\":0,\"errmsg\":\"ok\",\"openid\":\"oUser1\",\"session_key\":\"sk\"}"));

        assertThat(client(settings()).code2Session(APP, CODE).openid()).isEqualTo("oUser1");
    }

    @Test
    void theRequestIsAGetOfJscode2sessionWithTheFourParameters() {
        wechat.answer(json(OK));

        client(settings()).code2Session(APP, CODE);

        ScriptedWeChat.Request request = wechat.requests().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/sns/jscode2session");
        assertThat(request.query()).containsOnlyKeys("appid", "secret", "js_code", "grant_type");
        assertThat(request.param("appid")).isEqualTo("wx1111111111111111");
        assertThat(request.param("secret")).isEqualTo(SECRET);
        assertThat(request.param("js_code")).isEqualTo(CODE);
        assertThat(request.param("grant_type")).isEqualTo("authorization_code");
    }

    @Test
    void aCodeWithQuerySyntaxInItArrivesIntact() {
        String tricky = "a+b&c=d%2F e?f#g";
        wechat.answer(json(OK));

        client(settings()).code2Session(APP, tricky);

        ScriptedWeChat.Request request = wechat.requests().get(0);
        assertThat(request.param("js_code")).isEqualTo(tricky);
        assertThat(request.query()).containsOnlyKeys("appid", "secret", "js_code", "grant_type");
        assertThat(request.rawQuery())
                .contains("js_code=" + URLEncoder.encode(tricky, StandardCharsets.UTF_8))
                .doesNotContain("a+b&c=d");
    }

    @Test
    void aBaseUrlWithATrailingSlashAndAPathPrefixIsJoinedWithoutADoubleSlash() {
        wechat.answer(json(OK));
        URI base = URI.create(wechat.baseUrl() + "/wechat/");

        new WeChatClient(() -> base, settings(), clock, Pauses.of(sleeps::add)).code2Session(APP, CODE);

        assertThat(wechat.requests().get(0).path()).isEqualTo("/wechat/sns/jscode2session");
    }

    @Test
    void anInvalidCodeIsAWeChatErrorAfterExactlyOneRequest() {
        wechat.answer(json("{\"errcode\":40029,\"errmsg\":\"invalid code\"}"));

        WeChatError e =
                catchThrowableOfType(WeChatError.class, () -> client(settings()).code2Session(APP, CODE));

        assertThat(e).isNotNull();
        assertThat(e.errcode()).isEqualTo(40029);
        assertThat(e.errmsg()).isEqualTo("invalid code");
        assertThat(e.isBusy()).isFalse();
        assertThat(wechat.requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
        assertKeepsSecrets(e, CODE);
    }

    @Test
    void aBusyAnswerIsRetriedAfterTheFirstBackoff() {
        wechat.answer(json(BUSY), json(OK));

        PlatformSession session = client(settings()).code2Session(APP, CODE);

        assertThat(session.openid()).isEqualTo("oUser1");
        assertThat(wechat.requests()).hasSize(2);
        assertThat(sleeps).containsExactly(Duration.ofMillis(200));
    }

    @Test
    void aBusyAnswerEveryTimeIsAWeChatErrorAfterMaxAttemptsWithDoublingBackoffs() {
        wechat.answer(json(BUSY));

        WeChatError e =
                catchThrowableOfType(WeChatError.class, () -> client(settings()).code2Session(APP, CODE));

        assertThat(e).isNotNull();
        assertThat(e.errcode()).isEqualTo(-1);
        assertThat(e.isBusy()).isTrue();
        assertThat(wechat.requests()).hasSize(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
        assertKeepsSecrets(e, CODE);
    }

    @Test
    void noRetryStartsWhenTheBudgetLeftCannotCoverTheBackoff() {
        // Each answer costs 300 ms of clock time; the sleeper moves the clock by what it was asked.
        Instant start = clock.instant();
        List<Instant> askedAt = new CopyOnWriteArrayList<>();
        wechat.answer(json(BUSY).then(() -> {
            askedAt.add(clock.instant());
            clock.advance(Duration.ofMillis(300));
        }));
        PlatformHttpSettings tight = new PlatformHttpSettings(
                wechat.baseUrl(),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                10,
                Duration.ofMillis(400),
                Duration.ofSeconds(1));

        WeChatError e = catchThrowableOfType(
                WeChatError.class, () -> advancingClient(tight).code2Session(APP, CODE));

        // t=0 ask, 300 busy, sleep 400 -> 700, ask, 1000 busy: 0 ms left, the next backoff (800) does not fit.
        assertThat(e).isNotNull();
        assertThat(e.errcode()).isEqualTo(-1);
        assertThat(wechat.requests()).hasSize(2);
        assertThat(sleeps).containsExactly(Duration.ofMillis(400));
        assertThat(askedAt).allSatisfy(t -> assertThat(t).isBefore(start.plus(tight.totalBudget())));
    }

    @Test
    void noAttemptStartsOnceTheBudgetIsSpent() {
        // A sleeper that oversleeps (as real sleeps may): it moves the clock 1 s past what it was asked.
        Instant start = clock.instant();
        List<Instant> askedAt = new CopyOnWriteArrayList<>();
        wechat.answer(json(BUSY).then(() -> askedAt.add(clock.instant())));
        PlatformHttpSettings tight = new PlatformHttpSettings(
                wechat.baseUrl(),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                10,
                Duration.ofMillis(200),
                Duration.ofSeconds(1));
        WeChatClient client = new WeChatClient(wechat::baseUrl, tight, clock, Pauses.of(d -> {
            sleeps.add(d);
            clock.advance(d.plus(Duration.ofSeconds(1)));
        }));

        RuntimeException e = catchThrowableOfType(RuntimeException.class, () -> client.code2Session(APP, CODE));

        assertThat(e).isInstanceOfAny(WeChatUnavailable.class, WeChatError.class);
        assertThat(wechat.requests()).hasSize(1);
        assertThat(askedAt).allSatisfy(t -> assertThat(t).isBefore(start.plus(tight.totalBudget())));
        assertKeepsSecrets(e, CODE);
    }

    @Test
    void http502IsWeChatUnavailable() {
        wechat.answer(status(502, "<html>Bad Gateway</html>"));

        WeChatUnavailable e = unavailable(settings());

        assertThat(e.getMessage()).contains("502");
    }

    @Test
    void aRedirectIsNotFollowedAndIsWeChatUnavailable() {
        wechat.answer(status(302, ""));

        unavailable(settings());

        assertThat(wechat.requests()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html>not json</html>", "{\"openid\":", "", "null", "42", "\"text\""})
    void aBodyThatIsNotAJsonObjectIsWeChatUnavailable(String body) {
        wechat.answer(json(body));

        unavailable(settings());
    }

    @Test
    void aJsonArrayIsWeChatUnavailable() {
        wechat.answer(json("[{\"openid\":\"oUser1\",\"session_key\":\"sk\"}]"));

        unavailable(settings());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"session_key\":\"sk\"}",
                "{\"openid\":\"oUser1\"}",
                "{\"openid\":\"\",\"session_key\":\"sk\"}",
                "{\"openid\":42,\"session_key\":\"sk\"}",
                "{\"openid\":\"oUser1\",\"session_key\":null}"
            })
    void anAnswerWithoutOpenidOrSessionKeyIsWeChatUnavailable(String body) {
        wechat.answer(json(body));

        unavailable(settings());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"{\"openid\":\" \",\"session_key\":\"sk\"}", "{\"openid\":\"oUser1\",\"session_key\":\"  \"}"})
    void anAnswerWithABlankOpenidOrSessionKeyIsWeChatUnavailable(String body) {
        wechat.answer(json(body));

        unavailable(settings());
    }

    @Test
    void aStallLongerThanTheRequestTimeoutIsWeChatUnavailableTimedOut() {
        wechat.answer(stall(Duration.ofSeconds(20), OK));
        PlatformHttpSettings impatient = new PlatformHttpSettings(
                wechat.baseUrl(),
                Duration.ofSeconds(2),
                Duration.ofMillis(300),
                3,
                Duration.ofMillis(200),
                Duration.ofSeconds(8));
        long started = System.nanoTime();

        WeChatUnavailable e = unavailable(impatient);

        assertThat(e.getMessage()).contains("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aRefusedConnectionIsWeChatUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
        WeChatClient client = new WeChatClient(() -> nowhere, settings(), clock, Pauses.of(sleeps::add));

        WeChatUnavailable e = catchThrowableOfType(WeChatUnavailable.class, () -> client.code2Session(APP, CODE));

        assertThat(e).isNotNull();
        assertThat(e.api()).isEqualTo("/sns/jscode2session");
        assertKeepsSecrets(e, CODE);
    }

    private WeChatUnavailable unavailable(PlatformHttpSettings settings) {
        WeChatUnavailable e = catchThrowableOfType(
                WeChatUnavailable.class, () -> client(settings).code2Session(APP, CODE));

        assertThat(e).isNotNull();
        assertKeepsSecrets(e, CODE);
        return e;
    }

    /** Neither the exception nor any cause names the secret, the code or the query string. */
    private void assertKeepsSecrets(Throwable e, String code) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t + " " + t.getMessage();
            assertThat(text)
                    .doesNotContain(SECRET)
                    .doesNotContain(code)
                    .doesNotContain(URLEncoder.encode(code, StandardCharsets.UTF_8))
                    .doesNotContain("js_code")
                    .doesNotContain("secret=")
                    .doesNotContain("?appid");
            for (ScriptedWeChat.Request request : wechat.requests()) {
                assertThat(text).doesNotContain(request.rawQuery());
            }
        }
    }

    private WeChatClient client(PlatformHttpSettings settings) {
        return new WeChatClient(wechat::baseUrl, settings, clock, Pauses.of(sleeps::add));
    }

    private WeChatClient advancingClient(PlatformHttpSettings settings) {
        return new WeChatClient(wechat::baseUrl, settings, clock, Pauses.of(d -> {
            sleeps.add(d);
            clock.advance(d);
        }));
    }

    /** Three tries, 200 ms first backoff, 8 s budget; the test clock stands still, so the budget holds. */
    private PlatformHttpSettings settings() {
        return new PlatformHttpSettings(
                wechat.baseUrl(),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                3,
                Duration.ofMillis(200),
                Duration.ofSeconds(8));
    }
}
