package io.github.wxlogin.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kuaishou's code2Session under the simulator's {@code /kuaishou} prefix, with Kuaishou's field names
 * and codes: {@code POST /oauth2/mp/code2session}, form {@code app_id, app_secret, js_code}
 * (https://mp.kuaishou.com/docs/develop/server/code2Session.html; SDKs send the form as the body or as
 * the query of the POST, and both are read) → {@code {"result":1,"open_id","session_key"}}, or
 * {@code {"result","error_msg"}} ({@link KuaishouResult}). Kuaishou gives a mini program no unionid.
 */
final class KuaishouApi {

    static final String PREFIX = "/kuaishou";
    static final String CODE2SESSION = PREFIX + "/oauth2/mp/code2session";

    private final KuaishouState state;

    KuaishouApi(KuaishouState state) {
        this.state = state;
    }

    /**
     * A code is good once, for its app: a spent, expired, unknown or other app's code is 100200105
     * (Kuaishou has no "code used" answer of its own); an app that is not Kuaishou's, or a wrong
     * secret, is 100200101; a missing field 100200100.
     */
    SimResponse code2Session(SimRequest request) {
        Query body = Query.parse(new String(request.bodyView(), StandardCharsets.UTF_8));
        Query query = Query.parse(request.rawQuery());
        String appId = field(body, query, "app_id");
        String secret = field(body, query, "app_secret");
        String code = field(body, query, "js_code");
        if (appId == null || secret == null || code == null) {
            return KuaishouResult.answer(KuaishouResult.BAD_PARAMS.code());
        }
        Optional<SimApp> app = state.apps().find(appId).filter(a -> a.platform().equals(KuaishouState.PLATFORM));
        if (app.isEmpty() || !sameSecret(secret, app.get().secret())) {
            return KuaishouResult.answer(KuaishouResult.BAD_CLIENT.code());
        }
        IssuedCodes.Lookup<String> user = state.loginCodes.redeem(code, appId);
        if (user.status() != IssuedCodes.Status.GOOD) {
            return KuaishouResult.answer(KuaishouResult.BAD_CODE.code());
        }
        UserRef ref = new UserRef(appId, user.payload());
        ObjectNode out = Json.object();
        out.put("result", KuaishouResult.SUCCESS.code());
        out.put("session_key", state.sessionKeys.login(ref, state.live.rotateSessionKey()));
        out.put("open_id", KuaishouState.openId(appId, ref.user()));
        return Answers.json(200, out);
    }

    private static String field(Query body, Query query, String name) {
        String v = body.nonBlank(name);
        return v != null ? v : query.nonBlank(name);
    }

    private static boolean sameSecret(String given, String secret) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }
}
