package io.github.wxlogin.core.alipay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted stand-in for Alipay's gateway: a JDK HttpServer on a loopback port answering each request
 * with the next scripted body (the last one repeats, status 200 unless scripted), recording the query
 * and form parameters it was sent.
 */
final class ScriptedAlipay implements AutoCloseable {

    record Reply(int status, String body) {}

    /** One request: its path, its query parameters, its form parameters, and its Content-Type. */
    record Request(String path, Map<String, String> query, Map<String, String> form, String contentType) {

        /** Query and form together, as the gateway reads them. */
        Map<String, String> all() {
            Map<String, String> all = new LinkedHashMap<>(query);
            all.putAll(form);
            return all;
        }
    }

    private final HttpServer server;
    private final List<Reply> script = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    ScriptedAlipay() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    ScriptedAlipay answer(String... bodies) {
        script.clear();
        for (String body : bodies) {
            script.add(new Reply(200, body));
        }
        return this;
    }

    ScriptedAlipay answerStatus(int status, String body) {
        script.clear();
        script.add(new Reply(status, body));
        return this;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            int index = requests.size();
            URI uri = exchange.getRequestURI();
            String sent = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(
                    uri.getPath(),
                    parse(uri.getRawQuery()),
                    parse(sent),
                    exchange.getRequestHeaders().getFirst("Content-Type")));
            Reply reply = script.get(Math.min(index, script.size() - 1));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } finally {
            exchange.close();
        }
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> out = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return out;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            out.put(
                    URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
