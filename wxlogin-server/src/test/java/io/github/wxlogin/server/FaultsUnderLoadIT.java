package io.github.wxlogin.server;

import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes of the real jar over a PostgreSQL and a Redis of the test's own, under a steady load of
 * logins, refreshes, {@code GET /v1/me} and logouts on both, while one instance is killed with SIGKILL
 * and started again, Redis is restarted (and so emptied), and PostgreSQL is restarted (a fast
 * shutdown, then a start on the same port). Every answer is kept, and afterwards:
 *
 * <ul>
 *   <li>every session whose answers leave it live works on both instances, its access token and its
 *       latest refresh token; every refresh token answered 200 when spent stays spent;
 *   <li>every session a login was answered 200 for is in the database; every session logged out (204)
 *       stays refused on both instances and ended in the database;
 *   <li>no 5xx other than 503 {@code upstream_unavailable} with {@code Retry-After} (requests to the
 *       killed instance that got no connection or no answer are counted apart);
 *   <li>every instance answers {@code /actuator/health} UP within {@link #RECOVERY} of the end of a
 *       Redis or PostgreSQL outage, and the restarted instance within {@link #RESTART} of its start;
 *   <li>one user per WeChat user, in the answers and in the database.
 * </ul>
 *
 * <p>Each step waits for an outcome (answers counted, health observed), never for a fixed time; the
 * only bounds are the generous ones above, and the waits for the load to feel a fault. An instance whose
 * process exits while it starts is started again, as a deployment's supervisor does, within the same
 * bound; such starts are printed with the figures. The figures and the method are in
 * docs/operations.md ("Faults under load"). PostgreSQL's
 * programs ({@code /usr/lib/postgresql/*}{@code /bin}) and {@code redis-server} are needed: without them
 * the test is skipped, with {@code CI=true} it fails. Runs after packaging (failsafe).
 */
class FaultsUnderLoadIT {

    static final String APPS = "wx0000000000000001:faults-secret-1:demo,wx0000000000000002:faults-secret-2:demo";
    /** From the end of a Redis or PostgreSQL outage until every instance answers /actuator/health UP. */
    static final Duration RECOVERY = Duration.ofSeconds(30);
    /**
     * From the start of the killed instance's new process until it answers UP: a JVM start under load, on
     * a machine whose 2 cores other builds may share. It took 17 to 30 s on a quiet machine, and up to
     * 128 s beside seven other builds; the other jar tests allow 90 s for a start without load.
     */
    static final Duration RESTART = Duration.ofSeconds(180);
    /** Successful answers the load must get in each calm phase: the fleet serves again. */
    static final int CALM_ANSWERS = 100;

    /** The logs of every process; kept when the test fails. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private final List<Process> processes = new ArrayList<>();
    /** Starts of an instance whose process exited before it was UP, with the last cause its log gives. */
    private final List<String> failedStarts = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aFleetKeepsWhatItAnsweredThroughAKilledInstanceARedisRestartAndAPostgresRestart() throws Exception {
        long began = System.nanoTime();
        try (PrivateRedis redis = new PrivateRedis(dir.resolve("redis.log"));
                PrivatePostgres pg = PrivatePostgres.create(dir)) {
            redis.start();
            pg.start();
            try (Connection c = pg.connect("postgres");
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE wxlogin");
            }
            Sim sim = startSimulator();
            Map<String, String> env = environment(redis);
            List<String> dbArgs = List.of(
                    "--spring.datasource.url=" + pg.jdbcUrl("wxlogin"),
                    "--spring.datasource.username=postgres",
                    "--spring.datasource.password=",
                    // The shorter wait docs/operations.md describes: a request gives up waiting for a
                    // connection after 5 s rather than the default 30 s, so the outage is answered sooner.
                    "--spring.datasource.hikari.connection-timeout=5000");
            FleetInstance a = new FleetInstance("a", TestPorts.free(), env, dbArgs, dir, processes);
            FleetInstance b = new FleetInstance("b", TestPorts.free(), env, dbArgs, dir, processes);
            // One after the other: two JVMs starting at once on 2 shared cores only slow each other down.
            for (FleetInstance instance : List.of(a, b)) {
                instance.start();
                awaitHealthy(instance, Duration.ofSeconds(240));
            }
            System.out.printf("FaultsUnderLoadIT: fleet up after %d s%n", seconds(began));

            List<FaultLoad.Target> targets =
                    List.of(new FaultLoad.Target("a", a.http), new FaultLoad.Target("b", b.http));
            try (FaultLoad load = new FaultLoad(targets, sim, List.of(APP_1, APP_2), "faults")) {
                Map<String, Duration> recoveries = new LinkedHashMap<>();
                long loadBegan = System.nanoTime();
                load.start("1 warm-up");
                calm(load, "1 warm-up");

                // (1) SIGKILL instance a, under load; start it again on the same port.
                load.phase("2 a killed");
                a.kill();
                await(() -> load.refusedIn("2 a killed", "a") > 0, Duration.ofSeconds(60), "the load finds a gone");
                load.phase("3 a restarting");
                a.start();
                recoveries.put("a after its SIGKILL (from its new start)", awaitHealthy(a, RESTART));
                assertThat(b.healthy()).as("b stayed UP while a was killed").isTrue();
                calm(load, "4 after a's restart");

                // (2) Redis restarted: every instance loses the shared state, then gets an empty Redis back.
                load.phase("5 Redis down");
                redis.stop();
                awaitOutageFelt(load, "5 Redis down", a, b);
                load.phase("6 Redis back");
                long redisBack = System.nanoTime();
                redis.start();
                recoveries.putAll(awaitAllHealthy("after Redis restarted", redisBack, a, b));
                calm(load, "7 after Redis");

                // (3) PostgreSQL restarted: a fast shutdown (every connection is closed), then a start.
                load.phase("8 PostgreSQL down");
                pg.stop();
                awaitOutageFelt(load, "8 PostgreSQL down", a, b);
                load.phase("9 PostgreSQL back");
                long pgBack = System.nanoTime();
                pg.start();
                recoveries.putAll(awaitAllHealthy("after PostgreSQL restarted", pgBack, a, b));
                calm(load, "10 after PostgreSQL");
                load.stop();
                long loadSeconds = seconds(loadBegan);

                FaultChecks checks = FaultChecks.of(load, sim, targets, pg);
                print(load, recoveries, checks, loadSeconds, seconds(began));

                SoftAssertions softly = new SoftAssertions();
                softly.assertThat(load.bad5xx)
                        .as(
                                "5xx answers other than 503 upstream_unavailable with Retry-After; the services' own"
                                        + " account of their 500s:%s%s",
                                a.unexpectedErrors(), b.unexpectedErrors())
                        .isEmpty();
                softly.assertThat(load.unexpected)
                        .as("answers the contract does not allow")
                        .isEmpty();
                softly.assertThat(checks.lost)
                        .as("live sessions that do not work afterwards")
                        .isEmpty();
                softly.assertThat(checks.revived)
                        .as("refresh tokens spent (200) that work again")
                        .isEmpty();
                softly.assertThat(checks.resurrected)
                        .as("sessions logged out (204) that are not refused afterwards")
                        .isEmpty();
                softly.assertThat(checks.missing)
                        .as("sessions answered 200 that are not in the database, or not ended there")
                        .isEmpty();
                softly.assertThat(checks.duplicated)
                        .as("WeChat users not held by exactly one user")
                        .isEmpty();
                softly.assertAll();
            }
        }
    }

    /** Lets the load run until it has {@link #CALM_ANSWERS} more successful answers. */
    private void calm(FaultLoad load, String phase) throws InterruptedException {
        load.phase(phase);
        int target = load.successes.get() + CALM_ANSWERS;
        await(() -> load.successes.get() >= target || load.broken(), Duration.ofSeconds(120), phase);
        assertThat(load.broken())
                .as("a client thread failed (its failure is thrown by stop)")
                .isFalse();
    }

    /**
     * Waits until both instances report themselves not ready and the load has met the outage (answers
     * of 500 and up, or none): the fault is in effect, not only begun.
     */
    private void awaitOutageFelt(FaultLoad load, String phase, FleetInstance a, FleetInstance b)
            throws InterruptedException {
        CompletableFuture<Boolean> aDown = CompletableFuture.supplyAsync(() -> awaitNotReady(a));
        CompletableFuture<Boolean> bDown = CompletableFuture.supplyAsync(() -> awaitNotReady(b));
        await(() -> load.failuresIn(phase) >= 2, Duration.ofSeconds(120), phase + ": the load meets the outage");
        assertThat(aDown.join()).as("%s: a reports itself not ready", phase).isTrue();
        assertThat(bDown.join()).as("%s: b reports itself not ready", phase).isTrue();
    }

    private static boolean awaitNotReady(FleetInstance instance) {
        long giveUp = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < giveUp) {
            if (!instance.ready()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** The time from {@code from} (the fault's end) until each instance answers UP; fails beyond {@link #RECOVERY}. */
    private Map<String, Duration> awaitAllHealthy(String after, long from, FleetInstance... instances)
            throws InterruptedException {
        Map<String, Duration> times = new LinkedHashMap<>();
        await(
                () -> {
                    for (FleetInstance i : instances) {
                        if (!times.containsKey(i.name + " " + after) && i.healthy()) {
                            times.put(i.name + " " + after, Duration.ofNanos(System.nanoTime() - from));
                        }
                    }
                    return times.size() == instances.length;
                },
                RECOVERY.minusNanos(System.nanoTime() - from),
                "every instance UP " + after + " (bound " + RECOVERY.toSeconds() + " s)");
        times.forEach((what, time) -> assertThat(time).as(what).isLessThanOrEqualTo(RECOVERY));
        return times;
    }

    /**
     * The time from the instance's start until it answers UP. A process that exits while starting is
     * started again, as the supervisor of a deployment does (deployment.md), within the same bound; each
     * such failed start is kept for the figures.
     */
    private Duration awaitHealthy(FleetInstance instance, Duration bound) throws InterruptedException {
        long from = instance.startedAt();
        await(
                () -> {
                    if (instance.exited()) {
                        failedStarts.add(
                                instance.name + " (exit " + instance.exitValue() + "): " + instance.lastCause());
                        instance.startAgain();
                    }
                    return instance.healthy();
                },
                bound.minusNanos(System.nanoTime() - from),
                instance.name + " UP within " + bound.toSeconds() + " s of its start");
        Duration time = Duration.ofNanos(System.nanoTime() - from);
        assertThat(time).as("%s UP after its start", instance.name).isLessThanOrEqualTo(bound);
        return time;
    }

    private void print(
            FaultLoad load, Map<String, Duration> recoveries, FaultChecks checks, long loadSeconds, long totalSeconds) {
        StringBuilder out = new StringBuilder("FaultsUnderLoadIT figures\n");
        out.append(String.format(
                "  %d requests in %d s of load (%d clients), %d answered 2xx%n",
                load.requests.get(), loadSeconds, FaultLoad.CLIENTS, load.successes.get()));
        load.phases().forEach((phase, lasted) -> {
            out.append(String.format("  phase %s (%.1f s): ", phase, lasted.toMillis() / 1000.0));
            out.append(load.answers.getOrDefault(phase, Map.of())).append(' ');
            out.append(load.unanswered.getOrDefault(phase, Map.of())).append('\n');
        });
        recoveries.forEach((what, time) ->
                out.append(String.format("  recovery: %s UP after %.1f s%n", what, time.toMillis() / 1000.0)));
        failedStarts.forEach(f ->
                out.append("  a start that failed, started again: ").append(f).append('\n'));
        out.append("  checked: ").append(checks.counted).append('\n');
        out.append(String.format(
                "  findings: %d bad 5xx, %d unexpected answers, %d lost, %d revived, %d resurrected, %d missing,"
                        + " %d duplicated; %d s in all%n",
                load.bad5xx.size(),
                load.unexpected.size(),
                checks.lost.size(),
                checks.revived.size(),
                checks.resurrected.size(),
                checks.missing.size(),
                checks.duplicated.size(),
                totalSeconds));
        System.out.print(out);
    }

    private Sim startSimulator() throws Exception {
        int port = TestPorts.free();
        processes.add(JarProcesses.launch(
                dir.resolve("sim.log"),
                Map.of("WXSIM_APPS", APPS, "WXSIM_MINUTE_LIMIT", "0"),
                JarProcesses.simulatorCommand(port)));
        Sim sim = new Sim(new Http(URI.create("http://127.0.0.1:" + port)));
        simUrl = "http://127.0.0.1:" + port;
        await(
                () -> {
                    try {
                        return sim.http().get("/sim/stats").status() == 200;
                    } catch (RuntimeException notYet) {
                        return false;
                    }
                },
                Duration.ofSeconds(90),
                "the simulator up");
        return sim;
    }

    private String simUrl;

    private Map<String, String> environment(PrivateRedis redis) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Map.of(
                "WXLOGIN_APPS",
                APPS,
                "WXLOGIN_WECHAT_BASE_URL",
                simUrl,
                "WXLOGIN_REDIS_URL",
                redis.url(),
                "WXLOGIN_ISSUER",
                "https://login.faults.test",
                "WXLOGIN_MASTER_KEY",
                Base64.getEncoder().encodeToString(key));
    }

    private static void await(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        try {
            JarProcesses.awaitTrue(condition, limit, dir);
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000;
    }
}
