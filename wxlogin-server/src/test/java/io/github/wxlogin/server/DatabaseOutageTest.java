package io.github.wxlogin.server;

import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database goes away and comes back: what needs it is answered 503 {@code upstream_unavailable}
 * with {@code Retry-After} (not 500: it is neither a bug nor the client's mistake, and it passes),
 * readiness says DOWN, nothing a 503 refused was spent, and the service recovers without a restart.
 * On a PostgreSQL of the test's own ({@link PrivatePostgres}), stopped and started on the same port;
 * the machine's PostgreSQL is untouched. The pool gives up waiting for a connection after 2 s here
 * (30 s by default), so the outage is answered quickly.
 */
class DatabaseOutageTest {

    @TempDir
    static Path dir;

    static PrivatePostgres pg;
    static TestService service;

    @BeforeAll
    static void start() throws Exception {
        TestDatabase.onlyInTheEmbeddedSuite("it brings its own database: once is enough");
        pg = PrivatePostgres.create(dir);
        pg.start();
        try (Connection c = pg.connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE wxlogin");
        }
        service = TestService.dev(
                dir.resolve("data"),
                "--spring.datasource.url=" + pg.jdbcUrl("wxlogin"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.datasource.hikari.connection-timeout=2000");
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void withoutTheDatabaseTheServiceAnswers503AndRecoversWhenItReturns() throws Exception {
        Tokens before = service.login(APP_1, "db-outage-before");

        pg.stop();

        Http.Reply login = service.http().login(APP_1, service.sim().code(APP_1, "db-outage-during"));
        assertDatabaseGone(login);
        Http.Reply refresh = service.http().refresh(before.refresh());
        assertDatabaseGone(refresh);
        assertThat(service.http().get("/actuator/health/readiness").status()).isEqualTo(503);

        pg.start();
        JarProcesses.awaitTrue(
                () -> service.http().get("/actuator/health").status() == 200, Duration.ofSeconds(30), dir);
        assertThat(service.http().refresh(before.refresh()).status())
                .as("the refresh answered 503 did not spend its token")
                .isEqualTo(200);
        assertThat(service.http()
                        .login(APP_1, service.sim().code(APP_1, "db-outage-after"))
                        .status())
                .isEqualTo(200);
    }

    private static void assertDatabaseGone(Http.Reply reply) {
        Contract.assertProblem(reply, 503, "upstream_unavailable");
        assertThat(reply.json().get("detail").asString())
                .isEqualTo("the service's database is unavailable; try again shortly");
        assertThat(reply.header("Retry-After")).contains("5");
    }
}
