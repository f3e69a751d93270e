package io.github.wxlogin.server;

import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile input, property-based: over every endpoint of the client API, the admin API and discovery,
 * generated requests with wrong JSON types, nulls, missing and extra fields, huge strings, deep nesting,
 * out-of-range numbers, invalid UTF-8, BOMs, garbage or missing {@code Content-Type} and {@code Accept},
 * garbage {@code Authorization}, headers over the 16 KB limit, odd methods and garbage path and query
 * parameters. Whatever comes, the service answers below 500; every answer of 400 or more is problem+json
 * with a code of docs/errors.md's table and that code's status; and a refused request writes nothing
 * (every table compared row by row before and after, the admin API's audit of refused credentials aside).
 *
 * <p>Requests are written on a socket ({@link Http#raw(String, String, List, byte[])}), so headers and
 * bodies can carry bytes the JDK client would refuse to send. A failure names the seed that replays it.
 */
class HostileInputTest {

    static final int TRIES = 150;
    static final int LIMIT = 64 * 1024;
    static final String ADMIN_TOKEN = "hostile-admin-" + UUID.randomUUID();
    /** Well-formed ids that name nobody: the admin calls and the session end refuse them, writing nothing. */
    static final String NO_USER = "u_AAAAAAAAAAAAAAAAAAAAAA";

    static final String NO_SESSION = "s_AAAAAAAAAAAAAAAAAAAAAA";

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.devWithAdmin(
            ADMIN_TOKEN,
            "--wxlogin.rate-limit.per-ip=0",
            "--wxlogin.rate-limit.admin-refusals=0",
            // One caller sends every generated body: limits would refuse them before they are read.
            "--wxlogin.rate-limit.decrypt-per-user=0",
            "--wxlogin.rate-limit.phone-per-user=0",
            "--wxlogin.rate-limit.phone-per-user-daily=0");

    /** The caller of the authenticated calls; logged in again whenever a try ended its session. */
    static Tokens alice;

    enum Auth {
        NONE,
        USER,
        ADMIN
    }

    /** Every endpoint of API.md and docs/admin.md; {@code fields} are the JSON body's, when it takes one. */
    enum Endpoint {
        LOGIN("POST", "/v1/auth/login", Auth.NONE, false, "appId", "code"),
        REFRESH("POST", "/v1/auth/refresh", Auth.NONE, false, "refreshToken"),
        LOGOUT("POST", "/v1/auth/logout", Auth.USER, true),
        ME("GET", "/v1/me", Auth.USER, false),
        PATCH_ME("PATCH", "/v1/me", Auth.USER, false, "nickname", "avatarUrl"),
        PHONE("POST", "/v1/me/phone", Auth.USER, false, "code", "encryptedData", "iv"),
        DECRYPT("POST", "/v1/me/decrypt", Auth.USER, false, "encryptedData", "iv", "rawData", "signature"),
        SESSIONS("GET", "/v1/sessions", Auth.USER, false),
        END_SESSION("DELETE", "/v1/sessions/{id}", Auth.USER, true),
        IDENTITIES("GET", "/v1/me/identities", Auth.USER, false),
        LINK("POST", "/v1/me/identities", Auth.USER, false, "appId", "code"),
        UNLINK("DELETE", "/v1/me/identities/{id}", Auth.USER, true),
        JWKS("GET", "/.well-known/jwks.json", Auth.NONE, false),
        OPENID_CONFIGURATION("GET", "/.well-known/openid-configuration", Auth.NONE, false),
        ADMIN_USER("GET", "/admin/v1/users/{id}", Auth.ADMIN, false),
        ADMIN_SEARCH("GET", "/admin/v1/users?openid=o_nobody", Auth.ADMIN, false),
        ADMIN_DISABLE("POST", "/admin/v1/users/{id}/disable", Auth.ADMIN, true),
        ADMIN_ENABLE("POST", "/admin/v1/users/{id}/enable", Auth.ADMIN, true),
        ADMIN_END_SESSIONS("DELETE", "/admin/v1/users/{id}/sessions", Auth.ADMIN, true),
        ADMIN_MERGE("POST", "/admin/v1/users/{id}/merge", Auth.ADMIN, true, "from"),
        ADMIN_AUDIT("GET", "/admin/v1/audit?limit=5", Auth.ADMIN, false),
        ADMIN_ROTATE("POST", "/admin/v1/signing-keys/rotate", Auth.ADMIN, true);

        final String method;
        final String path;
        final Auth auth;
        /** A success ends or changes something the later tries rely on: alice logs in again after one. */
        final boolean destructive;

        final List<String> fields;

        Endpoint(String method, String path, Auth auth, boolean destructive, String... fields) {
            this.method = method;
            this.path = path;
            this.auth = auth;
            this.destructive = destructive;
            this.fields = List.of(fields);
        }

        boolean takesJson() {
            return !fields.isEmpty();
        }

        boolean admin() {
            return auth == Auth.ADMIN;
        }

        /** The path with a well-formed id that names nobody. */
        String target() {
            return path.replace("{id}", admin() ? NO_USER : NO_SESSION);
        }

        /** The path with {@code id} (already encoded as it is to be sent) in place of {@code {id}}. */
        String target(String id) {
            return path.replace("{id}", id);
        }
    }

    /** One request as written on the wire. */
    record Request(Endpoint endpoint, String method, String target, List<String> headers, byte[] body) {

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(endpoint + ": " + method + " " + shorten(target, 200));
            headers.forEach(h -> s.append("\n  ").append(shorten(h, 200)));
            if (body != null) {
                s.append("\n  body (")
                        .append(body.length)
                        .append(" bytes): ")
                        .append(shorten(new String(body, StandardCharsets.UTF_8), 300));
            }
            return s.toString();
        }
    }

    @BeforeAll
    static void logIn() {
        alice = dev.service().login(APP_1, "hostile-alice");
        assertThat(Contract.documentedCodes()).containsEntry("invalid_request", 400);
    }

    // ---------------------------------------------------------------- the properties

    @Test
    void wrongTypesNullsMissingAndExtraFieldsAreRefusedCleanly() {
        Gen.forAll(
                TRIES,
                Gen.elements(jsonEndpoints())
                        .flatMap(e -> structuredBody(e)
                                .map(body ->
                                        request(e, e.method, e.target(), withAuth(e, JSON_TYPE_HEADER), utf8(body)))),
                HostileInputTest::sendAndCheck);
    }

    @Test
    void bodiesThatAreNotJsonOrNotUtf8AreRefusedCleanly() {
        Gen.forAll(
                TRIES,
                Gen.elements(jsonEndpoints())
                        .flatMap(e -> malformedBody(e)
                                .map(body -> request(e, e.method, e.target(), withAuth(e, JSON_TYPE_HEADER), body))),
                HostileInputTest::sendAndCheck);
    }

    @Test
    void garbageContentTypeAndAcceptAreRefusedCleanly() {
        Gen.forAll(
                TRIES,
                Gen.elements(Endpoint.values()).flatMap(e -> random -> {
                    List<String> headers = new ArrayList<>();
                    String contentType = CONTENT_TYPES.next(random);
                    if (contentType != null) {
                        headers.add("Content-Type: " + contentType);
                    }
                    String accept = ACCEPTS.next(random);
                    if (accept != null) {
                        headers.add("Accept: " + accept);
                    }
                    headers.addAll(Gen.listOf(ODD_HEADERS, 2).next(random));
                    byte[] body = e.takesJson() || random.nextInt(4) == 0
                            ? utf8(plausibleBody(e).next(random))
                            : null;
                    return request(e, e.method, e.target(), withAuth(e, headers), body);
                }),
                HostileInputTest::sendAndCheck);
    }

    @Test
    void garbageAuthorizationIsRefusedCleanly() {
        List<Endpoint> guarded = List.of(Endpoint.values()).stream()
                .filter(e -> e.auth != Auth.NONE)
                .toList();
        Gen.forAll(
                TRIES,
                Gen.elements(guarded).flatMap(e -> random -> {
                    List<String> headers = new ArrayList<>();
                    if (e.takesJson()) {
                        headers.add(JSON_TYPE_HEADER.get(0));
                    }
                    for (String authorization : Gen.listOf(authorizations(), 2).next(random)) {
                        headers.add("Authorization: " + authorization);
                    }
                    byte[] body = e.takesJson() ? utf8(plausibleBody(e).next(random)) : null;
                    return request(e, e.method, e.target(), headers, body);
                }),
                HostileInputTest::sendAndCheck);
    }

    @Test
    void headersOverTheLimitAreRefusedAsProblems() {
        Gen.forAll(
                TRIES / 3,
                Gen.elements(Endpoint.values()).flatMap(e -> random -> {
                    List<String> headers = new ArrayList<>(e.takesJson() ? JSON_TYPE_HEADER : List.of());
                    int total = Gen.between(17 * 1024, 64 * 1024).next(random);
                    switch (random.nextInt(4)) {
                        case 0 -> headers.add("X-Pad: " + "a".repeat(total));
                        case 1 -> {
                            for (int i = 0; i * 1024 < total; i++) {
                                headers.add("X-Pad-" + i + ": " + "b".repeat(1000));
                            }
                        }
                        case 2 -> headers.add("Cookie: c=" + "c".repeat(total));
                        default -> headers.add("Authorization: Bearer " + "d".repeat(total));
                    }
                    byte[] body = e.takesJson() ? utf8(plausibleBody(e).next(random)) : null;
                    return request(e, e.method, e.target(), withAuth(e, headers), body);
                }),
                request -> {
                    Http.Reply reply = sendAndCheck(request);
                    assertThat(reply.status()).as("%s", reply).isIn(400, 431);
                });
    }

    @Test
    void oddMethodsAreRefusedCleanly() {
        Gen<String> methods = Gen.oneOf(
                Gen.elements(
                        "GET",
                        "POST",
                        "PUT",
                        "PATCH",
                        "DELETE",
                        "HEAD",
                        "OPTIONS",
                        "TRACE",
                        "CONNECT",
                        "PROPFIND",
                        "MKCOL",
                        "LOCK",
                        "SEARCH",
                        "QUERY",
                        "get",
                        "Post",
                        "X-NOT-A-METHOD"),
                token(1, 20),
                token(100, 4000));
        Gen.forAll(
                TRIES,
                Gen.elements(Endpoint.values()).flatMap(e -> random -> {
                    String method = methods.next(random);
                    byte[] body = random.nextBoolean() ? utf8(plausibleBody(e).next(random)) : null;
                    return request(e, method, e.target(), withAuth(e, JSON_TYPE_HEADER), body);
                }),
                HostileInputTest::sendAndCheck);
    }

    @Test
    void garbagePathParametersAndQueriesAreRefusedCleanly() {
        List<Endpoint> withId = List.of(Endpoint.values()).stream()
                .filter(e -> e.path.contains("{id}"))
                .toList();
        Gen<Request> pathIds = Gen.elements(withId)
                .flatMap(e ->
                        PATH_SEGMENTS.map(id -> request(e, e.method, e.target(id), withAuth(e, List.of()), null)));
        Gen<Request> adminQueries = Gen.elements(List.of(
                        "/admin/v1/users?openid=",
                        "/admin/v1/users?unionid=",
                        "/admin/v1/users?phone=",
                        "/admin/v1/users?appId=" + APP_1 + "&openid=",
                        "/admin/v1/users?openid=x&appId=",
                        "/admin/v1/users?openid=x&phone=",
                        "/admin/v1/audit?limit=",
                        "/admin/v1/audit?before=",
                        "/admin/v1/audit?userId=",
                        "/admin/v1/audit?limit=10&before=",
                        "/admin/v1/users?"))
                .flatMap(prefix -> QUERY_VALUES.map(value -> {
                    Endpoint e = prefix.startsWith("/admin/v1/audit") ? Endpoint.ADMIN_AUDIT : Endpoint.ADMIN_SEARCH;
                    return request(e, "GET", prefix + value, withAuth(e, List.of()), null);
                }));
        Gen<Request> anyQuery = Gen.elements(Endpoint.values())
                .flatMap(e -> QUERY_VALUES.map(query -> request(
                        e,
                        e.method,
                        e.target() + (e.target().contains("?") ? "&" : "?") + query,
                        withAuth(e, e.takesJson() ? JSON_TYPE_HEADER : List.of()),
                        e.takesJson() ? utf8("{}") : null)));
        Gen.forAll(TRIES, Gen.oneOf(pathIds, adminQueries, anyQuery), HostileInputTest::sendAndCheck);
    }

    // ---------------------------------------------------------------- the check every request goes through

    /**
     * Sends the request; checks the answer is below 500, problem+json with a documented code when 400 or
     * more, and that a refused request wrote nothing.
     */
    static Http.Reply sendAndCheck(Request request) {
        String[] excluded = mayAudit(request) ? new String[] {"wx_audit"} : new String[0];
        Map<String, List<String>> before = dev.service().snapshot(excluded);

        Http.Reply reply = dev.http().raw(request.method(), request.target(), request.headers(), request.body());

        assertThat(reply.status()).as("status of %s", reply).isBetween(100, 499);
        if (reply.status() >= 400) {
            Contract.assertDocumentedProblem(reply, "HEAD".equals(request.method()));
            assertThat(dev.service().snapshot(excluded))
                    .as("tables after refused %s", reply)
                    .isEqualTo(before);
        } else if (request.endpoint().destructive) {
            alice = dev.service().login(APP_1, "hostile-alice");
        }
        return reply;
    }

    /**
     * The admin API audits a refused credential by design; a path with dot segments may be normalised
     * into it. Every other table must stay as it was.
     */
    static boolean mayAudit(Request request) {
        String target = request.target().toLowerCase(Locale.ROOT);
        return request.endpoint().admin()
                || target.contains("..")
                || target.contains("%2e")
                || target.contains("admin");
    }

    /**
     * A request; a CR or LF in a header line becomes a space, as it would otherwise end the line (or the
     * whole head) and smuggle the rest in as a second request, whose answer this check would not read.
     */
    static Request request(Endpoint e, String method, String target, List<String> headers, byte[] body) {
        List<String> lines = headers.stream()
                .map(h -> h.replace('\r', ' ').replace('\n', ' '))
                .toList();
        return new Request(e, method, target, lines, body);
    }

    static final List<String> JSON_TYPE_HEADER = List.of("Content-Type: application/json");

    /** {@code headers} plus the credential the endpoint takes: alice's access token, or the admin token. */
    static List<String> withAuth(Endpoint e, List<String> headers) {
        List<String> all = new ArrayList<>(headers);
        switch (e.auth) {
            case USER -> all.add("Authorization: Bearer " + alice.access());
            case ADMIN -> all.add("Authorization: Bearer " + ADMIN_TOKEN);
            default -> {}
        }
        return all;
    }

    static List<Endpoint> jsonEndpoints() {
        return List.of(Endpoint.values()).stream().filter(Endpoint::takesJson).toList();
    }

    // ---------------------------------------------------------------- generators: strings

    static final String PRINTABLE =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ";
    static final String[] ODD_CHARS = {
        "\u0000", "\u0001", "\t", "\n", "\r", "\u007f", "\u0085", "\u00a0", "\u200b", "\u2028", "\ufeff", "\ufffd",
        "\uffff", "码", "😀", "\ud83d", "\ude00", "é", "\u0301", "ﷺ"
    };

    /** Any text: printable ASCII, odd and control characters, CJK and emoji, lone surrogates. */
    static Gen<String> text(int maxLength) {
        return random -> {
            int length = Gen.between(0, maxLength).next(random);
            StringBuilder s = new StringBuilder(length);
            while (s.length() < length) {
                s.append(
                        random.nextInt(4) == 0
                                ? ODD_CHARS[random.nextInt(ODD_CHARS.length)]
                                : String.valueOf(PRINTABLE.charAt(random.nextInt(PRINTABLE.length()))));
            }
            return s.toString();
        };
    }

    static Gen<String> token(int min, int max) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-.^_`|~";
        return random -> {
            int length = Gen.between(min, max).next(random);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < length; i++) {
                s.append(chars.charAt(random.nextInt(chars.length())));
            }
            return s.toString();
        };
    }

    static Gen<String> base64(int minBytes, int maxBytes) {
        return random -> {
            byte[] bytes = new byte[Gen.between(minBytes, maxBytes).next(random)];
            random.nextBytes(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        };
    }

    /** Strings a field might hold: plausible values, near misses, odd text, and huge ones around the body limit. */
    static final Gen<String> STRINGS = Gen.oneOf(
            text(40),
            text(300),
            Gen.elements(
                    APP_1,
                    "wx0000000000000009",
                    "",
                    " ",
                    "null",
                    "0",
                    "https://example.com/a.png",
                    "http://example.com/a.png",
                    "https://",
                    "javascript:alert(1)",
                    "https://user:pw@example.com/",
                    "13800138000",
                    "u_AAAAAAAAAAAAAAAAAAAAAA",
                    "AAAAAAAAAAAAAAAAAAAAAA==",
                    "not base64!",
                    "-_-_",
                    "=="),
            token(1, 140),
            base64(0, 64),
            random -> "x".repeat(Gen.between(1024, 20_000).next(random)),
            random -> "码".repeat(Gen.between(100, 30_000).next(random)),
            random -> "y".repeat(Gen.between(LIMIT - 100, LIMIT + 100).next(random)));

    /** {@code s} as a JSON string literal: control characters escaped, everything else as is, lone surrogates as escapes. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20
                    || Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c)
                                    && i + 1 < s.length()
                                    && Character.isLowSurrogate(s.charAt(i + 1)))) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (Character.isHighSurrogate(c)) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    // ---------------------------------------------------------------- generators: JSON

    static final Gen<String> NUMBERS = Gen.elements(
            "0",
            "-0",
            "1",
            "-1",
            "2147483648",
            "-9223372036854775809",
            "9223372036854775807",
            "123456789012345678901234567890123456789",
            "1e309",
            "-1e309",
            "1e-400",
            "1.5",
            "0.0000001",
            "1E+2",
            "1e999999999",
            "3.141592653589793238462643383279");

    /** Any JSON value, nested at most {@code depth} deep. */
    static Gen<String> json(int depth) {
        Gen<String> scalar =
                Gen.oneOf(Gen.elements("null", "true", "false"), NUMBERS, STRINGS.map(HostileInputTest::quote));
        if (depth <= 0) {
            return scalar;
        }
        return random -> switch (random.nextInt(5)) {
            case 0 -> "[" + String.join(",", Gen.listOf(json(depth - 1), 4).next(random)) + "]";
            case 1 -> {
                List<String> members = new ArrayList<>();
                for (String value : Gen.listOf(json(depth - 1), 4).next(random)) {
                    members.add(quote(text(12).next(random)) + ":" + value);
                }
                yield "{" + String.join(",", members) + "}";
            }
            default -> scalar.next(random);
        };
    }

    /** A JSON value that is not a string: what a string field must refuse. */
    static final Gen<String> NOT_A_STRING = random -> {
        String value;
        do {
            value = json(2).next(random);
        } while (value.startsWith("\""));
        return value;
    };

    /** A JSON object over the endpoint's fields: each missing, null, of a wrong type, or any string; extra fields. */
    static Gen<String> structuredBody(Endpoint e) {
        return random -> {
            List<String> members = new ArrayList<>();
            for (String field : e.fields) {
                int pick = random.nextInt(20);
                if (pick < 3) {
                    continue;
                }
                String value = pick < 5 ? "null" : pick < 10 ? NOT_A_STRING.next(random) : quote(STRINGS.next(random));
                members.add(quote(field) + ":" + value);
                if (random.nextInt(15) == 0) {
                    members.add(quote(field) + ":" + json(1).next(random));
                }
            }
            for (int i = random.nextInt(3); i > 0; i--) {
                members.add(
                        random.nextInt(members.size() + 1), quote(text(20).next(random)) + ":" + json(3).next(random));
            }
            return "{" + String.join(",", members) + "}";
        };
    }

    /** A well-formed body of the right types, with values that reach past the body's checks but fail further in. */
    static Gen<String> plausibleBody(Endpoint e) {
        return random -> switch (e) {
            // A real code now and then: the login succeeds and stores what the odd headers carried (User-Agent).
            case LOGIN ->
                "{\"appId\":" + quote(APP_1) + ",\"code\":"
                        + quote(
                                random.nextInt(3) == 0
                                        ? dev.sim().code(APP_1, "hostile-bob")
                                        : token(1, 40).next(random))
                        + "}";
            case REFRESH -> "{\"refreshToken\":" + quote(base64(16, 48).next(random)) + "}";
            case PATCH_ME ->
                "{\"nickname\":" + quote(text(70).next(random)) + ",\"avatarUrl\":"
                        + quote("https://example.com/" + token(0, 30).next(random)) + "}";
            case PHONE ->
                random.nextBoolean()
                        ? "{\"code\":" + quote(token(1, 40).next(random)) + "}"
                        : "{\"encryptedData\":" + quote(base64(16, 96).next(random)) + ",\"iv\":"
                                + quote(base64(16, 16).next(random)) + "}";
            case DECRYPT ->
                "{\"encryptedData\":" + quote(base64(16, 96).next(random)) + ",\"iv\":"
                        + quote(base64(12, 20).next(random)) + ",\"rawData\":\"{}\",\"signature\":"
                        + quote(HexFormat.of().formatHex(new byte[20])) + "}";
            default -> "{}";
        };
    }

    static final byte[][] INVALID_UTF8 = {
        {(byte) 0xC3, 0x28},
        {(byte) 0xA0, (byte) 0xA1},
        {(byte) 0xE2, 0x28, (byte) 0xA1},
        {(byte) 0xF0, 0x28, (byte) 0x8C, (byte) 0xBC},
        {(byte) 0xFF},
        {(byte) 0xFE},
        {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xE0, (byte) 0x80},
        {0x00}
    };

    /** Bodies that are not a JSON object in UTF-8: broken bytes, BOMs, deep nesting, huge numbers, sizes around the limit. */
    static Gen<byte[]> malformedBody(Endpoint e) {
        Gen<String> valid = Gen.oneOf(plausibleBody(e), structuredBody(e));
        return random -> switch (random.nextInt(11)) {
            case 0 -> { // invalid UTF-8 inside a string value, or anywhere
                byte[] body = utf8(valid.next(random));
                int at = body.length > 2 ? 1 + random.nextInt(body.length - 2) : 0;
                for (int i = 0; i < body.length; i++) {
                    if (body[i] == '"' && random.nextBoolean()) {
                        at = i + 1;
                        break;
                    }
                }
                yield concat(
                        slice(body, 0, at),
                        INVALID_UTF8[random.nextInt(INVALID_UTF8.length)],
                        slice(body, at, body.length));
            }
            case 1 -> { // a byte order mark, then the body in UTF-8 or the encoding it announces
                String body = valid.next(random);
                yield switch (random.nextInt(4)) {
                    case 0 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(body));
                    case 1 -> concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, body.getBytes(StandardCharsets.UTF_16BE));
                    case 2 -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, body.getBytes(StandardCharsets.UTF_16LE));
                    default ->
                        concat(
                                new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF},
                                body.getBytes(java.nio.charset.Charset.forName("UTF-32BE")));
                };
            }
            case 2 -> { // deep nesting, closed or not, at the top or in a field
                int depth = Gen.between(1_000, 20_000).next(random);
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                String nested = open.repeat(depth) + "1" + (random.nextBoolean() ? close.repeat(depth) : "");
                String field = e.fields.get(random.nextInt(e.fields.size()));
                yield utf8(random.nextBoolean() ? nested : "{" + quote(field) + ":" + nested + "}");
            }
            case 3 -> { // numbers out of any range, in place of a field
                String field = e.fields.get(random.nextInt(e.fields.size()));
                yield utf8("{" + quote(field) + ":" + NUMBERS.next(random) + "}");
            }
            case 4 -> { // random bytes
                byte[] bytes = new byte[Gen.between(0, 3000).next(random)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 5 -> { // cut short
                byte[] body = utf8(valid.next(random));
                yield slice(body, 0, random.nextInt(Math.max(1, body.length)));
            }
            case 6 ->
                utf8(Gen.elements(
                                "",
                                " ",
                                "null",
                                "[]",
                                "\"\"",
                                "{}{}",
                                "{} x",
                                "{'code':'x'}",
                                "{\"code\":\"x\",}",
                                "{\"code\":NaN}",
                                "{\"code\":Infinity}",
                                "{/*c*/\"code\":\"x\"}",
                                "{\"code\"}",
                                "{\"code\":\"\\uZZZZ\"}",
                                "{\"code\":\"\\ud800\"}",
                                "\u0000",
                                "{\"code\":\"x\"}\u0000",
                                "{\"appId\":\"wx\",\"appId\":\"wx\"}")
                        .next(random));
            case 7 -> { // sizes at and around the 64 KiB limit, and far over it
                String head = valid.next(random);
                int size = random.nextInt(4) == 0
                        ? Gen.between(LIMIT + 1, 300_000).next(random)
                        : Gen.between(LIMIT - 64, LIMIT + 64).next(random);
                String padded = head.substring(0, head.length() - 1) + (head.length() > 2 ? "," : "") + "\"pad\":\"";
                yield utf8(padded + "p".repeat(Math.max(0, size - padded.length() - 2)) + "\"}");
            }
            case 8 ->
                utf8("{\"pad\":" + quote("码".repeat(Gen.between(21_000, 23_000).next(random)))
                        + "}"); // 64 KiB in 3-byte characters
            default -> utf8(structuredBody(e).next(random));
        };
    }

    // ---------------------------------------------------------------- generators: headers, paths, queries

    /** Content-Type values; null for none. */
    static final Gen<String> CONTENT_TYPES = Gen.oneOf(
            Gen.elements(
                    null,
                    "",
                    "application/json",
                    "application/json; charset=utf-8",
                    "APPLICATION/JSON",
                    "application/json; charset=ISO-8859-1",
                    "application/json; charset=utf-16",
                    "application/json; charset=nonsense",
                    "application/json; charset=",
                    "application/json;;;",
                    "application/json; charset=\"utf-8\"",
                    "application/json; boundary=x",
                    "text/plain",
                    "text/html",
                    "application/xml",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=----x",
                    "multipart/form-data",
                    "application/problem+json",
                    "application/vnd.api+json",
                    "application/*",
                    "*/*",
                    "json",
                    "/",
                    ";",
                    "application/json\t",
                    "application/json; q=0.5",
                    "application/json; charset=utf-8; charset=latin1"),
            token(1, 40),
            text(40),
            random ->
                    "application/json; x=" + "z".repeat(Gen.between(1000, 8000).next(random)));

    /** Accept values; null for none. */
    static final Gen<String> ACCEPTS = Gen.oneOf(
            Gen.elements(
                    null,
                    "",
                    "*/*",
                    "application/json",
                    "application/problem+json",
                    "text/html",
                    "text/html;q=1, application/json;q=0",
                    "application/xml",
                    "image/png",
                    "application/json;q=garbage",
                    "garbage",
                    "*/*;q=0",
                    "application/*",
                    "text/*",
                    "application/json;q=0",
                    "application/problem+json;q=0"),
            token(1, 40),
            text(40),
            random -> "text/html, " + "a/b, ".repeat(Gen.between(100, 1500).next(random)) + "*/*");

    /** Other headers a hostile client sends along. */
    static final Gen<String> ODD_HEADERS = Gen.oneOf(
            Gen.elements(
                    "Content-Encoding: gzip",
                    "Content-Encoding: nonsense",
                    "X-Forwarded-For: garbage, ::1, 999.1.1.1",
                    "X-Forwarded-Proto: gopher",
                    "Forwarded: for=\"[::1]\";proto=gopher",
                    "Origin: null",
                    "User-Agent: ",
                    "Accept-Charset: nonsense",
                    "Accept-Language: 码",
                    "Range: bytes=0-1",
                    "If-None-Match: *",
                    "Cookie: JSESSIONID=x; a=b"),
            text(60).map(v -> "User-Agent: " + v),
            text(60).map(v -> "X-Garbage: " + v));

    /** Authorization values: malformed schemes, forged or tampered tokens, wrong credentials, non-ASCII, huge. */
    static Gen<String> authorizations() {
        return random -> {
            String access = alice.access();
            String refresh = alice.refresh();
            return switch (random.nextInt(16)) {
                case 0 -> "";
                case 1 ->
                    Gen.elements(
                                    "Bearer",
                                    "Bearer ",
                                    "Bearer  ",
                                    "bearer",
                                    "Basic dXNlcjpwYXNz",
                                    "Digest x",
                                    "Bearer null",
                                    "Bearer undefined",
                                    "Token x")
                            .next(random);
                case 2 -> "Bearer " + token(1, 300).next(random);
                case 3 ->
                    "Bearer " + base64(1, 40).next(random) + "."
                            + base64(1, 200).next(random) + "." + base64(1, 80).next(random);
                case 4 -> { // alice's token with one character changed
                    char[] chars = access.toCharArray();
                    int at = random.nextInt(chars.length);
                    chars[at] = chars[at] == 'A' ? 'B' : 'A';
                    yield "Bearer " + new String(chars);
                }
                case 5 -> { // alg none, the same claims
                    String[] parts = access.split("\\.");
                    String header = Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
                    yield "Bearer " + header + "." + parts[1] + (random.nextBoolean() ? "." : ".x");
                }
                case 6 ->
                    "Bearer " + access
                            + Gen.elements("x", " x", ".x", " " + access, ",").next(random);
                case 7 ->
                    "Bearer " + ADMIN_TOKEN + Gen.elements("x", " x", "\u0000").next(random);
                case 8 -> "Bearer " + ADMIN_TOKEN.substring(0, ADMIN_TOKEN.length() - 1);
                case 9 -> "Bearer " + refresh;
                case 10 -> "Bearer " + text(60).next(random);
                case 11 -> "Bearer 令牌" + token(0, 20).next(random);
                case 12 -> "Bearer " + "e".repeat(Gen.between(1000, 15_000).next(random));
                case 13 ->
                    Gen.elements(
                                    "Bearer " + access,
                                    "Bearer " + ADMIN_TOKEN,
                                    "bearer " + access,
                                    "BEARER " + ADMIN_TOKEN,
                                    "Bearer\t" + access)
                            .next(random);
                case 14 -> token(1, 200).next(random);
                default -> "Bearer " + access.substring(0, random.nextInt(access.length()));
            };
        };
    }

    /** A path segment as sent: percent-encoded text, raw non-ASCII, encoded slashes and dots, NULs, huge. */
    static final Gen<String> PATH_SEGMENTS = Gen.oneOf(
            Gen.elements(
                    "",
                    "%",
                    "%zz",
                    "%2F",
                    "a%2Fb",
                    "%00",
                    "%0d%0a",
                    "..",
                    "%2e%2e",
                    "..%2F..%2Fadmin",
                    ";x=y",
                    "u_AAAAAAAAAAAAAAAAAAAAAA;jsessionid=1",
                    "%u0041",
                    "码",
                    "%E7%A0%81",
                    "%C3%28",
                    "%FF%FE",
                    "a\tb",
                    "%20",
                    "+",
                    "~",
                    "s_" + "A".repeat(22),
                    "u_" + "A".repeat(200),
                    "null",
                    "undefined",
                    "{id}",
                    "*"),
            text(40).map(HostileInputTest::percentEncoded),
            text(40).map(s -> s.replace(" ", "")
                    .replace("\r", "")
                    .replace("\n", "")
                    .replace("\t", "")
                    .replace("?", "")
                    .replace("#", "")
                    .replace("%", "")),
            random -> "a".repeat(Gen.between(1_000, 12_000).next(random)));

    /** A query value (or whole query) as sent. */
    static final Gen<String> QUERY_VALUES = Gen.oneOf(
            Gen.elements(
                    "",
                    "%",
                    "%zz",
                    "0",
                    "-1",
                    "201",
                    "200",
                    "1",
                    "1.5",
                    "1e3",
                    "99999999999999999999",
                    "%00",
                    "abc",
                    "&&&",
                    "===",
                    "a=b=c",
                    "limit=1&limit=2",
                    "%E7%A0%81",
                    "码",
                    "AAAAAAAAAAAAAAAA",
                    "before",
                    "u_AAAAAAAAAAAAAAAAAAAAAA",
                    "+86+138",
                    "openid=x&unionid=y"),
            text(40).map(HostileInputTest::percentEncoded),
            random -> "q".repeat(Gen.between(1_000, 10_000).next(random)));

    static String percentEncoded(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : utf8(s)) {
            out.append('%').append(String.format("%02X", b & 0xff));
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- bytes

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** {@code s} cut to {@code max} characters, control and invisible characters written as escapes. */
    static String shorten(String s, int max) {
        StringBuilder printable = new StringBuilder();
        s.codePoints().limit(max).forEach(c -> {
            if (Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.SURROGATE) {
                printable.append(String.format("\\u%04x", c));
            } else {
                printable.appendCodePoint(c);
            }
        });
        return s.length() <= max ? printable.toString() : printable + "…(" + s.length() + " chars)";
    }
}
