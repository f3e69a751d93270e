package io.github.wxlogin.core.alipay;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformPhone;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The phone number in Alipay's {@code my.getPhoneNumber} answer. The mini program gets {@code res.response},
 * the whole message ({@code {"response":"<base64>","sign":"…","sign_type":"RSA2","encrypt_type":"AES",
 * "charset":"UTF-8"}}); it may send that message as {@code response}, or its {@code response} and
 * {@code sign} fields apart. Then, as Alipay documents it (https://opendocs.alipay.com/mini/api/getphonenumber,
 * https://opendocs.alipay.com/common/02mse3):
 * <ol>
 * <li>the signature is verified (RSA2, Alipay's public key for the app) over the {@code response} value
 *     as it stands in the message: an encrypted one is a JSON string, so the signed text is the base64
 *     with its two double quotes ({@code "…"}); a plain one is the JSON object's text;</li>
 * <li>an encrypted {@code response} is decrypted with the app's content key ({@link AlipayContentCipher});</li>
 * <li>the plaintext is {@code {"code":"10000","msg":"Success","mobile":"1597671905"}}, or an error
 *     ({@code code} ≠ 10000 with {@code subCode}, e.g. 40003 isv.invalid-auth-relations when the user
 *     did not authorize).</li>
 * </ol>
 * Alipay's answer names no user and no time, so it proves the number, not who presents it: the caller's
 * access token does that. No key, ciphertext or number goes into a message or a log line.
 */
final class AlipayPhone {

    private static final Logger log = LoggerFactory.getLogger(AlipayPhone.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern MOBILE = Pattern.compile("[0-9]{5,20}");
    private static final Duration MISCONFIGURED_RETRY = AlipayErrors.MISCONFIGURED_RETRY;

    private AlipayPhone() {}

    static PlatformPhone open(AlipayApp app, String response, String sign) {
        SecretKeySpec contentKey = app.contentKey().orElseThrow(() -> {
            log.warn(
                    "Phone binding refused: Alipay app {} has no content key configured (wxlogin.alipay.apps[…].content-key)",
                    app.appId());
            return refused(ErrorCode.UNSUPPORTED, "phone binding is not set up for this Alipay app");
        });
        Proof proof = proof(response, sign);
        if (proof.sign().isEmpty()) {
            throw refused(
                    ErrorCode.INVALID_REQUEST,
                    "sign is required: Alipay signs the phone answer (set up 接口加签方式 for the app)");
        }
        if (!AlipaySignatures.verify(proof.signedText(), proof.sign().get(), app.alipayPublicKey())) {
            log.warn(
                    "Phone binding refused: the phone answer's sign does not verify under Alipay's public key of app {}"
                            + " (tampered, or another app's; else check wxlogin.alipay.apps[…].alipay-public-key)",
                    app.appId());
            throw refused(ErrorCode.INVALID_REQUEST, "the phone answer's signature does not verify");
        }
        JsonNode plain = proof.encrypted() ? decrypted(app, contentKey, proof.content()) : object(proof.content());
        if (plain == null) {
            throw refused(ErrorCode.INVALID_REQUEST, "the phone answer is not Alipay's JSON");
        }
        String code = text(plain, "code");
        if (!AlipayClient.SUCCESS.equals(code)) {
            throw phoneError(app, code, text(plain, "subCode", "sub_code"));
        }
        String mobile = text(plain, "mobile");
        if (mobile == null || !MOBILE.matcher(mobile).matches()) {
            throw refused(ErrorCode.INVALID_REQUEST, "the phone answer holds no mobile number");
        }
        // my.getPhoneNumber gives the mainland number alone, without a country code.
        return new PlatformPhone(mobile, mobile, "86", Optional.empty());
    }

    /** What was sent: the whole message, or its two fields. */
    private record Proof(String content, boolean encrypted, String signedText, Optional<String> sign) {}

    private static Proof proof(String response, String sign) {
        String text = response.strip();
        Optional<String> givenSign = Optional.ofNullable(sign).filter(s -> !s.isBlank());
        if (text.startsWith("{")) {
            Map<String, String> members;
            try {
                members = RawJsonMembers.of(text);
            } catch (IllegalArgumentException e) {
                throw refused(ErrorCode.INVALID_REQUEST, "response is neither Alipay's message nor its response");
            }
            String inner = members.get("response");
            if (inner != null) {
                // The whole message of my.getPhoneNumber: its sign, unless one came apart.
                Optional<String> innerSign = givenSign.or(
                        () -> Optional.ofNullable(members.get("sign")).map(AlipayPhone::jsonString));
                if (!inner.startsWith("\"")) {
                    return new Proof(inner, false, inner, innerSign);
                }
                String ciphertext = jsonString(inner);
                if (ciphertext == null || ciphertext.isBlank()) {
                    throw refused(ErrorCode.INVALID_REQUEST, "the message's response is empty");
                }
                return new Proof(ciphertext, true, inner, innerSign);
            }
            return new Proof(text, false, text, givenSign);
        }
        // The encrypted response alone: signed as the JSON string it was in the message.
        return new Proof(text, true, "\"" + text + "\"", givenSign);
    }

    private static JsonNode decrypted(AlipayApp app, SecretKeySpec key, String base64) {
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw refused(ErrorCode.INVALID_REQUEST, "response is not base64");
        }
        Optional<byte[]> plain = AlipayContentCipher.decrypt(key, ciphertext);
        JsonNode json = plain.map(AlipayPhone::utf8).map(AlipayPhone::object).orElse(null);
        if (json == null) {
            // Alipay signed it, so it is Alipay's: only the service's content key can be wrong.
            log.error(
                    "Alipay's signed phone answer for app {} does not decrypt under the configured content key:"
                            + " check wxlogin.alipay.apps[…].content-key against the app's 接口内容加密方式 in Alipay's console",
                    app.appId());
            throw new PlatformException(
                    ErrorCode.UPSTREAM_UNAVAILABLE,
                    "Alipay's phone answer could not be decrypted; the operator must check the app's content key",
                    MISCONFIGURED_RETRY,
                    true,
                    null);
        }
        return json;
    }

    private static PlatformException phoneError(AlipayApp app, String code, String subCode) {
        String sub = subCode == null ? "" : subCode;
        if ("20000".equals(code)) {
            log.warn("Alipay's phone answer for app {} is code 20000 ({}): busy", app.appId(), sub);
            return new PlatformException(
                    ErrorCode.UPSTREAM_UNAVAILABLE,
                    "Alipay could not give the phone number; try again shortly",
                    AlipayErrors.BUSY_RETRY,
                    false,
                    null);
        }
        if ("40003".equals(code) || "isv.invalid-auth-relations".equals(sub)) {
            log.info("Alipay's phone answer for app {}: code {} ({})", app.appId(), code, sub);
            return refused(ErrorCode.INVALID_CODE, "Alipay gave no phone number: the user did not authorize it");
        }
        log.error(
                "Alipay's phone answer for app {} is code {} ({}): check the app's 接口加签方式, 接口内容加密方式 and"
                        + " 获取会员手机号 in Alipay's console",
                app.appId(),
                code,
                sub);
        return new PlatformException(
                ErrorCode.UPSTREAM_UNAVAILABLE,
                "Alipay gave no phone number (code " + code + "); the operator must check the app's setup",
                MISCONFIGURED_RETRY,
                true,
                null);
    }

    private static PlatformException refused(ErrorCode code, String detail) {
        return new PlatformException(code, detail, null, true, null);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static JsonNode object(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String jsonString(String raw) {
        try {
            JsonNode node = JSON.readTree(raw);
            return node != null && node.isString() ? node.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String... fields) {
        for (String field : fields) {
            JsonNode v = node.get(field);
            if (v != null && (v.isString() || v.isNumber()) && !v.asString().isBlank()) {
                return v.asString();
            }
        }
        return null;
    }
}
