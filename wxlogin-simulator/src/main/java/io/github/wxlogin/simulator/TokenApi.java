package io.github.wxlogin.simulator;

import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /cgi-bin/token} and {@code POST /cgi-bin/stable_token}; the rules live in {@link IssuedAccessTokens}. */
final class TokenApi {

    private final Credentials credentials;
    private final IssuedAccessTokens tokens;
    private final SimClock clock;

    TokenApi(Credentials credentials, IssuedAccessTokens tokens, SimClock clock) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.clock = clock;
    }

    SimResponse token(SimRequest request) {
        Instant now = clock.now();
        Query q = Query.parse(request.rawQuery());
        Optional<SimResponse> refused = refuse(q.nonBlank("appid"), q.nonBlank("secret"), q.get("grant_type"), now);
        if (refused.isPresent()) {
            return refused.get();
        }
        return answer(tokens.issue(q.get("appid")));
    }

    SimResponse stableToken(SimRequest request) {
        Instant now = clock.now();
        Optional<ObjectNode> body = Json.parseObject(request.bodyView());
        if (body.isEmpty()) {
            return Answers.wechat(WxError.DATA_FORMAT, now);
        }
        ObjectNode json = body.get();
        JsonNode appId = json.get("appid");
        JsonNode secret = json.get("secret");
        JsonNode grantType = json.get("grant_type");
        JsonNode force = json.get("force_refresh");
        if (!isStringOrAbsent(appId)
                || !isStringOrAbsent(secret)
                || !isStringOrAbsent(grantType)
                || !(force == null || force.isNull() || force.isBoolean())) {
            return Answers.wechat(WxError.DATA_FORMAT, now);
        }
        String id = text(appId);
        Optional<SimResponse> refused = refuse(id, text(secret), text(grantType), now);
        if (refused.isPresent()) {
            return refused.get();
        }
        return answer(tokens.stable(id, force != null && force.isBoolean() && force.booleanValue()));
    }

    private Optional<SimResponse> refuse(String appId, String secret, String grantType, Instant now) {
        Credentials.Result auth = credentials.check(appId, secret);
        if (auth.error().isPresent()) {
            return Optional.of(Answers.wechat(auth.error().get(), now));
        }
        if (!"client_credential".equals(grantType)) {
            return Optional.of(Answers.wechat(WxError.INVALID_GRANT_TYPE, now));
        }
        return Optional.empty();
    }

    private static SimResponse answer(IssuedAccessTokens.Issued issued) {
        ObjectNode out = Json.object();
        out.put("access_token", issued.token());
        out.put("expires_in", issued.expiresIn());
        return Answers.wechat(out);
    }

    private static boolean isStringOrAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isString();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.stringValue().isBlank() ? null : node.stringValue();
    }
}
