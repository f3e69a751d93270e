package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertUser;
import static io.github.wxlogin.server.Contract.fields;
import static io.github.wxlogin.simulator.DemoApps.ALIPAY_APP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/me/phone} for an Alipay app over real HTTP: {@code my.getPhoneNumber}'s answer, as its
 * two fields or as the whole message, is verified with Alipay's public key and decrypted with the
 * app's content key (the simulator makes it with its own keys, written from Alipay's documentation);
 * a tampered or unsigned answer binds nothing, and the forms of WeChat are {@code unsupported}.
 */
class AlipayPhoneBindingTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    static AlipaySim alipay;

    @BeforeAll
    static void simulator() {
        alipay = new AlipaySim(dev.sim());
    }

    @Test
    void theResponseAndSignOfMyGetPhoneNumberBindTheNumber() {
        Tokens user = login("ali-phone-1");
        JsonNode answer = alipay.phoneAnswer(ALIPAY_APP, "ali-phone-1", "13700000001");

        Http.Reply r = bind(
                user,
                Map.of(
                        "response",
                        answer.get("response").asString(),
                        "sign",
                        answer.get("sign").asString()));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(fields(body)).containsExactlyInAnyOrder("phoneNumber", "purePhoneNumber", "countryCode", "user");
        assertThat(body.get("phoneNumber").asString()).isEqualTo("13700000001");
        assertThat(body.get("purePhoneNumber").asString()).isEqualTo("13700000001");
        assertThat(body.get("countryCode").asString()).isEqualTo("86");
        assertUser(body.get("user"));
        assertThat(body.get("user").get("id").asString()).isEqualTo(user.userId());
        assertThat(body.get("user").get("platform").asString()).isEqualTo("alipay");
        assertThat(dev.http().me(user.bearer()).json().get("phoneNumber").asString())
                .isEqualTo("13700000001");
    }

    @Test
    void theWholeMessageOfMyGetPhoneNumberIsTakenAsTheResponse() {
        Tokens user = login("ali-phone-2");
        JsonNode answer = alipay.phoneAnswer(ALIPAY_APP, "ali-phone-2", "13700000002");

        Http.Reply r = bind(user, Map.of("response", answer.get("fullResponse").asString()));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("phoneNumber").asString()).isEqualTo("13700000002");
    }

    @Test
    void aTamperedResponseOrAMissingSignBindsNothing() {
        Tokens user = login("ali-phone-3");
        JsonNode answer = alipay.phoneAnswer(ALIPAY_APP, "ali-phone-3", "13700000003");
        String response = answer.get("response").asString();
        String tampered = (response.charAt(5) == 'A' ? "B" : "A");
        tampered = response.substring(0, 5) + tampered + response.substring(6);
        String otherSign = alipay.phoneAnswer(ALIPAY_APP, "ali-phone-3", "13700000004")
                .get("sign")
                .asString();

        assertProblem(
                bind(
                        user,
                        Map.of("response", tampered, "sign", answer.get("sign").asString())),
                400,
                "invalid_request");
        assertProblem(bind(user, Map.of("response", response)), 400, "invalid_request");
        assertProblem(bind(user, Map.of("response", response, "sign", otherSign)), 400, "invalid_request");

        assertThat(dev.http().me(user.bearer()).json().get("phoneNumber").isNull())
                .isTrue();
    }

    @Test
    void aNumberAnotherUserHasIsPhoneInUse() {
        Tokens first = login("ali-phone-owner");
        Tokens second = login("ali-phone-other");
        JsonNode answer = alipay.phoneAnswer(ALIPAY_APP, "ali-phone-owner", "13700000005");
        Map<String, String> proof = Map.of(
                "response",
                answer.get("response").asString(),
                "sign",
                answer.get("sign").asString());
        assertThat(bind(first, proof).status()).isEqualTo(200);

        assertProblem(bind(second, proof), 409, "phone_in_use");
    }

    @Test
    void wechatsPhoneFormsAreUnsupportedForAnAlipayApp() {
        Tokens user = login("ali-phone-forms");

        assertProblem(bind(user, Map.of("code", "0123456789abcdef")), 400, "unsupported");
        assertProblem(
                bind(user, Map.of("encryptedData", "AAAAAAAAAAAAAAAAAAAAAA==", "iv", "AAAAAAAAAAAAAAAAAAAAAA==")),
                400,
                "unsupported");
    }

    private static Tokens login(String user) {
        return Tokens.of(dev.http().login(ALIPAY_APP, alipay.authCode(ALIPAY_APP, user)));
    }

    private static Http.Reply bind(Tokens user, Map<String, String> body) {
        return dev.http()
                .withBearer(
                        "POST", "/v1/me/phone", user.access(), Http.JSON.writeValueAsString(new LinkedHashMap<>(body)));
    }
}
