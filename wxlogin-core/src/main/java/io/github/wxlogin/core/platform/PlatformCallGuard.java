package io.github.wxlogin.core.platform;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.wxlogin.core.support.Futures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * What stands between a caller and a platform's server (Resilience4j): a circuit breaker per API around
 * a bounded retry of the platform's "busy" answer ({@link PlatformError#isBusy()}; WeChat's {@code -1}).
 * <ul>
 * <li>Retry: at most {@code maxAttempts} tries, backoff doubling from {@code firstBackoff}, all within
 *     {@code totalBudget}; a backoff that would not fit the budget is not slept, the last error is
 *     thrown at once. Each try's timeout is cut to what is left of the budget.</li>
 * <li>Circuit: {@code circuitFailures} failed calls in a row (a failure is a call that ended
 *     unavailable or busy after its retries; the platform refusing a code is an answer, not a failure)
 *     open the circuit: calls are refused without reaching the platform for {@code circuitCoolDown}, then one
 *     trial call closes it again or reopens it.</li>
 * </ul>
 * Both rules hold for a synchronous call ({@link #call}) and an asynchronous one ({@link #callAsync}, which
 * holds no thread while the platform answers or while it waits to retry). Pauses go through the
 * {@link CallPause} seam, so tests need not wait.
 */
public final class PlatformCallGuard {

    private static final Logger log = LoggerFactory.getLogger(PlatformCallGuard.class);

    private final String platform;
    private final PlatformHttpSettings settings;
    private final Clock clock;
    private final CallPause pause;
    private final PlatformUnavailable.Factory unavailable;
    private final CircuitBreakerRegistry circuits;
    private final Map<String, CircuitBreaker> byApi;
    private final Map<String, Instant> openUntil = new ConcurrentHashMap<>();

    /**
     * @param platform the platform's name in log lines ("WeChat", "Douyin", …); lower-cased, the
     *     {@code platform} tag of its circuits
     * @param apis the API paths that get a circuit each
     * @param unavailable makes the platform's own kind of {@link PlatformUnavailable}
     */
    public PlatformCallGuard(
            String platform,
            PlatformHttpSettings settings,
            Clock clock,
            CallPause pause,
            List<String> apis,
            PlatformUnavailable.Factory unavailable) {
        this.platform = platform;
        this.unavailable = unavailable;
        this.settings = settings;
        this.clock = clock;
        this.pause = pause;
        this.circuits = CircuitBreakerRegistry.custom()
                .withCircuitBreakerConfig(CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(settings.circuitFailures())
                        .minimumNumberOfCalls(settings.circuitFailures())
                        .failureRateThreshold(100)
                        .waitDurationInOpenState(settings.circuitCoolDown())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .recordException(PlatformCallGuard::isOutage)
                        .writableStackTraceEnabled(false)
                        .clock(clock)
                        .build())
                // Every circuit carries its platform, so each platform's circuits are told apart in the
                // metrics (QQ's API paths are WeChat's own).
                .withTags(Map.of("platform", platform.toLowerCase(Locale.ROOT)))
                .build();
        Map<String, CircuitBreaker> byApi = new java.util.HashMap<>();
        apis.forEach(api -> byApi.put(api, newCircuit(api)));
        this.byApi = Map.copyOf(byApi);
    }

    /** The circuits, one per API path, for metrics. */
    public CircuitBreakerRegistry circuits() {
        return circuits;
    }

    /**
     * Runs {@code oneTry} (given the timeout it may use) under the circuit and the retry.
     *
     * @throws PlatformError the platform's answer, busy included when the retries are spent
     * @throws PlatformUnavailable the platform could not be asked, or the circuit is open
     */
    public JsonNode call(String api, Function<Duration, JsonNode> oneTry) {
        Instant deadline = clock.instant().plus(settings.totalBudget());
        try {
            return circuit(api).executeSupplier(() -> withRetries(api, oneTry, deadline));
        } catch (CallNotPermittedException e) {
            throw circuitOpen(api);
        }
    }

    /**
     * {@link #call} without a thread waiting: {@code oneTry} starts a try and gives its future; the
     * pause before a retry is scheduled, not slept. The future fails with what {@link #call} throws.
     */
    public CompletableFuture<JsonNode> callAsync(String api, Function<Duration, CompletableFuture<JsonNode>> oneTry) {
        Instant deadline = clock.instant().plus(settings.totalBudget());
        CircuitBreaker circuit = circuit(api);
        // By hand what executeSupplier does: a permit, then the outcome (recordException decides
        // whether a failure counts), measured on the circuit's own clock.
        if (!circuit.tryAcquirePermission()) {
            return CompletableFuture.failedFuture(circuitOpen(api));
        }
        long start = circuit.getCurrentTimestamp();
        CompletableFuture<JsonNode> outcome = new CompletableFuture<>();
        Futures.capture(() -> withRetriesAsync(api, oneTry, deadline, 1)).whenComplete((body, failure) -> {
            long took = circuit.getCurrentTimestamp() - start;
            Throwable cause = failure == null ? null : Futures.unwrap(failure);
            try {
                if (cause == null) {
                    circuit.onSuccess(took, circuit.getTimestampUnit());
                } else {
                    circuit.onError(took, circuit.getTimestampUnit(), cause);
                }
            } finally {
                if (cause == null) {
                    outcome.complete(body);
                } else {
                    outcome.completeExceptionally(cause);
                }
            }
        });
        return outcome;
    }

    /**
     * Tries again after the platform's "busy" answer only, with a doubling pause, while another try fits in
     * the budget; a plain loop, so a call builds nothing (a retry configuration per call showed in
     * profiles, and the deadline differs per call).
     */
    private JsonNode withRetries(String api, Function<Duration, JsonNode> oneTry, Instant deadline) {
        for (int attempt = 1; ; attempt++) {
            Duration timeout = timeoutOfNextTry(api, deadline);
            try {
                return oneTry.apply(timeout);
            } catch (PlatformError e) {
                Duration backoff = backoffBeforeRetry(api, attempt, e, deadline);
                try {
                    pause.after(backoff).toCompletableFuture().get();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw unavailable.create(api, "interrupted", null, null);
                } catch (ExecutionException failed) {
                    throw unavailable.create(api, "the pause before a retry failed", null, null);
                }
            }
        }
    }

    /** The same loop as {@link #withRetries}, one try at a time, each started when the last failed busy. */
    private CompletableFuture<JsonNode> withRetriesAsync(
            String api, Function<Duration, CompletableFuture<JsonNode>> oneTry, Instant deadline, int attempt) {
        Duration timeout = timeoutOfNextTry(api, deadline);
        return Futures.capture(() -> oneTry.apply(timeout)).exceptionallyCompose(failure -> {
            if (!(Futures.unwrap(failure) instanceof PlatformError e)) {
                return CompletableFuture.failedFuture(Futures.unwrap(failure));
            }
            Duration backoff = backoffBeforeRetry(api, attempt, e, deadline);
            return pause.after(backoff)
                    .toCompletableFuture()
                    .thenCompose(paused -> withRetriesAsync(api, oneTry, deadline, attempt + 1));
        });
    }

    /** What is left of the budget, capped at the request timeout; none left is unavailable. */
    private Duration timeoutOfNextTry(String api, Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw unavailable.create(api, "no time left for another try", null, null);
        }
        return left.compareTo(settings.requestTimeout()) < 0 ? left : settings.requestTimeout();
    }

    /**
     * The pause before trying again after {@code e}, or {@code e} thrown when it is not "busy", the
     * tries are spent, or the pause and another try do not fit in the budget.
     */
    private Duration backoffBeforeRetry(String api, int attempts, PlatformError e, Instant deadline) {
        if (!e.isBusy() || attempts >= settings.maxAttempts()) {
            throw e;
        }
        Duration backoff = settings.firstBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        if (Duration.between(clock.instant(), deadline).compareTo(backoff) <= 0) {
            // No time for the pause and another try: the busy answer stands.
            throw e;
        }
        log.warn("{} {} busy, try {} of {}", platform, api, attempts, settings.maxAttempts());
        return backoff;
    }

    private PlatformUnavailable circuitOpen(String api) {
        return unavailable.create(
                api, "not called: it failed repeatedly and is given time to recover", retryAfter(api), null);
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
                            "{} {} failed {} times in a row: calls to it are refused for {} s",
                            platform,
                            api,
                            settings.circuitFailures(),
                            settings.circuitCoolDown().toSeconds());
                }
                case CLOSED -> log.info("{} {} answers again: calls to it go through", platform, api);
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
        return e instanceof PlatformUnavailable || e instanceof PlatformError w && w.isBusy();
    }
}
