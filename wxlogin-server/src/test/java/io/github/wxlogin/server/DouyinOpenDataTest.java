package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.DOUYIN_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/me/decrypt} for Douyin apps: AES-128-CBC under the user's session_key with the
 * watermark checked, and {@code signature = sha1(rawData + session_key)} when given, as Douyin's
 * sensitive-data page describes; data under another key is {@code session_key_stale}, a signature that
 * does not match is {@code invalid_request}.
 */
class DouyinOpenDataTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    private static DouyinSim douyin() {
        return DouyinSim.of(dev.service());
    }

    private static Tokens login(String user) {
        return Tokens.of(douyin().serviceLogin(DOUYIN_1, douyin().login(DOUYIN_1, user)));
    }

    private static Http.Reply decrypt(Tokens caller, JsonNode data, String rawData, String signature) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("encryptedData", data.get("encryptedData").asString());
        body.put("iv", data.get("iv").asString());
        if (rawData != null) {
            body.put("rawData", rawData);
            body.put("signature", signature);
        }
        return dev.http().withBearer("POST", "/v1/me/decrypt", caller.access(), Http.JSON.writeValueAsString(body));
    }

    @Test
    void openDataDecryptsUnderTheSessionKeyWithItsSignatureChecked() {
        Tokens caller = login("dy-open-data");
        JsonNode data = douyin().openData(DOUYIN_1, "dy-open-data", Map.of("nickName", "抖音用户", "gender", 1));

        Http.Reply r = decrypt(
                caller,
                data,
                data.get("rawData").asString(),
                data.get("signature").asString());

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode decrypted = r.json().get("data");
        assertThat(decrypted.get("nickName").asString()).isEqualTo("抖音用户");
        assertThat(decrypted.get("watermark").get("appid").asString()).isEqualTo(DOUYIN_1);
    }

    @Test
    void dataUnderAnotherUsersSessionKeyIsSessionKeyStale() {
        Tokens caller = login("dy-open-data-mine");
        login("dy-open-data-theirs");
        JsonNode theirs = douyin().openData(DOUYIN_1, "dy-open-data-theirs", Map.of("nickName", "n"));

        assertProblem(decrypt(caller, theirs, null, null), 409, "session_key_stale");
    }

    @Test
    void aTamperedSignatureOrRawDataIsInvalidRequest() {
        Tokens caller = login("dy-open-data-tampered");
        JsonNode data = douyin().openData(DOUYIN_1, "dy-open-data-tampered", Map.of("nickName", "n"));
        String signature = data.get("signature").asString();
        String flipped = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);

        assertProblem(decrypt(caller, data, data.get("rawData").asString(), flipped), 400, "invalid_request");
        assertProblem(
                decrypt(caller, data, data.get("rawData").asString().replace("\"n\"", "\"m\""), signature),
                400,
                "invalid_request");
    }
}
