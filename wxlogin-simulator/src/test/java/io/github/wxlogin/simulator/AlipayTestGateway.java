package io.github.wxlogin.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A developer's side of Alipay's gateway for the simulator's tests, on the JDK alone (not the
 * simulator's own crypto): signed alipay.system.oauth.token requests, and the checks of the answers,
 * with the vectors of {@code testdata/alipay-vectors.json}.
 */
final class AlipayTestGateway {

    static final JsonNode VECTORS = read("/alipay-vectors.json");

    private AlipayTestGateway() {}

    /** The common parameters of an oauth.token request at the given Beijing time, and its code. */
    static Map<String, String> oauthParams(String appId, String timestamp, String code) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("app_id", appId);
        p.put("method", "alipay.system.oauth.token");
        p.put("format", "JSON");
        p.put("charset", "utf-8");
        p.put("sign_type", "RSA2");
        p.put("timestamp", timestamp);
        p.put("version", "1.0");
        p.put("grant_type", "authorization_code");
        p.put("code", code);
        return p;
    }

    /** The request as the SDK sends it: common parameters and sign in the query, the rest in the form. */
    static SimResponse post(WeChatSimulator sim, Map<String, String> params, PrivateKey key) {
        Map<String, String> signed = new LinkedHashMap<>(params);
        if (key != null) {
            signed.put("sign", sign(content(params), key));
        }
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> form = new LinkedHashMap<>();
        signed.forEach((k, v) -> (k.equals("grant_type") || k.equals("code") ? form : query).put(k, v));
        return sim.handle(new SimRequest(
                "POST", "/alipay/gateway.do", encode(query), encode(form).getBytes(StandardCharsets.UTF_8)));
    }

    static String content(Map<String, String> params) {
        StringJoiner out = new StringJoiner("&");
        new TreeMap<>(params).forEach((k, v) -> {
            if (!k.equals("sign") && v != null && !v.isEmpty()) {
                out.add(k + "=" + v);
            }
        });
        return out.toString();
    }

    static String sign(String content, PrivateKey key) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean verifies(String content, String sign, PublicKey key) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update(content.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(sign));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw text of the answer's response member (or error_response), asserting the body has that shape. */
    static String signedText(SimResponse response, String root) {
        assertThat(response.status()).isEqualTo(200);
        String body = response.bodyText();
        String prefix = "{\"" + root + "\":";
        assertThat(body).startsWith(prefix);
        int signAt = body.lastIndexOf(",\"sign\":\"");
        return signAt < 0
                ? body.substring(prefix.length(), body.length() - 1)
                : body.substring(prefix.length(), signAt);
    }

    static String signOf(SimResponse response) {
        JsonNode sign = JsonMapper.shared().readTree(response.bodyText()).get("sign");
        return sign == null ? null : sign.stringValue();
    }

    static PrivateKey privateKey(String base64OrPem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(base64OrPem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static PublicKey publicKey(String base64OrPem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(base64OrPem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String vector(String section, String field) {
        return VECTORS.required(section).required(field).stringValue();
    }

    private static byte[] der(String text) {
        return Base64.getDecoder()
                .decode(text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    private static String encode(Map<String, String> params) {
        StringJoiner out = new StringJoiner("&");
        params.forEach((k, v) -> out.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    private static JsonNode read(String resource) {
        try (InputStream in = AlipayTestGateway.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath (testdata/ in the pom)");
            }
            return JsonMapper.shared().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
