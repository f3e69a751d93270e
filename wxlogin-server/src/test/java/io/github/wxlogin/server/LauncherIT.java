package io.github.wxlogin.server;

import static io.github.wxlogin.server.JarProcesses.SERVER_JAR;
import static io.github.wxlogin.server.JarProcesses.awaitTrue;
import static io.github.wxlogin.server.JarProcesses.healthy;
import static io.github.wxlogin.server.JarProcesses.jar;
import static io.github.wxlogin.server.JarProcesses.launch;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/wxlogin} as a user runs it, on the packaged jar: {@code --prepare} extracts the jar and
 * makes the class-data-sharing archive, and a start then serves, loading classes from that archive.
 */
class LauncherIT {

    private static final String LAUNCHER =
            Path.of("../bin/wxlogin").toAbsolutePath().normalize().toString();

    @TempDir
    Path dir;

    @Test
    void preparedOnceItStartsHealthyWithClassesFromTheArchive() throws Exception {
        Path cds = dir.resolve("cds");
        Map<String, String> env = Map.of("WXLOGIN_JAR", jar(SERVER_JAR), "WXLOGIN_CDS_DIR", cds.toString());

        Process prepare = launch(dir.resolve("prepare.log"), env, List.of("sh", LAUNCHER, "--prepare"));
        assertThat(prepare.waitFor(5, TimeUnit.MINUTES)).as("prepare finished").isTrue();
        assertThat(prepare.exitValue())
                .as(Files.readString(dir.resolve("prepare.log")))
                .isZero();
        assertThat(cds.resolve("wxlogin.jsa")).isNotEmptyFile();
        assertThat(cds.resolve("app/wxlogin-server.jar")).isRegularFile();
        assertThat(cds.resolve("training-data")).doesNotExist();

        int port = TestPorts.free();
        Path classLog = dir.resolve("classes.log");
        Map<String, String> withLog = Map.of(
                "WXLOGIN_JAR", jar(SERVER_JAR),
                "WXLOGIN_CDS_DIR", cds.toString(),
                "JAVA_OPTS", "-Xmx256m -Xlog:class+load=info:file=" + classLog);
        Process service = launch(
                dir.resolve("service.log"),
                withLog,
                List.of("sh", LAUNCHER, "--dev", "--server.port=" + port, "--wxlogin.data-dir=" + dir.resolve("data")));
        try {
            Http http = new Http(URI.create("http://127.0.0.1:" + port));
            awaitTrue(() -> healthy(http), Duration.ofMinutes(3), dir);
            // The classes the training start archived come from the dynamic archive ("top" layer).
            assertThat(Files.readString(classLog))
                    .contains("io.github.wxlogin.server.WxLoginApplication source: shared objects file (top)");
        } finally {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void withoutABuiltJarItSaysHowToBuildOneAndExitsWithTwo() throws Exception {
        Path log = dir.resolve("missing.log");
        Process missing = launch(
                log, Map.of("WXLOGIN_JAR", dir.resolve("none.jar").toString()), List.of("sh", LAUNCHER, "--dev"));

        assertThat(missing.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(missing.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log))
                .contains("mvn -B -q package -DskipTests")
                .doesNotContain("Exception");
    }
}
