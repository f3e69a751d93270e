package io.github.wxlogin.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What the tests of the packaged jars ({@code *IT}, run by failsafe after packaging) share: finding a
 * jar, starting it as a process of its own with its output in a log file, and waiting for it.
 */
final class JarProcesses {

    static final String SERVER_JAR = "target/wxlogin-server.jar";
    static final String SIMULATOR_JAR = "../wxlogin-simulator/target/wxlogin-simulator.jar";

    private JarProcesses() {}

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
