package io.github.wxlogin.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What the tests of the packaged jars ({@code *IT}, run by failsafe after packaging) share: finding a
 * jar, starting it as a process of its own with its output in a log file, and waiting for it, either
 * with {@code java -jar} or through the launcher {@code bin/wxlogin} as the README runs it.
 */
final class JarProcesses {

    static final String SERVER_JAR = "target/wxlogin-server.jar";
    static final String SIMULATOR_JAR = "../wxlogin-simulator/target/wxlogin-simulator.jar";
    /** {@code bin/wxlogin}, the README's way to run the service. */
    static final String LAUNCHER =
            Path.of("../bin/wxlogin").toAbsolutePath().normalize().toString();
    /**
     * Where {@link #preparedLauncher()} puts the launcher's copy of the jar and its archive, made afresh
     * by the first test of a run that asks for it.
     */
    private static final Path SHARED_CDS = Path.of("target/it-launcher").toAbsolutePath();

    private static Prepared shared;

    private JarProcesses() {}

    /** What {@code bin/wxlogin --prepare} did: where it put its copy and archive, its exit code and output. */
    record Prepared(Path cds, int exit, String output) {}

    /**
     * {@code bin/wxlogin --prepare} for the packaged server jar into {@code cds}, with {@code env} added
     * to the environment (such as another {@code JAVA_HOME}); its output goes to a log file beside
     * {@code cds}. The environment also names the service's own database, out of reach, as
     * {@code WXLOGIN_DB_URL}: the training start must leave it alone (a start that used it would fail, and
     * no archive would be made), which {@code LauncherIT} checks.
     */
    static Prepared prepare(Path cds, Map<String, String> env) throws IOException, InterruptedException {
        Path log = cds.resolveSibling(cds.getFileName() + "-prepare.log");
        Files.createDirectories(cds.getParent());
        Map<String, String> all = new HashMap<>(env);
        all.put("WXLOGIN_DB_URL", "jdbc:postgresql://127.0.0.1:1/the-services-own");
        all.put("WXLOGIN_JAR", jar(SERVER_JAR));
        all.put("WXLOGIN_CDS_DIR", cds.toString());
        Process prepare = launch(log, all, List.of("sh", LAUNCHER, "--prepare"));
        if (!prepare.waitFor(5, TimeUnit.MINUTES)) {
            prepare.destroyForcibly().waitFor();
            throw new AssertionError("bin/wxlogin --prepare did not finish within 5 minutes; log in " + log);
        }
        return new Prepared(cds, prepare.exitValue(), Files.readString(log));
    }

    /**
     * The launcher prepared once for the whole test JVM (in {@code target/it-launcher}, deleted first so
     * that every run makes it anew): the jar tests that start the service through the launcher share its
     * copy and archive, and {@code LauncherIT} checks how it was made.
     */
    static synchronized Prepared preparedLauncher() throws IOException, InterruptedException {
        if (shared == null) {
            TestFiles.deleteTree(SHARED_CDS);
            shared = prepare(SHARED_CDS, Map.of());
        }
        return shared;
    }

    /**
     * Starts the server through the prepared launcher ({@code sh bin/wxlogin --server.port=…
     * --wxlogin.data-dir=… settings…}, {@code env} added), as the README runs it: a start maps the
     * archive of the classes instead of loading them from the jar, in about half the time of
     * {@code java -jar}. The launcher's JVM settings, with {@code JAVA_OPTS} adding the client compiler
     * only and a heap bound, as {@link #javaJar} (unless {@code env} gives its own {@code JAVA_OPTS}).
     * The process is the JVM itself: the launcher ends in {@code exec java}.
     */
    static Process launchServer(Path log, Map<String, String> env, int port, Path dataDir, List<String> settings)
            throws IOException, InterruptedException {
        Prepared prepared = preparedLauncher();
        if (prepared.exit() != 0) {
            throw new AssertionError("bin/wxlogin --prepare failed:\n" + prepared.output());
        }
        Map<String, String> all = new HashMap<>(env);
        all.put("WXLOGIN_JAR", jar(SERVER_JAR));
        all.put("WXLOGIN_CDS_DIR", prepared.cds().toString());
        all.putIfAbsent("JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1");
        List<String> command =
                new ArrayList<>(List.of("sh", LAUNCHER, "--server.port=" + port, "--wxlogin.data-dir=" + dataDir));
        command.addAll(settings);
        return launch(log, all, command);
    }

    /** The absolute path of a packaged jar, relative to the wxlogin-server module; fails when it is not built. */
    static String jar(String path) {
        Path jar = Path.of(path).toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: this test runs after packaging (mvn verify)");
        }
        return jar.toString();
    }

    /**
     * {@code java} with the options every started jar gets: a heap bound, and the client compiler only with
     * the serial collector, which start a JVM on 2 shared cores in about three quarters of the time (the
     * server compiler's work pays off only under a long load, and no test here measures speed), then
     * {@code -jar} and the jar. A list to add arguments to.
     */
    static List<String> javaJar(String path) {
        return new ArrayList<>(
                List.of("java", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar(path)));
    }

    /** {@code java … -jar wxlogin-server.jar --server.port=… --wxlogin.data-dir=…}, to add settings to. */
    static List<String> serverCommand(int port, Path dataDir) {
        List<String> command = javaJar(SERVER_JAR);
        command.addAll(List.of("--server.port=" + port, "--wxlogin.data-dir=" + dataDir));
        return command;
    }

    /** {@code java … -jar wxlogin-simulator.jar} on {@code port} of the loopback address. */
    static List<String> simulatorCommand(int port) {
        List<String> command = javaJar(SIMULATOR_JAR);
        command.addAll(List.of("--server.port=" + port, "--server.address=127.0.0.1"));
        return command;
    }

    /** Starts {@code command} with {@code env} added to this JVM's environment, stdout and stderr into {@code log}. */
    static Process launch(Path log, Map<String, String> env, List<String> command) throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    static boolean healthy(Http service) {
        try {
            return service.get("/actuator/health").status() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** Polls for an outcome (never a fixed sleep standing for one); {@code logs} is named when it is not reached. */
    static void awaitTrue(BooleanSupplier condition, Duration limit, Path logs) throws InterruptedException {
        Instant giveUp = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("not reached within " + limit + "; logs in " + logs);
            }
            Thread.sleep(100);
        }
    }
}
