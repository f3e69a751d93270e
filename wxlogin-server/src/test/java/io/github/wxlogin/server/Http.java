package io.github.wxlogin.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP to one base URL with the JDK {@link HttpClient}; every answer comes back as a {@link Reply}. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String JSON_TYPE = "application/json";

    private final URI base;
    private final HttpClient client;
    private volatile Consumer<Reply> listener = reply -> {};

    Http(URI base) {
        this.base = base;
        // HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every plain-http request.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Hands every later reply to {@code listener} too (the leak test keeps them all). */
    void onReply(Consumer<Reply> listener) {
        this.listener = listener;
    }

    /** An answer: status, headers, body as text. */
    record Reply(int status, HttpHeaders headers, String body) {

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        String contentType() {
            return header("Content-Type").orElse("");
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        /** Every header line, for searching: {@code name: value}. */
        String headerText() {
            StringBuilder out = new StringBuilder();
            headers.map()
                    .forEach((name, values) -> values.forEach(
                            v -> out.append(name).append(": ").append(v).append('\n')));
            return out.toString();
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + body;
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Reply reply = new Reply(
                    response.statusCode(), response.headers(), new String(response.body(), StandardCharsets.UTF_8));
            listener.accept(reply);
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    request.method() + " " + request.uri().getPath() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    Reply get(String path, String... headers) {
        HttpRequest.Builder request = request(path).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    Reply post(String path, String contentType, byte[] body) {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    Reply postJson(String path, String json) {
        return post(path, JSON_TYPE, json.getBytes(StandardCharsets.UTF_8));
    }

    Reply postJson(String path, Map<String, ?> body) {
        return postJson(path, JSON.writeValueAsString(body));
    }

    Reply delete(String path) {
        return send(request(path).DELETE().build());
    }

    /**
     * Any request: {@code body} (null for none) sent as {@code contentType} (null for no such header),
     * then {@code headers} as name, value pairs.
     */
    Reply call(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = request(path)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** A request with {@code Authorization: Bearer <accessToken>} (none when the token is null) and a JSON body or none. */
    Reply withBearer(String method, String path, String accessToken, String json) {
        return accessToken == null
                ? call(method, path, json == null ? null : JSON_TYPE, json)
                : call(method, path, json == null ? null : JSON_TYPE, json, "Authorization", "Bearer " + accessToken);
    }

    /** {@code POST /v1/auth/login}; a null appId is left out of the body. */
    Reply login(String appId, String code) {
        return login(appId, code, new String[0]);
    }

    /** {@code POST /v1/auth/login} with extra headers (name, value pairs), such as a device's User-Agent. */
    Reply login(String appId, String code, String... headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (appId != null) {
            body.put("appId", appId);
        }
        body.put("code", code);
        return call("POST", "/v1/auth/login", JSON_TYPE, JSON.writeValueAsString(body), headers);
    }

    /** {@code POST /v1/auth/refresh} with {@code {"refreshToken": …}}. */
    Reply refresh(String refreshToken, String... headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("refreshToken", refreshToken);
        return call("POST", "/v1/auth/refresh", JSON_TYPE, JSON.writeValueAsString(body), headers);
    }

    /** {@code POST /v1/auth/logout} with this access token (none when null), no body. */
    Reply logout(String accessToken) {
        return withBearer("POST", "/v1/auth/logout", accessToken, null);
    }

    /** {@code GET /v1/me} with {@code Authorization: <authorization>}, or none when null. */
    Reply me(String authorization) {
        return authorization == null ? get("/v1/me") : get("/v1/me", "Authorization", authorization);
    }

    /**
     * One request written by hand on a socket, for what the JDK client refuses to send (a malformed
     * URL such as {@code /%}). {@code Connection: close} is added, so the answer ends with the stream.
     */
    Reply raw(String method, String rawTarget) {
        return raw(method, rawTarget, List.of("Accept: */*"), null);
    }

    /**
     * Any request written by hand on a socket: the request line, {@code Host}, then {@code headerLines}
     * as given ({@code "Name: value"}, sent as UTF-8 bytes, so a value may hold anything the JDK client
     * refuses: non-ASCII, control characters, 20 KB), {@code Content-Length} when there is a body (null
     * for none), and {@code Connection: close}; then the body's bytes exactly (invalid UTF-8 included).
     */
    Reply raw(String method, String rawTarget, List<String> headerLines, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(rawTarget)
                .append(" HTTP/1.1\r\n")
                .append("Host: ")
                .append(base.getHost())
                .append(':')
                .append(base.getPort())
                .append("\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            request.writeBytes(body);
        }
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            byte[] all = socket.getInputStream().readAllBytes();
            Reply reply = parse(all);
            listener.accept(reply);
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + rawTarget + " failed", e);
        }
    }

    private static Reply parse(byte[] all) throws IOException {
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        boolean chunked = headers.getOrDefault("Transfer-Encoding", List.of()).stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
        if (chunked) {
            body = dechunk(new ByteArrayInputStream(body));
        }
        return new Reply(status, HttpHeaders.of(headers, (a, b) -> true), new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    return out.toByteArray();
                }
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int n = Integer.parseInt(size.toString().split(";")[0].strip(), 16);
            if (n == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(n));
            in.readNBytes(2);
        }
    }
}
