package io.github.wxlogin.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/** Builds every response the simulator sends. */
final class Answers {

    static final String JSON = "application/json; charset=UTF-8";
    static final String HTML = "text/html; charset=UTF-8";

    private Answers() {}

    /** A WeChat success: HTTP 200, and no {@code errcode} field at all. */
    static SimResponse wechat(ObjectNode body) {
        return new SimResponse(200, JSON, Json.bytes(body));
    }

    /** A WeChat error: HTTP 200 with errcode and errmsg, as WeChat answers them. */
    static SimResponse wechat(WxError error, Instant now) {
        return wechat(error.code(), error.message(), now);
    }

    static SimResponse wechat(int errcode, String message, Instant now) {
        ObjectNode body = Json.object();
        body.put("errcode", errcode);
        body.put("errmsg", message + ", rid: " + rid(now));
        return new SimResponse(200, JSON, Json.bytes(body));
    }

    /**
     * WeChat's request id: three groups of 8 hex digits, the first being the time in epoch seconds
     * (real ones look like {@code 6437cc6f-48613c7c-0bdbbd0d}).
     */
    static String rid(Instant now) {
        return String.format(
                "%08x-%08x-%08x", now.getEpochSecond() & 0xffffffffL, Randoms.nextInt(), Randoms.nextInt());
    }

    /** A control answer: JSON with the given status. */
    static SimResponse json(int status, ObjectNode body) {
        return new SimResponse(status, JSON, Json.bytes(body));
    }

    static SimResponse noContent() {
        return new SimResponse(204, null, null);
    }

    /** A control error: {@code {"error": message}}. */
    static SimResponse problem(int status, String message) {
        ObjectNode body = Json.object();
        body.put("error", message);
        return json(status, body);
    }

    static SimResponse notFound(String path) {
        return problem(404, "no such path: " + path);
    }

    static SimResponse methodNotAllowed(String method, String allowed) {
        return problem(405, "method " + method + " not allowed here; use " + allowed);
    }

    /** What a broken gateway in front of WeChat answers: a bare HTML page with that status. */
    static SimResponse gateway(int status) {
        String title = status + " " + reason(status);
        String html = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        return new SimResponse(status, HTML, html.getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Temporarily Unavailable";
            case 504 -> "Gateway Time-out";
            default -> "Error";
        };
    }
}
