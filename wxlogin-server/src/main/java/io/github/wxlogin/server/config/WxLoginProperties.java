package io.github.wxlogin.server.config;

import io.github.wxlogin.core.wechat.AccessTokens;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every wxlogin setting, bound once from {@code wxlogin.*}. The documented environment variables
 * ({@code WXLOGIN_APPS}, {@code WXLOGIN_WECHAT_BASE_URL}, …) are mapped onto these names in
 * {@code application.properties}.
 *
 * @param dev dev mode: demo apps, the simulator inside, a loud warning
 * @param apps {@code appid:secret[:group]}, comma-separated
 * @param dataDir where the embedded database and the generated master key live
 * @param issuer the {@code iss} of tokens and the base of the discovery URLs
 * @param masterKey base64 of 32 bytes; blank to generate one into {@code dataDir}
 * @param adminToken the admin credential; blank turns the admin API off
 * @param trustedProxies addresses and CIDR ranges of the reverse proxies whose {@code X-Forwarded-For}
 *     names the client; blank trusts none (the connection's address is the client's)
 */
@ConfigurationProperties("wxlogin")
public record WxLoginProperties(
        @DefaultValue("false") boolean dev,
        @DefaultValue("") String apps,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("http://localhost:8080") String issuer,
        @DefaultValue("") String masterKey,
        @DefaultValue("") String adminToken,
        @DefaultValue WeChat wechat,
        @DefaultValue Tokens tokens,
        @DefaultValue Simulator simulator,
        @DefaultValue Housekeeping housekeeping,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("") String trustedProxies) {

    /**
     * Logins and refreshes allowed per {@code window}: from one client address, and for one app (all
     * its users together); {@code 0} turns that limit off.
     */
    public record RateLimit(
            @DefaultValue("300") int perIp,
            @DefaultValue("0") int perApp,
            @DefaultValue("1m") Duration window) {
    }

    /** How to reach WeChat. */
    public record WeChat(
            @DefaultValue("https://api.weixin.qq.com") URI baseUrl,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("5s") Duration requestTimeout,
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("200ms") Duration firstBackoff,
            @DefaultValue("8s") Duration totalBudget,
            @DefaultValue("5") int circuitFailures,
            @DefaultValue("10s") Duration circuitCoolDown,
            @DefaultValue("stable") AccessTokens.Mode accessTokenMode,
            @DefaultValue("5m") Duration renewTokenAhead,
            @DefaultValue("5m") Duration previousSessionKeyGrace) {
    }

    /** Token lifetimes. */
    public record Tokens(
            @DefaultValue("wxlogin") String audience,
            @DefaultValue("15m") Duration accessTokenTtl,
            @DefaultValue("30d") Duration refreshTokenTtl,
            @DefaultValue("90d") Duration sessionMaxLifetime,
            @DefaultValue("30d") Duration keyRotationInterval,
            @DefaultValue("1h") Duration keyCheckInterval) {
    }

    /**
     * Purging of expired and ended sessions and expired refresh tokens.
     *
     * @param interval how often it runs
     * @param keepEnded how long an ended or expired session is kept before it is deleted
     * @param batchSize rows per delete statement
     * @param maxBatches statements per run
     */
    public record Housekeeping(
            @DefaultValue("10m") Duration interval,
            @DefaultValue("7d") Duration keepEnded,
            @DefaultValue("500") int batchSize,
            @DefaultValue("20") int maxBatches) {
    }

    /**
     * The WeChat simulator inside the service: on in dev mode; outside it only when enabled here.
     *
     * @param enabled serve the simulator at {@code /wechat-sim} even outside dev mode
     * @param rotateSessionKey give users a fresh session_key at every login
     */
    public record Simulator(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("false") boolean rotateSessionKey,
            @DefaultValue("100") int minuteLimit) {
    }

    public boolean simulatorMounted() {
        return dev || simulator.enabled();
    }
}
