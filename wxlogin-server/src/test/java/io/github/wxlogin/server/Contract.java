package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Assertions on the shapes API.md fixes: problem+json errors, the session response, the user object. */
final class Contract {

    static final long ACCESS_TTL = 900;
    static final long REFRESH_TTL = 2_592_000;
    static final String PROBLEM_JSON = "application/problem+json";

    private Contract() {
    }

    /** An error answer: this status, problem+json, with type, title, status, code and detail. */
    static JsonNode assertProblem(Http.Reply r, int status, String code) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.contentType()).as("content type of %s", r).startsWith(PROBLEM_JSON);
        JsonNode body = r.json();
        assertThat(fields(body)).as("fields of %s", r).contains("type", "title", "status", "code", "detail");
        assertThat(body.get("status").asInt()).as("status field of %s", r).isEqualTo(status);
        assertThat(body.get("code").asString()).as("code of %s", r).isEqualTo(code);
        assertThat(body.get("code").asString()).matches("[a-z]+(_[a-z]+)*");
        assertThat(body.get("detail").isString()).isTrue();
        assertThat(r.body()).as("no stack trace in %s", r).doesNotContain("Exception", "\tat ", ".java:");
        return body;
    }

    /** 429 and 503 carry {@code Retry-After} in whole seconds, at least one. */
    static void assertRetryAfter(Http.Reply r) {
        assertThat(r.header("Retry-After")).as("Retry-After of %s", r).isPresent();
        assertThat(Long.parseLong(r.header("Retry-After").orElseThrow())).isPositive();
    }

    /** A 200 session response exactly as API.md shows it; returns the body. */
    static JsonNode assertSession(Http.Reply r) {
        assertThat(r.status()).as("login answer %s", r).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode s = r.json();
        assertThat(fields(s)).containsExactlyInAnyOrder(
                "accessToken", "tokenType", "expiresIn", "refreshToken", "refreshExpiresIn", "newUser", "user");
        assertThat(s.get("accessToken").isString()).isTrue();
        assertThat(s.get("accessToken").asString().split("\\.", -1)).hasSize(3);
        assertThat(s.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(s.get("expiresIn").isIntegralNumber()).isTrue();
        assertThat(s.get("expiresIn").asLong()).isEqualTo(ACCESS_TTL);
        assertThat(s.get("refreshToken").isString()).isTrue();
        assertThat(s.get("refreshToken").asString()).isNotBlank().isNotEqualTo(s.get("accessToken").asString());
        assertThat(s.get("refreshExpiresIn").isIntegralNumber()).isTrue();
        assertThat(s.get("refreshExpiresIn").asLong()).isEqualTo(REFRESH_TTL);
        assertThat(s.get("newUser").isBoolean()).isTrue();
        assertUser(s.get("user"));
        return s;
    }

    /** The user object: every field present, nulls included; createdAt an ISO-8601 UTC instant. */
    static void assertUser(JsonNode user) {
        assertThat(user.isObject()).isTrue();
        assertThat(fields(user)).containsExactlyInAnyOrder(
                "id", "openid", "unionid", "phoneNumber", "countryCode", "nickname", "avatarUrl", "createdAt");
        assertThat(user.get("id").asString()).startsWith("u_");
        assertThat(user.get("openid").isString()).isTrue();
        for (String nullable : List.of("unionid", "phoneNumber", "countryCode", "nickname", "avatarUrl")) {
            assertThat(user.get(nullable).isNull() || user.get(nullable).isString()).as(nullable).isTrue();
        }
        String createdAt = user.get("createdAt").asString();
        assertThat(createdAt).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
        assertThat(Instant.parse(createdAt)).isBeforeOrEqualTo(Instant.now());
    }

    static List<String> fields(JsonNode node) {
        return new ArrayList<>(node.propertyNames());
    }
}
