package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The admin API ({@code /admin/v1/…}) over HTTP, presenting the admin credential as
 * {@code Authorization: Bearer …}, or whatever {@link #as} was given instead (null: no header).
 */
final class Admin {

    static final String BASE = "/admin/v1";

    private final Http http;
    private final String credential;

    Admin(Http http, String credential) {
        this.http = http;
        this.credential = credential;
    }

    /** The same calls with another credential (a wrong one, a user's access token, or null for none). */
    Admin as(String otherCredential) {
        return new Admin(http, otherCredential);
    }

    /** Any admin call: {@code path} under {@code /admin/v1}, with a JSON body or none. */
    Http.Reply call(String method, String path, String json) {
        return http.withBearer(method, BASE + path, credential, json);
    }

    Http.Reply get(String path) {
        return call("GET", path, null);
    }

    Http.Reply user(String userId) {
        return get("/users/" + enc(userId));
    }

    /** {@code GET /admin/v1/users?…}, the query given as name, value pairs. */
    Http.Reply search(String... query) {
        return get("/users" + query(query));
    }

    Http.Reply disable(String userId) {
        return call("POST", "/users/" + enc(userId) + "/disable", null);
    }

    Http.Reply enable(String userId) {
        return call("POST", "/users/" + enc(userId) + "/enable", null);
    }

    Http.Reply endSessions(String userId) {
        return call("DELETE", "/users/" + enc(userId) + "/sessions", null);
    }

    /** {@code POST /admin/v1/users/{intoId}/merge} with {@code {"from": fromId}}. */
    Http.Reply merge(String intoId, String fromId) {
        return call(
                "POST",
                "/users/" + enc(intoId) + "/merge",
                Http.JSON.writeValueAsString(java.util.Collections.singletonMap("from", fromId)));
    }

    /** {@code GET /admin/v1/audit?…}, the query given as name, value pairs. */
    Http.Reply audit(String... query) {
        return get("/audit" + query(query));
    }

    Http.Reply rotateSigningKey() {
        return call("POST", "/signing-keys/rotate", null);
    }

    /** The users of a search that must succeed. */
    List<JsonNode> found(String... query) {
        Http.Reply r = search(query);
        assertThat(r.status()).as("search %s: %s", String.join(",", query), r).isEqualTo(200);
        List<JsonNode> users = new ArrayList<>();
        r.json().get("users").forEach(users::add);
        return users;
    }

    /** Every audit event, newest first, read page by page through {@code next}; ids never repeat. */
    List<JsonNode> allEvents(int pageSize, String... query) {
        List<JsonNode> events = new ArrayList<>();
        String before = null;
        for (int page = 0; page < 10_000; page++) {
            List<String> q = new ArrayList<>(List.of(query));
            q.addAll(List.of("limit", Integer.toString(pageSize)));
            if (before != null) {
                q.addAll(List.of("before", before));
            }
            Http.Reply r = audit(q.toArray(String[]::new));
            assertThat(r.status()).as("audit page %s: %s", page, r).isEqualTo(200);
            JsonNode body = r.json();
            assertThat(body.get("events").size()).isLessThanOrEqualTo(pageSize);
            body.get("events").forEach(events::add);
            if (body.get("next") == null || body.get("next").isNull()) {
                return events;
            }
            before = body.get("next").asString();
        }
        throw new AssertionError("audit paging did not end");
    }

    static String query(String... pairs) {
        if (pairs.length == 0) {
            return "";
        }
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            q.append(i == 0 ? '?' : '&').append(enc(pairs[i])).append('=').append(enc(pairs[i + 1]));
        }
        return q.toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
