package io.github.wxlogin.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The real wxlogin service started for a test: {@link WxLoginApplication} on the embedded Tomcat, on a
 * fixed free port (so the default issuer {@code http://localhost:<port>} and the discovery URLs are
 * right), with its master key (and its embedded database) in a data directory the test owns, on the
 * database {@link TestDatabase#current()} names. Tests talk to it
 * over real HTTP only; the context is here for the few things a test must look at from inside (the
 * database, the configured apps, the signing key to forge tokens with).
 */
final class TestService implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;
    private final Http http;
    private final Sim sim;

    private TestService(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.port = port;
        this.http = new Http(URI.create(baseUrl()));
        this.sim = new Sim(new Http(URI.create(baseUrl() + "/wechat-sim")));
    }

    /** Dev mode (profile {@code dev}): the three demo apps and the simulator at {@code /wechat-sim}. */
    static TestService dev(Path dataDir, String... args) {
        return dev(dataDir, TestPorts.free(), args);
    }

    static TestService dev(Path dataDir, int port, String... args) {
        return start(dataDir, port, Map.of(), true, args);
    }

    /**
     * Dev mode on the test's {@code clock} instead of the system's: rate-limit buckets, token and session
     * times all follow it, so a test moves time instead of waiting for it.
     */
    static TestService dev(Path dataDir, Clock clock, String... args) {
        return start(dataDir, TestPorts.free(), Map.of(), Map.of(), true, clock, args);
    }

    /**
     * Dev mode with the admin API on: {@code adminToken} given as the documented
     * {@code WXLOGIN_ADMIN_TOKEN} environment variable. Further settings go in {@code args}, such as
     * {@code --wxlogin.housekeeping.batch-size=2}.
     */
    static TestService devWithAdmin(Path dataDir, String adminToken, String... args) {
        return start(dataDir, TestPorts.free(), Map.of("WXLOGIN_ADMIN_TOKEN", adminToken), true, args);
    }

    /**
     * Not dev mode: configured as an operator would, through the environment variables of API.md
     * ({@code WXLOGIN_APPS}, {@code WXLOGIN_WECHAT_BASE_URL}, …) given in {@code environment}.
     */
    static TestService configured(Path dataDir, Map<String, String> environment, String... args) {
        return start(dataDir, TestPorts.free(), environment, false, args);
    }

    static TestService start(Path dataDir, int port, Map<String, String> environment, boolean dev, String... args) {
        return start(dataDir, port, environment, Map.of(), dev, null, args);
    }

    /**
     * Dev mode with {@code processEnvironment} in what Spring takes for the process environment itself
     * (its {@code systemEnvironment} property source, the JVM's variables and these), not only among
     * the settings: that source is where Spring Boot looks to detect a cloud platform (Kubernetes:
     * {@code KUBERNETES_SERVICE_HOST} and {@code KUBERNETES_SERVICE_PORT}, set in every pod).
     */
    static TestService devInProcessEnvironment(Path dataDir, Map<String, String> processEnvironment, String... args) {
        return start(dataDir, TestPorts.free(), Map.of(), processEnvironment, true, null, args);
    }

    /**
     * Not dev mode, with {@code environment} read as the process environment is, Spring's relaxed binding
     * included: a variable maps onto a property that {@code application.properties} does not name, as
     * {@code WXLOGIN_ALIPAY_APPS_0_APPID} onto {@code wxlogin.alipay.apps[0].app-id}.
     */
    static TestService configuredAsProcessEnvironment(Path dataDir, Map<String, String> environment, String... args) {
        SpringApplication app = new SpringApplication(WxLoginApplication.class);
        app.addListeners(
                new Exported(environment, "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME));
        return run(app, dataDir, TestPorts.free(), args);
    }

    private static TestService start(
            Path dataDir,
            int port,
            Map<String, String> environment,
            Map<String, String> processEnvironment,
            boolean dev,
            Clock clock,
            String... args) {
        SpringApplication app = new SpringApplication(WxLoginApplication.class);
        if (clock != null) {
            app.addInitializers(ctx -> ctx.getBeanFactory().registerSingleton("testClock", clock));
        }
        if (dev) {
            app.setAdditionalProfiles("dev");
        }
        if (!processEnvironment.isEmpty()) {
            Map<String, Object> env = new LinkedHashMap<>(System.getenv());
            env.putAll(processEnvironment);
            app.addInitializers(ctx -> ctx.getEnvironment()
                    .getPropertySources()
                    .replace(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            new SystemEnvironmentPropertySource(
                                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)));
        }
        if (!environment.isEmpty()) {
            app.addListeners(new Exported(environment, "testEnvironment"));
        }
        return run(app, dataDir, port, args);
    }

    private static TestService run(SpringApplication app, Path dataDir, int port, String... args) {
        List<String> all =
                new ArrayList<>(List.of("--server.port=" + port, "--wxlogin.data-dir=" + dataDir.toAbsolutePath()));
        all.addAll(TestDatabase.current().serviceArgs(dataDir));
        all.addAll(List.of(args));
        ConfigurableApplicationContext context = app.run(all.toArray(String[]::new));
        return new TestService(context, port);
    }

    /**
     * The test's environment variables, as if exported in the process environment, with the same
     * (relaxed) lookup rules: added as soon as the environment exists, before the settings are checked
     * ({@code startup.StartupCheck}).
     */
    private record Exported(Map<String, String> variables, String sourceName)
            implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            event.getEnvironment()
                    .getPropertySources()
                    .addBefore(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            new SystemEnvironmentPropertySource(sourceName, new LinkedHashMap<>(variables)));
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    int port() {
        return port;
    }

    /** {@code http://localhost:<port>}: also the default issuer. */
    String baseUrl() {
        return "http://localhost:" + port;
    }

    Http http() {
        return http;
    }

    /** The simulator mounted in dev mode, at {@code /wechat-sim} of this service. */
    Sim sim() {
        return sim;
    }

    /** A user's login in dev mode: a code from the simulator, exchanged; extra headers as name, value pairs. */
    Tokens login(String appId, String user, String... headers) {
        return Tokens.of(http.login(appId, sim.code(appId, user), headers));
    }

    /** {@code POST /v1/auth/refresh} that must succeed. */
    Tokens refresh(Tokens tokens, String... headers) {
        return Tokens.of(http.refresh(tokens.refresh(), headers));
    }

    /** The admin API with the configured admin credential ({@code wxlogin.admin-token}; null when off). */
    Admin admin() {
        String token = context.getEnvironment().getProperty("wxlogin.admin-token");
        return new Admin(http, token == null || token.isBlank() ? null : token);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** How many request threads Tomcat runs at most (its connector's {@code maxThreads}). */
    int maxRequestThreads() {
        var server = (org.springframework.boot.tomcat.TomcatWebServer)
                ((org.springframework.boot.web.server.context.WebServerApplicationContext) context).getWebServer();
        return ((org.apache.coyote.AbstractProtocol<?>)
                        server.getTomcat().getConnector().getProtocolHandler())
                .getMaxThreads();
    }

    /** Every bean of {@code type}, by name. */
    <T> Map<String, T> beans(Class<T> type) {
        return context.getBeansOfType(type);
    }

    JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    long count(String table) {
        return jdbc().sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    /** Every table of the service's schema, named as the database spells it, on whichever database it runs. */
    List<String> tables() {
        try (java.sql.Connection c = bean(javax.sql.DataSource.class).getConnection();
                java.sql.ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (name.toUpperCase(java.util.Locale.ROOT).startsWith("WX_")) {
                    names.add(name);
                }
            }
            return List.copyOf(names);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Row counts of every table a login writes, to show a refused request wrote nothing. */
    Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("wx_users", "wx_identities", "wx_unions", "wx_sessions", "wx_refresh_tokens")) {
            counts.put(table, count(table));
        }
        return counts;
    }

    /**
     * Every row of every table but {@code excluded}, as text, sorted: equal snapshots mean a request
     * wrote nothing. Sessions' {@code last_used_at} is left out: an authenticated call may stamp it
     * (throttled) before its body is refused, and that stamp is the use, not a write of the request's data.
     */
    Map<String, List<String>> snapshot(String... excluded) {
        java.util.Set<String> skip = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        skip.addAll(List.of(excluded));
        Map<String, List<String>> tables = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String table : tables()) {
            if (skip.contains(table)) {
                continue;
            }
            List<String> rows = new ArrayList<>();
            for (Map<String, Object> row :
                    jdbc().sql("SELECT * FROM " + table).query().listOfRows()) {
                Map<String, Object> kept = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                kept.putAll(row);
                kept.remove("last_used_at");
                rows.add(kept.toString());
            }
            java.util.Collections.sort(rows);
            tables.put(table, rows);
        }
        return tables;
    }

    @Override
    public void close() {
        context.close();
    }
}
