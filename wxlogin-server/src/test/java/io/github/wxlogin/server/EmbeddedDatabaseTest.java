package io.github.wxlogin.server;

import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.github.wxlogin.server.config.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a configured database the service runs on SQLite in its data directory, over one connection;
 * a data directory that holds the H2 database of an earlier version keeps running on it, with its users.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @BeforeEach
    void embeddedRunOnly() {
        TestDatabase.onlyInTheEmbeddedSuite("about the default database: the embedded run");
    }

    @Test
    void aNewDataDirectoryGetsAnSqliteDatabaseOverOneConnection() {
        Path fresh = dataDir.resolve("not-there-yet");
        try (TestService service = TestService.dev(fresh)) {
            Tokens tokens = service.login(APP_1, "sqlite-user");
            assertThat(tokens.userId()).isNotBlank();
            HikariDataSource pool = service.bean(HikariDataSource.class);
            assertThat(pool.getJdbcUrl()).startsWith("jdbc:sqlite:").contains("journal_mode=WAL");
            assertThat(pool.getMaximumPoolSize()).isEqualTo(1);
            assertThat(service.count("wx_users")).isOne();
        }
        assertThat(fresh.resolve("wxlogin.db")).isRegularFile();
        assertThat(fresh.resolve("wxlogin.mv.db")).doesNotExist();
    }

    @Test
    void aDataDirectoryOfTheEarlierH2DefaultKeepsRunningOnItWithItsUsers() {
        int port = TestPorts.free();
        String userId;
        // As an earlier version left it: its default was this H2 file.
        try (TestService earlier = TestService.start(
                dataDir, port, Map.of(), true, "--spring.datasource.url=" + EmbeddedDatabase.h2Url(dataDir))) {
            userId = earlier.login(APP_1, "h2-user").userId();
        }
        assertThat(dataDir.resolve("wxlogin.mv.db")).isRegularFile();

        try (TestService upgraded = TestService.dev(dataDir, port)) {
            assertThat(upgraded.bean(HikariDataSource.class).getJdbcUrl()).startsWith("jdbc:h2:file:");
            Tokens again = upgraded.login(APP_1, "h2-user");
            assertThat(again.userId()).isEqualTo(userId);
            assertThat(again.body().get("newUser").asBoolean()).isFalse();
        }
        assertThat(Files.exists(dataDir.resolve("wxlogin.db"))).isFalse();
    }
}
