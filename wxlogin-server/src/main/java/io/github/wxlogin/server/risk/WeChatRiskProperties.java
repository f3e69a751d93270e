package io.github.wxlogin.server.risk;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The risk control of first logins per WeChat app, bound once from {@code wxlogin.wechat.risk.apps.<appid>.*}
 * (keyed by appid, as Douyin's per-app keys are): {@code policy} ({@code off}, {@code record} or
 * {@code refuse}), {@code refuse-at} (the lowest rank refused, 0 to 4) and {@code on-failure} ({@code audit},
 * the default, or {@code log}). As environment variables: {@code WXLOGIN_WECHAT_RISK_APPS_<APPID>_POLICY},
 * {@code …_REFUSEAT}, {@code …_ONFAILURE}. Read as text, so a mistake is named in a sentence of ours
 * ({@link RiskPolicies}).
 *
 * @param apps per WeChat appid; an app not named has the policy {@code off}
 */
@ConfigurationProperties("wxlogin.wechat.risk")
public record WeChatRiskProperties(Map<String, App> apps) {

    public WeChatRiskProperties {
        apps = apps == null ? Map.of() : Map.copyOf(apps);
    }

    public static WeChatRiskProperties none() {
        return new WeChatRiskProperties(Map.of());
    }

    /** One app's policy, as given. */
    public record App(String policy, String refuseAt, String onFailure) {}
}
