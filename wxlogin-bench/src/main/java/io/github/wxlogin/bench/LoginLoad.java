package io.github.wxlogin.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A closed-loop load run of logins against a service in dev mode: each worker asks the simulator for
 * a code ({@code POST /wechat-sim/sim/login}, as {@code wx.login()} would give) and logs in with it
 * ({@code POST /v1/auth/login}), over and over, for a fixed time after a warm-up. Reports logins per
 * second and the latency of the login call.
 *
 * <p>Usage: {@code java [-Dsim=simulatorUrl] -jar wxlogin-bench/target/wxlogin-bench.jar [baseUrl[,baseUrl…]]
 * [seconds] [workers] [users]}: several base URLs are used in turn (a fleet without a load balancer);
 * the simulator is at {@code <first base>/wechat-sim} (dev mode) unless {@code -Dsim} says otherwise.
 */
public final class LoginLoad {

    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");
    /** Long enough for the JIT to settle: runs after 5 s of warm-up measured a third less. */
    private static final int WARM_UP_SECONDS = Integer.getInteger("warmup", 20);

    private static final String[] APPS = {"wx0000000000000001", "wx0000000000000002", "wx0000000000000003"};

    public static void main(String[] args) throws Exception {
        String[] bases = (args.length > 0 ? args[0] : "http://127.0.0.1:8080").split(",");
        String sim = System.getProperty("sim", bases[0] + "/wechat-sim");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int users = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        System.out.printf(
                "login load: %s, %d workers, %d distinct users, warm-up %d s, measure %d s%n",
                String.join(",", bases), workers, users, WARM_UP_SECONDS, seconds);
        run(http, bases, sim, workers, users, WARM_UP_SECONDS, null);
        Result r = new Result();
        run(http, bases, sim, workers, users, seconds, r);
        long[] lat = r.latencies();
        Arrays.sort(lat);
        System.out.printf(
                "logins: %d ok, %d failed in %d s -> %.0f logins/s%n",
                r.ok.sum(), r.failed.sum(), seconds, r.ok.sum() / (double) seconds);
        if (lat.length > 0) {
            System.out.printf(
                    "login call latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n",
                    pct(lat, 50), pct(lat, 90), pct(lat, 99), lat[lat.length - 1] / 1e6);
        }
    }

    private static void run(
            HttpClient http, String[] bases, String sim, int workers, int users, int seconds, Result result)
            throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int w = 0; w < workers; w++) {
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    long n = next.getAndIncrement();
                    String app = APPS[(int) (n % APPS.length)];
                    String user = "bench-" + (n % users);
                    try {
                        String code = code(http, sim, app, user);
                        long t0 = System.nanoTime();
                        HttpResponse<String> login = post(
                                http,
                                bases[(int) (n % bases.length)] + "/v1/auth/login",
                                "{\"appId\":\"" + app + "\",\"code\":\"" + code + "\"}");
                        long took = System.nanoTime() - t0;
                        if (result != null) {
                            result.record(login.statusCode() == 200, took);
                        }
                    } catch (Exception e) {
                        if (result != null) {
                            result.failed.increment();
                        }
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static String code(HttpClient http, String sim, String app, String user) throws Exception {
        HttpResponse<String> r =
                post(http, sim + "/sim/login", "{\"appId\":\"" + app + "\",\"user\":\"" + user + "\"}");
        Matcher m = CODE.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("simulator gave no code: HTTP " + r.statusCode());
        }
        return m.group(1);
    }

    private static HttpResponse<String> post(HttpClient http, String url, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static final class Result {
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();
        private final List<long[]> chunks = new ArrayList<>();
        private final ThreadLocal<long[]> buf = new ThreadLocal<>();
        private final ThreadLocal<int[]> pos = ThreadLocal.withInitial(() -> new int[1]);

        void record(boolean success, long nanos) {
            (success ? ok : failed).increment();
            long[] b = buf.get();
            int[] p = pos.get();
            if (b == null || p[0] == b.length) {
                b = new long[65536];
                buf.set(b);
                p[0] = 0;
                synchronized (chunks) {
                    chunks.add(b);
                }
            }
            b[p[0]++] = nanos;
        }

        long[] latencies() {
            synchronized (chunks) {
                return chunks.stream()
                        .flatMapToLong(Arrays::stream)
                        .filter(v -> v > 0)
                        .toArray();
            }
        }
    }
}
