package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** {@code /v1/me/identities} over HTTP, as a signed-in client calls it, with a code from the simulator. */
final class Identities {

    static final String PATH = "/v1/me/identities";

    private final TestService service;

    Identities(TestService service) {
        this.service = service;
    }

    Http.Reply list(String accessToken) {
        return service.http().withBearer("GET", PATH, accessToken, null);
    }

    /** The caller's identities, of an answer that must be 200 with exactly {@code {"identities": […]}}. */
    List<JsonNode> listed(Tokens caller) {
        Http.Reply r = list(caller.access());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(Contract.fields(r.json())).containsExactly("identities");
        List<JsonNode> identities = new ArrayList<>();
        r.json().get("identities").forEach(identities::add);
        identities.forEach(Identities::assertIdentity);
        return identities;
    }

    /** {@code POST /v1/me/identities} with {@code {"appId","code"}}. */
    Http.Reply link(String accessToken, String appId, String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appId", appId);
        body.put("code", code);
        return service.http().withBearer("POST", PATH, accessToken, Http.JSON.writeValueAsString(body));
    }

    /** Links the simulator's {@code user} of {@code appId} to the caller: a fresh code of it. */
    Http.Reply link(Tokens caller, String appId, String user) {
        return link(caller.access(), appId, service.sim().code(appId, user));
    }

    /** A link that must succeed: its body, checked against the contract's shape. */
    JsonNode linked(Tokens caller, String appId, String user) {
        Http.Reply r = link(caller, appId, user);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(Contract.fields(body)).containsExactlyInAnyOrder("identity", "user");
        assertIdentity(body.get("identity"));
        Contract.assertUser(body.get("user"));
        return body;
    }

    Http.Reply unlink(String accessToken, String identityId) {
        return service.http().withBearer("DELETE", PATH + "/" + identityId, accessToken, null);
    }

    /** The id of the caller's identity in {@code appId}. */
    String idIn(Tokens caller, String appId) {
        return listed(caller).stream()
                .filter(i -> i.get("appId").asString().equals(appId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no identity in " + appId))
                .get("id")
                .asString();
    }

    /** An identity exactly as the contract shows it. */
    static void assertIdentity(JsonNode identity) {
        assertThat(Contract.fields(identity))
                .containsExactlyInAnyOrder("id", "platform", "appId", "openid", "unionid", "createdAt", "lastLoginAt");
        assertThat(identity.get("id").asString()).matches("i_[A-Za-z0-9_-]{22}");
        assertThat(identity.get("platform").asString()).isEqualTo("wechat");
        assertThat(identity.get("openid").isString()).isTrue();
        assertThat(identity.get("unionid").isNull() || identity.get("unionid").isString())
                .isTrue();
        assertThat(identity.get("createdAt").asString()).matches(SessionsTest.ISO_SECONDS);
        assertThat(identity.get("lastLoginAt").asString()).matches(SessionsTest.ISO_SECONDS);
    }
}
