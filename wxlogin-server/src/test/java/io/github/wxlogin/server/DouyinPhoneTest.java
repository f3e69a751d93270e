package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.DOUYIN_1;
import static io.github.wxlogin.simulator.DemoApps.DOUYIN_2;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/me/phone} for Douyin apps in dev mode, in both of the button's forms: the code
 * (get_phonenumber_info with the app's client token, the number RSA-encrypted under the public key of
 * the simulator's key pair, whose private key dev mode gave the service) and the older
 * {@code encryptedData}+{@code iv} under the session_key. The simulator is not reset between tests: the
 * service keeps the client token it fetched, and counts are taken as differences.
 */
class DouyinPhoneTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    private static DouyinSim douyin() {
        return DouyinSim.of(dev.service());
    }

    private static Tokens login(String appId, String user) {
        return Tokens.of(douyin().serviceLogin(appId, douyin().login(appId, user)));
    }

    private static Http.Reply bind(Tokens caller, Map<String, ?> body) {
        return dev.http().withBearer("POST", "/v1/me/phone", caller.access(), Http.JSON.writeValueAsString(body));
    }

    @Test
    void thePhoneButtonsCodeBindsTheNumberThroughGetPhonenumberInfo() {
        Tokens caller = login(DOUYIN_1, "dy-phone-code");
        String code = douyin().phone(DOUYIN_1, "dy-phone-code", "13900000101")
                .get("code")
                .asString();
        long phoneCalls = douyin().calls(DouyinSim.PHONE_NUMBER);

        Http.Reply r = bind(caller, Map.of("code", code));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("phoneNumber").asString()).isEqualTo("13900000101");
        assertThat(body.get("purePhoneNumber").asString()).isEqualTo("13900000101");
        assertThat(body.get("countryCode").asString()).isEqualTo("86");
        assertThat(body.get("user").get("phoneNumber").asString()).isEqualTo("13900000101");
        assertThat(douyin().calls(DouyinSim.PHONE_NUMBER)).isEqualTo(phoneCalls + 1);
        assertThat(dev.http().me(caller.bearer()).json().get("phoneNumber").asString())
                .isEqualTo("13900000101");
    }

    @Test
    void aNumberWithACountryCodeKeepsBothForms() {
        Tokens caller = login(DOUYIN_1, "dy-phone-abroad");
        Http.Reply code = dev.sim()
                .http()
                .postJson(
                        "/sim/phone-code",
                        Map.of(
                                "appId",
                                DOUYIN_1,
                                "user",
                                "dy-phone-abroad",
                                "phoneNumber",
                                "2025550101",
                                "countryCode",
                                "1"));

        Http.Reply r = bind(caller, Map.of("code", code.json().get("code").asString()));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("phoneNumber").asString()).isEqualTo("+1 2025550101");
        assertThat(r.json().get("purePhoneNumber").asString()).isEqualTo("2025550101");
        assertThat(r.json().get("countryCode").asString()).isEqualTo("1");
    }

    @Test
    void theClientTokenIsFetchedOnceForManyBindings() {
        Tokens first = login(DOUYIN_2, "dy-phone-token-1");
        Tokens second = login(DOUYIN_2, "dy-phone-token-2");
        assertThat(bind(
                                first,
                                Map.of(
                                        "code",
                                        douyin().phone(DOUYIN_2, "dy-phone-token-1", "13900000102")
                                                .get("code")
                                                .asString()))
                        .status())
                .isEqualTo(200);
        long tokenCalls = douyin().calls(DouyinSim.CLIENT_TOKEN);

        assertThat(bind(
                                second,
                                Map.of(
                                        "code",
                                        douyin().phone(DOUYIN_2, "dy-phone-token-2", "13900000103")
                                                .get("code")
                                                .asString()))
                        .status())
                .isEqualTo(200);

        assertThat(douyin().calls(DouyinSim.CLIENT_TOKEN)).isEqualTo(tokenCalls);
    }

    @Test
    void aSpentPhoneCodeIsInvalidCode() {
        Tokens caller = login(DOUYIN_1, "dy-phone-spent");
        String code = douyin().phone(DOUYIN_1, "dy-phone-spent", "13900000104")
                .get("code")
                .asString();
        assertThat(bind(caller, Map.of("code", code)).status()).isEqualTo(200);

        assertProblem(bind(caller, Map.of("code", code)), 401, "invalid_code");
    }

    @Test
    void anotherAppsPhoneCodeIsInvalidCode() {
        Tokens caller = login(DOUYIN_1, "dy-phone-other-app");
        String code = douyin().phone(DOUYIN_2, "dy-phone-other-app", "13900000105")
                .get("code")
                .asString();

        assertProblem(bind(caller, Map.of("code", code)), 401, "invalid_code");
    }

    @Test
    void theOlderEncryptedDataAndIvBindTheNumberUnderTheSessionKey() {
        Tokens caller = login(DOUYIN_1, "dy-phone-encrypted");
        JsonNode button = douyin().phone(DOUYIN_1, "dy-phone-encrypted", "13900000106");
        long phoneCalls = douyin().calls(DouyinSim.PHONE_NUMBER);

        Http.Reply r = bind(
                caller,
                Map.of(
                        "encryptedData",
                        button.get("encryptedData").asString(),
                        "iv",
                        button.get("iv").asString()));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("phoneNumber").asString()).isEqualTo("13900000106");
        assertThat(douyin().calls(DouyinSim.PHONE_NUMBER))
                .as("no call to Douyin")
                .isEqualTo(phoneCalls);
    }

    @Test
    void anotherUsersNumberIsPhoneInUseInEitherForm() {
        Tokens owner = login(DOUYIN_1, "dy-phone-owner");
        assertThat(bind(
                                owner,
                                Map.of(
                                        "code",
                                        douyin().phone(DOUYIN_1, "dy-phone-owner", "13900000107")
                                                .get("code")
                                                .asString()))
                        .status())
                .isEqualTo(200);
        Tokens other = login(DOUYIN_1, "dy-phone-other");
        JsonNode button = douyin().phone(DOUYIN_1, "dy-phone-other", "13900000107");

        assertProblem(bind(other, Map.of("code", button.get("code").asString())), 409, "phone_in_use");
        assertProblem(
                bind(
                        other,
                        Map.of(
                                "encryptedData",
                                button.get("encryptedData").asString(),
                                "iv",
                                button.get("iv").asString())),
                409,
                "phone_in_use");
    }
}
