package io.github.wxlogin.server;

import static io.github.wxlogin.server.JarProcesses.awaitTrue;
import static io.github.wxlogin.server.JarProcesses.healthy;
import static io.github.wxlogin.server.JarProcesses.launch;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The service killed with SIGKILL in the middle of a burst of logins and refreshes, then started again
 * on the same data: what it answered 200 before it died still holds. Every session whose last answer
 * was 200 still works, every refresh token answered 200 when spent stays spent, and every WeChat user
 * is one user with nothing half-made in the tables. Runs the real jar through the launcher, as the README
 * does ({@link JarProcesses#launchServer}; its {@code exec java} makes the process killed the JVM), with
 * the standalone simulator as WeChat, on the embedded default (SQLite in a file in the data directory: what a single machine runs),
 * on the H2 file of earlier versions that such a directory may still hold, and on PostgreSQL (skipped
 * when unreachable, required when CI=true).
 *
 * <p>Requests in flight at the kill get no answer. Their outcome is unknown, so they prove nothing
 * either way, except that their user must not be duplicated.
 */
class CrashSafetyIT {

    static final String APPS = "wx0000000000000001:crash-secret-1:demo,wx0000000000000002:crash-secret-2:demo";
    static final List<String> APP_IDS = List.of(APP_1, APP_2);
    static final int CLIENTS = 8;
    /** Answers (200) before the kill: by then the burst is in full swing. */
    static final int KILL_AFTER = 400;

    @TempDir
    static Path dir;

    static Process simulator;
    static String simUrl;
    static Sim sim;
    final List<Process> services = new ArrayList<>();

    @BeforeAll
    static void startSimulator() throws Exception {
        int port = TestPorts.free();
        simulator = launch(
                dir.resolve("sim.log"),
                Map.of("WXSIM_APPS", APPS, "WXSIM_MINUTE_LIMIT", "0"),
                JarProcesses.simulatorCommand(port));
        simUrl = "http://127.0.0.1:" + port;
        sim = new Sim(new Http(URI.create(simUrl)));
        awaitTrue(
                () -> {
                    try {
                        return sim.http().get("/sim/stats").status() == 200;
                    } catch (RuntimeException notYet) {
                        return false;
                    }
                },
                Duration.ofSeconds(60),
                dir);
    }

    @AfterAll
    static void stopSimulator() {
        if (simulator != null) {
            simulator.destroyForcibly();
        }
    }

    @AfterEach
    void stopServices() {
        services.forEach(Process::destroyForcibly);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = TestDatabase.class,
            names = {"EMBEDDED", "H2", "POSTGRESQL"})
    void whatWasAnswered200BeforeASigkillStillHoldsAfterTheRestart(TestDatabase db) throws Exception {
        Path home = dir.resolve(db.name().toLowerCase(Locale.ROOT));
        Path data = home.resolve("data");
        Files.createDirectories(data);
        List<String> dbArgs = db.serviceArgs(data);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> env = Map.of(
                "WXLOGIN_APPS",
                APPS,
                "WXLOGIN_WECHAT_BASE_URL",
                simUrl,
                // Fixed, so the restarted process on another port accepts the tokens issued before.
                "WXLOGIN_ISSUER",
                "https://login.crash.test",
                // Fixed, so the restarted process opens what the killed one sealed.
                "WXLOGIN_MASTER_KEY",
                Base64.getEncoder().encodeToString(key),
                // Off: a restart can take less than the grace, and a spent token presented again within
                // it (its successor unused: the kill came first) would be a retry, answered 200, not the
                // reuse (2) expects of every spent token.
                "WXLOGIN_REFRESH_GRACE",
                "0s");
        long started = System.nanoTime();

        Service first = start(home, "first", data, dbArgs, env);
        Burst burst = new Burst(first.http(), db.name().toLowerCase(Locale.ROOT));
        burst.start();
        awaitTrue(() -> burst.answered.get() >= KILL_AFTER || burst.stopped(), Duration.ofSeconds(60), home);
        ProcessHandle handle = first.process().toHandle();
        burst.killed = true;
        first.process().destroyForcibly();
        assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(first.process().exitValue())
                .as("exit status 128 + 9: killed by SIGKILL")
                .isEqualTo(137);
        assertThat(handle.isAlive()).isFalse();
        assertThat(ProcessHandle.of(handle.pid()).filter(ProcessHandle::isAlive))
                .isEmpty();
        burst.join();
        assertThat(burst.problems).as("answers other than 200 before the kill").isEmpty();

        Service second = start(home, "second", data, dbArgs, env);
        Http service = second.http();
        SoftAssertions softly = new SoftAssertions();

        // (1) Every session whose last request was answered 200 works: its access token is accepted and
        // its latest refresh token refreshes. Before (2): a spent token presented ends its session.
        List<Session> known = burst.sessions.stream().filter(s -> !s.unanswered).toList();
        List<String> lost = new ArrayList<>();
        for (Session s : known) {
            Http.Reply me = service.me("Bearer " + s.access);
            Http.Reply refreshed = service.refresh(s.refresh);
            if (me.status() != 200 || !s.userId.equals(me.json().get("id").asString()) || refreshed.status() != 200) {
                lost.add(s + ": GET /v1/me " + me + "; refresh " + refreshed);
            }
        }

        // (2) Every refresh token answered 200 when it was spent stays spent. Newest first: if the
        // newest is refused it ends the session, and the older ones are refused by then in any case.
        int spentChecked = 0;
        List<String> revived = new ArrayList<>();
        for (Session s : burst.sessions) {
            for (int i = s.spent.size() - 1; i >= 0; i--) {
                spentChecked++;
                Http.Reply again = service.refresh(s.spent.get(i));
                if (again.status() != 401) {
                    revived.add(s + ": spent token #" + (i + 1) + " of " + s.spent.size() + " answered " + again);
                }
            }
        }

        // (3) One user per WeChat user, answered or in flight at the kill: each logs in again as itself.
        Map<String, String> userOf = new LinkedHashMap<>();
        Map<String, String> unionidOf = new LinkedHashMap<>();
        List<String> duplicated = new ArrayList<>();
        for (String name : burst.names) {
            String app = APP_IDS.get(ThreadLocalRandom.current().nextInt(APP_IDS.size()));
            Tokens again = Tokens.of(service.login(app, sim.code(app, name)));
            userOf.put(name, again.userId());
            unionidOf.put(name, again.user().get("unionid").asString());
            Set<String> before = burst.userIds.getOrDefault(name, Set.of());
            if (before.size() > 1 || !before.isEmpty() && !before.contains(again.userId())) {
                duplicated.add(name + ": answered as " + before + " before the kill, " + again.userId() + " after");
            } else if (!before.isEmpty() && again.newUser()) {
                duplicated.add(name + ": answered as " + before + " before the kill, a new user after");
            }
        }
        second.process().destroy();
        assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

        Map<String, Long> rows = new LinkedHashMap<>();
        List<String> split = new ArrayList<>();
        try (Connection c = db.connect(data)) {
            rows.put("users", count(c, "SELECT COUNT(*) FROM wx_users"));
            rows.put("users without identity", count(c, """
                    SELECT COUNT(*) FROM wx_users u
                     WHERE NOT EXISTS (SELECT 1 FROM wx_identities i WHERE i.user_id = u.id)"""));
            rows.put("identities without user", count(c, """
                    SELECT COUNT(*) FROM wx_identities i
                     WHERE NOT EXISTS (SELECT 1 FROM wx_users u WHERE u.id = i.user_id)"""));
            rows.put("identities without their union", count(c, """
                    SELECT COUNT(*) FROM wx_identities i WHERE i.unionid IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM wx_unions n WHERE n.unionid = i.unionid AND n.user_id = i.user_id)"""));
            rows.put("unions without identity", count(c, """
                    SELECT COUNT(*) FROM wx_unions n
                     WHERE NOT EXISTS (SELECT 1 FROM wx_identities i WHERE i.unionid = n.unionid AND i.user_id = n.user_id)"""));
            rows.put("sessions without user", count(c, """
                    SELECT COUNT(*) FROM wx_sessions s
                     WHERE NOT EXISTS (SELECT 1 FROM wx_users u WHERE u.id = s.user_id)"""));
            rows.put("sessions without refresh token", count(c, """
                    SELECT COUNT(*) FROM wx_sessions s
                     WHERE NOT EXISTS (SELECT 1 FROM wx_refresh_tokens r WHERE r.session_id = s.id)"""));
            rows.put("refresh tokens without session", count(c, """
                    SELECT COUNT(*) FROM wx_refresh_tokens r
                     WHERE NOT EXISTS (SELECT 1 FROM wx_sessions s WHERE s.id = r.session_id)"""));
            rows.put("sessions with two unspent refresh tokens", count(c, """
                    SELECT COUNT(*) FROM (SELECT session_id FROM wx_refresh_tokens WHERE consumed_at IS NULL
                                           GROUP BY session_id HAVING COUNT(*) > 1) t"""));
            for (Map.Entry<String, String> user : userOf.entrySet()) {
                List<String> owners =
                        strings(c, "SELECT user_id FROM wx_identities WHERE unionid = ?", unionidOf.get(user.getKey()));
                List<String> unions =
                        strings(c, "SELECT user_id FROM wx_unions WHERE unionid = ?", unionidOf.get(user.getKey()));
                if (owners.isEmpty()
                        || owners.stream().anyMatch(id -> !id.equals(user.getValue()))
                        || !unions.equals(List.of(user.getValue()))) {
                    split.add(user.getKey() + " is " + user.getValue() + ": identities of " + owners + ", unions of "
                            + unions);
                }
            }
        }

        System.out.printf(
                "CrashSafetyIT[%s]: %d answers (200) before the kill (%d logins, %d refreshes), %d"
                        + " requests unanswered; %d sessions known, %d lost; %d spent refresh tokens, %d revived;"
                        + " %d users, %d duplicated or split; rows %s; %d s%n",
                db,
                burst.answered.get(),
                burst.logins.get(),
                burst.refreshes.get(),
                burst.unanswered.get(),
                known.size(),
                lost.size(),
                spentChecked,
                revived.size(),
                userOf.size(),
                duplicated.size() + split.size(),
                rows,
                (System.nanoTime() - started) / 1_000_000_000);
        softly.assertThat(lost)
                .as("sessions answered 200 before the kill that fail after the restart (of %d)", known.size())
                .isEmpty();
        softly.assertThat(revived)
                .as("refresh tokens spent (200) before the kill that work again (of %d)", spentChecked)
                .isEmpty();
        softly.assertThat(duplicated)
                .as("users answered before the kill and not found as themselves after")
                .isEmpty();
        softly.assertThat(split).as("WeChat users not held by exactly one user").isEmpty();
        softly.assertThat(rows.get("users")).as("one user row per WeChat user").isEqualTo(userOf.size());
        rows.forEach((what, n) -> {
            if (!what.equals("users")) {
                softly.assertThat(n).as(what).isZero();
            }
        });
        softly.assertAll();
    }

    /** A running service: the process of the jar and HTTP to it. */
    record Service(Process process, Http http) {}

    private Service start(Path home, String name, Path data, List<String> dbArgs, Map<String, String> env)
            throws Exception {
        int port = TestPorts.free();
        List<String> settings = new ArrayList<>(dbArgs);
        settings.add("--wxlogin.rate-limit.per-ip=0");
        settings.add("--server.address=127.0.0.1");
        Process process = JarProcesses.launchServer(home.resolve(name + ".log"), env, port, data, settings);
        services.add(process);
        Http http = new Http(URI.create("http://127.0.0.1:" + port));
        awaitTrue(() -> !process.isAlive() || healthy(http), Duration.ofSeconds(90), home);
        assertThat(process.isAlive())
                .as("the %s service is running; log in %s", name, home)
                .isTrue();
        return new Service(process, http);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Connection c, String sql, String param) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }

    /** One client's session as the burst saw it: touched by its own client thread only. */
    static final class Session {
        final String user;
        final String userId;
        final String sid;
        String access;
        String refresh;
        /** Refresh tokens answered 200 when presented, oldest first. */
        final List<String> spent = new ArrayList<>();
        /** A request of this session got no answer: its state is unknown. */
        boolean unanswered;

        Session(String user, Tokens tokens) {
            this.user = user;
            this.userId = tokens.userId();
            this.sid = tokens.sid();
            this.access = tokens.access();
            this.refresh = tokens.refresh();
        }

        @Override
        public String toString() {
            return "session " + sid + " of " + user + " (" + userId + ")";
        }
    }

    /**
     * Client threads that log in new and returning users and refresh their own sessions, keeping every
     * 200 answer, until the service stops answering.
     */
    static final class Burst {
        final Http service;
        final String prefix;
        final List<String> names = new CopyOnWriteArrayList<>();
        final Map<String, Set<String>> userIds = new ConcurrentHashMap<>();
        final Queue<Session> sessions = new ConcurrentLinkedQueue<>();
        final Queue<String> problems = new ConcurrentLinkedQueue<>();
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger logins = new AtomicInteger();
        final AtomicInteger refreshes = new AtomicInteger();
        final AtomicInteger unanswered = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger nextName = new AtomicInteger();
        volatile boolean killed;
        private final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        private final List<Future<?>> clients = new ArrayList<>();

        Burst(Http service, String prefix) {
            this.service = service;
            this.prefix = prefix;
        }

        void start() {
            for (int i = 0; i < CLIENTS; i++) {
                running.incrementAndGet();
                clients.add(pool.submit(() -> {
                    try {
                        client();
                    } finally {
                        running.decrementAndGet();
                    }
                    return null;
                }));
            }
        }

        /** Every client has stopped (before the kill, only when something went wrong). */
        boolean stopped() {
            return running.get() == 0;
        }

        void join() throws Exception {
            pool.shutdown();
            for (Future<?> client : clients) {
                try {
                    client.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e;
                }
            }
        }

        private void client() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            List<Session> mine = new ArrayList<>();
            boolean answeredOrRefused = true;
            while (answeredOrRefused && !killed) {
                int dice = random.nextInt(10);
                if (mine.isEmpty() || dice < 2) {
                    String name = prefix + "-user-" + nextName.incrementAndGet();
                    names.add(name);
                    answeredOrRefused = login(name, mine);
                } else if (dice < 4) {
                    answeredOrRefused = login(names.get(random.nextInt(names.size())), mine);
                } else {
                    answeredOrRefused = refresh(mine.get(random.nextInt(mine.size())), mine);
                }
            }
        }

        private boolean login(String name, List<Session> mine) {
            String app = APP_IDS.get(ThreadLocalRandom.current().nextInt(APP_IDS.size()));
            String code = sim.code(app, name);
            Http.Reply reply;
            try {
                reply = service.login(app, code);
            } catch (UncheckedIOException noAnswer) {
                return unanswered("login of " + name, noAnswer);
            }
            if (reply.status() != 200) {
                problems.add("login of " + name + ": " + reply);
                return true;
            }
            Session session = new Session(name, Tokens.of(reply));
            userIds.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(session.userId);
            sessions.add(session);
            mine.add(session);
            logins.incrementAndGet();
            answered.incrementAndGet();
            return true;
        }

        private boolean refresh(Session session, List<Session> mine) {
            Http.Reply reply;
            try {
                reply = service.refresh(session.refresh);
            } catch (UncheckedIOException noAnswer) {
                session.unanswered = true;
                mine.remove(session);
                return unanswered("refresh of " + session, noAnswer);
            }
            if (reply.status() != 200) {
                problems.add("refresh of " + session + ": " + reply);
                mine.remove(session);
                return true;
            }
            Tokens next = Tokens.of(reply);
            session.spent.add(session.refresh);
            session.refresh = next.refresh();
            session.access = next.access();
            refreshes.incrementAndGet();
            answered.incrementAndGet();
            return true;
        }

        private boolean unanswered(String what, RuntimeException e) {
            unanswered.incrementAndGet();
            if (!killed) {
                problems.add(what + " got no answer before the kill: " + e.getCause());
            }
            return false;
        }
    }
}
