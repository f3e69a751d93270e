package io.github.wxlogin.server.config;

import io.github.wxlogin.core.compose.CoreSettings;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.token.TokenSettings;
import io.github.wxlogin.core.wechat.AccessTokens;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every wxlogin setting, bound once from {@code wxlogin.*}. The documented environment variables
 * ({@code WXLOGIN_APPS}, {@code WXLOGIN_WECHAT_BASE_URL}, …) are mapped onto these names in
 * {@code application.properties}.
 *
 * <p>A setting the core has a default for is left null when not set and falls back to the core's
 * default ({@link CoreSettings#defaults}, {@link PlatformHttpSettings#defaults}): a default is
 * written once, in the core. Settings only the server has keep their defaults here.
 *
 * @param dev dev mode: demo apps, the simulator inside, a loud warning
 * @param apps {@code [platform:]appid:secret[:group]}, comma-separated
 * @param dataDir where the embedded database and the generated master key live
 * @param issuer the {@code iss} of tokens and the base of the discovery URLs
 * @param masterKey base64 of 32 bytes; blank to generate one into {@code dataDir}
 * @param adminToken the admin credential; blank turns the admin API off
 * @param metricsToken the credential {@code /actuator/prometheus} asks for; blank serves it to anyone
 * @param trustedProxies addresses and CIDR ranges of the reverse proxies whose {@code X-Forwarded-For}
 *     names the client; blank trusts none (the connection's address is the client's)
 * @param userCache the users {@code GET /v1/me} answers from memory
 * @param audit the audit log's retention
 * @param sessionCache whether sessions are live, as every authenticated request asks, from memory
 * @param baseUrls where the other platforms' servers are
 * @param linkByPhone binding a phone number another user holds links a brand-new user into that one
 *     instead of answering {@code phone_in_use} ({@code WXLOGIN_LINK_BY_PHONE}); unset, the core's
 *     default (off)
 * @param requestThreads Tomcat's request threads on JDK 17 to 20 ({@code WXLOGIN_REQUEST_THREADS}); unset,
 *     8 a core and at least 16 ({@code web.RequestThreads})
 */
@ConfigurationProperties("wxlogin")
public record WxLoginProperties(
        @DefaultValue("false") boolean dev,
        @DefaultValue("") String apps,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("http://localhost:8080") String issuer,
        @DefaultValue("") String masterKey,
        @DefaultValue("") String adminToken,
        @DefaultValue("") String metricsToken,
        @DefaultValue WeChat wechat,
        @DefaultValue Tokens tokens,
        @DefaultValue Simulator simulator,
        @DefaultValue Housekeeping housekeeping,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("") String trustedProxies,
        @DefaultValue UserCache userCache,
        @DefaultValue Audit audit,
        @DefaultValue SessionCache sessionCache,
        @DefaultValue BaseUrls baseUrls,
        Boolean linkByPhone,
        Integer requestThreads) {

    /**
     * Where the other platforms' servers are ({@code WXLOGIN_QQ_BASE_URL}, …); blank for the platform's
     * real host, or the simulator's prefix in dev mode ({@link PlatformBaseUrls}). WeChat's is
     * {@code wechat.base-url}.
     */
    public record BaseUrls(
            @DefaultValue("") String qq,
            @DefaultValue("") String douyin,
            @DefaultValue("") String alipay,
            @DefaultValue("") String baidu,
            @DefaultValue("") String kuaishou,
            @DefaultValue("") String wecom) {

        public String of(io.github.wxlogin.core.app.Platform platform) {
            return switch (platform) {
                case WECHAT -> "";
                case QQ -> qq;
                case DOUYIN -> douyin;
                case ALIPAY -> alipay;
                case BAIDU -> baidu;
                case KUAISHOU -> kuaishou;
                case WECOM -> wecom;
            };
        }
    }

    /**
     * Logins and refreshes allowed per {@code window}: from one client address, and for one app (all
     * its users together); refused admin calls (a missing or wrong admin credential) allowed per
     * {@code window} from one client address, past which the address is refused 429 even with the
     * right credential until its bucket refills; and the costly calls of one user: open-data
     * decryptions a minute, phone bindings a minute and a day. {@code 0} turns that limit off.
     */
    public record RateLimit(
            @DefaultValue("300") int perIp,
            @DefaultValue("0") int perApp,
            @DefaultValue("10") int adminRefusals,
            @DefaultValue("1m") Duration window,
            @DefaultValue("60") int decryptPerUser,
            @DefaultValue("5") int phonePerUser,
            @DefaultValue("10") int phonePerUserDaily) {}

    /**
     * How to reach WeChat. Unset values take {@link PlatformHttpSettings#defaults}; a blank base URL
     * is WeChat's own.
     */
    public record WeChat(
            URI baseUrl,
            Duration connectTimeout,
            Duration requestTimeout,
            Integer maxAttempts,
            Duration firstBackoff,
            Duration totalBudget,
            Integer circuitFailures,
            Duration circuitCoolDown,
            @DefaultValue("stable") AccessTokens.Mode accessTokenMode,
            @DefaultValue("5m") Duration renewTokenAhead,
            Duration previousSessionKeyGrace) {

        /** The client's settings: what is set here, the core's defaults for the rest. */
        public PlatformHttpSettings clientSettings() {
            URI url = baseUrl == null || baseUrl.toString().isBlank() ? PlatformHttpSettings.WECHAT : baseUrl;
            PlatformHttpSettings d = PlatformHttpSettings.defaults(url);
            return new PlatformHttpSettings(
                    url,
                    or(connectTimeout, d.connectTimeout()),
                    or(requestTimeout, d.requestTimeout()),
                    or(maxAttempts, d.maxAttempts()),
                    or(firstBackoff, d.firstBackoff()),
                    or(totalBudget, d.totalBudget()),
                    or(circuitFailures, d.circuitFailures()),
                    or(circuitCoolDown, d.circuitCoolDown()));
        }
    }

    /**
     * Token names and lifetimes; unset ones take {@link TokenSettings#defaults}.
     *
     * @param refreshGrace how long a just-spent refresh token may be presented again (the retry of a
     *     lost answer) without ending its session ({@code WXLOGIN_REFRESH_GRACE}); {@code 0s} turns it off
     */
    public record Tokens(
            String audience,
            Duration accessTokenTtl,
            Duration refreshTokenTtl,
            Duration sessionMaxLifetime,
            Duration refreshGrace,
            @DefaultValue("30d") Duration keyRotationInterval,
            @DefaultValue("1h") Duration keyCheckInterval) {}

    /**
     * Purging of expired and ended sessions and expired refresh tokens.
     *
     * @param interval how often it runs
     * @param keepEnded how long an ended or expired session is kept before it is deleted
     * @param batchSize rows per delete statement
     * @param maxBatches statements per run
     *     (the last three default to {@link CoreSettings.Housekeeping#defaults})
     */
    public record Housekeeping(
            @DefaultValue("10m") Duration interval, Duration keepEnded, Integer batchSize, Integer maxBatches) {}

    /**
     * The WeChat simulator inside the service: on in dev mode; outside it only when enabled here.
     *
     * @param enabled serve the simulator at {@code /wechat-sim} even outside dev mode
     * @param rotateSessionKey give users a fresh session_key at every login
     */
    public record Simulator(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("false") boolean rotateSessionKey,
            @DefaultValue("100") int minuteLimit) {}

    /**
     * The users {@code GET /v1/me} answers from memory; unset values take
     * {@link CoreSettings.UserCache#defaults}.
     *
     * @param maxSize the estimated heap size of the cached users together ({@code 16MB}); {@code 0}
     *     keeps none
     * @param ttl how long a user is kept once read: how long an instance that missed the news of a
     *     change shows the user as it was
     */
    public record UserCache(DataSize maxSize, Duration ttl) {}

    /**
     * The audit log.
     *
     * @param keep how long an event is kept before housekeeping deletes it; zero keeps every event
     *     (unset: {@link CoreSettings.Housekeeping#defaults}, 90 days)
     */
    public record Audit(Duration keep) {}

    /**
     * Whether a session is live, kept in memory; unset, {@link CoreSettings#liveSessionCache} of the
     * defaults.
     *
     * @param ttl how long a session's state is kept once read: how long an instance that missed the news
     *     of its end (or any instance, after an end written in the database directly) goes on taking it
     */
    public record SessionCache(Duration ttl) {}

    /** The core's settings: what is set here, the core's defaults for the rest. */
    public CoreSettings coreSettings() {
        CoreSettings d = CoreSettings.defaults(issuer);
        TokenSettings t = d.tokens();
        CoreSettings.Housekeeping h = d.housekeeping();
        CoreSettings.UserCache u = d.userCache();
        return new CoreSettings(
                new TokenSettings(
                        issuer,
                        or(tokens.audience(), t.audience()),
                        or(tokens.accessTokenTtl(), t.accessTokenTtl()),
                        or(tokens.refreshTokenTtl(), t.refreshTokenTtl()),
                        or(tokens.sessionMaxLifetime(), t.sessionMaxLifetime()),
                        or(tokens.refreshGrace(), t.refreshGrace())),
                or(wechat.previousSessionKeyGrace(), d.previousSessionKeyGrace()),
                or(sessionCache.ttl(), d.liveSessionCache()),
                new CoreSettings.Housekeeping(
                        or(housekeeping.keepEnded(), h.keepEnded()),
                        or(housekeeping.batchSize(), h.batchSize()),
                        or(housekeeping.maxBatches(), h.maxBatches()),
                        or(audit.keep(), h.keepAudit())),
                new CoreSettings.UserCache(
                        userCache.maxSize() == null
                                ? u.maxBytes()
                                : userCache.maxSize().toBytes(),
                        or(userCache.ttl(), u.ttl())),
                or(linkByPhone, d.linkByPhone()));
    }

    static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    public boolean simulatorMounted() {
        return dev || simulator.enabled();
    }
}
