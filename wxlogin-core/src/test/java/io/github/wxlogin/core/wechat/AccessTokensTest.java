package io.github.wxlogin.core.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.support.MutableClock;
import io.github.wxlogin.core.testing.Concurrently;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link AccessTokens} against a stand-in for WeChat's token and phone-number endpoints (real WeChat
 * cannot be reached from a test): a JDK HttpServer on a loopback port, on the same {@link MutableClock}
 * as the code under test, that follows WeChat's token rules closely enough to tell a needless fetch,
 * a missing renewal or a retry loop apart.
 */
class AccessTokensTest {

    private static final String SECRET = "a7c0ffee5ec7e7a7c0ffee5ec7e7a7c0";
    private static final App APP = new App("wx5555555555555555", SECRET, Optional.empty());
    private static final Duration RENEW_AHEAD = Duration.ofMinutes(5);
    private static final String STABLE = WeChatClient.STABLE_TOKEN;
    private static final String TOKEN = WeChatClient.TOKEN;
    private static final String PHONE = WeChatClient.PHONE_NUMBER;

    private final MutableClock clock = MutableClock.at("2025-03-01T08:00:00Z");
    private final InMemoryAccessTokenStore store = new InMemoryAccessTokenStore();
    private FakeWeChat wechat;
    private WeChatClient client;

    @BeforeEach
    void start() throws IOException {
        wechat = new FakeWeChat(clock);
        client = new WeChatClient(
                wechat::baseUrl, PlatformHttpSettings.defaults(wechat.baseUrl()), clock, Pauses.none());
    }

    @AfterEach
    void stop() {
        wechat.close();
    }

    private AccessTokens tokens(AccessTokens.Mode mode) {
        return new AccessTokens(client, store, mode, RENEW_AHEAD, clock);
    }

    private AccessTokens stable() {
        return tokens(AccessTokens.Mode.STABLE);
    }

    private Function<String, PlatformPhone> phone(String code) {
        return token -> client.phoneNumber(token, "o_user", code);
    }

    // ---- cache and renewal ahead of expiry ----

    @Test
    void tokenIsCachedSoASecondCallFetchesNothing() {
        AccessTokens tokens = stable();

        String first = tokens.current(APP);
        String second = tokens.current(APP);

        assertThat(second).isEqualTo(first).isEqualTo(wechat.stableCurrent());
        assertThat(wechat.count(STABLE)).isEqualTo(1);
        assertThat(store.get(APP.appId())).map(WeChatAccessToken::value).contains(first);
    }

    @Test
    void tokenIsRenewedOnceWithinRenewAheadOfItsExpiry() {
        AccessTokens tokens = stable();
        String first = tokens.current(APP);
        Instant expiresAt = store.get(APP.appId()).orElseThrow().expiresAt();
        assertThat(expiresAt).isEqualTo(clock.instant().plusSeconds(FakeWeChat.LIFE_SECONDS));

        clock.set(expiresAt.minus(RENEW_AHEAD).minusSeconds(1));
        assertThat(tokens.current(APP)).isEqualTo(first);
        assertThat(wechat.count(STABLE)).as("still more than renewAhead left").isEqualTo(1);

        clock.set(expiresAt.minus(RENEW_AHEAD));
        String renewed = tokens.current(APP);
        assertThat(renewed).isNotEqualTo(first);
        assertThat(wechat.count(STABLE)).isEqualTo(2);
        assertThat(wechat.stableForceFlags()).containsExactly(false, false);

        assertThat(tokens.current(APP)).isEqualTo(renewed);
        assertThat(wechat.count(STABLE))
                .as("the renewed token is cached in turn")
                .isEqualTo(2);
    }

    @Test
    void renewAheadLongerThanWeChatsOwnEarlyRenewalDoesNotFetchOnEveryCall() {
        // stable_token hands out a new token only in the last 5 minutes of the old one. With a longer
        // renewAhead, a renewal before that window gets the same token back, already "due" again.
        AccessTokens tokens = new AccessTokens(client, store, AccessTokens.Mode.STABLE, Duration.ofMinutes(10), clock);
        String first = tokens.current(APP);
        clock.advance(Duration.ofSeconds(FakeWeChat.LIFE_SECONDS).minus(Duration.ofMinutes(8)));

        for (int i = 0; i < 10; i++) {
            assertThat(tokens.current(APP)).isEqualTo(first);
        }

        assertThat(wechat.count(STABLE))
                .as("the first fetch and at most one early renewal")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void anExpiredTokenIsNeverHandedOut() {
        AccessTokens tokens = stable();
        String first = tokens.current(APP);

        clock.advance(Duration.ofSeconds(FakeWeChat.LIFE_SECONDS + 60));

        assertThat(tokens.current(APP)).isNotEqualTo(first);
        assertThat(wechat.count(STABLE)).isEqualTo(2);
    }

    @Test
    void hundredCallersOnAnEmptyCacheShareOneFetch() throws Exception {
        AccessTokens tokens = stable();
        // WeChat answers slowly, so every caller arrives while the first fetch is still out.
        wechat.tokenStall(Duration.ofMillis(300));

        List<String> seen = Concurrently.run(100, i -> tokens.current(APP));

        assertThat(wechat.count(STABLE)).isEqualTo(1);
        assertThat(seen).hasSize(100).containsOnly(wechat.stableCurrent());
    }

    @Test
    void aFailedFetchCachesNothingAndTheNextCallAsksAgain() {
        AccessTokens tokens = stable();
        wechat.failTokenOnce(40125);

        WeChatError refused = catchThrowableOfType(WeChatError.class, () -> tokens.current(APP));

        assertThat(refused.errcode()).isEqualTo(40125);
        assertThat(store.get(APP.appId())).isEmpty();
        assertThat(tokens.current(APP)).isEqualTo(wechat.stableCurrent());
        assertThat(wechat.count(STABLE)).isEqualTo(2);
    }

    // ---- renewal on a refused token ----

    @Test
    void callWhoseTokenWeChatRefusedOnceRenewsOnceAndRetriesOnce() {
        AccessTokens tokens = stable();
        String refused = tokens.current(APP);
        // Another holder forced a refresh: WeChat now hands out a new token and refuses ours (40001).
        wechat.supersedeStable();

        PlatformPhone phone = tokens.call(APP, phone("code-1"));

        assertThat(phone.purePhoneNumber()).isEqualTo(FakeWeChat.PURE_NUMBER);
        assertThat(wechat.phoneTokens()).containsExactly(refused, wechat.stableCurrent());
        assertThat(wechat.count(STABLE)).as("the first fetch and one renewal").isEqualTo(2);
        assertThat(wechat.stableForceFlags()).containsExactly(false, false);
        assertThat(tokens.current(APP)).isEqualTo(wechat.stableCurrent());
    }

    @ParameterizedTest
    @ValueSource(ints = {40001, 42001, 40014})
    void eachTokenRefusalRenewsOnceAndRetriesOnce(int errcode) {
        AccessTokens tokens = stable();
        String first = tokens.current(APP);
        wechat.failPhone(errcode);

        PlatformPhone phone = tokens.call(APP, phone("code-1"));

        assertThat(phone.purePhoneNumber()).isEqualTo(FakeWeChat.PURE_NUMBER);
        assertThat(wechat.count(PHONE)).isEqualTo(2);
        String retriedWith = wechat.phoneTokens().get(1);
        assertThat(retriedWith).isNotEqualTo(first).isEqualTo(wechat.stableCurrent());
    }

    @Test
    void tokenRefusedTwiceSurfacesAfterOneRetryWithoutLooping() {
        AccessTokens tokens = stable();
        tokens.current(APP);
        wechat.failPhone(40001, 40001);

        WeChatError error = catchThrowableOfType(WeChatError.class, () -> tokens.call(APP, phone("code-1")));

        assertThat(error.errcode()).isEqualTo(40001);
        assertThat(error.api()).isEqualTo(PHONE);
        assertThat(wechat.count(PHONE)).as("the call and one retry, no more").isEqualTo(2);
        // One renewal: the plain ask answers the refused token again, so it is forced, once.
        assertThat(wechat.stableForceFlags()).containsExactly(false, false, true);
    }

    @ParameterizedTest
    @ValueSource(ints = {40029, 40163, 45011, 40226})
    void anErrorThatIsNotAboutTheTokenRenewsNothingAndIsNotRetried(int errcode) {
        AccessTokens tokens = stable();
        String token = tokens.current(APP);
        wechat.failPhone(errcode);

        WeChatError error = catchThrowableOfType(WeChatError.class, () -> tokens.call(APP, phone("code-1")));

        assertThat(error.errcode()).isEqualTo(errcode);
        assertThat(wechat.count(PHONE)).isEqualTo(1);
        assertThat(wechat.count(STABLE)).isEqualTo(1);
        assertThat(tokens.current(APP)).isEqualTo(token);
    }

    @Test
    void weChatBusyIsRetriedByTheClientAndRenewsNoToken() {
        AccessTokens tokens = stable();
        String token = tokens.current(APP);
        wechat.failPhone(-1);

        PlatformPhone phone = tokens.call(APP, phone("code-1"));

        assertThat(phone.purePhoneNumber()).isEqualTo(FakeWeChat.PURE_NUMBER);
        assertThat(wechat.phoneTokens()).containsExactly(token, token);
        assertThat(wechat.count(STABLE)).isEqualTo(1);
    }

    @Test
    void whenAnotherCallerAlreadyRenewedTheRefusedTokenNoNewFetchHappens() {
        AccessTokens tokens = stable();
        String refused = tokens.current(APP);
        wechat.supersedeStable();
        AtomicBoolean firstTry = new AtomicBoolean(true);

        PlatformPhone phone = tokens.call(APP, token -> {
            if (firstTry.getAndSet(false)) {
                // Meanwhile another caller meets the refusal first and renews the token.
                tokens.call(APP, phone("other-code"));
                assertThat(store.get(APP.appId()).orElseThrow().value()).isNotEqualTo(refused);
            }
            return client.phoneNumber(token, "o_user", "our-code");
        });

        assertThat(phone.purePhoneNumber()).isEqualTo(FakeWeChat.PURE_NUMBER);
        assertThat(wechat.count(STABLE))
                .as("the first fetch and the other caller's renewal only")
                .isEqualTo(2);
        // other-code with the refused token, other-code renewed, our-code refused, our-code with the new one
        assertThat(wechat.phoneTokens())
                .containsExactly(refused, wechat.stableCurrent(), refused, wechat.stableCurrent());
    }

    @Test
    void storeHoldingAnotherTokenThanTheRefusedOneIsUsedAsIs() {
        AccessTokens tokens = stable();
        tokens.current(APP);
        wechat.supersedeStable();
        // Another instance renewed it and shared the new token through the store.
        WeChatAccessToken shared =
                new WeChatAccessToken(wechat.stableCurrent(), clock.instant().plusSeconds(7000));
        List<String> tried = new CopyOnWriteArrayList<>();

        PlatformPhone phone = tokens.call(APP, token -> {
            tried.add(token);
            if (tried.size() == 1) {
                store.put(APP.appId(), shared);
            }
            return client.phoneNumber(token, "o_user", "code-1");
        });

        assertThat(phone).isNotNull();
        assertThat(tried).hasSize(2).last().isEqualTo(shared.value());
        assertThat(wechat.count(STABLE)).isEqualTo(1);
    }

    @Test
    void hundredCallersRefusedTogetherCauseOneRenewal() throws Exception {
        AccessTokens tokens = stable();
        String refused = tokens.current(APP);
        wechat.supersedeStable();
        wechat.tokenStall(Duration.ofMillis(200));

        List<PlatformPhone> phones = Concurrently.run(100, i -> tokens.call(APP, phone("code-" + i)));

        assertThat(phones)
                .hasSize(100)
                .allSatisfy(p -> assertThat(p.purePhoneNumber()).isEqualTo(FakeWeChat.PURE_NUMBER));
        assertThat(wechat.count(STABLE)).as("the first fetch and one renewal").isEqualTo(2);
        assertThat(wechat.phoneTokens()).containsOnly(refused, wechat.stableCurrent());
        // Each refused call was retried exactly once (a caller that came late may have found the new token).
        long refusals = wechat.phoneTokens().stream().filter(refused::equals).count();
        assertThat(refusals).isPositive();
        assertThat(wechat.count(PHONE)).isEqualTo(100 + refusals);
    }

    // ---- the two modes ----

    @Test
    void stableModePostsToStableTokenWithoutForcingAndKeepsTheSecretOutOfTheUrl() {
        stable().current(APP);

        FakeWeChat.Request request = wechat.requests(STABLE).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawQuery()).isNull();
        assertThat(request.contentType()).startsWith("application/json");
        JsonNode body = request.body();
        assertThat(body.get("grant_type").asString()).isEqualTo("client_credential");
        assertThat(body.get("appid").asString()).isEqualTo(APP.appId());
        assertThat(body.get("secret").asString()).isEqualTo(SECRET);
        assertThat(body.get("force_refresh").isBoolean()).isTrue();
        assertThat(body.get("force_refresh").asBoolean()).isFalse();
        assertThat(wechat.count(TOKEN)).isZero();
    }

    @Test
    void stableModeForcesARefreshOnlyWhenWeChatHandsBackTheTokenItRefused() {
        AccessTokens tokens = stable();
        String refused = tokens.current(APP);
        // WeChat refuses the token although its stable_token still hands it out.
        wechat.failPhone(40001);

        PlatformPhone phone = tokens.call(APP, phone("code-1"));

        assertThat(phone.purePhoneNumber()).isEqualTo(FakeWeChat.PURE_NUMBER);
        assertThat(wechat.stableForceFlags()).containsExactly(false, false, true);
        assertThat(wechat.stableAnswers()).containsExactly(refused, refused, wechat.stableCurrent());
        assertThat(wechat.phoneTokens()).containsExactly(refused, wechat.stableCurrent());
        assertThat(wechat.stableCurrent()).isNotEqualTo(refused);
    }

    @Test
    void clientCredentialModeGetsCgiBinTokenAndNeverStableToken() {
        AccessTokens tokens = tokens(AccessTokens.Mode.CLIENT_CREDENTIAL);

        String token = tokens.current(APP);
        tokens.current(APP);

        assertThat(wechat.count(TOKEN)).isEqualTo(1);
        assertThat(wechat.count(STABLE)).isZero();
        FakeWeChat.Request request = wechat.requests(TOKEN).get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.query())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("grant_type", "client_credential", "appid", APP.appId(), "secret", SECRET));
        assertThat(token).isEqualTo(wechat.plainCurrent());
    }

    @Test
    void clientCredentialModeRenewsARefusedTokenWithOneCgiBinTokenCall() {
        AccessTokens tokens = tokens(AccessTokens.Mode.CLIENT_CREDENTIAL);
        String refused = tokens.current(APP);
        wechat.failPhone(40001);

        tokens.call(APP, phone("code-1"));

        assertThat(wechat.count(TOKEN)).isEqualTo(2);
        assertThat(wechat.count(STABLE)).isZero();
        assertThat(wechat.phoneTokens()).containsExactly(refused, wechat.plainCurrent());
    }

    // ---- token values stay secret ----

    @Test
    void tokenToStringHidesTheValue() {
        String value = stable().current(APP);

        WeChatAccessToken token = store.get(APP.appId()).orElseThrow();

        assertThat(token.toString()).doesNotContain(value).contains("***");
        assertThat(String.valueOf(store.get(APP.appId()))).doesNotContain(value);
    }

    @Test
    void noFailureMessageHoldsATokenOrTheSecret() {
        List<Throwable> failures = new ArrayList<>();
        AccessTokens tokens = stable();
        tokens.current(APP);
        wechat.failPhone(40001, 40001);
        failures.add(catchThrowable(() -> tokens.call(APP, phone("code-1"))));
        wechat.failPhone(42001, 42001);
        failures.add(catchThrowable(() -> tokens.call(APP, phone("code-2"))));
        wechat.failPhone(40029);
        failures.add(catchThrowable(() -> tokens.call(APP, phone("code-3"))));
        wechat.failPhone(-1, -1, -1);
        failures.add(catchThrowable(() -> tokens.call(APP, phone("code-4"))));
        wechat.failPhone(40001);
        wechat.failTokenOnce(40125);
        failures.add(catchThrowable(() -> tokens.call(APP, phone("code-5"))));
        wechat.failPhoneWithHttp(502);
        failures.add(catchThrowable(() -> tokens.call(APP, phone("code-6"))));
        // A token the client cannot read, and one WeChat answers without expires_in.
        AccessTokens fresh =
                new AccessTokens(client, new InMemoryAccessTokenStore(), AccessTokens.Mode.STABLE, RENEW_AHEAD, clock);
        wechat.answerTokenOnce("{\"access_token\":\"" + wechat.mintLoose() + "\"}");
        failures.add(catchThrowable(() -> fresh.current(APP)));

        assertThat(failures).hasSize(7).doesNotContainNull();
        Set<String> forbidden = wechat.everyToken();
        assertThat(forbidden)
                .as("the first token, two forced renewals, one made up")
                .hasSize(4);
        forbidden.add(SECRET);
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                for (String secret : forbidden) {
                    assertThat(t.getMessage())
                            .as("message of %s", t.getClass().getSimpleName())
                            .doesNotContain(secret);
                    assertThat(t.toString()).doesNotContain(secret);
                }
            }
            if (failure instanceof WeChatError e) {
                assertThat(WeChatErrors.toClientError(e).getMessage()).doesNotContain(forbidden);
            }
            if (failure instanceof WeChatUnavailable e) {
                assertThat(WeChatErrors.toClientError(e).getMessage()).doesNotContain(forbidden);
            }
        }
    }

    // ---- helpers ----

    /**
     * WeChat's token endpoints and getuserphonenumber, reduced to the rules under test:
     * {@code stable_token} hands out the app's current token while it has more than 5 minutes left
     * and a new one after that or when forced; {@code cgi-bin/token} mints one at every call; the phone
     * API refuses tokens it does not know (40001) or that expired (42001). Faults queue in order.
     */
    static final class FakeWeChat implements AutoCloseable {

        static final long LIFE_SECONDS = 7200;
        static final String PURE_NUMBER = "13800138000";
        private static final Duration EARLY_RENEWAL = Duration.ofMinutes(5);
        private static final JsonMapper JSON = JsonMapper.builder().build();
        private static final SecureRandom RANDOM = new SecureRandom();

        record Request(
                String method,
                String path,
                String rawQuery,
                Map<String, String> query,
                String contentType,
                JsonNode body) {}

        private record Grant(String token, Instant expiresAt) {}

        /** One queued answer: an errcode, or an HTTP status with a gateway's page. */
        private record Fault(int errcode, int httpStatus, String body) {}

        private final MutableClock clock;
        private final HttpServer server;
        private final ExecutorService executor;
        private final List<Request> requests = new CopyOnWriteArrayList<>();
        private final List<String> stableAnswers = new CopyOnWriteArrayList<>();
        private final Map<String, Grant> valid = new ConcurrentHashMap<>();
        private final Set<String> minted = ConcurrentHashMap.newKeySet();
        private final Queue<Fault> phoneFaults = new ConcurrentLinkedQueue<>();
        private final Queue<Fault> tokenFaults = new ConcurrentLinkedQueue<>();
        private final AtomicInteger serial = new AtomicInteger();
        private volatile Duration tokenStall = Duration.ZERO;
        private Grant stable;
        private Grant plain;

        FakeWeChat(MutableClock clock) throws IOException {
            this.clock = clock;
            executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "fake-wechat");
                t.setDaemon(true);
                return t;
            });
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
        }

        URI baseUrl() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        void tokenStall(Duration stall) {
            tokenStall = stall;
        }

        void failPhone(int... errcodes) {
            for (int errcode : errcodes) {
                phoneFaults.add(new Fault(errcode, 200, null));
            }
        }

        void failPhoneWithHttp(int status) {
            phoneFaults.add(new Fault(0, status, "<html><body>bad gateway</body></html>"));
        }

        void failTokenOnce(int errcode) {
            tokenFaults.add(new Fault(errcode, 200, null));
        }

        void answerTokenOnce(String body) {
            tokenFaults.add(new Fault(0, 200, body));
        }

        /** As another holder's forced refresh does: a new current stable token, the old one refused. */
        synchronized void supersedeStable() {
            if (stable != null) {
                valid.remove(stable.token());
            }
            stable = mint();
        }

        synchronized String stableCurrent() {
            return stable == null ? null : stable.token();
        }

        synchronized String plainCurrent() {
            return plain == null ? null : plain.token();
        }

        /** A token-looking value that WeChat never accepts, for answers the client must refuse. */
        String mintLoose() {
            String token = tokenValue();
            minted.add(token);
            return token;
        }

        /** Every token value handed out or made up. */
        Set<String> everyToken() {
            return new java.util.LinkedHashSet<>(minted);
        }

        List<Request> requests(String path) {
            return requests.stream().filter(r -> r.path().equals(path)).toList();
        }

        long count(String path) {
            return requests(path).size();
        }

        List<Boolean> stableForceFlags() {
            return requests(WeChatClient.STABLE_TOKEN).stream()
                    .map(r -> r.body().get("force_refresh").asBoolean())
                    .toList();
        }

        /** The token each stable_token call answered, in order. */
        List<String> stableAnswers() {
            return List.copyOf(stableAnswers);
        }

        /** The access_token each phone call carried, in order of arrival. */
        List<String> phoneTokens() {
            return requests(WeChatClient.PHONE_NUMBER).stream()
                    .map(r -> r.query().get("access_token"))
                    .toList();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try {
                URI uri = exchange.getRequestURI();
                byte[] raw = exchange.getRequestBody().readAllBytes();
                JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
                Request request = new Request(
                        exchange.getRequestMethod(),
                        uri.getPath(),
                        uri.getRawQuery(),
                        parse(uri.getRawQuery()),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        body);
                requests.add(request);
                Object[] answer = switch (request.path()) {
                    case WeChatClient.STABLE_TOKEN -> tokenAnswer(request, true);
                    case WeChatClient.TOKEN -> tokenAnswer(request, false);
                    case WeChatClient.PHONE_NUMBER -> phoneAnswer(request);
                    default -> new Object[] {404, "{\"errcode\":404}"};
                };
                send(exchange, (int) answer[0], (String) answer[1]);
            } catch (IOException e) {
                // the client went away
            } finally {
                exchange.close();
            }
        }

        private Object[] tokenAnswer(Request request, boolean stablePool) {
            stall(tokenStall);
            Fault fault = tokenFaults.poll();
            if (fault != null) {
                return fault.body() != null
                        ? new Object[] {fault.httpStatus(), fault.body()}
                        : new Object[] {200, error(fault.errcode())};
            }
            String appId =
                    stablePool ? text(request.body(), "appid") : request.query().get("appid");
            String secret = stablePool
                    ? text(request.body(), "secret")
                    : request.query().get("secret");
            if (!APP.appId().equals(appId) || !SECRET.equals(secret)) {
                return new Object[] {200, error(40125)};
            }
            Grant grant;
            synchronized (this) {
                if (stablePool) {
                    boolean force = request.body().get("force_refresh").asBoolean();
                    Instant now = clock.instant();
                    if (force
                            || stable == null
                            || !now.isBefore(stable.expiresAt().minus(EARLY_RENEWAL))) {
                        stable = mint();
                    }
                    grant = stable;
                    stableAnswers.add(grant.token());
                } else {
                    if (plain != null) {
                        valid.remove(plain.token());
                    }
                    plain = mint();
                    grant = plain;
                }
            }
            ObjectNode out = JSON.createObjectNode();
            out.put("access_token", grant.token());
            out.put(
                    "expires_in",
                    Duration.between(clock.instant(), grant.expiresAt()).toSeconds());
            return new Object[] {200, out.toString()};
        }

        private Object[] phoneAnswer(Request request) {
            Fault fault = phoneFaults.poll();
            if (fault != null) {
                return fault.body() != null
                        ? new Object[] {fault.httpStatus(), fault.body()}
                        : new Object[] {200, error(fault.errcode())};
            }
            Grant grant = valid.get(String.valueOf(request.query().get("access_token")));
            if (grant == null) {
                return new Object[] {200, error(40001)};
            }
            if (!clock.instant().isBefore(grant.expiresAt())) {
                return new Object[] {200, error(42001)};
            }
            ObjectNode out = JSON.createObjectNode();
            out.put("errcode", 0);
            out.put("errmsg", "ok");
            ObjectNode info = out.putObject("phone_info");
            info.put("phoneNumber", PURE_NUMBER);
            info.put("purePhoneNumber", PURE_NUMBER);
            info.put("countryCode", "86");
            ObjectNode watermark = info.putObject("watermark");
            watermark.put("timestamp", clock.instant().getEpochSecond());
            watermark.put("appid", APP.appId());
            return new Object[] {200, out.toString()};
        }

        private Grant mint() {
            String token = tokenValue();
            minted.add(token);
            Grant grant = new Grant(token, clock.instant().plusSeconds(LIFE_SECONDS));
            valid.put(token, grant);
            return grant;
        }

        private String tokenValue() {
            byte[] random = new byte[24];
            RANDOM.nextBytes(random);
            return serial.incrementAndGet() + "_" + HexFormat.of().formatHex(random);
        }

        private static String error(int errcode) {
            return "{\"errcode\":" + errcode + ",\"errmsg\":\"fake error " + errcode + "\"}";
        }

        private static String text(JsonNode body, String field) {
            JsonNode n = body == null ? null : body.get(field);
            return n == null || !n.isString() ? null : n.asString();
        }

        private static void stall(Duration d) {
            if (d.isZero()) {
                return;
            }
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void send(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .set("Content-Type", status == 200 ? "application/json; charset=utf-8" : "text/html");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        private static Map<String, String> parse(String rawQuery) {
            Map<String, String> out = new LinkedHashMap<>();
            if (rawQuery == null || rawQuery.isEmpty()) {
                return out;
            }
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                out.put(
                        URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return out;
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
