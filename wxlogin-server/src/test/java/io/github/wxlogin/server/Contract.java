package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Assertions on the shapes API.md fixes: problem+json errors, the session response, the user object. */
final class Contract {

    static final long ACCESS_TTL = 900;
    static final long REFRESH_TTL = 2_592_000;
    static final String PROBLEM_JSON = "application/problem+json";

    private Contract() {}

    /** The trace id of a problem: 32 hex digits, the same in the body and in X-Trace-Id. */
    static void assertTraceId(Http.Reply r, JsonNode body) {
        assertThat(body.has("traceId")).as("traceId in %s", r).isTrue();
        String traceId = body.get("traceId").asString();
        assertThat(traceId).as("traceId of %s", r).matches("[0-9a-f]{32}");
        assertThat(r.header("X-Trace-Id")).as("X-Trace-Id of %s", r).contains(traceId);
    }

    /**
     * An error answer: this status, problem+json, with type, title, status, code and detail, and the
     * request's trace id both in the body and in {@code X-Trace-Id}.
     */
    static JsonNode assertProblem(Http.Reply r, int status, String code) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.contentType()).as("content type of %s", r).startsWith(PROBLEM_JSON);
        JsonNode body = r.json();
        assertThat(fields(body)).as("fields of %s", r).contains("type", "title", "status", "code", "detail");
        assertThat(body.get("status").asInt()).as("status field of %s", r).isEqualTo(status);
        assertThat(body.get("code").asString()).as("code of %s", r).isEqualTo(code);
        assertThat(body.get("code").asString()).matches("[a-z]+(_[a-z]+)*");
        assertThat(body.get("detail").isString()).isTrue();
        assertTraceId(r, body);
        assertThat(r.body()).as("no stack trace in %s", r).doesNotContain("Exception", "\tat ", ".java:");
        return body;
    }

    /**
     * An error answer of whatever status: problem+json with type, title, status, code and detail, its
     * {@code code} one of docs/errors.md's table and documented with this very status. For a HEAD request
     * (no body) only the status and the content type are checked.
     */
    static void assertDocumentedProblem(Http.Reply r, boolean head) {
        assertThat(r.contentType()).as("content type of %s", r).startsWith(PROBLEM_JSON);
        if (head) {
            return;
        }
        JsonNode body;
        try {
            body = r.json();
        } catch (RuntimeException e) {
            throw new AssertionError("problem body is not JSON: " + r, e);
        }
        assertThat(body.isObject()).as("problem body of %s", r).isTrue();
        assertThat(fields(body)).as("fields of %s", r).contains("type", "title", "status", "code", "detail");
        assertThat(body.get("status").asInt()).as("status field of %s", r).isEqualTo(r.status());
        assertTraceId(r, body);
        String code = body.get("code").asString();
        assertThat(documentedCodes())
                .as("documented codes (docs/errors.md), answer %s", r)
                .containsKey(code);
        assertThat(documentedCodes().get(code))
                .as("documented status of %s, answer %s", code, r)
                .isEqualTo(r.status());
        assertThat(body.get("detail").isString()).as("detail of %s", r).isTrue();
        assertThat(r.body()).as("no stack trace in %s", r).doesNotContain("Exception", "\tat ", ".java:");
    }

    private static Map<String, Integer> documented;

    /** docs/errors.md's "All codes at a glance": each code and its status. */
    static synchronized Map<String, Integer> documentedCodes() {
        if (documented == null) {
            Path doc = Path.of("..", "docs", "errors.md");
            if (!Files.exists(doc)) {
                doc = Path.of("docs", "errors.md");
            }
            Map<String, Integer> codes = new LinkedHashMap<>();
            Matcher row = Pattern.compile("(?m)^\\| \\[`([a-z_]+)`\\]\\(#[a-z_]+\\) \\| (\\d{3}) \\|")
                    .matcher(read(doc));
            while (row.find()) {
                codes.put(row.group(1), Integer.parseInt(row.group(2)));
            }
            assertThat(codes)
                    .as("codes table of %s", doc)
                    .containsKeys("invalid_request", "not_found", "internal_error");
            documented = Map.copyOf(codes);
        }
        return documented;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        assertThat(fields(s))
                .containsExactlyInAnyOrder(
                        "accessToken", "tokenType", "expiresIn", "refreshToken", "refreshExpiresIn", "newUser", "user");
        assertThat(s.get("accessToken").isString()).isTrue();
        assertThat(s.get("accessToken").asString().split("\\.", -1)).hasSize(3);
        assertThat(s.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(s.get("expiresIn").isIntegralNumber()).isTrue();
        assertThat(s.get("expiresIn").asLong()).isEqualTo(ACCESS_TTL);
        assertThat(s.get("refreshToken").isString()).isTrue();
        assertThat(s.get("refreshToken").asString())
                .isNotBlank()
                .isNotEqualTo(s.get("accessToken").asString());
        assertThat(s.get("refreshExpiresIn").isIntegralNumber()).isTrue();
        assertThat(s.get("refreshExpiresIn").asLong()).isEqualTo(REFRESH_TTL);
        assertThat(s.get("newUser").isBoolean()).isTrue();
        assertUser(s.get("user"));
        return s;
    }

    /**
     * The user object: every field present, nulls included; {@code platform} one of the contract's
     * words; {@code anonymous} only for a guest, and then true; createdAt an ISO-8601 UTC instant.
     */
    static void assertUser(JsonNode user) {
        assertThat(user.isObject()).isTrue();
        List<String> fields = fields(user);
        if (user.has("anonymous")) {
            assertThat(user.get("anonymous").asBoolean())
                    .as("anonymous is there only as true")
                    .isTrue();
            fields.remove("anonymous");
        }
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "id",
                        "platform",
                        "openid",
                        "unionid",
                        "phoneNumber",
                        "countryCode",
                        "nickname",
                        "avatarUrl",
                        "createdAt");
        assertThat(user.get("platform").asString())
                .isIn("wechat", "qq", "douyin", "alipay", "baidu", "kuaishou", "wecom");
        assertThat(user.get("id").asString()).startsWith("u_");
        assertThat(user.get("openid").isString()).isTrue();
        for (String nullable : List.of("unionid", "phoneNumber", "countryCode", "nickname", "avatarUrl")) {
            assertThat(user.get(nullable).isNull() || user.get(nullable).isString())
                    .as(nullable)
                    .isTrue();
        }
        String createdAt = user.get("createdAt").asString();
        assertThat(createdAt).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
        assertThat(Instant.parse(createdAt)).isBeforeOrEqualTo(Instant.now());
    }

    static List<String> fields(JsonNode node) {
        return new ArrayList<>(node.propertyNames());
    }
}
