package io.github.wxlogin.core.wechat;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * What stands between a caller and WeChat (Resilience4j): a circuit breaker per API around a bounded
 * retry of WeChat's "system busy" ({@code -1}) answer.
 * <ul>
 * <li>Retry: at most {@code maxAttempts} tries, backoff doubling from {@code firstBackoff}, all within
 *     {@code totalBudget}; a backoff that would not fit the budget is not slept, the last error is
 *     thrown at once. Each try's timeout is cut to what is left of the budget.</li>
 * <li>Circuit: {@code circuitFailures} failed calls in a row (a failure is a call that ended
 *     unavailable or busy after its retries; WeChat refusing a code is an answer, not a failure)
 *     open the circuit: calls are refused without reaching WeChat for {@code circuitCoolDown}, then one
 *     trial call closes it again or reopens it.</li>
 * </ul>
 * Pauses go through the {@link WeChatClient.Sleeper} seam (the retry's interval function sleeps and
 * hands Resilience4j a zero wait), so tests need not sleep.
 */
final class WeChatCallGuard {

    private static final Logger log = LoggerFactory.getLogger(WeChatCallGuard.class);

    private final WeChatClientSettings settings;
    private final Clock clock;
    private final WeChatClient.Sleeper sleeper;
    private final CircuitBreakerRegistry circuits;
    private final Map<String, CircuitBreaker> byApi;
    private final Map<String, Instant> openUntil = new ConcurrentHashMap<>();

    WeChatCallGuard(WeChatClientSettings settings, Clock clock, WeChatClient.Sleeper sleeper, List<String> apis) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.circuits = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.circuitFailures())
                .minimumNumberOfCalls(settings.circuitFailures())
                .failureRateThreshold(100)
                .waitDurationInOpenState(settings.circuitCoolDown())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(WeChatCallGuard::isOutage)
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build());
        Map<String, CircuitBreaker> byApi = new java.util.HashMap<>();
        apis.forEach(api -> byApi.put(api, newCircuit(api)));
        this.byApi = Map.copyOf(byApi);
    }

    /** The circuits, one per API path, for metrics. */
    CircuitBreakerRegistry circuits() {
        return circuits;
    }

    /**
     * Runs {@code oneTry} (given the timeout it may use) under the circuit and the retry.
     *
     * @throws WeChatError WeChat's answer, busy included when the retries are spent
     * @throws WeChatUnavailable WeChat could not be asked, or the circuit is open
     */
    JsonNode call(String api, Function<Duration, JsonNode> oneTry) {
        Instant deadline = clock.instant().plus(settings.totalBudget());
        try {
            return circuit(api).executeSupplier(() -> withRetries(api, oneTry, deadline));
        } catch (CallNotPermittedException e) {
            throw new WeChatUnavailable(
                    api, "not called: it failed repeatedly and is given time to recover", retryAfter(api), null);
        }
    }

    /**
     * Tries again after WeChat's "busy" answer only, with a doubling pause, while another try fits in
     * the budget; a plain loop, so a call builds nothing (a retry configuration per call showed in
     * profiles, and the deadline differs per call).
     */
    private JsonNode withRetries(String api, Function<Duration, JsonNode> oneTry, Instant deadline) {
        for (int attempt = 1; ; attempt++) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new WeChatUnavailable(api, "no time left for another try", null);
            }
            try {
                return oneTry.apply(left.compareTo(settings.requestTimeout()) < 0 ? left : settings.requestTimeout());
            } catch (WeChatError e) {
                if (!e.isBusy() || attempt >= settings.maxAttempts()) {
                    throw e;
                }
                pauseIfAnotherTryFits(api, attempt, e, deadline);
            }
        }
    }

    private void pauseIfAnotherTryFits(String api, int attempts, WeChatError busy, Instant deadline) {
        Duration backoff = settings.firstBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        if (Duration.between(clock.instant(), deadline).compareTo(backoff) <= 0) {
            // No time for the pause and another try: the busy answer stands.
            throw busy;
        }
        log.warn("WeChat {} busy (errcode -1), try {} of {}", api, attempts, settings.maxAttempts());
        try {
            sleeper.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeChatUnavailable(api, "interrupted", null);
        }
    }

    private CircuitBreaker circuit(String api) {
        CircuitBreaker circuit = byApi.get(api);
        if (circuit == null) {
            throw new IllegalArgumentException("no circuit for " + api);
        }
        return circuit;
    }

    /** A circuit with its listener attached before anyone can use it. */
    private CircuitBreaker newCircuit(String api) {
        CircuitBreaker circuit = circuits.circuitBreaker(api);
        circuit.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition().getToState()) {
                case OPEN -> {
                    openUntil.put(api, clock.instant().plus(settings.circuitCoolDown()));
                    log.warn(
                            "WeChat {} failed {} times in a row: calls to it are refused for {} s",
                            api,
                            settings.circuitFailures(),
                            settings.circuitCoolDown().toSeconds());
                }
                case CLOSED -> log.info("WeChat {} answers again: calls to it go through", api);
                default -> {}
            }
        });
        return circuit;
    }

    private Duration retryAfter(String api) {
        Instant until = openUntil.get(api);
        Duration left = until == null ? Duration.ZERO : Duration.between(clock.instant(), until);
        // Rounded up to whole seconds, and at least one: a half-open circuit is about to decide.
        long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
        return Duration.ofSeconds(seconds);
    }

    private static boolean isOutage(Throwable e) {
        return e instanceof WeChatUnavailable || e instanceof WeChatError w && w.isBusy();
    }
}
