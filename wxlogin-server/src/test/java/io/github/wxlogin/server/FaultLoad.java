package io.github.wxlogin.server;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A steady load of logins (new and returning users), refreshes, {@code GET /v1/me} and a few logouts
 * on every instance of a fleet, from a few client threads at a modest pace, keeping every answer: how
 * many of each, per phase of the test, and each session's tokens as the answers left them. Each
 * session belongs to one client thread, so no two requests of one session ever race.
 *
 * <p>A request that got no connection (the instance is down) did nothing. A request that got no
 * answer (the instance was killed under it) may or may not have done its work: its session is
 * uncertain from then on and only checked for what cannot depend on it.
 */
final class FaultLoad implements AutoCloseable {

    static final int CLIENTS = 4;
    /** Between two requests of one client: a modest rate on a 2-core machine. */
    static final Duration PACE = Duration.ofMillis(25);
    /**
     * How long a request may take: beyond the database pool's 30 s wait for a connection, so that a
     * request during a database outage gets its answer rather than a client-side timeout.
     */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(90);

    /** One instance of the fleet, by name. */
    record Target(String name, Http http) {}

    private final List<Target> targets;
    private final Sim sim;
    private final List<String> apps;
    private final String prefix;
    private volatile String phase;
    /** When each phase began, in order: written and read by the test's thread only. */
    private final Map<String, Long> phases = new LinkedHashMap<>();

    private long stoppedAt;
    private volatile boolean stopping;
    private final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    private final List<Future<?>> clients = new ArrayList<>();

    /** Answers by phase, then by {@code "<op> <status>[ <code>]"}. */
    final Map<String, Map<String, AtomicInteger>> answers = new ConcurrentSkipListMap<>();
    /** Requests that got no connection, or no answer, by phase, then {@code "<instance> refused|no answer"}. */
    final Map<String, Map<String, AtomicInteger>> unanswered = new ConcurrentSkipListMap<>();
    /** 5xx answers other than 503 {@code upstream_unavailable} with {@code Retry-After}, described. */
    final Queue<String> bad5xx = new ConcurrentLinkedQueue<>();
    /** Answers the contract does not allow for what was asked (a live session refused, a wrong user), described. */
    final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

    final Queue<Session> sessions = new ConcurrentLinkedQueue<>();
    final List<String> names = new CopyOnWriteArrayList<>();
    /** The user ids logins of each WeChat user were answered with. */
    final Map<String, Set<String>> userIds = new ConcurrentHashMap<>();

    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger successes = new AtomicInteger();
    private final AtomicInteger nextName = new AtomicInteger();

    FaultLoad(List<Target> targets, Sim sim, List<String> apps, String prefix) {
        this.targets = List.copyOf(targets);
        this.sim = sim;
        this.apps = List.copyOf(apps);
        this.prefix = prefix;
    }

    /** Labels the outcomes from now on (a phase named again goes on). */
    void phase(String name) {
        phases.putIfAbsent(name, System.nanoTime());
        this.phase = name;
    }

    /** The phases in order, each with how long it lasted. */
    Map<String, Duration> phases() {
        Map<String, Duration> out = new LinkedHashMap<>();
        List<Map.Entry<String, Long>> all = List.copyOf(phases.entrySet());
        for (int i = 0; i < all.size(); i++) {
            long end = i + 1 < all.size() ? all.get(i + 1).getValue() : stoppedAt;
            out.put(all.get(i).getKey(), Duration.ofNanos(end - all.get(i).getValue()));
        }
        return out;
    }

    void start(String firstPhase) {
        phase(firstPhase);
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(pool.submit(() -> {
                client();
                return null;
            }));
        }
    }

    /** Whether a client thread has ended before {@link #stop} (it failed: {@link #stop} throws its failure). */
    boolean broken() {
        return clients.stream().anyMatch(Future::isDone);
    }

    /** Stops the clients after their requests in flight and rethrows what failed in one. */
    void stop() throws Exception {
        stopping = true;
        stoppedAt = System.nanoTime();
        pool.shutdown();
        for (Future<?> client : clients) {
            try {
                client.get(ANSWER_WAIT.toSeconds() + 30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }

    /** Ends the clients at once, whatever they are doing (after a failure; {@link #stop} is the orderly end). */
    @Override
    public void close() {
        stopping = true;
        pool.shutdownNow();
    }

    /** Answers in a phase whose status is at least 500, and requests of it without an answer. */
    int failuresIn(String phase) {
        int failed = unanswered.getOrDefault(phase, Map.of()).values().stream()
                .mapToInt(AtomicInteger::get)
                .sum();
        for (Map.Entry<String, AtomicInteger> e :
                answers.getOrDefault(phase, Map.of()).entrySet()) {
            if (Integer.parseInt(e.getKey().split(" ")[1]) >= 500) {
                failed += e.getValue().get();
            }
        }
        return failed;
    }

    int refusedIn(String phase, String instance) {
        AtomicInteger n = unanswered.getOrDefault(phase, Map.of()).get(instance + " refused");
        return n == null ? 0 : n.get();
    }

    private void client() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Session> mine = new ArrayList<>();
        while (!stopping) {
            Target target = targets.get(random.nextInt(targets.size()));
            int dice = random.nextInt(100);
            if (mine.isEmpty() || dice < 12) {
                String name = prefix + "-" + nextName.incrementAndGet();
                names.add(name);
                login(target, name, mine);
            } else if (dice < 20) {
                login(target, names.get(random.nextInt(names.size())), mine);
            } else if (dice < 50) {
                refresh(target, mine.get(random.nextInt(mine.size())), mine);
            } else if (dice < 96) {
                me(target, mine.get(random.nextInt(mine.size())), mine);
            } else {
                logout(target, mine.get(random.nextInt(mine.size())), mine);
            }
            try {
                Thread.sleep(PACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void login(Target target, String name, List<Session> mine) {
        String app = apps.get(ThreadLocalRandom.current().nextInt(apps.size()));
        String code = sim.code(app, name);
        String body = "{\"appId\":\"" + app + "\",\"code\":\"" + code + "\"}";
        Http.Reply reply = send(target, "login", post(target, "/v1/auth/login", body, null))
                .reply();
        if (reply == null || !allowed(target, "login of " + name, reply, 200)) {
            return;
        }
        Session session = new Session(name, Tokens.of(reply));
        userIds.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(session.userId);
        sessions.add(session);
        mine.add(session);
    }

    private void refresh(Target target, Session session, List<Session> mine) {
        String body = Http.JSON.writeValueAsString(Map.of("refreshToken", session.refresh));
        Sent sent = send(target, "refresh", post(target, "/v1/auth/refresh", body, null));
        Http.Reply reply = sent.reply();
        if (reply == null) {
            if (!sent.refused()) {
                // Spent or not, and the successor unknown: the session cannot be followed any more.
                session.uncertain = true;
                mine.remove(session);
            }
            return;
        }
        if (reply.status() == 503) {
            session.refused503++;
            allowed(target, "refresh of " + session, reply, 200);
            return;
        }
        if (!allowed(target, "refresh of " + session, reply, 200)) {
            mine.remove(session);
            return;
        }
        Tokens next = Tokens.of(reply);
        session.lastSpentNanos = System.nanoTime();
        session.spent.add(session.refresh);
        session.refresh = next.refresh();
        session.access = next.access();
    }

    private void me(Target target, Session session, List<Session> mine) {
        HttpRequest request = target.http()
                .request("/v1/me")
                .timeout(ANSWER_WAIT)
                .header("Authorization", "Bearer " + session.access)
                .GET()
                .build();
        Http.Reply reply = send(target, "me", request).reply();
        if (reply == null || reply.status() == 503) {
            if (reply != null) {
                allowed(target, "GET /v1/me of " + session, reply, 200);
            }
            return;
        }
        if (!allowed(target, "GET /v1/me of " + session, reply, 200)) {
            mine.remove(session);
            return;
        }
        String id = reply.json().get("id").asString();
        if (!session.userId.equals(id)) {
            unexpected.add(phase + ": GET /v1/me of " + session + " on " + target.name() + " answered user " + id);
        }
    }

    private void logout(Target target, Session session, List<Session> mine) {
        Sent sent = send(target, "logout", post(target, "/v1/auth/logout", null, session.access));
        Http.Reply reply = sent.reply();
        if (sent.refused()) {
            return;
        }
        mine.remove(session);
        if (reply != null && allowed(target, "logout of " + session, reply, 204)) {
            session.ended = true;
        } else {
            // No answer, or a 503: ended or not, the client cannot tell; it is not used again.
            session.endUnknown = true;
        }
    }

    /** What a request got: an answer, or none (then whether the connection was refused, so nothing was sent). */
    record Sent(Http.Reply reply, boolean refused) {}

    /** Counts the outcome under the phase it came in (a request in flight at a fault ends in the fault's phase). */
    private Sent send(Target target, String op, HttpRequest request) {
        requests.incrementAndGet();
        try {
            Http.Reply reply = target.http().send(request);
            count(
                    answers,
                    phase,
                    op + " " + reply.status()
                            + problemCode(reply).map(c -> " " + c).orElse(""));
            if (reply.status() < 300) {
                successes.incrementAndGet();
            }
            return new Sent(reply, false);
        } catch (UncheckedIOException e) {
            boolean refused =
                    e.getCause() instanceof ConnectException || e.getCause() instanceof HttpConnectTimeoutException;
            count(unanswered, phase, target.name() + (refused ? " refused" : " no answer"));
            return new Sent(null, refused);
        }
    }

    /**
     * Whether the answer is the one expected. A 503 must be {@code upstream_unavailable} with
     * {@code Retry-After}; any other answer than the expected status or such a 503 is unexpected.
     */
    private boolean allowed(Target target, String what, Http.Reply reply, int expected) {
        if (reply.status() == expected) {
            return true;
        }
        String described = phase + ": " + what + " on " + target.name() + " answered " + reply.status() + " "
                + (reply.contentType().startsWith("application/problem+json") ? reply.body() : reply.contentType())
                + reply.header("Retry-After").map(s -> " Retry-After: " + s).orElse("");
        boolean good503 = reply.status() == 503
                && problemCode(reply).filter("upstream_unavailable"::equals).isPresent()
                && reply.header("Retry-After").isPresent();
        if (reply.status() >= 500 && !good503) {
            bad5xx.add(described);
        }
        if (!good503) {
            unexpected.add(described);
        }
        return false;
    }

    private static Optional<String> problemCode(Http.Reply reply) {
        if (!reply.contentType().startsWith("application/problem+json")) {
            return Optional.empty();
        }
        try {
            JsonNode code = reply.json().get("code");
            return Optional.ofNullable(code).map(JsonNode::asString);
        } catch (RuntimeException notJson) {
            return Optional.of("(not JSON)");
        }
    }

    private static HttpRequest post(Target target, String path, String json, String accessToken) {
        HttpRequest.Builder request = target.http()
                .request(path)
                .timeout(ANSWER_WAIT)
                .POST(
                        json == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", Http.JSON_TYPE);
        }
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return request.build();
    }

    private static void count(Map<String, Map<String, AtomicInteger>> counts, String phase, String key) {
        counts.computeIfAbsent(phase, p -> new ConcurrentSkipListMap<>())
                .computeIfAbsent(key, k -> new AtomicInteger())
                .incrementAndGet();
    }

    /** One session as its client saw it: touched by its own client thread only, read after {@link #stop}. */
    static final class Session {
        final String user;
        final String userId;
        final String sid;
        String access;
        String refresh;
        /** Refresh tokens answered 200 when presented, oldest first. */
        final List<String> spent = new ArrayList<>();
        /** A refresh got no answer: whether its token was spent, and what followed it, is unknown. */
        boolean uncertain;
        /** Logged out: answered 204. */
        boolean ended;
        /** A logout got no answer, or 503: ended or not, unknown. */
        boolean endUnknown;
        /** When its newest spent token was answered 200 ({@link System#nanoTime()}). */
        long lastSpentNanos;
        /** Refreshes answered 503, each retried later with the same token. */
        int refused503;

        Session(String user, Tokens tokens) {
            this.user = user;
            this.userId = tokens.userId();
            this.sid = tokens.sid();
            this.access = tokens.access();
            this.refresh = tokens.refresh();
        }

        /** Its last answers leave it live, with tokens known: it must work. */
        boolean live() {
            return !uncertain && !ended && !endUnknown;
        }

        @Override
        public String toString() {
            return "session " + sid + " of " + user + " (" + userId + ")";
        }
    }
}
