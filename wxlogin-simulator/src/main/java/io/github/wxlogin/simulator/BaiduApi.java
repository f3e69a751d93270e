package io.github.wxlogin.simulator;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /baidu/oauth/jscode2sessionkey}: Baidu's code exchange
 * (https://smartprogram.baidu.com/docs/develop/api/open/log_Session-Key/). It takes {@code code},
 * {@code client_id} (the app's AppKey) and {@code sk} (its AppSecret) as a form (the parameters of the
 * query string are read too, as many callers send them there) and answers {@code {openid, session_key}},
 * or {@link BaiduError}'s {@code {errno, error, error_description}}: a parameter missing is
 * {@code 10010100}; an unknown client_id or a wrong sk {@code invalid_client}; a code unknown, expired,
 * spent or of another app {@code invalid_grant}. Baidu gives no unionid here.
 */
final class BaiduApi {

    static final String JSCODE2SESSIONKEY = "/baidu/oauth/jscode2sessionkey";

    private final BaiduState state;

    BaiduApi(BaiduState state) {
        this.state = state;
    }

    SimResponse jscode2SessionKey(SimRequest request) {
        Query form = Query.parse(new String(request.bodyView(), StandardCharsets.UTF_8));
        Query query = Query.parse(request.rawQuery());
        String code = either(form, query, "code");
        String clientId = either(form, query, "client_id");
        String sk = either(form, query, "sk");
        if (clientId == null) {
            return BaiduError.PARAMETER_INVALID.answer("ClientID", "ClientID");
        }
        if (sk == null) {
            return BaiduError.PARAMETER_INVALID.answer("Sk", "Sk");
        }
        if (code == null) {
            return BaiduError.PARAMETER_INVALID.answer("Code", "Code");
        }
        SimApp app = state.byAppKey(clientId).orElse(null);
        if (app == null || !app.secret().equals(sk)) {
            return BaiduError.INVALID_CLIENT.answer();
        }
        IssuedCodes.Lookup<String> lookup = state.loginCodes.redeem(code, app.appId());
        if (lookup.status() != IssuedCodes.Status.GOOD) {
            return BaiduError.INVALID_GRANT.answer();
        }
        String user = lookup.payload();
        ObjectNode out = Json.object();
        out.put("openid", BaiduState.openid(app.appId(), user));
        out.put("session_key", state.sessionKey(new UserRef(app.appId(), user)));
        return Answers.json(200, out);
    }

    private static String either(Query form, Query query, String name) {
        String v = form.get(name);
        if (v == null || v.isEmpty()) {
            v = query.get(name);
        }
        return v == null || v.isEmpty() ? null : v;
    }
}
