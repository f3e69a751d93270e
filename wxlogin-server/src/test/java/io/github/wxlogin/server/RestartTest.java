package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A restarted service on the same data directory is the same deployment: its users, its signing key
 * (sealed in the database under the master key) and the master key file itself survive the restart.
 */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void restartOnTheSameDataDirectoryKeepsUsersAndAcceptsTokensIssuedBefore() throws Exception {
        int port = TestPorts.free();
        JsonNode before;
        String masterKey;
        String jwksBefore;
        try (TestService first = TestService.dev(dataDir, port)) {
            before = assertSession(first.http().login(APP_1, first.sim().code(APP_1, "restart-user")));
            assertThat(before.get("newUser").asBoolean()).isTrue();
            masterKey = Files.readString(dataDir.resolve("master.key"));
            jwksBefore = first.http().get("/.well-known/jwks.json").body();
        }

        try (TestService second = TestService.dev(dataDir, port)) {
            JsonNode after =
                    assertSession(second.http().login(APP_1, second.sim().code(APP_1, "restart-user")));

            assertThat(after.get("newUser").asBoolean()).isFalse();
            assertThat(after.get("user").get("id").asString())
                    .isEqualTo(before.get("user").get("id").asString());
            assertThat(after.get("user").get("createdAt"))
                    .isEqualTo(before.get("user").get("createdAt"));
            Http.Reply me =
                    second.http().me("Bearer " + before.get("accessToken").asString());
            assertThat(me.status())
                    .as("token issued before the restart: %s", me)
                    .isEqualTo(200);
            assertThat(me.json()).isEqualTo(before.get("user"));
            assertThat(SignedJWT.parse(after.get("accessToken").asString())
                            .getHeader()
                            .getKeyID())
                    .isEqualTo(SignedJWT.parse(before.get("accessToken").asString())
                            .getHeader()
                            .getKeyID());
            assertThat(second.http().get("/.well-known/jwks.json").body()).isEqualTo(jwksBefore);
            assertThat(Files.readString(dataDir.resolve("master.key"))).isEqualTo(masterKey);
        }
    }

    @Test
    void configuredMasterKeyWritesNoKeyFileAndTokensSurviveARestart() throws Exception {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String masterKey =
                "--wxlogin.master-key=" + java.util.Base64.getEncoder().encodeToString(key);
        int port = TestPorts.free();
        JsonNode before;
        try (TestService first = TestService.dev(dataDir, port, masterKey)) {
            before = assertSession(first.http().login(APP_1, first.sim().code(APP_1, "restart-configured")));
        }

        try (TestService second = TestService.dev(dataDir, port, masterKey)) {
            assertThat(second.http()
                            .me("Bearer " + before.get("accessToken").asString())
                            .status())
                    .isEqualTo(200);
        }
        assertThat(dataDir.resolve("master.key")).doesNotExist();
    }

    @Test
    void generatedMasterKeyFileIsReadableByItsOwnerOnly() throws Exception {
        try (TestService service = TestService.dev(dataDir)) {
            Path masterKey = dataDir.resolve("master.key");

            assertThat(masterKey).isRegularFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(masterKey)))
                    .isEqualTo("rw-------");
            assertThat(service.http().get("/.well-known/jwks.json").body())
                    .doesNotContain(Files.readString(masterKey).strip());
        }
    }
}
