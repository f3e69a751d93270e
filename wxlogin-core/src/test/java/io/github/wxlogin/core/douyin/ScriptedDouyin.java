package io.github.wxlogin.core.douyin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Douyin's two hosts in one: a JDK HttpServer on a loopback port answering each request
 * with the next scripted (status, body) of its path (the last one repeats), recording what it was asked.
 */
final class ScriptedDouyin implements AutoCloseable {

    record Request(String method, String path, String rawQuery, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private record Reply(int status, String body) {}

    private final HttpServer server;
    private final Map<String, Deque<Reply>> replies = new java.util.concurrent.ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    ScriptedDouyin() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(
                    exchange.getRequestMethod(),
                    path,
                    exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body));
            Reply reply = next(path);
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    /** Answers the path's next calls with these bodies, in order, the last one repeating. */
    ScriptedDouyin on(String path, String... bodies) {
        Deque<Reply> queue = replies.computeIfAbsent(path, p -> new ArrayDeque<>());
        for (String body : bodies) {
            queue.add(new Reply(200, body));
        }
        return this;
    }

    ScriptedDouyin onStatus(String path, int status, String body) {
        replies.computeIfAbsent(path, p -> new ArrayDeque<>()).add(new Reply(status, body));
        return this;
    }

    private synchronized Reply next(String path) {
        Deque<Reply> queue = replies.get(path);
        if (queue == null || queue.isEmpty()) {
            return new Reply(404, "{}");
        }
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> calls(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
