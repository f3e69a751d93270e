package io.github.wxlogin.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The third-party platform (service provider) side of WeChat: {@code POST /cgi-bin/component/api_component_token}
 * (令牌, from the component's secret and a pushed component_verify_ticket), {@code GET /sns/component/jscode2session}
 * (thirdpartyCode2Session: an authorizer app's login code exchanged with the component's token; 61003 for an
 * app that did not authorize the component), and the controls {@code POST /sim/component} (a component, its
 * keys and its authorizer apps) and {@code POST /sim/component/push} (WeChat's ticket push, encrypted and
 * signed, to a given URL). thirdpartyCode2Session answers its errors with {@code errcode} as a string, as its
 * page's error example shows ({@code {"errcode": "40029", "errmsg": "invalid code"}}).
 * https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/others/WeChat_login.html
 */
final class ComponentApi {

    static final String TOKEN_PATH = "/cgi-bin/component/api_component_token";
    static final String LOGIN_PATH = "/sns/component/jscode2session";
    private static final Pattern AES_KEY = Pattern.compile("[A-Za-z0-9+/]{43}");

    private final SimComponents components;
    private final SimApps apps;
    private final IssuedCodes<String> loginCodes;
    private final SessionKeys sessionKeys;
    private final MinuteQuota quota;
    private final LiveSettings live;
    private final SimClock clock;

    /**
     * The client of the ticket pushes, made at the first push: a JDK client starts a thread and loads the
     * JDK's trust store, which a simulator that never pushes (most of them) should not pay for at start.
     */
    private static final class Push {
        static final HttpClient HTTP = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    ComponentApi(
            SimComponents components,
            SimApps apps,
            IssuedCodes<String> loginCodes,
            SessionKeys sessionKeys,
            MinuteQuota quota,
            LiveSettings live,
            SimClock clock) {
        this.components = components;
        this.apps = apps;
        this.loginCodes = loginCodes;
        this.sessionKeys = sessionKeys;
        this.quota = quota;
        this.live = live;
        this.clock = clock;
    }

    /** POST /cgi-bin/component/api_component_token {component_appid, component_appsecret, component_verify_ticket}. */
    SimResponse token(SimRequest request) {
        Instant now = clock.now();
        Optional<ObjectNode> body = Json.parseObject(request.bodyView());
        if (body.isEmpty()) {
            return Answers.wechat(WxError.DATA_FORMAT, now);
        }
        String appId = text(body.get().get("component_appid"));
        String secret = text(body.get().get("component_appsecret"));
        String ticket = text(body.get().get("component_verify_ticket"));
        if (appId == null) {
            return Answers.wechat(WxError.APPID_MISSING, now);
        }
        if (secret == null) {
            return Answers.wechat(WxError.APPSECRET_MISSING, now);
        }
        Optional<SimComponents.Component> component = components.find(appId);
        if (component.isEmpty()) {
            return error(WxError.INVALID_COMPONENT, now);
        }
        if (!java.security.MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8),
                component.get().secret().getBytes(StandardCharsets.UTF_8))) {
            return Answers.wechat(WxError.INVALID_APPSECRET, now);
        }
        if (ticket == null) {
            return error(WxError.COMPONENT_TICKET_INVALID, now);
        }
        Optional<WxError> refused = components.checkTicket(appId, ticket, now);
        if (refused.isPresent()) {
            return error(refused.get(), now);
        }
        ObjectNode out = Json.object();
        out.put("component_access_token", components.issueToken(appId, now));
        out.put("expires_in", SimComponents.TOKEN_LIFE.toSeconds());
        return Answers.wechat(out);
    }

    /** GET /sns/component/jscode2session?appid&js_code&grant_type&component_appid&component_access_token. */
    SimResponse code2Session(SimRequest request) {
        Instant now = clock.now();
        Query q = Query.parse(request.rawQuery());
        String token = q.nonBlank("component_access_token");
        if (token == null) {
            return stringError(WxError.ACCESS_TOKEN_MISSING.code(), WxError.ACCESS_TOKEN_MISSING.message(), now);
        }
        SimComponents.Result holder = components.checkToken(token, now);
        if (holder.error().isPresent()) {
            return stringError(holder.error().get().code(), holder.error().get().message(), now);
        }
        String componentAppId = q.nonBlank("component_appid");
        if (componentAppId == null
                || !componentAppId.equals(holder.componentAppId().orElseThrow())) {
            // The token is another component's.
            return stringError(WxError.INVALID_CREDENTIAL.code(), WxError.INVALID_CREDENTIAL.message(), now);
        }
        String appId = q.nonBlank("appid");
        String code = q.nonBlank("js_code");
        if (appId == null) {
            return stringError(WxError.APPID_MISSING.code(), WxError.APPID_MISSING.message(), now);
        }
        if (code == null) {
            return stringError(WxError.CODE_MISSING.code(), WxError.CODE_MISSING.message(), now);
        }
        if (!"authorization_code".equals(q.get("grant_type"))) {
            return stringError(WxError.INVALID_GRANT_TYPE.code(), WxError.INVALID_GRANT_TYPE.message(), now);
        }
        Optional<SimApp> app = apps.find(appId).filter(a -> a.platform().equals("wechat"));
        if (app.isEmpty()) {
            return stringError(WxError.INVALID_APPID.code(), WxError.INVALID_APPID.message(), now);
        }
        SimComponents.Component component = components.find(componentAppId).orElseThrow();
        if (!component.authorizers().contains(appId)) {
            return stringError(
                    WxError.COMPONENT_NOT_AUTHORIZED.code(), WxError.COMPONENT_NOT_AUTHORIZED.message(), now);
        }
        IssuedCodes.Lookup<String> found = loginCodes.peek(code, appId);
        switch (found.status()) {
            case UNKNOWN, EXPIRED, OTHER_APP:
                return stringError(WxError.INVALID_CODE.code(), WxError.INVALID_CODE.message(), now);
            case SPENT:
                return stringError(WxError.CODE_USED.code(), WxError.CODE_USED.message(), now);
            case GOOD:
                break;
        }
        UserRef user = new UserRef(appId, found.payload());
        if (!quota.tryAcquire(user, live.minuteLimit(), now)) {
            return stringError(WxError.MINUTE_QUOTA.code(), WxError.MINUTE_QUOTA.message(), now);
        }
        if (!loginCodes.spend(code)) {
            return stringError(WxError.CODE_USED.code(), WxError.CODE_USED.message(), now);
        }
        String sessionKey = sessionKeys.login(user, live.rotateSessionKey());
        ObjectNode body = Json.object();
        body.put("openid", Identities.openid(appId, user.user()));
        body.put("session_key", sessionKey);
        app.get().unionGroup().ifPresent(group -> body.put("unionid", Identities.unionid(group, user.user())));
        return Answers.wechat(body);
    }

    /**
     * POST /sim/component {"componentAppId","secret","token","encodingAesKey","apps":[appid…]}: a component
     * and the WeChat apps that authorized it (replacing what was configured for it). 204.
     */
    SimResponse configure(SimRequest request) {
        Body body = Body.of(request);
        String appId = body.string("componentAppId");
        String key = body.string("encodingAesKey");
        if (!AES_KEY.matcher(key).matches()) {
            throw BadInput.badRequest("encodingAesKey must be 43 letters, digits, '+' or '/'");
        }
        Set<String> authorizers = new LinkedHashSet<>();
        JsonNode list = Json.parseObject(request.bodyView()).orElseThrow().get("apps");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw BadInput.badRequest("apps must be a list of appids");
            }
            for (JsonNode n : list) {
                String id = n.isString() ? n.stringValue() : null;
                if (id == null
                        || apps.find(id)
                                .filter(a -> a.platform().equals("wechat"))
                                .isEmpty()) {
                    throw BadInput.badRequest("apps must list WeChat apps of the simulator");
                }
                authorizers.add(id);
            }
        }
        components.configure(new SimComponents.Component(
                appId, body.string("secret"), body.string("token"), key, Set.copyOf(authorizers)));
        return Answers.noContent();
    }

    /**
     * POST /sim/component/push {"componentAppId","url","badSignature"?}: WeChat's component_verify_ticket push
     * of a fresh ticket to {@code url}, as WeChat sends it: {@code POST url?signature&timestamp&nonce&encrypt_type=aes&msg_signature}
     * with {@code <xml><AppId/><Encrypt/></xml>}. Answers {@code {"status","answer"}}: what the URL answered.
     * {@code badSignature} sends a wrong msg_signature (a forged push), and then the ticket is not kept.
     */
    SimResponse push(SimRequest request) {
        Body body = Body.of(request);
        String appId = body.string("componentAppId");
        SimComponents.Component component =
                components.find(appId).orElseThrow(() -> BadInput.badRequest("no component " + appId));
        URI url;
        try {
            url = URI.create(body.string("url"));
        } catch (IllegalArgumentException e) {
            throw BadInput.badRequest("url must be a URL");
        }
        boolean bad = body.optionalBool("badSignature").orElse(false);
        Instant now = clock.now();
        String ticket = bad ? "forged@@@" + Randoms.base64url(24) : components.newTicket(appId, now);
        String event = "<xml><AppId><![CDATA[" + appId + "]]></AppId><CreateTime>" + now.getEpochSecond()
                + "</CreateTime><InfoType><![CDATA[component_verify_ticket]]></InfoType>"
                + "<ComponentVerifyTicket><![CDATA[" + ticket + "]]></ComponentVerifyTicket></xml>";
        String encrypted = PushCrypt.encrypt(component.encodingAesKey(), appId, event);
        String timestamp = Long.toString(now.getEpochSecond());
        String nonce = Long.toString(Math.abs((long) Randoms.nextInt()));
        String msgSignature = bad ? "0".repeat(40) : PushCrypt.sign(component.token(), timestamp, nonce, encrypted);
        String query = "signature=" + PushCrypt.sign(component.token(), timestamp, nonce) + "&timestamp=" + timestamp
                + "&nonce=" + nonce + "&encrypt_type=aes&msg_signature=" + msgSignature;
        String xml = "<xml>\n    <AppId><![CDATA[" + appId + "]]></AppId>\n    <Encrypt><![CDATA[" + encrypted
                + "]]></Encrypt>\n</xml>";
        String target = url + (url.getRawQuery() == null ? "?" : "&") + query;
        HttpResponse<String> answer;
        try {
            answer = Push.HTTP.send(
                    HttpRequest.newBuilder(URI.create(target))
                            .timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "text/xml")
                            .POST(HttpRequest.BodyPublishers.ofString(xml))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw BadInput.badRequest(
                    "the push to " + url + " failed (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BadInput.badRequest("interrupted");
        }
        ObjectNode out = Json.object();
        out.put("status", answer.statusCode());
        out.put("answer", answer.body());
        // For tests that look for it where it must not be (a simulator control, not WeChat's behaviour).
        out.put("ticket", ticket);
        return Answers.json(200, out);
    }

    /** An error of a /sim/faults injection on these paths: WeChat's format (a string errcode on the login). */
    SimResponse injected(String path, int errcode) {
        String message = WxError.of(errcode).map(WxError::message).orElse(WxError.SYSTEM_ERROR.message());
        return LOGIN_PATH.equals(path)
                ? stringError(errcode, message, clock.now())
                : Answers.wechat(errcode, message, clock.now());
    }

    private static SimResponse error(WxError error, Instant now) {
        return Answers.wechat(error.code(), error.message(), now);
    }

    private static SimResponse stringError(int errcode, String message, Instant now) {
        ObjectNode body = Json.object();
        body.put("errcode", Integer.toString(errcode));
        body.put("errmsg", message + ", rid: " + Answers.rid(now));
        return new SimResponse(200, Answers.JSON, Json.bytes(body));
    }

    private static String text(JsonNode node) {
        return node == null || !node.isString() || node.stringValue().isBlank() ? null : node.stringValue();
    }
}
