package io.github.wxlogin.core.wechat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for WeChat's servers, which cannot be reached from a test: a JDK HttpServer on an
 * ephemeral loopback port that answers each request with the next scripted reply (the last one
 * repeats) and records what it was asked. Public for the platforms whose server API is WeChat's own (QQ).
 */
public final class ScriptedWeChat implements AutoCloseable {

    /** One scripted answer; {@code stall} holds the answer back, {@code onRequest} runs first. */
    public record Reply(int status, String body, Duration stall, Runnable onRequest) {

        public static Reply json(String body) {
            return new Reply(200, body, Duration.ZERO, () -> {});
        }

        public static Reply status(int status, String body) {
            return new Reply(status, body, Duration.ZERO, () -> {});
        }

        static Reply stall(Duration stall, String body) {
            return new Reply(200, body, stall, () -> {});
        }

        Reply then(Runnable action) {
            return new Reply(status, body, stall, action);
        }
    }

    /** What one request looked like. */
    public record Request(String method, String path, String rawQuery, Map<String, List<String>> query, String body) {

        public String param(String name) {
            List<String> values = query.getOrDefault(name, List.of());
            if (values.size() != 1) {
                throw new AssertionError(name + " appears " + values.size() + " times in the query");
            }
            return values.get(0);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Reply> script = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    public ScriptedWeChat() throws IOException {
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "scripted-wechat");
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public ScriptedWeChat answer(Reply... replies) {
        script.clear();
        script.addAll(List.of(replies));
        return this;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            int index = requests.size();
            URI uri = exchange.getRequestURI();
            String sent = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(
                    exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(), parse(uri.getRawQuery()), sent));
            if (script.isEmpty()) {
                throw new AssertionError("no reply scripted");
            }
            Reply reply = script.get(Math.min(index, script.size() - 1));
            reply.onRequest().run();
            if (!reply.stall().isZero()) {
                try {
                    closing.await(reply.stall().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // The client gave up (a timeout test): nothing to answer.
        } finally {
            exchange.close();
        }
    }

    private static Map<String, List<String>> parse(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
