package io.github.wxlogin.core.risk;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The risk control of first logins, as the core is given it: each app's policy (an app not named is
 * {@link RiskPolicy#OFF}), the ranker, and where the look-up and the ranker's blocking call run (never
 * on the platform's HTTP threads).
 */
public record RiskControl(Map<String, RiskPolicy> policies, RiskRanker ranker, Executor executor) {

    public RiskControl {
        policies = Map.copyOf(policies);
        Objects.requireNonNull(ranker, "ranker");
        Objects.requireNonNull(executor, "executor");
    }

    public RiskPolicy policyOf(String appId) {
        return policies.getOrDefault(appId, RiskPolicy.OFF);
    }

    /** Whether any app asks for ranks: without one the core puts no screen on the login at all. */
    public boolean anyOn() {
        return policies.values().stream().anyMatch(p -> p.mode() != RiskPolicy.Mode.OFF);
    }
}
