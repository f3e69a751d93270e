package io.github.wxlogin.simulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code getUserRiskRank}, WeChat's security rank of a user (0 to 4, higher is riskier), and its
 * {@code /sim/risk-rank} control. WeChat answers {@code 61010} ("code is expired") for an openid that
 * has not visited the mini program recently (its staff: within 30 minutes to 2 hours), unless the call
 * is a test ({@code is_test}); here a user is recent once it has logged in, until the control marks it
 * inactive. The answer's request id is spelled {@code unoin_id}, as WeChat spells it.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/safety-control-capability/wxaapi_getuserriskrank.html
 */
final class RiskRankApi {

    /** scene: 0 sign-up, 1 marketing fraud, 2 UGC (the newer page). */
    private static final int MAX_SCENE = 2;

    private static final int KEEP_ASKED = 20;

    private final SimApps apps;
    private final IssuedAccessTokens tokens;
    private final SessionKeys sessionKeys;
    private final SimClock clock;
    private final Map<UserRef, Integer> ranks = new ConcurrentHashMap<>();
    private final Map<UserRef, Boolean> inactive = new ConcurrentHashMap<>();
    private final Map<UserRef, Deque<ObjectNode>> asked = new ConcurrentHashMap<>();
    private final AtomicLong requestIds = new AtomicLong(1_000_000);

    RiskRankApi(SimApps apps, IssuedAccessTokens tokens, SessionKeys sessionKeys, SimClock clock) {
        this.apps = apps;
        this.tokens = tokens;
        this.sessionKeys = sessionKeys;
        this.clock = clock;
    }

    /** POST /wxa/getuserriskrank?access_token {appid, openid, scene, client_ip, mobile_no?, is_test?, …}. */
    SimResponse riskRank(SimRequest request) {
        Instant now = clock.now();
        Query q = Query.parse(request.rawQuery());
        String token = q.nonBlank("access_token");
        IssuedAccessTokens.Check auth =
                token == null ? IssuedAccessTokens.Check.refused(WxError.ACCESS_TOKEN_MISSING) : tokens.check(token);
        if (auth.error().isPresent()) {
            return Answers.wechat(auth.error().get(), now);
        }
        String appId = auth.appId().orElseThrow();
        Optional<ObjectNode> parsed = Json.parseObject(request.bodyView());
        if (parsed.isEmpty()) {
            return Answers.wechat(WxError.DATA_FORMAT, now);
        }
        ObjectNode body = parsed.get();
        String appid = text(body, "appid");
        String openid = text(body, "openid");
        String clientIp = text(body, "client_ip");
        JsonNode scene = body.get("scene");
        JsonNode isTest = body.get("is_test");
        if (appid == null || openid == null || clientIp == null) {
            return Answers.wechat(WxError.DATA_FORMAT, now);
        }
        if (scene == null || !scene.isIntegralNumber() || scene.asInt() < 0 || scene.asInt() > MAX_SCENE) {
            return Answers.wechat(WxError.DATA_FORMAT, now);
        }
        if (isTest != null && !isTest.isNull() && !isTest.isBoolean()) {
            return Answers.wechat(WxError.DATA_FORMAT, now);
        }
        // The body's appid is the app whose token this is; another app's is not this token's to ask about.
        if (!appid.equals(appId)) {
            return Answers.wechat(WxError.INVALID_APPID, now);
        }
        boolean test = isTest != null && isTest.asBoolean();
        Optional<UserRef> user = sessionKeys.byOpenid(appId, openid);
        user.ifPresent(u -> remember(u, body));
        if (!test && (user.isEmpty() || inactive.getOrDefault(user.get(), false))) {
            return Answers.wechat(WxError.USER_NOT_RECENT, now);
        }
        // WeChat's example answer carries "errcode":0; successes here carry none (the simulator's README).
        ObjectNode out = Json.object();
        out.put("errmsg", "getuserriskrank succ");
        out.put("risk_rank", user.map(u -> ranks.getOrDefault(u, 0)).orElse(0));
        out.put("unoin_id", requestIds.incrementAndGet());
        return Answers.wechat(out);
    }

    /**
     * POST /sim/risk-rank {"appId","user","rank"?,"inactive"?}: the rank WeChat gives the user in the
     * app (0 to 4; 0 until set), and whether it has visited lately (an inactive user is answered 61010).
     */
    SimResponse setRank(SimRequest request) {
        Body body = Body.of(request);
        UserRef ref = userRef(body.string("appId"), body.string("user"));
        var rank = body.optionalInt("rank", 0, 4);
        var notRecent = body.optionalBool("inactive");
        if (rank.isEmpty() && notRecent.isEmpty()) {
            throw BadInput.badRequest("give rank (0 to 4), inactive, or both");
        }
        rank.ifPresent(r -> ranks.put(ref, r));
        notRecent.ifPresent(i -> inactive.put(ref, i));
        return Answers.noContent();
    }

    /**
     * GET /sim/risk-rank?appId&user → {"rank","inactive","asked":[{"scene","client_ip","is_test"?,…}]}:
     * the user's settings and what the service sent about it, newest last (the last 20).
     */
    SimResponse show(SimRequest request) {
        Query q = Query.parse(request.rawQuery());
        String appId = q.nonBlank("appId");
        if (appId == null) {
            throw BadInput.badRequest("appId is required");
        }
        UserRef ref = userRef(appId, q.get("user"));
        ObjectNode out = Json.object();
        out.put("rank", ranks.getOrDefault(ref, 0));
        out.put("inactive", inactive.getOrDefault(ref, false));
        ArrayNode list = out.putArray("asked");
        Deque<ObjectNode> calls = asked.get(ref);
        if (calls != null) {
            synchronized (calls) {
                calls.forEach(list::add);
            }
        }
        return Answers.json(200, out);
    }

    void clear() {
        ranks.clear();
        inactive.clear();
        asked.clear();
    }

    private void remember(UserRef user, ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        copy.remove("appid");
        copy.remove("openid");
        Deque<ObjectNode> calls = asked.computeIfAbsent(user, u -> new ArrayDeque<>());
        synchronized (calls) {
            calls.addLast(copy);
            while (calls.size() > KEEP_ASKED) {
                calls.removeFirst();
            }
        }
    }

    private UserRef userRef(String appId, String user) {
        if (apps.find(appId).filter(SimApp::isWeChat).isEmpty()) {
            throw new BadInput(404, "unknown WeChat app");
        }
        if (!UserRef.isValidUser(user)) {
            throw BadInput.badRequest("user must be 1 to " + UserRef.MAX_USER_LENGTH + " characters");
        }
        return new UserRef(appId, user);
    }

    private static String text(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || !n.isString() || n.stringValue().isBlank() ? null : n.stringValue();
    }
}
