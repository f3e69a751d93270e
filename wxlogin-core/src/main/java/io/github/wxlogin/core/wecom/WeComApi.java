package io.github.wxlogin.core.wecom;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.platform.CallPause;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.platform.PlatformJson;
import io.github.wxlogin.core.wechat.WeChatAccessToken;
import io.github.wxlogin.core.wechat.WeChatClient;
import io.github.wxlogin.core.wechat.WeChatUnavailable;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * WeCom's two server APIs a mini program login needs, on {@code https://qyapi.weixin.qq.com}. Both
 * answer in WeChat's form ({@code errcode}, {@code errmsg}), so they go through a {@link WeChatClient}
 * made for WeCom's host ({@link WeChatClient#sameApiAt}): its timeouts, bounded retry of {@code -1} and
 * a circuit per path, and its care to keep the query (secret, code, token) out of every message.
 */
final class WeComApi {

    /** https://developer.work.weixin.qq.com/document/path/91039 */
    static final String GETTOKEN = "/cgi-bin/gettoken";
    /** https://developer.work.weixin.qq.com/document/path/96959 */
    static final String JSCODE2SESSION = "/cgi-bin/miniprogram/jscode2session";

    private final WeChatClient http;
    private final Clock clock;

    WeComApi(Supplier<URI> baseUrl, PlatformHttpSettings settings, Clock clock, CallPause pause) {
        this.http = WeChatClient.sameApiAt("WeCom", baseUrl, settings, clock, pause, List.of(GETTOKEN, JSCODE2SESSION));
        this.clock = clock;
    }

    /**
     * {@code GET /cgi-bin/gettoken?corpid&corpsecret}: the corp app's access token. The app's appId is
     * the corpid, its secret the secret of the corp app the mini program is associated with.
     */
    WeChatAccessToken accessToken(App app) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("corpid", app.appId());
        query.put("corpsecret", app.secret());
        JsonNode body = http.getJson(GETTOKEN, query);
        String token = PlatformJson.text(body, "access_token");
        JsonNode expires = body.get("expires_in");
        if (token == null || expires == null || !expires.isNumber() || expires.asLong() <= 0) {
            throw new WeChatUnavailable(GETTOKEN, "answer has no access_token or expires_in", null);
        }
        return new WeChatAccessToken(token, clock.instant().plusSeconds(expires.asLong()));
    }

    /**
     * {@code GET /cgi-bin/miniprogram/jscode2session?access_token&js_code&grant_type=authorization_code}:
     * the member's corpid, userid and session_key.
     */
    CompletableFuture<Member> code2Session(String accessToken, String code) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("access_token", accessToken);
        query.put("js_code", code);
        query.put("grant_type", "authorization_code");
        return http.getJsonAsync(JSCODE2SESSION, query).thenApply(body -> {
            String corpid = PlatformJson.text(body, "corpid");
            String userid = PlatformJson.text(body, "userid");
            String sessionKey = PlatformJson.text(body, "session_key");
            if (corpid == null || userid == null || sessionKey == null) {
                throw new WeChatUnavailable(JSCODE2SESSION, "answer has no corpid, userid or session_key", null);
            }
            return new Member(corpid, userid, sessionKey);
        });
    }

    /** The circuits of gettoken and jscode2session, for metrics. */
    CircuitBreakerRegistry circuits() {
        return http.circuits();
    }

    /** Who logged in: a member of a corp. {@link #toString()} hides the session_key. */
    record Member(String corpid, String userid, String sessionKey) {

        @Override
        public String toString() {
            return "Member[corpid=" + corpid + ", userid=" + userid + ", sessionKey=***]";
        }
    }
}
