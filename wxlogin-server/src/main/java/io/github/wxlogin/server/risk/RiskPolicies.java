package io.github.wxlogin.server.risk;

import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.risk.RiskPolicy;
import io.github.wxlogin.server.component.ComponentProperties;
import io.github.wxlogin.server.config.ConfigurationMistake;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code wxlogin.wechat.risk.apps.<appid>.*} read into each app's {@link RiskPolicy}: a policy that is not
 * off, record or refuse, a {@code refuse-at} that is not 0 to 4 (or missing for refuse), an
 * {@code on-failure} that is not audit or log, or a policy for an app that is not a configured WeChat app
 * (or is a service provider's authorizer app, whose access-token calls this service cannot make) stops the start in one sentence naming the setting. The start check and the configuration run the same
 * code.
 */
public final class RiskPolicies {

    private RiskPolicies() {}

    /**
     * @param apps the configured apps, or empty when they are not known yet (dev mode's demo apps are made
     *     with the simulator): then the app of each policy is checked later, by the configuration
     */
    public static Map<String, RiskPolicy> parse(
            WeChatRiskProperties props, Optional<Apps> apps, ComponentProperties components) {
        Map<String, RiskPolicy> policies = new LinkedHashMap<>();
        props.apps().forEach((appId, given) -> {
            String prefix = "wxlogin.wechat.risk.apps." + appId + ".";
            if (components.apps().containsKey(appId)) {
                // An authorizer app's access-token calls need the authorizer_access_token, which this
                // service does not hold: every ranking would fail and be let through.
                throw new ConfigurationMistake(prefix + "policy is set, but " + appId
                        + " logs in through a service provider (wxlogin.wechat-component.apps), and risk control"
                        + " is not offered for such apps: remove the setting.");
            }
            if (apps.isPresent()
                    && apps.get()
                            .find(appId)
                            .filter(a -> a.platform() == Platform.WECHAT)
                            .isEmpty()) {
                throw new ConfigurationMistake(prefix + "policy is set, but " + appId
                        + " is not a configured WeChat app (getuserriskrank is WeChat's): add it to WXLOGIN_APPS,"
                        + " or remove the setting.");
            }
            policies.put(appId, policy(prefix, given));
        });
        return Map.copyOf(policies);
    }

    private static RiskPolicy policy(String prefix, WeChatRiskProperties.App given) {
        String mode = word(given.policy());
        RiskPolicy.Mode parsed = switch (mode) {
            case "off" -> RiskPolicy.Mode.OFF;
            case "record" -> RiskPolicy.Mode.RECORD;
            case "refuse" -> RiskPolicy.Mode.REFUSE;
            default ->
                throw new ConfigurationMistake(prefix + "policy must be off, record or refuse, not \""
                        + (given.policy() == null ? "" : given.policy().strip()) + "\".");
        };
        String failure = word(given.onFailure());
        RiskPolicy.OnFailure onFailure = switch (failure) {
            case "", "audit" -> RiskPolicy.OnFailure.AUDIT;
            case "log" -> RiskPolicy.OnFailure.LOG;
            default ->
                throw new ConfigurationMistake(prefix
                        + "on-failure must be audit (the default: the login goes through and its audit row says"
                        + " why it was not ranked) or log, not \""
                        + given.onFailure().strip() + "\".");
        };
        String at = given.refuseAt() == null ? "" : given.refuseAt().strip();
        if (at.isEmpty() && parsed == RiskPolicy.Mode.REFUSE) {
            throw new ConfigurationMistake(prefix + "policy is refuse, but " + prefix
                    + "refuse-at is not set: give the lowest risk rank to refuse, 0 to 4.");
        }
        int refuseAt = RiskPolicy.MAX_RANK;
        if (!at.isEmpty()) {
            if (!at.matches("[0-4]")) {
                throw new ConfigurationMistake(
                        prefix + "refuse-at must be a risk rank from 0 to 4, not \"" + at + "\".");
            }
            refuseAt = Integer.parseInt(at);
        }
        return new RiskPolicy(parsed, refuseAt, onFailure);
    }

    private static String word(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }
}
