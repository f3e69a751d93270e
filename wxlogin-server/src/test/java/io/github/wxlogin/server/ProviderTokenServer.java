package io.github.wxlogin.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.wxlogin.core.component.MessageCrypt;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service provider's own system, for a component whose token the service takes from a URL: it receives
 * WeChat's ticket pushes itself ({@code POST /events}), gets the component_access_token from WeChat with the
 * latest ticket, and hands it out at {@code GET /token} to callers with its bearer secret, in the shape the
 * service expects ({@code {"component_access_token","expires_in"}}).
 */
final class ProviderTokenServer implements AutoCloseable {

    private static final Pattern ENCRYPT = Pattern.compile("<Encrypt><!\\[CDATA\\[(.*?)]]></Encrypt>");
    private static final Pattern TICKET =
            Pattern.compile("<ComponentVerifyTicket><!\\[CDATA\\[(.*?)]]></ComponentVerifyTicket>");

    private final HttpServer server;
    private final ComponentSim.Keys keys;
    private final String bearer;
    private final Http wechat;
    private final AtomicReference<String> ticket = new AtomicReference<>();
    final AtomicInteger tokenRequests = new AtomicInteger();
    final AtomicInteger refusedRequests = new AtomicInteger();
    /** Every answer it gave at /token (they hold the component tokens). */
    final java.util.List<String> answers = new java.util.concurrent.CopyOnWriteArrayList<>();

    ProviderTokenServer(ComponentSim.Keys keys, String bearer, URI wechatBase) throws IOException {
        this.keys = keys;
        this.bearer = bearer;
        this.wechat = new Http(wechatBase);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/events", this::events);
        server.createContext("/token", this::token);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void events(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = ENCRYPT.matcher(body);
        if (m.find()) {
            String xml = new MessageCrypt(keys.token(), keys.encodingAesKey(), keys.appId()).decrypt(m.group(1));
            Matcher t = TICKET.matcher(xml);
            if (t.find()) {
                ticket.set(t.group(1));
            }
        }
        answer(ex, 200, "text/plain", "success");
    }

    private void token(HttpExchange ex) throws IOException {
        if (!("Bearer " + bearer).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            refusedRequests.incrementAndGet();
            answer(ex, 401, "application/json", "{\"error\":\"unauthorized\"}");
            return;
        }
        tokenRequests.incrementAndGet();
        Http.Reply r = wechat.postJson(
                ComponentSim.TOKEN_PATH,
                Map.of(
                        "component_appid", keys.appId(),
                        "component_appsecret", keys.secret(),
                        "component_verify_ticket", String.valueOf(ticket.get())));
        answers.add(r.body());
        answer(ex, 200, "application/json", r.body());
    }

    private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
