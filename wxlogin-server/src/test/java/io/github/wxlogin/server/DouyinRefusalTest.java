package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.DOUYIN_1;
import static io.github.wxlogin.simulator.DemoApps.DOUYIN_2;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every error the simulator knows for Douyin, injected on its real paths in Douyin's own format, and
 * what the client is told: the contract's code and status, Retry-After where it may try again, Douyin's
 * "try again" answers retried within bounds, a code given back when Douyin never took it in, and a
 * refused client token renewed once. Counts are differences: the simulator is not reset (the service
 * keeps the client token of DOUYIN_1; DOUYIN_2's is never fetched here, so its faults are met).
 */
class DouyinRefusalTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(
                    "--wxlogin.wechat.request-timeout=1s", "--wxlogin.wechat.circuit-failures=1000")
            .databaseIndependent();

    private static DouyinSim douyin() {
        return DouyinSim.of(dev.service());
    }

    private static Tokens login(String appId, String user) {
        return Tokens.of(douyin().serviceLogin(appId, douyin().login(appId, user)));
    }

    private static final java.util.concurrent.atomic.AtomicInteger numbers =
            new java.util.concurrent.atomic.AtomicInteger();

    /** A user logs in and sends a phone code of a number nobody has. */
    private static Http.Reply bindByCode(String appId, String user) {
        Tokens caller = login(appId, user);
        String number = "139" + String.format("%08d", 200 + numbers.incrementAndGet());
        String code = douyin().phone(appId, user, number).get("code").asString();
        return dev.http()
                .withBearer(
                        "POST", "/v1/me/phone", caller.access(), Http.JSON.writeValueAsString(Map.of("code", code)));
    }

    @Test
    void aCodeDouyinNeverIssuedIsInvalidCode() {
        Map<String, Long> rows = dev.service().rowCounts();

        assertProblem(douyin().serviceLogin(DOUYIN_1, "0123456789abcdefghijklmnopqrstuv", null), 401, "invalid_code");
        assertProblem(douyin().serviceLogin(DOUYIN_1, null, "0123456789abcdefghijklmnopqrstuv"), 401, "invalid_code");

        assertThat(dev.service().rowCounts()).isEqualTo(rows);
    }

    @Test
    void anotherAppsCodeIsInvalidCode() {
        assertProblem(
                douyin().serviceLogin(DOUYIN_1, douyin().login(DOUYIN_2, "dy-refused-other-app")), 401, "invalid_code");
    }

    @ParameterizedTest
    @ValueSource(ints = {40018, 40019})
    void badCodeAndBadAnonymousCodeAreInvalidCode(int errNo) {
        DouyinSim.Codes codes = douyin().login(DOUYIN_1, "dy-refused-" + errNo);
        douyin().fail(DouyinSim.CODE2SESSION, errNo, 1);

        assertProblem(douyin().serviceLogin(DOUYIN_1, codes), 401, "invalid_code");
        // Douyin took the codes in: they are spent.
        assertProblem(douyin().serviceLogin(DOUYIN_1, codes), 401, "code_used");
    }

    @ParameterizedTest
    @ValueSource(ints = {40014, 40015, 40017})
    void refusedParametersOrCredentialsAreUpstreamUnavailableWithRetryAfter(int errNo) {
        douyin().fail(DouyinSim.CODE2SESSION, errNo, 1);

        Http.Reply r = douyin().serviceLogin(DOUYIN_1, douyin().login(DOUYIN_1, "dy-refused-" + errNo));

        assertProblem(r, 503, "upstream_unavailable");
        assertRetryAfter(r);
        assertThat(r.json().get("detail").asString()).doesNotContain("bad");
    }

    @Test
    void busyIsRetriedAndAnsweredWhenItClears() {
        DouyinSim.Codes codes = douyin().login(DOUYIN_1, "dy-busy-once");
        long calls = douyin().calls(DouyinSim.CODE2SESSION);
        douyin().fail(DouyinSim.CODE2SESSION, -1, 1);

        assertSession(douyin().serviceLogin(DOUYIN_1, codes));

        assertThat(douyin().calls(DouyinSim.CODE2SESSION)).isEqualTo(calls + 2);
    }

    @Test
    void busyThroughEveryRetryIsUpstreamUnavailableAndGivesTheCodesBack() {
        DouyinSim.Codes codes = douyin().login(DOUYIN_1, "dy-busy-always");
        long calls = douyin().calls(DouyinSim.CODE2SESSION);
        douyin().fail(DouyinSim.CODE2SESSION, -1, 3);

        Http.Reply r = douyin().serviceLogin(DOUYIN_1, codes);

        assertProblem(r, 503, "upstream_unavailable");
        assertRetryAfter(r);
        assertThat(douyin().calls(DouyinSim.CODE2SESSION)).isEqualTo(calls + 3);
        assertSession(douyin().serviceLogin(DOUYIN_1, codes));
    }

    @Test
    void aGatewaysErrorPageIsUpstreamUnavailableAndGivesTheCodesBack() {
        DouyinSim.Codes codes = douyin().login(DOUYIN_1, "dy-gateway");
        douyin().failWithHttp(DouyinSim.CODE2SESSION, 502, 1);

        assertProblem(douyin().serviceLogin(DOUYIN_1, codes), 503, "upstream_unavailable");

        assertSession(douyin().serviceLogin(DOUYIN_1, codes));
    }

    @ParameterizedTest
    @ValueSource(ints = {10002, 10003, 10013, 10020})
    void aRefusedClientTokenIsUpstreamUnavailable(int errorCode) {
        douyin().fail(DouyinSim.CLIENT_TOKEN, errorCode, 1);

        Http.Reply r = bindByCode(DOUYIN_2, "dy-token-" + errorCode);

        assertProblem(r, 503, "upstream_unavailable");
        assertRetryAfter(r);
    }

    @ParameterizedTest
    @ValueSource(ints = {28001003, 28001008})
    void aClientTokenDouyinRefusesIsRenewedOnceAndTheNumberBound(int errNo) {
        assertThat(bindByCode(DOUYIN_1, "dy-renew-warm-" + errNo).status()).isEqualTo(200);
        long tokenCalls = douyin().calls(DouyinSim.CLIENT_TOKEN);
        douyin().fail(DouyinSim.PHONE_NUMBER, errNo, 1);

        Http.Reply r = bindByCode(DOUYIN_1, "dy-renew-" + errNo);

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(douyin().calls(DouyinSim.CLIENT_TOKEN)).isEqualTo(tokenCalls + 1);
    }

    @Test
    void aClientTokenRefusedTwiceIsUpstreamUnavailable() {
        douyin().fail(DouyinSim.PHONE_NUMBER, 28001003, 2);

        assertProblem(bindByCode(DOUYIN_1, "dy-renew-twice"), 503, "upstream_unavailable");
    }

    @Test
    void aPhoneCodeDouyinNoLongerTakesIsInvalidCode() {
        douyin().fail(DouyinSim.PHONE_NUMBER, 28005187, 1);

        assertProblem(bindByCode(DOUYIN_1, "dy-phone-refused"), 401, "invalid_code");
    }

    @Test
    void douyinsInternalErrorIsRetriedForThePhoneAndUpstreamUnavailableWhenItLasts() {
        douyin().fail(DouyinSim.PHONE_NUMBER, 28001005, 1);
        assertThat(bindByCode(DOUYIN_1, "dy-phone-busy-once").status()).isEqualTo(200);

        douyin().fail(DouyinSim.PHONE_NUMBER, 28001005, 3);
        Http.Reply r = bindByCode(DOUYIN_1, "dy-phone-busy-always");

        assertProblem(r, 503, "upstream_unavailable");
        assertRetryAfter(r);
    }
}
