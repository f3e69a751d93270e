package io.github.wxlogin.simulator;

import static io.github.wxlogin.simulator.TestSim.APP_1;
import static io.github.wxlogin.simulator.TestSim.APP_2;
import static io.github.wxlogin.simulator.TestSim.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The third-party platform side: ticket pushes as WeChat sends them, the component token, thirdpartyCode2Session. */
class ComponentSimulatorTest {

    static final String COMPONENT = "wxcomponent00001";
    static final String TOKEN = "sim-push-token";
    static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private final TestSim t = new TestSim();
    private final Map<String, String> received = new ConcurrentHashMap<>();
    private HttpServer receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private void configure() {
        SimResponse r = t.post(
                "/sim/component",
                "{\"componentAppId\":\"" + COMPONENT + "\",\"secret\":\"csecret\",\"token\":\"" + TOKEN
                        + "\",\"encodingAesKey\":\"" + KEY + "\",\"apps\":[\"" + APP_1 + "\"]}");
        assertThat(r.status()).as(r.bodyText()).isEqualTo(204);
    }

    /** A push receiver that checks nothing and keeps what came. */
    private String receiverUrl() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/events", ex -> {
            received.put("query", ex.getRequestURI().getRawQuery());
            received.put("type", String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")));
            received.put("body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] ok = "success".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        receiver.start();
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/events";
    }

    private String ticket() throws Exception {
        JsonNode pushed = json(t.post(
                "/sim/component/push", "{\"componentAppId\":\"" + COMPONENT + "\",\"url\":\"" + receiverUrl() + "\"}"));
        assertThat(pushed.get("status").asInt()).isEqualTo(200);
        assertThat(pushed.get("answer").asString()).isEqualTo("success");
        return pushed.get("ticket").asString();
    }

    private SimResponse componentToken(String secret, String ticket) {
        return t.post(
                "/cgi-bin/component/api_component_token",
                "{\"component_appid\":\"" + COMPONENT + "\",\"component_appsecret\":\"" + secret
                        + "\",\"component_verify_ticket\":\"" + ticket + "\"}");
    }

    private static int stringErrcode(SimResponse r) {
        JsonNode body = json(r);
        assertThat(body.get("errcode").isString())
                .as("errcode as a string in %s", r.bodyText())
                .isTrue();
        return Integer.parseInt(body.get("errcode").asString());
    }

    @Test
    void aPushIsEncryptedAndSignedAsWeChatDoesIt() throws Exception {
        configure();
        String ticket = ticket();

        assertThat(received.get("type")).startsWith("text/xml");
        Map<String, String> q = new java.util.HashMap<>();
        for (String pair : received.get("query").split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], kv[1]);
        }
        assertThat(q)
                .containsKeys("signature", "timestamp", "nonce", "msg_signature")
                .containsEntry("encrypt_type", "aes");
        Matcher m = Pattern.compile("<Encrypt><!\\[CDATA\\[(.*?)]]></Encrypt>").matcher(received.get("body"));
        assertThat(m.find()).isTrue();
        String encrypt = m.group(1);
        String[] parts = {TOKEN, q.get("timestamp"), q.get("nonce"), encrypt};
        java.util.Arrays.sort(parts);
        String expected = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-1")
                        .digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)));
        assertThat(q.get("msg_signature")).isEqualTo(expected);
        // Opened by hand: AES-256-CBC, IV the key's first 16 bytes, 16 random + length + xml + appid, PKCS#7/32.
        byte[] key = Base64.getDecoder().decode(KEY + "=");
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
        byte[] plain = aes.doFinal(Base64.getDecoder().decode(encrypt));
        int pad = plain[plain.length - 1];
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        String xml = new String(plain, 20, length, StandardCharsets.UTF_8);
        String appId = new String(plain, 20 + length, plain.length - pad - 20 - length, StandardCharsets.UTF_8);
        assertThat(plain.length % 32).isZero();
        assertThat(appId).isEqualTo(COMPONENT);
        assertThat(xml)
                .contains("<InfoType><![CDATA[component_verify_ticket]]></InfoType>")
                .contains("<ComponentVerifyTicket><![CDATA[" + ticket + "]]></ComponentVerifyTicket>");
    }

    @Test
    void aPushedTicketGetsATokenThatExchangesAnAuthorizersCode() throws Exception {
        configure();
        String ticket = ticket();
        JsonNode token = TestSim.success(componentToken("csecret", ticket));
        assertThat(token.get("expires_in").asLong()).isEqualTo(7200);
        String code = t.login(APP_1, "alice");

        JsonNode session = TestSim.success(t.get(
                "/sns/component/jscode2session",
                "appid",
                APP_1,
                "js_code",
                code,
                "grant_type",
                "authorization_code",
                "component_appid",
                COMPONENT,
                "component_access_token",
                token.get("component_access_token").asString()));

        assertThat(session.get("openid").asString()).isEqualTo(Identities.openid(APP_1, "alice"));
        assertThat(session.has("session_key")).isTrue();
        assertThat(session.has("unionid")).as("APP_1 is in a group").isTrue();
    }

    @Test
    void theComponentsErrorsAreWeChats() throws Exception {
        configure();
        String ticket = ticket();
        assertThat(TestSim.errcode(componentToken("csecret", "never-pushed"))).isEqualTo(61006);
        assertThat(TestSim.errcode(componentToken("wrong", ticket))).isEqualTo(40125);
        String token = TestSim.success(componentToken("csecret", ticket))
                .get("component_access_token")
                .asString();

        SimResponse notAuthorized = t.get(
                "/sns/component/jscode2session",
                "appid",
                APP_2,
                "js_code",
                t.login(APP_2, "bob"),
                "grant_type",
                "authorization_code",
                "component_appid",
                COMPONENT,
                "component_access_token",
                token);
        assertThat(stringErrcode(notAuthorized)).isEqualTo(61003);
        assertThat(json(notAuthorized).get("errmsg").asString())
                .startsWith("component is not authorized by this account, rid: ");

        t.advance(7200);
        SimResponse expired = t.get(
                "/sns/component/jscode2session",
                "appid",
                APP_1,
                "js_code",
                t.login(APP_1, "alice"),
                "grant_type",
                "authorization_code",
                "component_appid",
                COMPONENT,
                "component_access_token",
                token);
        assertThat(stringErrcode(expired)).isEqualTo(42001);
        t.advance(12 * 3600);
        assertThat(TestSim.errcode(componentToken("csecret", ticket))).isEqualTo(61005);
    }
}
