package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A client's mistake on the login call is a 4xx problem+json with the contract's code, never a 5xx
 * or an HTML page; it writes no user, identity or session row, and does not reach WeChat.
 */
class MalformedLoginRequestTest {

    static final String LOGIN = "/v1/auth/login";
    static final int LIMIT = 64 * 1024;

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    /** One bad request; {@code code} is a real code for the user, so the code is never the reason. */
    @FunctionalInterface
    interface BadRequest {
        Http.Reply send(String code);
    }

    static Arguments refused(String name, int status, String errorCode, BadRequest request) {
        return Arguments.of(name, status, errorCode, request);
    }

    static Http.Reply json(String body) {
        return dev.http().postJson(LOGIN, body);
    }

    static Http.Reply bytes(String contentType, byte[] body) {
        return dev.http().post(LOGIN, contentType, body);
    }

    static String body(String appIdJson, String codeJson) {
        return "{\"appId\":" + appIdJson + ",\"code\":" + codeJson + "}";
    }

    static String quoted(String s) {
        return Http.JSON.writeValueAsString(s);
    }

    static Stream<Arguments> badRequests() {
        String app = quoted(APP_1);
        return Stream.of(
                refused("body not JSON", 400, "invalid_request", c -> json("appId=" + APP_1 + "&code=" + c)),
                refused(
                        "truncated JSON",
                        400,
                        "invalid_request",
                        c -> json(body(app, quoted(c)).replace("}", ""))),
                refused("empty body", 400, "invalid_request", c -> json("")),
                refused("JSON array", 400, "invalid_request", c -> json("[" + body(app, quoted(c)) + "]")),
                refused("JSON null", 400, "invalid_request", c -> json("null")),
                refused("JSON string", 400, "invalid_request", c -> json(quoted(c))),
                refused("JSON number", 400, "invalid_request", c -> json("42")),
                refused("JSON true", 400, "invalid_request", c -> json("true")),
                refused("code a number", 400, "invalid_request", c -> json(body(app, "12345678"))),
                refused(
                        "code given twice",
                        400,
                        "invalid_request",
                        c -> json("{\"appId\":" + app + ",\"code\":\"other\",\"code\":" + quoted(c) + "}")),
                refused("code a boolean", 400, "invalid_request", c -> json(body(app, "true"))),
                refused("code an object", 400, "invalid_request", c -> json(body(app, "{\"code\":" + quoted(c) + "}"))),
                refused("code an array", 400, "invalid_request", c -> json(body(app, "[" + quoted(c) + "]"))),
                refused("code missing", 400, "invalid_request", c -> json("{\"appId\":" + app + "}")),
                refused("code null", 400, "invalid_request", c -> json(body(app, "null"))),
                refused("code empty", 400, "invalid_request", c -> json(body(app, "\"\""))),
                refused("code blank", 400, "invalid_request", c -> json(body(app, "\"   \""))),
                refused(
                        "code over 128 characters",
                        400,
                        "invalid_request",
                        c -> json(body(app, quoted(c + "x".repeat(129 - c.length()))))),
                refused("code with a space", 400, "invalid_request", c -> json(body(app, quoted(c + " x")))),
                refused("code with a leading space", 400, "invalid_request", c -> json(body(app, quoted(" " + c)))),
                refused(
                        "code with a control character",
                        400,
                        "invalid_request",
                        c -> json(body(app, quoted(c + "\u0001")))),
                refused("code with a newline", 400, "invalid_request", c -> json(body(app, quoted(c + "\n")))),
                refused("code with a NUL", 400, "invalid_request", c -> json(body(app, quoted(c + "\u0000")))),
                refused("code not ASCII", 400, "invalid_request", c -> json(body(app, quoted(c + "码")))),
                refused(
                        "body not UTF-8",
                        400,
                        "invalid_request",
                        c -> bytes(
                                Http.JSON_TYPE,
                                concat(
                                        ("{\"appId\":" + app + ",\"code\":\"").getBytes(StandardCharsets.UTF_8),
                                        new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF},
                                        "\"}".getBytes(StandardCharsets.UTF_8)))),
                refused(
                        "deeply nested JSON",
                        400,
                        "invalid_request",
                        c -> json("{\"appId\":" + app + ",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}")),
                refused("appId unknown", 400, "unknown_app", c -> json(body(quoted("wx9999999999999999"), quoted(c)))),
                refused(
                        "appId of another case",
                        400,
                        "unknown_app",
                        c -> json(body(quoted(APP_1.toUpperCase(java.util.Locale.ROOT)), quoted(c)))),
                refused("appId with a slash", 400, "invalid_request", c -> json(body(quoted("wx/../0001"), quoted(c)))),
                refused("appId with a space", 400, "invalid_request", c -> json(body(quoted("wx 0001"), quoted(c)))),
                refused("appId empty", 400, "invalid_request", c -> json(body("\"\"", quoted(c)))),
                refused(
                        "appId over 64 characters",
                        400,
                        "invalid_request",
                        c -> json(body(quoted("wx" + "0".repeat(80)), quoted(c)))),
                refused("appId a number", 400, "invalid_request", c -> json(body("12345", quoted(c)))),
                refused("appId an object", 400, "invalid_request", c -> json(body("{}", quoted(c)))),
                refused(
                        "content type text/plain",
                        415,
                        "unsupported_media_type",
                        c -> bytes("text/plain", body(app, quoted(c)).getBytes(StandardCharsets.UTF_8))),
                refused(
                        "content type form",
                        415,
                        "unsupported_media_type",
                        c -> bytes(
                                "application/x-www-form-urlencoded",
                                ("appId=" + APP_1 + "&code=" + c).getBytes(StandardCharsets.UTF_8))),
                refused(
                        "no content type",
                        415,
                        "unsupported_media_type",
                        c -> bytes(null, body(app, quoted(c)).getBytes(StandardCharsets.UTF_8))),
                refused(
                        "GET on the login path",
                        405,
                        "method_not_allowed",
                        c -> dev.http().get(LOGIN)),
                refused(
                        "DELETE on the login path",
                        405,
                        "method_not_allowed",
                        c -> dev.http().delete(LOGIN)),
                refused("unknown path", 404, "not_found", c -> dev.http().get("/v1/nothing-here")),
                refused(
                        "unknown path, POST",
                        404,
                        "not_found",
                        c -> dev.http().postJson("/v1/auth/logon", body(app, quoted(c)))),
                refused(
                        "unknown path asked for as HTML",
                        404,
                        "not_found",
                        c -> dev.http().get("/v1/nothing-here", "Accept", "text/html")),
                refused(
                        "body over 64 KiB with Content-Length",
                        413,
                        "payload_too_large",
                        c -> json(padded(c, LIMIT + 1024))),
                refused(
                        "body over 64 KiB, chunked",
                        413,
                        "payload_too_large",
                        c -> dev.http()
                                .send(dev.http()
                                        .request(LOGIN)
                                        .header("Content-Type", Http.JSON_TYPE)
                                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                                                padded(c, LIMIT + 1024).getBytes(StandardCharsets.UTF_8))))
                                        .build())),
                refused(
                        "body far over 64 KiB, chunked",
                        413,
                        "payload_too_large",
                        c -> dev.http()
                                .send(dev.http()
                                        .request(LOGIN)
                                        .header("Content-Type", Http.JSON_TYPE)
                                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                                                padded(c, 1024 * 1024).getBytes(StandardCharsets.UTF_8))))
                                        .build())),
                refused("malformed URL", 400, "invalid_request", c -> dev.http().raw("GET", "/%")),
                refused(
                        "malformed URL on the login path",
                        400,
                        "invalid_request",
                        c -> dev.http().raw("POST", LOGIN + "%zz")));
    }

    /** A valid login body with an ignored field that takes it to {@code size} bytes. */
    static String padded(String code, int size) {
        String head = "{\"appId\":" + quoted(APP_1) + ",\"code\":" + quoted(code) + ",\"pad\":\"";
        return head + "x".repeat(size - head.length() - 2) + "\"}";
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badLoginRequestIsA4xxProblemAndWritesNothing(String name, int status, String errorCode, BadRequest request) {
        String code = dev.sim().code(APP_1, "malformed-user");
        Map<String, Long> rowsBefore = dev.service().rowCounts();
        long callsBefore = dev.sim().code2SessionCalls();

        Http.Reply reply = request.send(code);

        assertProblem(reply, status, errorCode);
        assertThat(dev.service().rowCounts()).isEqualTo(rowsBefore);
        assertThat(dev.sim().code2SessionCalls()).as("calls to WeChat").isEqualTo(callsBefore);
    }

    @Test
    void methodNotAllowedNamesTheAllowedMethod() {
        Http.Reply reply = dev.http().get(LOGIN);

        assertProblem(reply, 405, "method_not_allowed");
        assertThat(reply.header("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
    }

    @Test
    void containersErrorPathRequestedDirectlyIsNotFoundRatherThanAServerFailure() {
        Map<String, Long> rowsBefore = dev.service().rowCounts();

        assertProblem(dev.http().get("/error"), 404, "not_found");
        assertProblem(dev.http().postJson("/error", "{}"), 404, "not_found");

        assertThat(dev.service().rowCounts()).isEqualTo(rowsBefore);
    }

    @Test
    void codeRefusedForItsFormStaysGoodForAWellFormedRequest() {
        String code = dev.sim().code(APP_1, "malformed-then-good");
        assertProblem(json(body(quoted(APP_1), "[" + quoted(code) + "]")), 400, "invalid_request");
        assertProblem(
                dev.http()
                        .post(
                                LOGIN,
                                "text/plain",
                                body(quoted(APP_1), quoted(code)).getBytes(StandardCharsets.UTF_8)),
                415,
                "unsupported_media_type");
        assertProblem(json(padded(code, LIMIT + 10)), 413, "payload_too_large");

        assertSession(dev.http().login(APP_1, code));
    }

    @Test
    void bodyJustUnderTheLimitIsAccepted() {
        String code = dev.sim().code(APP_1, "malformed-limit");

        assertSession(json(padded(code, LIMIT)));
    }
}
