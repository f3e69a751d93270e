package io.github.wxlogin.server;

import static io.github.wxlogin.server.JarProcesses.LAUNCHER;
import static io.github.wxlogin.server.JarProcesses.SERVER_JAR;
import static io.github.wxlogin.server.JarProcesses.awaitTrue;
import static io.github.wxlogin.server.JarProcesses.healthy;
import static io.github.wxlogin.server.JarProcesses.jar;
import static io.github.wxlogin.server.JarProcesses.launch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.wxlogin.server.JarProcesses.Prepared;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code bin/wxlogin} as a user runs it, on the packaged jar: {@code --prepare} extracts the jar and
 * makes the class-data-sharing archive (the AOT cache on JDK 25 and later), and a start then serves,
 * loading classes from that archive, Bouncy Castle's included (its extracted jar is unsigned).
 */
class LauncherIT {

    @TempDir
    Path dir;

    /**
     * The launcher as the other jar tests share it ({@link JarProcesses#preparedLauncher()}), on the java
     * on the PATH, taken to be the one running this test.
     */
    @Test
    void preparedOnceItStartsHealthyWithClassesFromTheArchive() throws Exception {
        Prepared prepared = JarProcesses.preparedLauncher();
        if (Runtime.version().feature() >= 25) {
            preparedOnceItStartsHealthyWithClassesFrom(prepared, Map.of(), "wxlogin.aot", "shared objects file", "");
        } else {
            // With JFR on, which watches class loading as an agent would: JDK 17 crashed on archived classes
            // of a multi-release jar then (JDK-8343427), which the launcher's copy of Bouncy Castle must not be.
            preparedOnceItStartsHealthyWithClassesFrom(
                    prepared,
                    Map.of(),
                    "wxlogin.jsa",
                    "shared objects file (top)",
                    " -XX:StartFlightRecording=filename=" + dir.resolve("start.jfr"));
        }
    }

    /** On JDK 25 and later the launcher makes and maps the JDK's AOT cache instead (when one is installed). */
    @Test
    void onJdk25ItUsesTheAotCache() throws Exception {
        Optional<Path> jdk = jdkOfAtLeast(25);
        assumeTrue(jdk.isPresent(), "no JDK 25 or later in /usr/lib/jvm");
        Map<String, String> java = Map.of("JAVA_HOME", jdk.get().toString());
        preparedOnceItStartsHealthyWithClassesFrom(
                JarProcesses.prepare(dir.resolve("cds"), java), java, "wxlogin.aot", "shared objects file", "");
    }

    /**
     * {@code prepared}: made by {@link JarProcesses#prepare}, with the service's own database out of reach,
     * so that a training start that used it would fail; {@code java}: the JDK it was made with, if not the
     * default.
     */
    private void preparedOnceItStartsHealthyWithClassesFrom(
            Prepared prepared, Map<String, String> java, String archive, String source, String javaOpts)
            throws Exception {
        Path cds = prepared.cds();
        assertThat(prepared.exit()).as(prepared.output()).isZero();
        assertThat(cds.resolve(archive)).isNotEmptyFile();
        assertThat(cds.resolve("app/wxlogin-server.jar")).isRegularFile();
        assertThat(cds.resolve("training-data")).doesNotExist();
        Map<String, String> env = new HashMap<>(java);
        env.put("WXLOGIN_JAR", jar(SERVER_JAR));
        env.put("WXLOGIN_CDS_DIR", cds.toString());

        int port = TestPorts.free();
        Path classLog = dir.resolve("classes.log");
        // Where SQLite's driver would copy its native library if it were not given the launcher's copy.
        Path sqliteTemp = Files.createDirectories(dir.resolve("sqlite-temp"));
        Map<String, String> withLog = new HashMap<>(env);
        withLog.put(
                "JAVA_OPTS",
                "-Xmx256m -Xlog:class+load=info:file=" + classLog + " -Dorg.sqlite.tmpdir=" + sqliteTemp + javaOpts);
        Process service = launch(
                dir.resolve("service.log"),
                withLog,
                List.of("sh", LAUNCHER, "--dev", "--server.port=" + port, "--wxlogin.data-dir=" + dir.resolve("data")));
        try {
            Http http = new Http(URI.create("http://127.0.0.1:" + port));
            awaitTrue(() -> healthy(http), Duration.ofMinutes(3), dir);
            // The classes the training start loaded come from the archive, Bouncy Castle's too.
            assertThat(Files.readString(classLog))
                    .contains("io.github.wxlogin.server.WxLoginApplication source: " + source)
                    .contains("org.bouncycastle.jce.provider.BouncyCastleProvider source: " + source);
            // The embedded database's native library is loaded from the launcher's copy, not copied out again.
            String commandLine = Files.readString(Path.of("/proc/" + service.pid() + "/cmdline"));
            assertThat(commandLine).contains("-Dorg.sqlite.lib.path=" + cds.resolve("native"));
            assertThat(cds.resolve("native/libsqlitejdbc.so")).isNotEmptyFile();
            try (Stream<Path> copies = Files.list(sqliteTemp)) {
                assertThat(copies).isEmpty();
            }
            // The JVM trims its native heap where it takes the option (17.0.11, 21.0.3, 22 and later, on glibc).
            Runtime.Version version = Runtime.Version.parse(
                    Files.readString(cds.resolve("java-version")).strip());
            if (takesTrimming(version)) {
                assertThat(commandLine).contains("-XX:TrimNativeHeapInterval=2000");
            } else {
                assertThat(commandLine).doesNotContain("TrimNativeHeapInterval");
            }
        } finally {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor();
            }
        }
    }

    /** Whether a JVM of this version takes -XX:TrimNativeHeapInterval without a word: glibc, 17.0.11, 21.0.3, 22+. */
    private static boolean takesTrimming(Runtime.Version version) {
        boolean glibc = System.getProperty("os.name").equals("Linux") && !Files.exists(Path.of("/etc/alpine-release"));
        return glibc
                && (version.feature() >= 22
                        || (version.feature() == 21 && version.update() >= 3)
                        || (version.feature() == 17 && version.update() >= 11));
    }

    /** A JDK of at least {@code feature} among those installed in /usr/lib/jvm, by its release file. */
    private static Optional<Path> jdkOfAtLeast(int feature) throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> release(home) >= feature)
                    .findFirst();
        }
    }

    private static int release(Path home) {
        try {
            Matcher version =
                    Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(Files.readString(home.resolve("release")));
            return version.find() ? Integer.parseInt(version.group(1)) : 0;
        } catch (IOException noReleaseFile) {
            return 0;
        }
    }

    /**
     * Native-heap trimming is on where the JVM takes {@code -XX:TrimNativeHeapInterval} silently, and left
     * out where it refuses the option (a JDK older than 17.0.11; "fails" is a refusal that does not name
     * it) or warns about it (a C library without {@code malloc_trim}): a start must never fail, or warn
     * at every start, for a memory setting.
     */
    @ParameterizedTest
    @CsvSource({"takes, true", "refuses, false", "fails, false", "warns, false"})
    void trimsTheNativeHeapOnlyWhereTheJvmTakesTheOption(String jvm, boolean trimmed) throws Exception {
        List<String> options = startWithStandInJvm(jvm, Map.of()).service();

        assertThat(options).contains("-XX:+UseSerialGC", "--the-start");
        if (trimmed) {
            assertThat(options).contains("-XX:TrimNativeHeapInterval=2000");
        } else {
            assertThat(options).noneMatch(option -> option.contains("TrimNativeHeap"));
        }
    }

    /**
     * The training start is dev mode on a throwaway directory, never on what the environment configures
     * for the service: with {@code WXLOGIN_DB_URL} set it wrote its data, sealed under a throwaway key,
     * into the service's database, and the start that followed refused that data. The service's start
     * still gets the whole environment.
     */
    @Test
    void theTrainingStartLeavesOutTheServicesSettings() throws Exception {
        Map<String, String> settings = Map.of(
                "WXLOGIN_DB_URL", "jdbc:postgresql://127.0.0.1:5432/the-services-own",
                "WXLOGIN_REDIS_URL", "redis://127.0.0.1:6379",
                "SPRING_APPLICATION_JSON", "{\"wxlogin\":{\"dev\":false}}");

        StandInRun run = startWithStandInJvm("takes", settings);

        assertThat(run.trainingEnvironment())
                .noneMatch(line -> line.startsWith("WXLOGIN_") || line.startsWith("SPRING_"));
        assertThat(run.training())
                .contains("--dev", "--spring.config.location=optional:classpath:/,optional:classpath:/config/");
        assertThat(run.serviceEnvironment())
                .contains(
                        "WXLOGIN_DB_URL=jdbc:postgresql://127.0.0.1:5432/the-services-own",
                        "WXLOGIN_REDIS_URL=redis://127.0.0.1:6379");
    }

    /** What a stand-in JVM saw: the training start's and the service start's arguments and environments. */
    private record StandInRun(
            List<String> training,
            List<String> trainingEnvironment,
            List<String> service,
            List<String> serviceEnvironment) {}

    /**
     * Runs the launcher with {@code --the-start} on a stand-in JVM: a script in front of the real one that
     * answers the launcher's question about trimming as a JVM that {@code takes}, {@code refuses},
     * {@code fails} or {@code warns} would, records the training start and fails it (no archive: quick), and records the
     * service's start instead of running it.
     */
    private StandInRun startWithStandInJvm(String jvm, Map<String, String> environment) throws Exception {
        Path home = dir.resolve("jdk");
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        Path java = home.resolve("bin/java");
        Files.writeString(
                java,
                String.join(
                        "\n",
                        "#!/bin/sh",
                        "for a in \"$@\"; do",
                        "  case \"$a\" in",
                        "    --the-start) printf '%s\\n' \"$@\" > '" + dir.resolve("service") + "';",
                        "      env > '" + dir.resolve("service-env") + "'; exit 0 ;;",
                        "    -Dspring.context.exit=onRefresh) printf '%s\\n' \"$@\" > '" + dir.resolve("training")
                                + "';",
                        "      env > '" + dir.resolve("training-env") + "'; exit 1 ;;",
                        "  esac",
                        "done",
                        "case \"$*\" in",
                        "  *-XX:TrimNativeHeapInterval=*-version*)",
                        "    case '" + jvm + "' in",
                        "      refuses) echo \"Unrecognized VM option 'TrimNativeHeapInterval=2000'\" >&2; exit 1 ;;",
                        "      fails) echo 'Error: Could not create the Java Virtual Machine.' >&2; exit 1 ;;",
                        "      warns) echo '[0.003s][warning][trimnative] Native heap trim is not supported on this platform';;",
                        "    esac",
                        "    echo 'openjdk version \"17.0.15\"' >&2; exit 0 ;;",
                        "esac",
                        "exec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"",
                        ""));
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Map<String, String> env = new HashMap<>(environment);
        env.put("JAVA_HOME", home.toString());
        env.put("WXLOGIN_JAR", jar(SERVER_JAR));
        env.put("WXLOGIN_CDS_DIR", dir.resolve("cds").toString());

        Process launcher = launch(dir.resolve("launcher.log"), env, List.of("sh", LAUNCHER, "--the-start"));

        assertThat(launcher.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(launcher.exitValue())
                .as(Files.readString(dir.resolve("launcher.log")))
                .isZero();
        return new StandInRun(
                Files.readAllLines(dir.resolve("training")),
                Files.readAllLines(dir.resolve("training-env")),
                Files.readAllLines(dir.resolve("service")),
                Files.readAllLines(dir.resolve("service-env")));
    }

    @Test
    void helpPrintsTheUsageWithoutExtractingOrTraining() throws Exception {
        Path cds = dir.resolve("cds");
        Path log = dir.resolve("help.log");
        Process help = launch(
                log,
                Map.of("WXLOGIN_JAR", jar(SERVER_JAR), "WXLOGIN_CDS_DIR", cds.toString()),
                List.of("sh", LAUNCHER, "--help"));

        assertThat(help.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(help.exitValue()).isZero();
        assertThat(Files.readString(log)).contains("--dev", "WXLOGIN_APPS", "--prepare");
        assertThat(cds).doesNotExist();
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
